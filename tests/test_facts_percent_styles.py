"""Percentages as publishers write them: changes from one rate to another."""

from __future__ import annotations

from decimal import Decimal

import pytest

from digest.facts import extract
from digest.model import Percent
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
D = Decimal
P, PP = "percent", "percentage_point"


def percent(text: str, lang: str) -> tuple[Percent, ...]:
    return extract("Titel\n" + text, lang=lang, published=None, vocab=VOCAB).percent


def values(text: str, lang: str) -> list[tuple[Decimal, Decimal | None, str]]:
    return [(p.value, p.value_to, p.unit) for p in percent(text, lang)]


# -- 2. changes from one rate to another ------------------------------------------------

CHANGES = [
    ("de", "Die Arbeitslosenquote stieg um 0,3 Punkte auf 2,4 Prozent.",
     [(D("0.3"), None, PP), (D("2.4"), None, P)]),
    ("de", "Die Quote stieg um 0,3 Zähler auf 7,1 Prozent.",
     [(D("0.3"), None, PP), (D("7.1"), None, P)]),
    ("de", "Die Inflation fiel von 3,1 auf 2,8 Prozent.",
     [(D("3.1"), None, P), (D("2.8"), None, P)]),
    ("de", "Die Inflation fiel von 3,1 Prozent auf 2,8 Prozent.",
     [(D("3.1"), None, P), (D("2.8"), None, P)]),
    ("de", "Der Abstand sank von 5 auf 4,5 Prozentpunkte.",
     [(D("5"), None, PP), (D("4.5"), None, PP)]),
    ("de", "Die EZB hob den Satz um 25 Basispunkte auf 4,5 Prozent an.",
     [(D("0.25"), None, PP), (D("4.5"), None, P)]),
    ("de", "Die SPD verlor drei Punkte und kam auf 20 Prozent.",
     [(D("3"), None, PP), (D("20"), None, P)]),
    ("de", "Die Quote stieg im Mai um 0,2 Punkte gegenüber dem Vormonat auf 5,2 Prozent.",
     [(D("0.2"), None, PP), (D("5.2"), None, P)]),
    ("de", "Die Quote stieg auf 5,2 Prozent, ein Plus von 0,4 Punkten.",
     [(D("5.2"), None, P), (D("0.4"), None, PP)]),
    ("de", "Die Mieten steigen um 20 bis 30 Prozent.", [(D("20"), D("30"), P)]),
    ("de", "Der Anteil lag zwischen 20 % und 30 %.",
     [(D("20"), D("30"), P), (D("30"), None, P)]),
    ("de", "Das Gerät hat 49 Punkte und kostet 20 Prozent mehr.", [(D("20"), None, P)]),
    ("de", "Der DAX stieg um 120 Punkte auf 15.800 Zähler.", []),
    ("de", "Der Index gewann 30 Punkte oder 0,2 Prozent.", [(D("0.2"), None, P)]),
    ("de", "Der Zins stieg um einen Viertelpunkt auf 2 Prozent.", [(D("2"), None, P)]),
    ("de", "Der Leitzins stieg um 25 Basispunkte.", []),
    ("en", "Unemployment rose 0.3 points to 5.1 percent.",
     [(D("0.3"), None, PP), (D("5.1"), None, P)]),
    ("en", "Inflation fell from 3.1% to 2.8%.", [(D("3.1"), None, P), (D("2.8"), None, P)]),
    ("en", "Inflation fell from 3.1 to 2.8 percent.",
     [(D("3.1"), None, P), (D("2.8"), None, P)]),
    ("en", "The bank raised rates by 25 basis points to 4.5%.",
     [(D("0.25"), None, PP), (D("4.5"), None, P)]),
    ("en", "Yields rose 50bp to 4.25%.", [(D("0.5"), None, PP), (D("4.25"), None, P)]),
    ("en", "The gap narrowed from 5 to 4.5 percentage points.",
     [(D("5"), None, PP), (D("4.5"), None, PP)]),
    ("en", "Labour's lead fell 3 points to 5%.", [(D("3"), None, PP), (D("5"), None, P)]),
    ("en", "The jobless rate fell to 5.1%, down 0.3 points.",
     [(D("5.1"), None, P), (D("0.3"), None, PP)]),
    ("en", "Turnout rose from 59 per cent to 61 per cent.",
     [(D("59"), None, P), (D("61"), None, P)]),
    ("en", "Prices could rise between 20% and 30% this year.",
     [(D("20"), D("30"), P), (D("30"), None, P)]),
    ("en", "Costs grew 5-10% a year.", [(D("5"), D("10"), P)]),
    ("en", "The FTSE 100 rose 24 points, or 0.5%, to 4,800.", [(D("0.5"), None, P)]),
    ("en", "The Dow fell 40 points to 10,500.", []),
    ("en", "Rates rose by a quarter of a point to 2.25%.", [(D("2.25"), None, P)]),
    ("en", "The team won by 3 points with 60% of possession.", [(D("60"), None, P)]),
    ("en", "The index rose 0.5%, up 24 points.", [(D("0.5"), None, P)]),
    ("en", "The bank cut rates by 25 basis points.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CHANGES)
def test_changes_from_one_rate_to_another(
    lang: str, sentence: str, expected: list[tuple[Decimal, Decimal | None, str]]
) -> None:
    """"from X to Y" is two facts; points beside a percent target are percentage points."""
    assert values(sentence, lang) == expected
