"""Date facts: full dates, day and month, months, years, quarters, halves and ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.facts import extract
from digest.model import DateFact
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()


def dates(text: str, lang: str, published: dt.date | None = None) -> tuple[DateFact, ...]:
    return extract("Titel\n" + text, lang=lang, published=published, vocab=VOCAB).dates


def fields(d: DateFact) -> dict[str, int]:
    keys = ("year", "month", "day", "year_to", "month_to", "day_to", "quarter", "half")
    return {k: getattr(d, k) for k in keys if getattr(d, k) is not None}


CASES = [
    ("de", "Die Sitzung fand am 26.7.2015 statt.", [{"year": 2015, "month": 7, "day": 26}]),
    ("de", "Stand: 26.2. 2016, Wien.", [{"year": 2016, "month": 2, "day": 26}]),
    ("de", "Am 3. März 2026 beginnt der Prozess.", [{"year": 2026, "month": 3, "day": 3}]),
    ("de", "Angebote bis 25. Jänner einreichen.", [{"month": 1, "day": 25}]),
    ("de", "Die Zahlen für Feber liegen vor.", [{"month": 2}]),
    ("de", "Im Zeitraum von August 2014 bis Juli 2015 stiegen die Preise.",
     [{"year": 2014, "month": 8}, {"year": 2015, "month": 7}]),
    ("de", "Das Gesetz stammt aus dem Jahr 1689.", [{"year": 1689}]),
    ("de", "Im dritten Quartal 2015 sank der Umsatz.", [{"year": 2015, "quarter": 3}]),
    ("de", "Im ersten Halbjahr 2016 wuchs die Firma.", [{"year": 2016, "half": 1}]),
    ("de", "Die Saison 2014/15 war erfolgreich.", [{"year": 2014, "year_to": 2015}]),
    ("de", "Vom 6. bis 9. Juni tagt der Rat.", [{"month": 6, "day": 6, "day_to": 9}]),
    ("de", "Mit dem Sparpaket 2012 wurde das beschlossen.", [{"year": 2012}]),
    ("en", "The report was published on 6 January 2005.", [{"year": 2005, "month": 1, "day": 6}]),
    ("en", "It opened on January 6, 2005 in London.", [{"year": 2005, "month": 1, "day": 6}]),
    ("en", "The decision on 2 February surprised markets.", [{"month": 2, "day": 2}]),
    ("en", "Since February 2001 prices have risen.", [{"year": 2001, "month": 2}]),
    ("en", "The fair runs from 6 to 9 January.", [{"month": 1, "day": 6, "day_to": 9}]),
    ("en", "The (January to March) quarter is key.", [{"month": 1, "month_to": 3}]),
    ("en", "Sales rose in the third quarter of 2004.", [{"year": 2004, "quarter": 3}]),
    ("en", "Results for Q3 2004 were strong.", [{"year": 2004, "quarter": 3}]),
    ("en", "Output fell in the first half of 2005.", [{"year": 2005, "half": 1}]),
    ("en", "The deal was signed in Jan. 2004.", [{"year": 2004, "month": 1}]),
    ("en", "The firm was founded in 1998.", [{"year": 1998}]),
    ("en", "A 2003 bond deal went wrong.", [{"year": 2003}]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES)
def test_dates(lang: str, sentence: str, expected: list[dict[str, int]]) -> None:
    """Each calendar reference carries exactly the fields the text gives."""
    assert [fields(d) for d in dates(sentence, lang)] == expected


def test_month_without_year_takes_nearest_year_marked_inferred() -> None:
    """ "für Jänner erwartet" in a November article means January of the next year."""
    (d,) = dates("Der Abschluss wird für Jänner erwartet.", "de", dt.date(2026, 11, 20))
    assert (d.year, d.month, d.inferred) == (2027, 1, ("year",))


def test_day_and_month_in_past_keep_current_year() -> None:
    """ "am 3. März" in an April article is March of the same year."""
    (d,) = dates("Am 3. März begann der Streik.", "de", dt.date(2015, 4, 10))
    assert (d.year, d.month, d.day, d.inferred) == (2015, 3, 3, ("year",))


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "Im kommenden Jahr und heuer steigen die Preise, wie im Vorjahr."),
        ("de", "Die Sitzung beginnt um 20.15 Uhr."),
        ("de", "Rund 2000 Menschen und 1500 Euro wurden gezählt."),
        ("de", "Prinz William (32) und Prinz Philip (94) kamen."),
        ("en", "Last year on Friday the market fell in the autumn."),
        ("en", "Trading closed at 1200 GMT."),
        ("en", "The game Job Simulator: The 2050 Archives sold well."),
        ("en", "About 2,000 people and 1500 tonnes of grain were moved."),
        ("en", "Rates rose in the last quarter."),
        ("en", "You may want to march on."),
    ],
)
def test_no_dates(lang: str, sentence: str) -> None:
    """Relative expressions, clock times, quantities and titles of works are not dates."""
    assert dates(sentence, lang) == ()
