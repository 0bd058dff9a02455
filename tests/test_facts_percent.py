"""Percent facts: %, Prozent, per cent, spelled-out figures, points, signs and ranges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from digest.facts import extract
from digest.model import Percent
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
D = Decimal


def percent(text: str, lang: str) -> tuple[Percent, ...]:
    return extract("Titel\n" + text, lang=lang, published=None, vocab=VOCAB).percent


CASES = [
    ("de", "Die Arbeitslosigkeit stieg um 1,2 Prozent.", [(D("1.2"), None, "percent")]),
    ("de", "Der Anteil liegt bei 45 %.", [(D("45"), None, "percent")]),
    ("de", "Der Anteil liegt bei 45%.", [(D("45"), None, "percent")]),
    ("de", "Die Preise stiegen um vier Prozent.", [(D("4"), None, "percent")]),
    ("de", "Die Zinsen steigen um einen Prozentpunkt.", [(D("1"), None, "percentage_point")]),
    ("de", "Die Quote fiel um 0,8 Prozentpunkte.", [(D("0.8"), None, "percentage_point")]),
    ("de", "Der Umsatz sank um -2,5 Prozent.", [(D("-2.5"), None, "percent")]),
    ("de", "Die Kurse fielen um minus 3 Prozent.", [(D("-3"), None, "percent")]),
    ("de", "Die Mieten steigen um 20 bis 30 Prozent.", [(D("20"), D("30"), "percent")]),
    ("de", "Rund 30, 40 Prozent der Firmen sind betroffen.", [(D("30"), D("40"), "percent")]),
    ("en", "Growth was just 0.1% in the quarter.", [(D("0.1"), None, "percent")]),
    ("en", "Prices rose by 2.5 per cent last month.", [(D("2.5"), None, "percent")]),
    ("en", "Nineteen percent of owners agreed.", [(D("19"), None, "percent")]),
    ("en", "Turnout was up 3 percentage points.", [(D("3"), None, "percentage_point")]),
    ("en", "Shares jumped +7% on Monday.", [(D("7"), None, "percent")]),
    ("en", "Prices could rise between 20% and 30% this year.",
     [(D("20"), D("30"), "percent"), (D("30"), None, "percent")]),
    ("en", "Costs grew 5-10% a year.", [(D("5"), D("10"), "percent")]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES)
def test_percentages(lang: str, sentence: str,
                     expected: list[tuple[Decimal, Decimal | None, str]]) -> None:
    """Each percentage has its exact value, its range end and its unit."""
    assert [(p.value, p.value_to, p.unit) for p in percent(sentence, lang)] == expected


def test_decimal_paired_with_a_percentage_is_a_percentage() -> None:
    """ "um 1,6 statt ... um 2,4 Prozent": the bare decimal shares the unit."""
    got = percent("Die Renten stiegen um 1,6 statt der Inflation um 2,4 Prozent.", "de")
    assert [p.value for p in got] == [D("1.6"), D("2.4")]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "Ein Drittel der Befragten und die Hälfte der Firmen stimmten zu."),
        ("de", "Der Zinsschritt betrug einen Viertelpunkt."),
        ("en", "One in three people and half of all firms agreed."),
        ("en", "Rates rose by a quarter of a point in 2004."),
        ("en", "The 24 members met 3 times."),
    ],
)
def test_fractions_and_steps_are_not_percentages(lang: str, sentence: str) -> None:
    """Fractions and rate steps without a percent word are not labelled."""
    assert percent(sentence, lang) == ()
