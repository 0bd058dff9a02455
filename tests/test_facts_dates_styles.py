"""Dates in any publisher's style: wire datelines, stand-firsts and headlines with abbreviated
or capitalised months, and spans and lists of dates (the rule is in digest.facts.dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from digest.facts import extract
from digest.model import DateFact
from digest.pages import display
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
PUBLISHED = dt.date(2026, 3, 20)
"""The article date every case is read with: a month without a year is the nearest one."""
Y = ("year",)
"""The year came from the article date."""


def dates(text: str, lang: str) -> tuple[DateFact, ...]:
    return extract("Titel\n" + text, lang=lang, published=PUBLISHED, vocab=VOCAB).dates


def fields(d: DateFact) -> tuple[dict[str, int], tuple[str, ...]]:
    keys = ("year", "month", "day", "year_to", "month_to", "day_to", "quarter", "half")
    return {k: getattr(d, k) for k in keys if getattr(d, k) is not None}, d.inferred


Case = tuple[str, str, list[tuple[dict[str, int], tuple[str, ...]]]]

WIRE_DE: list[Case] = [
    ("de", "Ab 1. Mär. 2026 gilt der neue Tarif.", [({"year": 2026, "month": 3, "day": 1}, ())]),
    ("de", "Ab 1. Mrz. 2026 gilt der neue Tarif.", [({"year": 2026, "month": 3, "day": 1}, ())]),
    ("de", "Die Anlage geht am 5. Aug 2026 in Betrieb.",
     [({"year": 2026, "month": 8, "day": 5}, ())]),
    ("de", "Seit Okt 2025 sinkt der Absatz.", [({"year": 2025, "month": 10}, ())]),
    ("de", "Die Frist endet am 3. Jän 2027.", [({"year": 2027, "month": 1, "day": 3}, ())]),
    ("de", "Der Vertrag läuft bis 30. Nov 2026.", [({"year": 2026, "month": 11, "day": 30}, ())]),
    ("de", "MÜNCHEN, 4. Feb (dpa) - Die Aktien fielen.",
     [({"year": 2026, "month": 2, "day": 4}, Y)]),
    ("de", "WIEN, 14. SEPT. (APA) - Der Leitindex stieg.",
     [({"year": 2026, "month": 9, "day": 14}, Y)]),
    ("de", "BERLIN, 3. März (dpa) - Die Börse schloss fester.",
     [({"year": 2026, "month": 3, "day": 3}, Y)]),
    ("de", "3. MÄRZ 2026: STREIK BEI DER BAHN", [({"year": 2026, "month": 3, "day": 3}, ())]),
    ("de", "AM 1. JULI 2026 STARTET DAS PROJEKT", [({"year": 2026, "month": 7, "day": 1}, ())]),
    ("de", "Stand: 12. Mär 2026, 14:05 Uhr", [({"year": 2026, "month": 3, "day": 12}, ())]),
    ("de", "Stand: 12.03.2026 14:05 Uhr", [({"year": 2026, "month": 3, "day": 12}, ())]),
    ("de", "Stand: 12. März 2026, 14:05 Uhr", [({"year": 2026, "month": 3, "day": 12}, ())]),
    # an abbreviation without a day or a year beside it is no date; "Mär" is also a word
    ("de", "Im Okt. sanken die Zahlen.", []),
    ("de", "Die Mär vom billigen Strom hält sich.", []),
    ("de", "Jan Ullrich fuhr damals vorneweg.", []),
]

WIRE_EN: list[Case] = [
    ("en", "Bids are due Sep 3 at noon.", [({"year": 2026, "month": 9, "day": 3}, Y)]),
    ("en", "Shares fell on Aug 5.", [({"year": 2026, "month": 8, "day": 5}, Y)]),
    ("en", "The plant closed on March 7.", [({"year": 2026, "month": 3, "day": 7}, Y)]),
    ("en", "The Jun 30, 2026 deadline stands.", [({"year": 2026, "month": 6, "day": 30}, ())]),
    ("en", "WASHINGTON, Feb 23 (Reuters) - Stocks rose.",
     [({"year": 2026, "month": 2, "day": 23}, Y)]),
    ("en", "LONDON, MARCH 3 (AP) — Oil prices fell.", [({"year": 2026, "month": 3, "day": 3}, Y)]),
    ("en", "NEW YORK, Sept 14 (Reuters) - The dollar rose.",
     [({"year": 2026, "month": 9, "day": 14}, Y)]),
    ("en", "FRANKFURT, March 3 (Reuters) - Bund yields fell.",
     [({"year": 2026, "month": 3, "day": 3}, Y)]),
    ("en", "Updated: Mar 12, 2026 2:05 p.m. ET", [({"year": 2026, "month": 3, "day": 12}, ())]),
    ("en", "Updated: March 12, 2026 2:05 p.m.", [({"year": 2026, "month": 3, "day": 12}, ())]),
    ("en", "Published Dec 1, 2025 at 14:05 GMT", [({"year": 2025, "month": 12, "day": 1}, ())]),
    ("en", "Oct 2025 figures showed a slowdown.", [({"year": 2025, "month": 10}, ())]),
    ("en", "MAY 4: MARKETS RALLY", [({"year": 2026, "month": 5, "day": 4}, Y)]),
    ("en", "IN MAY PRICES ROSE AGAIN", [({"year": 2026, "month": 5}, Y)]),
    ("en", "In March, the firm opened two stores.", [({"year": 2026, "month": 3}, Y)]),
    ("en", "The vote is set for Feb. 23 in the capital.",
     [({"year": 2026, "month": 2, "day": 23}, Y)]),
    # "May", "March" and abbreviations are ordinary words without a date's company
    ("en", "STOCKS MAY FALL AGAIN", []),
    ("en", "Jan Smith may mar the record.", []),
]

SPANS_DE: list[Case] = [
    ("de", "Die Preise stiegen von April bis Juni.",
     [({"year": 2026, "month": 4, "month_to": 6}, Y)]),
    ("de", "Zwischen April und Juni wird gebaut.",
     [({"year": 2026, "month": 4, "month_to": 6}, Y)]),
    ("de", "Im Zeitraum April–Juni 2026 wuchs der Umsatz.",
     [({"year": 2026, "month": 4, "month_to": 6}, ())]),
    ("de", "Die Messe läuft vom 3. März bis 7. März.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, Y)]),
    ("de", "Gewählt wird zwischen dem 1. und dem 15. Mai.",
     [({"year": 2026, "month": 5, "day": 1, "day_to": 15}, Y)]),
    ("de", "Die Strecke ist von Ende April bis Anfang Juni gesperrt.",
     [({"year": 2026, "month": 4, "month_to": 6}, Y)]),
    ("de", "Die Baustelle bleibt vom 3. März bis 5. April.",
     [({"year": 2026, "month": 3, "day": 3, "month_to": 4, "day_to": 5}, Y)]),
    ("de", "Die Messe läuft vom 3. bis zum 7. März 2026.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, ())]),
    ("de", "Das Lokal ist vom 28. Dezember bis 6. Jänner 2027 zu.",
     [({"year": 2026, "month": 12, "day": 28, "year_to": 2027, "month_to": 1, "day_to": 6}, ())]),
    ("de", "Das Lokal ist vom 28. Dezember bis 6. Jänner zu.",
     [({"year": 2025, "month": 12, "day": 28, "year_to": 2026, "month_to": 1, "day_to": 6},
       ("year", "year_to"))]),
    # two dates, not a span: separate events, a list, an end with its own year
    ("de", "Das Werk schloss am 3. März und öffnete am 7. März.",
     [({"year": 2026, "month": 3, "day": 3}, Y), ({"year": 2026, "month": 3, "day": 7}, Y)]),
    ("de", "Es regnete im März und im Juni.",
     [({"year": 2026, "month": 3}, Y), ({"year": 2026, "month": 6}, Y)]),
    ("de", "Gestreikt wurde am 3. und 7. März.",
     [({"year": 2026, "month": 3, "day": 3}, Y), ({"year": 2026, "month": 3, "day": 7}, Y)]),
    ("de", "Gebaut wird im März und Juni 2026.",
     [({"year": 2026, "month": 3}, ()), ({"year": 2026, "month": 6}, ())]),
    ("de", "Von August 2014 bis Juli 2015 stiegen die Preise.",
     [({"year": 2014, "month": 8}, ()), ({"year": 2015, "month": 7}, ())]),
    ("de", "Die Messe läuft vom 3. März 2026 bis 7. März 2026.",
     [({"year": 2026, "month": 3, "day": 3}, ()), ({"year": 2026, "month": 3, "day": 7}, ())]),
    ("de", "Die Schüler der 3. bis 5. Klasse kommen um 9 bis 17 Uhr.", []),
]

SPANS_EN: list[Case] = [
    ("en", "Talks ran between March 3 and March 7.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, Y)]),
    ("en", "The fair runs from March 3 to March 7, 2026.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, ())]),
    ("en", "The fair runs March 3-7 in Vienna.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, Y)]),
    ("en", "The fair runs from 3 to 7 March.",
     [({"year": 2026, "month": 3, "day": 3, "day_to": 7}, Y)]),
    ("en", "The festival runs from June 1 to June 5, 2026.",
     [({"year": 2026, "month": 6, "day": 1, "day_to": 5}, ())]),
    ("en", "Prices rose from late April to early June.",
     [({"year": 2026, "month": 4, "month_to": 6}, Y)]),
    ("en", "Prices rose between mid-March and the end of June.",
     [({"year": 2026, "month": 3, "month_to": 6}, Y)]),
    ("en", "Sales for January–March 2026 rose.", [({"year": 2026, "month": 1, "month_to": 3}, ())]),
    ("en", "The line is shut from 3 March to 5 April 2026.",
     [({"year": 2026, "month": 3, "day": 3, "month_to": 4, "day_to": 5}, ())]),
    ("en", "The office is shut from Dec 28 to Jan 3, 2027.",
     [({"year": 2026, "month": 12, "day": 28, "year_to": 2027, "month_to": 1, "day_to": 3}, ())]),
    # two dates, not a span
    ("en", "It opened on March 3 and closed on March 7.",
     [({"year": 2026, "month": 3, "day": 3}, Y), ({"year": 2026, "month": 3, "day": 7}, Y)]),
    ("en", "It rained in March and in June.",
     [({"year": 2026, "month": 3}, Y), ({"year": 2026, "month": 6}, Y)]),
    ("en", "It rained in March and June.",
     [({"year": 2026, "month": 3}, Y), ({"year": 2026, "month": 6}, Y)]),
    ("en", "Votes were cast on March 3 and 7.",
     [({"year": 2026, "month": 3, "day": 3}, Y), ({"year": 2026, "month": 3, "day": 7}, Y)]),
    ("en", "Prices rose from August 2014 to July 2015.",
     [({"year": 2014, "month": 8}, ()), ({"year": 2015, "month": 7}, ())]),
    ("en", "It ran from March 3, 2026 to March 7, 2026.",
     [({"year": 2026, "month": 3, "day": 3}, ()), ({"year": 2026, "month": 3, "day": 7}, ())]),
    # a figure after "to" that is an amount ends no span
    ("en", "The index rose on March 3 to 7 points.", [({"year": 2026, "month": 3, "day": 3}, Y)]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), WIRE_DE + WIRE_EN)
def test_wire_and_headline_style(lang: str, sentence: str, expected: list[Any]) -> None:
    """Abbreviated months with or without a full stop, capitals, datelines, stand-firsts."""
    assert [fields(d) for d in dates(sentence, lang)] == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), SPANS_DE + SPANS_EN)
def test_spans_and_lists(lang: str, sentence: str, expected: list[Any]) -> None:
    """A span sharing one year is one fact; a list, or ends with their own years, are two."""
    assert [fields(d) for d in dates(sentence, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "date"),
    [
        ("de", "Stand: 12.03.2026 14:05 Uhr", "12.03.2026"),
        ("de", "Stand: 12. März 2026, 14:05 Uhr", "12. März 2026"),
        ("en", "Updated: March 12, 2026 2:05 p.m.", "March 12, 2026"),
    ],
)
def test_stand_first_clock_time_is_no_date(lang: str, sentence: str, date: str) -> None:
    """The stand-first's date is one fact, its clock time no part of it."""
    assert [d.text for d in dates(sentence, lang)] == [date]


