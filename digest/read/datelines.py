"""The date a text states as its own: a dateline or a stand-first where the text starts, an
agency byline where it ends; never a date inside a paragraph. A day is read with the patterns
date facts use (``digest.datewords``), so "Jänner", "26.2. 2016" and "March 3, 2026" read
alike in both places.

- dateline: "Berlin, 12. März 2026 – …", "WASHINGTON, March 3, 2026 (Reuters) - …"
- stand-first: "Stand: 12.03.2026 14:05 Uhr", "Published 3 March 2026", "Veröffentlicht am …"
- byline: "… (APA, 20.1.2016)", "… (dpa, 3. März 2025)", "… (Jane Roe, 3 March 2026)"

A day without a time is midnight of that day in the site's time zone, as a front-matter
``date: 2026-03-12`` is; a time is read in the site's zone unless the text names its zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale

from digest.datewords import (
    SP,
    Day,
    alternation,
    day_month_day,
    day_month_pattern,
    numeric_day,
    numeric_pattern,
)

LANGS = ("de", "en")
"""Month words of both languages are tried: a date is a date whatever the article's language."""
_ZONES = {"GMT": 0, "UTC": 0, "WET": 0, "BST": 1, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2,
          "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "PST": -8, "PDT": -7}
"""Zones a dateline or stand-first writes after its time, as hours from UTC."""
_CREDIT = re.compile(
    r"(?i:quellen?|sources?|fotos?|photos?|bilder?|mitarbeit)[ \u00a0]*:"
    r"|\(?(?i:(?:additional )?reporting|editing|writing) by\b")
"""A last paragraph that credits sources or reporters: the byline may sit before it."""
_FURNITURE = re.compile(
    r"(?i:(?:last |zuletzt )?(?:updated|aktualisiert|geändert)|lesezeit|reading time|\d+ ?min)\b")
"""What may follow a stand-first on its line: the update time, a reading time."""
_STAND_MAX = 160
"""A stand-first line is short; a longer paragraph that starts with "Published …" is text."""
_STAND_WORDS = (r"Stand|Veröffentlicht|Erschienen|Publiziert|Published|First published|"
                r"Posted|Datum|Date")
_PLACE = (r"[A-ZÄÖÜ][\w.'’-]*(?:(?:/|-|" + SP + r"(?:am|an|der|upon|on|de|del|la|le)?" + SP
          + r"?)[A-ZÄÖÜ][\w.'’-]*){0,3}")
"""A place as a dateline writes it: capitalised words, "Frankfurt am Main", "ST. LOUIS"."""
_AGENCY = r"\((?P<agency>[^\W\d][^()\d]{0,39})\)"


@dataclass(frozen=True)
class OwnDate:
    """A date the text states as its own, and where it says so."""

    when: dt.datetime
    """Timezone-aware; midnight in the site's zone when the text gives no time."""
    text: str
    """As written: ``(APA, 20.1.2016)``, ``Stand: 12.03.2026 14:05 Uhr``."""
    kind: str
    """``dateline``, ``stand-first`` or ``byline``."""
    paragraph: int
    """Index of the paragraph it is in, among those searched."""
    alone: bool = False
    """The paragraph is a stand-first (and an update or reading time): page furniture, not
    body text."""
    line: int | None = None
    """The seed's line, when the reader knows it."""


def _day(g: str, lang: str) -> str:
    return rf"(?:{numeric_pattern(g + 'n')}|{day_month_pattern(lang, g + 'w')})"


_TIME = (rf"(?:,?{SP}*(?:um|at|,|-|–|/)?{SP}*(?P<hh>[012]?\d)[:.](?P<mm>[0-5]\d)"
         rf"(?:{SP}*(?P<ampm>[aApP])\.?[mM]\.?)?(?:{SP}*(?:Uhr|h)\b)?"
         rf"(?:{SP}*(?P<tz>{alternation(list(_ZONES))})\b)?)?")


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    weekday = alternation(sorted({
        w for loc in ("de", "en") for width in ("wide", "abbreviated")
        for w in Locale.parse(loc).days["format"][width].values()}))
    day, opt_weekday = _day("", lang), rf"(?:(?:{weekday})\.?,?{SP}+)?"
    return {
        "dateline": re.compile(
            rf"(?:{_PLACE}(?:{SP}*{_AGENCY})?,{SP}+)?{opt_weekday}(?P<day>{day}){_TIME}"
            rf"{SP}*(?:{_AGENCY.replace('agency', 'agency2')}{SP}*)?(?:[–—-]|:){SP}+(?=\S)"),
        "stand-first": re.compile(
            rf"(?:{_STAND_WORDS})(?:{SP}+(?:am|on))?{SP}*:?{SP}*{opt_weekday}(?P<day>{day})"
            rf"{_TIME}[.;,|]?{SP}*"),
        "byline": re.compile(
            rf"\({SP}*(?P<who>[^\W\d][^()\d]{{0,60}}?),{SP}*(?P<day>{day}){_TIME}{SP}*\)"
            rf"[.]?{SP}*$"),
    }


def own_date(paragraphs: Sequence[str], zone: dt.tzinfo) -> OwnDate | None:
    """The date the text states as its own, from its first or last paragraphs, or ``None``.
    A stand-first is a first or last paragraph of its own, a dateline starts the text, a
    byline ends it (or the paragraph before a credit line)."""
    if not paragraphs:
        return None
    last = len(paragraphs) - 1
    if last > 0 and _CREDIT.match(paragraphs[last]):
        last -= 1
    for lang in LANGS:
        p = _patterns(lang)
        tries = [("stand-first", 0), ("dateline", 0), ("stand-first", len(paragraphs) - 1),
                 ("byline", last)]
        for kind, i in tries:
            text = paragraphs[i]
            if kind == "byline":
                m = p[kind].search(text, max(0, len(text) - 120))
            else:
                m = p[kind].match(text)
            if m is None:
                continue
            rest = text[m.end():].strip()
            alone = kind == "stand-first" and (not rest or (
                len(text) <= _STAND_MAX and _FURNITURE.match(rest) is not None))
            if kind == "stand-first" and not alone:
                continue  # "Published 3 March 2026 in Nature, the study …" dates the study
            when = _when(m, lang, zone)
            if when is not None:
                return OwnDate(when, m[0].strip(" –—-:;,|"), kind, i, alone)
    return None


def _when(m: re.Match[str], lang: str, zone: dt.tzinfo) -> dt.datetime | None:
    """The moment a match writes: the day (with its year; a day without one is no own date),
    and the time and zone when given."""
    day: Day | None = (numeric_day(m, lang, "n") if m["nd"] or m["niy"]
                       else day_month_day(m, lang, "w"))
    if day is None or day[0] is None:
        return None
    hour, minute = (int(m["hh"]), int(m["mm"])) if m["hh"] else (0, 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"] in "pP" else 0)
    tz = dt.timezone(dt.timedelta(hours=_ZONES[m["tz"]])) if m["tz"] else zone
    try:
        return dt.datetime(day[0], day[1], day[2], hour, minute, tzinfo=tz)
    except ValueError:  # "30.2.2016", "25:10"
        return None
