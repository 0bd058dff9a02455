"""How facts read on the page, per locale: numbers, money, dates and labels via babel.

Every date a reader sees goes through ``long_date`` or ``date`` here, in the one style of the
page's language (``date_locale``); machine-readable dates (``<time datetime>``, JSON-LD,
feeds' timestamps, the sitemap) stay ISO and are written where they are used."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, localcontext
from functools import cache

from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from babel.numbers import format_compact_decimal, format_decimal

from digest.facts.numbers import EXACT
from digest.model import DateFact, Money, Percent

_RATE_DAY = re.compile(r"\bof (\d{4}-\d\d-\d\d)")
DATE_LOCALES = {"de": "de", "en": "en_GB"}
"""The one style each page language writes dates in, wherever they appear: "6. Dezember
2026", "6 December 2026" (British, as ``og:locale`` en_GB says; ``en_US`` here would write
"December 6, 2026" everywhere)."""

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "box": "Auf einen Blick",
        "money": "Beträge",
        "percent": "Anteile und Raten",
        "dates": "Daten",
        "orgs": "Organisationen",
        "places": "Orte",
        "persons": "Personen",
        "source": "Quelle",
        "by": "Von",
        "published": "Veröffentlicht",
        "tags": "Tags",
        "latest": "Neueste Artikel",
        "archive": "Archiv",
        "articles": "Artikel",
        "none": "Keine Artikel.",
        "inferred": "erschlossen",
        "per": "je",
        "points": "Prozentpunkte",
        "eur_old": "Euro-Werte zum EZB-Referenzkurs vom",
        "eur_missing": "kein EZB-Kurs",
        "redirect": "Dieser Artikel ist umgezogen:",
        "quarter": "{n}. Quartal",
        "half": "{n}. Halbjahr",
        "newer": "Neuer",
        "older": "Älter",
        "page": "Seite {n} von {total}",
        "range": "Artikel {first}–{last}",
        "previous": "Zurück",
        "next": "Weiter",
        "reading": "{n} Min. Lesezeit",
        "related": "Verwandte Artikel",
        "edition": "KW {week}/{year}",
        "editions": "Wochenausgaben",
        "topics": "Themen",
        "count": "{n} Artikel",
        "timeline": "Fakten im Zeitverlauf",
        "date": "Datum",
        "fact": "Fakt",
        "article": "Artikel",
        "articles_heading": "Artikel",
        "tags_intro": "Alle Tags: Organisationen, Orte und Themen, jeder mit seinen Artikeln "
                      "und eigenem Feed.",
        "feed": "Feed",
    },
    "en": {
        "box": "Key facts",
        "money": "Money",
        "percent": "Percentages",
        "dates": "Dates",
        "orgs": "Organisations",
        "places": "Places",
        "persons": "People",
        "source": "Source",
        "by": "By",
        "published": "Published",
        "tags": "Tags",
        "latest": "Latest articles",
        "archive": "Archive",
        "articles": "articles",
        "none": "No articles.",
        "inferred": "inferred",
        "per": "per",
        "points": "percentage points",
        "eur_old": "Euro values at the ECB reference rate of",
        "eur_missing": "no ECB rate",
        "redirect": "This article has moved:",
        "quarter": "Q{n}",
        "half": "H{n}",
        "newer": "Newer",
        "older": "Older",
        "page": "Page {n} of {total}",
        "range": "Articles {first}–{last}",
        "previous": "Previous",
        "next": "Next",
        "reading": "{n} min read",
        "related": "Related articles",
        "edition": "Week {week}, {year}",
        "editions": "Weekly editions",
        "topics": "Topics",
        "count": "{n} articles",
        "timeline": "Facts over time",
        "date": "Date",
        "fact": "Fact",
        "article": "Article",
        "articles_heading": "Articles",
        "tags_intro": "Every tag: organisations, places and topics, each with its articles and "
                      "its own feed.",
        "feed": "Feed",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])


@cache
def number(value: Decimal, locale: str) -> str:
    """A number as the locale writes it: ``1.234,5`` in German, ``1,234.5`` in English."""
    with localcontext(EXACT):  # babel rounds in the current context: room for every digit
        return format_decimal(value, locale=locale, decimal_quantization=False)


@cache
def amount(value: Decimal, locale: str, digits: int = 2) -> str:
    """Large amounts in the compact form newsrooms use: ``160 Mrd.``, ``23.5B``."""
    if abs(value) >= 1_000_000:
        with localcontext(EXACT):
            return str(format_compact_decimal(value, locale=locale, format_type="short",
                                              fraction_digits=digits))
    return number(value, locale)


def money(fact: Money, locale: str, lang: str) -> str:
    """``160 Mrd. CNY``; ranges as ``1–2 Mrd. EUR``; exchange rates as ``8,28 CNY je USD``."""
    text = f"{amount(fact.value, locale)} {fact.currency}"
    if fact.value_to is not None:
        text = f"{amount(fact.value, locale)}–{amount(fact.value_to, locale)} {fact.currency}"
    if fact.kind == "exchange_rate" and fact.per:
        text = f"{number(fact.value, locale)} {fact.currency} {labels(lang)['per']} {fact.per}"
    return text


def restated(money: Sequence[Money], i: int) -> int | None:
    """The index of the amount ``money[i]`` restates, when its link points back to one that
    restates nothing (an editor's removal may have cut it: it then stands alone)."""
    j = money[i].same_as
    return j if j is not None and 0 <= j < i and money[j].same_as is None else None


def restatements(money: Sequence[Money]) -> list[tuple[Money, tuple[Money, ...]]]:
    """Each amount with the amounts that restate it in other currencies, in text order: one
    fact each, with one euro value (the restated amount's)."""
    links = [restated(money, i) for i in range(len(money))]
    return [(m, tuple(r for r, j in zip(money, links, strict=True) if j == i))
            for i, m in enumerate(money) if links[i] is None]


def euro(fact: Money, locale: str, lang: str) -> str | None:
    """``≈ 20,5 Mrd. €`` when the amount is in another currency and a rate is known, or a
    note that no ECB rate exists; an amount in euros needs neither."""
    if fact.currency == "EUR" or fact.kind == "exchange_rate":
        return None
    if fact.eur is None:
        return f"({labels(lang)['eur_missing']})" if fact.eur_note else None
    return f"≈ {amount(fact.eur, locale, digits=1)} €"


def rate_note(fact: Money, locale: str, lang: str) -> str | None:
    """When the euro value used the rate of another day than the article's, which day."""
    rate_day = _RATE_DAY.search(fact.eur_note or "") if fact.eur is not None else None
    if rate_day is None:
        return None
    day = dt.date.fromisoformat(rate_day.group(1))
    return f"{labels(lang)['eur_old']} {long_date(day, locale)}"


def percent(fact: Percent, locale: str, lang: str) -> str:
    value = number(fact.value, locale)
    if fact.value_to is not None:
        value = f"{value}–{number(fact.value_to, locale)}"
    if fact.unit == "percentage_point":
        return f"{value} {labels(lang)['points']}"
    return f"{value} %" if lang == "de" else f"{value}%"


def date_locale(locale: str) -> str:
    """The locale a page of ``locale`` (its article's, or the site's language on listings)
    prints dates in: its language's one style, ``DATE_LOCALES``; an Austrian or Swiss
    article keeps its month names on its own page ("6. Jänner 2027"), written as its text is."""
    lang, _, region = locale.partition("_")
    if lang == "de" and region:
        return locale
    return DATE_LOCALES.get(lang, DATE_LOCALES["en"])


def date(fact: DateFact, locale: str, lang: str) -> str:
    """Only the fields the fact has, in the page's style (``date_locale``); inferred ones in
    parentheses so readers can tell."""
    locale = date_locale(locale)
    if fact.month and (fact.month_to or fact.day_to):
        span = _span(fact, locale)
        if span:
            return span
    months = get_month_names("wide", locale=locale)
    year = str(fact.year) if fact.year else ""
    if fact.year and "year" in fact.inferred:
        year = f"({fact.year})"
    if fact.year and fact.month and fact.day:
        day = dt.date(fact.year, fact.month, fact.day)
        if "year" in fact.inferred:
            text = f"{_day_month(day, locale)} {year}"
        else:
            text = long_date(day, locale)
    elif fact.month and fact.day:
        text = _day_month(dt.date(2000, fact.month, fact.day), locale)  # 2000 had a 29 Feb
    elif fact.month:
        text = f"{months[fact.month]} {year}".strip()
    elif fact.quarter:
        text = f"{labels(lang)['quarter'].format(n=fact.quarter)} {year}".strip()
    elif fact.half:
        text = f"{labels(lang)['half'].format(n=fact.half)} {year}".strip()
    else:
        text = year
    if fact.year_to and not fact.month_to:
        text = f"{text}–{fact.year_to}"
    elif fact.month_to:
        end = f"{fact.day_to}. " if fact.day_to and lang == "de" else ""
        text = f"{text}–{end}{months[fact.month_to]}"
    return text


def _span(fact: DateFact, locale: str) -> str | None:
    """A span of days or months as the locale writes one ("3.–7. März 2026", "3–7 March
    2026"), by babel's interval formats; an inferred year follows in parentheses."""
    assert fact.month is not None
    known_year = bool(fact.year) and "year" not in fact.inferred
    first = fact.year or 2000  # a leap year: "29. Februar" without a year stays valid
    try:
        start = dt.date(first, fact.month, fact.day or 1)
        end = dt.date(fact.year_to or first, fact.month_to or fact.month,
                      fact.day_to or fact.day or 1)
    except ValueError:
        return None
    skeleton = ("y" if known_year else "") + ("MMMMd" if fact.day else "MMMM")
    text = str(format_interval(start, end, skeleton, locale=locale))
    # CLDR has no interval of wide months with days: its nearest abbreviates ("3–7 Mar 2026");
    # the month is written out, as in every other date on the page.
    short, wide = (get_month_names(w, locale=locale) for w in ("abbreviated", "wide"))
    for month in {start.month, end.month}:
        if short[month] != wide[month]:
            text = re.sub(rf"(?<!\w){re.escape(short[month])}(?!\w)", wide[month], text)
    if fact.year and not known_year:
        years = str(fact.year) if not fact.year_to else f"{fact.year}–{fact.year_to}"
        text = f"{text} ({years})"
    return text


def long_date(when: dt.date, locale: str) -> str:
    """A day as the page's language writes it, ``6. Dezember 2026``, ``6 December 2026``
    (``date_locale``): every article date on pages and in feeds, the day of an ECB rate. A
    datetime is taken on its own day (article dates are in the site's zone)."""
    day = when.date() if isinstance(when, dt.datetime) else when
    return _long_date(day, date_locale(locale))


@cache
def _long_date(day: dt.date, locale: str) -> str:
    return str(format_date(day, "long", locale=locale))


@cache
def _day_month(day: dt.date, locale: str) -> str:
    """Day and month without the year: ``6. Dezember``, ``6 December``."""
    return str(format_skeleton("MMMMd", day, locale=locale))