SPANS_SHOWN = [
    (DateFact("x", 2026, 3, 3, day_to=7), "de_AT", "de", "3.–7. März 2026"),
    (DateFact("x", 2026, 3, 3, month_to=4, day_to=5), "de", "de",
     "3. März\u2009–\u20095. April 2026"),
    (DateFact("x", 2026, 4, month_to=6, inferred=("year",)), "de", "de", "April–Juni (2026)"),
    (DateFact("x", 2026, 12, 28, year_to=2027, month_to=1, day_to=6,
              inferred=("year", "year_to")), "de_AT", "de",
     "28. Dezember\u2009–\u20096. Jänner (2026–2027)"),
    (DateFact("x", 2026, 3, 3, day_to=7), "en", "en", "3\u2009–\u20097 March 2026"),
    (DateFact("x", 2026, 3, 3, day_to=7, inferred=("year",)), "en", "en",
     "3\u2009–\u20097 March (2026)"),
]


@pytest.mark.parametrize(("fact", "locale", "lang", "shown"), SPANS_SHOWN)
def test_spans_are_shown_as_spans(fact: DateFact, locale: str, lang: str, shown: str) -> None:
    """The box writes a span the way the page's style writes one (babel's interval formats,
    with CLDR's thin spaces around the dash, months written out as in every other date)."""
    assert display.date(fact, locale, lang) == shown
