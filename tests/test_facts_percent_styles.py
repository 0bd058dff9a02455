"""Percentages as publishers write them: fractions of a percent, changes from one rate to
another, and figures joined to the unit in compounds and headlines."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from digest.facts import extract, percent_words
from digest.facts import percent as percent_module
from digest.facts.context import search_tail
from digest.model import Percent
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
D = Decimal
P, PP = "percent", "percentage_point"


def percent(text: str, lang: str, title: str = "Titel") -> tuple[Percent, ...]:
    return extract(title + "\n" + text, lang=lang, published=None, vocab=VOCAB).percent


def values(text: str, lang: str) -> list[tuple[Decimal, Decimal | None, str]]:
    return [(p.value, p.value_to, p.unit) for p in percent(text, lang)]


# -- 1. fractions of a percent; shares and rate steps without a percent word -------------

FRACTIONS = [
    ("de", "Die Preise stiegen um ein halbes Prozent.", [(D("0.5"), None, P)]),
    ("de", "Die Notenbank senkte den Leitzins um einen halben Prozentpunkt.",
     [(D("0.5"), None, PP)]),
    ("de", "Ein halber Prozentpunkt mehr wäre schon zu viel.", [(D("0.5"), None, PP)]),
    ("de", "Die Zentralbank hob den Zins um einen Viertelprozentpunkt an.",
     [(D("0.25"), None, PP)]),
    ("de", "Das war ein Viertelprozentpunkt weniger als erwartet.", [(D("0.25"), None, PP)]),
    ("de", "Die Quote sank um zwei Zehntelprozentpunkte.", [(D("0.2"), None, PP)]),
    ("de", "Der Zuwachs lag bei drei Viertel Prozent.", [(D("0.75"), None, P)]),
    ("de", "Die Rendite fiel um drei Zehntel Prozentpunkte.", [(D("0.3"), None, PP)]),
    ("de", "Das Plus betrug nur ein Zehntelprozent.", [(D("0.1"), None, P)]),
    ("de", "Die Gebühr beträgt einen Achtelprozentpunkt.", [(D("0.125"), None, PP)]),
    ("de", "Der Zins stieg um einen Viertel-Prozentpunkt auf 2,5 Prozent.",
     [(D("0.25"), None, PP), (D("2.5"), None, P)]),
    ("de", "Die Erzeugerpreise sanken um minus ein halbes Prozent.", [(D("-0.5"), None, P)]),
    ("de", "Drei Viertel der Befragten stimmten zu.", []),
    ("de", "Ein Drittel der Firmen und die Hälfte der Haushalte sparen.", []),
    ("de", "Jeder dritte Betrieb und zwei Drittel der Filialen schließen.", []),
    ("de", "Die Notenbank erhöhte den Zins um einen Viertelpunkt.", []),
    ("de", "Der Zins stieg um einen halben Punkt.", []),
    ("de", "Eine halbe Million Menschen demonstrierten.", []),
    ("de", "Die Löhne stiegen um zweieinhalb Prozent.", [(D("2.5"), None, P)]),
    ("de", "Die Quote sank um eineinhalb Prozentpunkte.", [(D("1.5"), None, PP)]),
    ("de", "Die Renten steigen um anderthalb Prozent.", [(D("1.5"), None, P)]),
    ("de", "Der Zuschlag beträgt fünfeinhalb Prozent.", [(D("5.5"), None, P)]),
    ("en", "Rates rose by half a percentage point.", [(D("0.5"), None, PP)]),
    ("en", "Prices rose half a percent in May.", [(D("0.5"), None, P)]),
    ("en", "Growth slowed by half a per cent.", [(D("0.5"), None, P)]),
    ("en", "The Fed raised rates by a quarter of a percentage point.",
     [(D("0.25"), None, PP)]),
    ("en", "The bank cut its rate by a quarter percentage point.", [(D("0.25"), None, PP)]),
    ("en", "Inflation edged up a tenth of a percentage point.", [(D("0.1"), None, PP)]),
    ("en", "Yields fell two-tenths of a percentage point.", [(D("0.2"), None, PP)]),
    ("en", "The fee is three quarters of a percent.", [(D("0.75"), None, P)]),
    ("en", "A half-percentage-point cut is expected.", [(D("0.5"), None, PP)]),
    ("en", "Output rose by half of one percent.", [(D("0.5"), None, P)]),
    ("en", "Mortgage rates rose a quarter of a percentage point to 5.5%.",
     [(D("0.25"), None, PP), (D("5.5"), None, P)]),
    ("en", "Two thirds of voters backed the plan.", []),
    ("en", "Half of all firms and a quarter of households cut spending.", []),
    ("en", "One in three adults is affected.", []),
    ("en", "Rates rose by a quarter of a point.", []),
    ("en", "The bank made a half-point cut.", []),
    ("en", "A third of the staff left.", []),
    ("en", "Rates rose half a point to 4.75%.", [(D("4.75"), None, P)]),
    ("en", "Prices rose two and a half percent.", [(D("2.5"), None, P)]),
    ("en", "Rates rose one and a half percentage points.",
                 [(D("1.5"), None, PP)]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), FRACTIONS)
def test_fractions_of_a_percent(lang: str, sentence: str,
                                expected: list[tuple[Decimal, Decimal | None, str]]) -> None:
    """A fraction before a percent word is a percentage; a share of people is not."""
    assert values(sentence, lang) == expected


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


# -- 3. compounds and headlines: the fact's text is the figure and unit as written --------

COMPOUNDS = [
    ("de", "Die 25-Prozent-Beteiligung wurde verkauft.", [("25-Prozent", D("25"), P)]),
    ("de", "Die Partei scheiterte an der Fünf-Prozent-Hürde.", [("Fünf-Prozent", D("5"), P)]),
    ("de", "Das Drei-Prozent-Ziel der EU gilt weiter.", [("Drei-Prozent", D("3"), P)]),
    ("de", "Das EU-Drei-Prozent-Ziel gilt weiter.", [("Drei-Prozent", D("3"), P)]),
    ("de", "Die EZB verfehlt ihr 2%-Ziel.", [("2%", D("2"), P)]),
    ("de", "Er hält eine 10-prozentige Beteiligung.", [("10-prozentige", D("10"), P)]),
    ("de", "Eine zehnprozentige Erhöhung ist geplant.", [("zehnprozentige", D("10"), P)]),
    ("de", "Die Partei scheiterte an der Fünfprozenthürde.", [("Fünfprozent", D("5"), P)]),
    ("de", "Die Mutter hält eine 100%ige Beteiligung.", [("100%ige", D("100"), P)]),
    ("de", "Die Zwei-Prozentpunkte-Regel gilt.", [("Zwei-Prozentpunkte", D("2"), PP)]),
    ("de", "Eine zweiundzwanzigprozentige Steigerung.",
     [("zweiundzwanzigprozentige", D("22"), P)]),
    ("de", "Er ist sich hundertprozentig sicher.", []),
    ("de", "Der Prozentsatz ist unbekannt.", []),
    ("de", "Die Kosten sind prozentual gestiegen.", []),
    ("de", "Die Fünfjahresfrist und die Zehnerkarte bleiben.", []),
    ("de", "Das Zweieinhalb-Prozent-Ziel wackelt.",
                 [("Zweieinhalb-Prozent", D("2.5"), P)]),
    ("en", "He bought a 10-percent stake.", [("10-percent", D("10"), P)]),
    ("en", "He bought a 10% stake.", [("10%", D("10"), P)]),
    ("en", "It was a five-percent rise.", [("five-percent", D("5"), P)]),
    ("en", "She sold a 10-per-cent stake.", [("10-per-cent", D("10"), P)]),
    ("en", "Labour held a two-percentage-point lead.",
     [("two-percentage-point", D("2"), PP)]),
    ("en", "Labour held a 1.5-percentage-point lead.",
     [("1.5-percentage-point", D("1.5"), PP)]),
    ("en", "A three-quarter-percentage-point cut came.",
     [("three-quarter-percentage-point", D("0.75"), PP)]),
    ("en", "The board agreed a twenty-five-percent cut.",
     [("twenty-five-percent", D("25"), P)]),
    ("en", "The one-percenters got richer.", []),
    ("en", "They want a 50-50 split and a five-point plan.", []),
    ("en", "He built a 100-point lead.", []),
    ("en", "The 99-percenters marched.", []),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), COMPOUNDS)
def test_compounds(lang: str, sentence: str, expected: list[tuple[str, Decimal, str]]) -> None:
    """A figure joined to its unit is a percentage whose text is both as written."""
    got = percent(sentence, lang)
    assert [(p.text, p.value, p.unit) for p in got] == expected
    assert all(p.value_to is None for p in got)


HEADLINES = [
    ("de", "INFLATION STEIGT AUF 5 PROZENT", [("5 PROZENT", D("5"), P)]),
    ("de", "WACHSTUM VON FÜNF PROZENT ERWARTET", [("FÜNF PROZENT", D("5"), P)]),
    ("de", "EZB SENKT ZINS UM EINEN HALBEN PROZENTPUNKT",
     [("EINEN HALBEN PROZENTPUNKT", D("0.5"), PP)]),
    ("de", "Regierung hält am Drei-Prozent-Ziel fest", [("Drei-Prozent", D("3"), P)]),
    ("de", "Fünf-Prozent-Hürde bleibt", [("Fünf-Prozent", D("5"), P)]),
    ("de", "DREI VIERTEL DER BEFRAGTEN DAGEGEN", []),
    ("en", "Shares Jump 10 Percent", [("10 Percent", D("10"), P)]),
    ("en", "Oil Prices Fall Ten Percent", [("Ten Percent", D("10"), P)]),
    ("en", "Rates Up Ten Per Cent", [("Ten Per Cent", D("10"), P)]),
    ("en", "Fed Sticks To Two-Percent Target", [("Two-Percent", D("2"), P)]),
    ("en", "Rates Rise Half A Percentage Point", [("Half A Percentage Point", D("0.5"), PP)]),
    ("en", "INFLATION HITS 5 PERCENT", [("5 PERCENT", D("5"), P)]),
    ("en", "TEN PERCENT OF JOBS GO", [("TEN PERCENT", D("10"), P)]),
    ("en", "Jobless Rate Falls To 5.1 Per Cent", [("5.1 Per Cent", D("5.1"), P)]),
    ("en", "The Percentage Of Voters Fell", []),
    ("en", "A Third Of Voters Back Plan", []),
    ("en", "Two-Thirds Of Firms Cut Jobs", []),
    ("en", "Fed Eyes Two-And-A-Half Percent Rate",
                 [("Two-And-A-Half Percent", D("2.5"), P)]),
]


@pytest.mark.parametrize(("lang", "title", "expected"), HEADLINES)
def test_headlines(lang: str, title: str, expected: list[tuple[str, Decimal, str]]) -> None:
    """Title case and capitals, the styles of a headline, are read in the title line."""
    got = percent("Mehr dazu." if lang == "de" else "More soon.", lang, title=title)
    assert [(p.text, p.value, p.unit) for p in got] == expected
    assert all(p.value_to is None for p in got)


# -- the fast paths give what the plain search gives -------------------------------------

SPACES = [" ", " ", "", "-", "\u00a0", "\n"]


def _texts(pieces: list[str], n: int, seed: int, most: int = 10) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(pieces) + rnd.choice(SPACES) for _ in range(rnd.randint(1, most)))
        for _ in range(n)
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_point_search_from_the_tail_finds_the_leftmost_match(lang: str) -> None:
    pieces = (
        ["0,3", "1.000", "drei", "plus", "+", "Punkte", "Punkten", "Zähler", "Basispunkte",
         "auf", "auf", "um", "dem", "Vormonat", "x", ","] if lang == "de" else
        ["0.3", "1,000", "three", "a", "minus", "+", "points", "basis", "bp", "to", "to", "by",
         "the", "month", "x", ","]
    )
    rx = percent_module._point_patterns(lang)["before"]
    to = percent_module._POINT_TO[lang]
    c1, c2 = percent_module._POINT_CUES[lang]
    for text in _texts(pieces, 3000, 11, 12):
        text += " "
        full = rx.search(text)
        tail = search_tail(rx, text, 11 if text.endswith("\n") else 10)
        assert (tail and (tail.span(), tail.groups())) == (
            full and (full.span(), full.groups())
        ), repr(text)
        if full:  # the cheap tests before the search are necessary
            assert c1 in text or c2 in text, repr(text)
            assert not to.isdisjoint(text.split()[-3:]), repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_unit_positions_are_where_the_unit_is(lang: str) -> None:
    pieces = ["Prozent", "prozent", "PROZENT", "Prozentpunkt", "percent", "Percent", "PERCENT",
              "per", "Per", "PER", "cent", "Cent", "CENT", "recent", "rozent", "P", "x", "5"]
    body, title = (
        (r"[Pp]rozent", r"PROZENT") if lang == "de"
        else (r"(?:per|Per|PER)[ -]?cent", r"(?:per|Per|PER)[ -]?(?:Cent|CENT)")
    )
    for text in _texts(pieces, 3000, 12, 12):
        first = text.split("\n", 1)[0]
        want = {m.start() for m in re.finditer(body, text)}
        want |= {m.start() for m in re.finditer(title, first)}
        assert percent_words._unit_positions(text, lang) == sorted(want), repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fraction_word_test_is_necessary(lang: str) -> None:
    pieces = ["ein", "einen", "halben", "halbes", "Halber", "drei", "Viertel", "dreiviertel",
              "Zehntel", "zwei", "a", "A", "half", "Half", "of", "one", "quarter", "quarters",
              "two", "tenths", "and", "x", "5", "\u202f"]
    rx = percent_words._patterns(lang)["fraction"]
    for text in _texts(pieces, 3000, 13, 8):
        if rx.search(text):
            assert percent_words.may_end_in_fraction(text, lang), repr(text)
