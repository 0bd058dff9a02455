"""Two dates joined by a connector: a span ("vom 3. bis 7. März", "April–June 2026") is one
fact, a list ("am 3. und 7. März") one fact per date (the rule is in ``dates``' docstring).

The pattern reads the first end without a year (an end with a year of its own is never
joined), a connector, and the second end with the year the two share, if written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.datewords import ABBREVIATIONS, MONTHS
from digest.facts.context import SP, Context

DAY = r"[0-3]?\d"
_DAY_END = r"(?!\d|[.,:]\d)"
"""A day is not followed by more digits, a clock's colon or decimals ("March 3.5")."""
_ORD = r"(?:st|nd|rd|th)?"
_BETWEEN = {
    "de": re.compile(
        rf"\b[Zz]wischen{SP}+(?:(?:dem|den){SP}+)?(?:(?:Anfang|Ende|Mitte){SP}+)?$"
    ),
    "en": re.compile(
        rf"\b[Bb]etween{SP}+(?:the{SP}+)?(?:(?i:early|late|mid)(?:-|{SP}+)|(?:the{SP}+)?"
        rf"(?i:end|start|beginning|middle){SP}+of{SP}+)?$"
    ),
}
"""What makes "und"/"and" join a span ("zwischen April und Juni") rather than list dates."""
_FROM = re.compile(rf"\b(?i:from|between){SP}+(?:the{SP}+)?$")
_WORD_NEXT = re.compile(rf"{SP}*\w")
"""A bare last day joined by a word ("March 3 to 7") before another word is a span only
after "from" or "between": "rose on March 3 to 7 points" is an amount."""


@dataclass(slots=True)
class Span:
    """A date found in the text, before the article date fills in a missing year."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_to: int | None = None
    month_to: int | None = None
    day_to: int | None = None
    quarter: int | None = None
    half: int | None = None
    inferred: tuple[str, ...] = field(default_factory=tuple)
    wraps: bool = False
    """The span runs over the new year and no year is written: ``year_to`` is the next."""


def pattern(lang: str, months: str, year: str) -> str:
    """First end (day, day and month, or month), connector, second end and shared year."""

    def mon(name: str) -> str:
        return rf"(?P<{name}>{months})"

    if lang == "de":
        end1 = rf"(?:(?P<d1>{DAY}){_DAY_END}(?:\.{SP}?{mon('m1')}|\.?)|{mon('m1b')})"
        conn = (
            rf"(?:{SP}*[-–]{SP}*|{SP}+(?P<w>bis|und){SP}+"
            rf"(?:(?:zum|zur|dem|den|einschließlich){SP}+)?)"
        )
        qual = rf"(?P<q>(?:Anfang|Ende|Mitte){SP}+)?"
        end2 = rf"(?:(?P<d2>{DAY}){_DAY_END}\.{SP}?{mon('m2')}|{mon('m2b')})"
        yr = rf"(?:{SP}(?:des{SP}Jahres{SP})?(?P<y>{year})(?!\d))?"
    else:
        end1 = (
            rf"(?:{mon('mb1')}{SP}(?P<db1>{DAY}){_ORD}{_DAY_END}"
            rf"|(?P<d1>{DAY}){_ORD}{_DAY_END}(?:{SP}(?:of{SP})?{mon('m1')})?|{mon('m1b')})"
        )
        conn = (
            rf"(?:{SP}*[-–]{SP}*|{SP}+(?P<w>to|through|until|till|and){SP}+(?:the{SP}+)?)"
        )
        qual = (
            rf"(?P<q>(?i:early|late|mid)(?:-|{SP}+)|(?:the{SP}+)?"
            rf"(?i:end|start|beginning|middle){SP}+of{SP}+)?"
        )
        end2 = (
            rf"(?:{mon('mb2')}{SP}(?P<db2>{DAY}){_ORD}{_DAY_END}"
            rf"|(?P<d2>{DAY}){_ORD}{_DAY_END}(?:{SP}(?:of{SP})?{mon('m2')})?|{mon('m2b')})"
        )
        yr = rf"(?:,?{SP}(?:of{SP})?(?P<y>{year})(?!\d))?"
    return rf"(?<![\w.,])(?P<e1>{end1}){conn}{qual}(?P<e2>{end2}){yr}"


def read(m: re.Match[str], ctx: Context, quantity: re.Pattern[str]) -> list[Span]:
    """The facts of a span or list match: one for a span, two for a list, none when the
    two ends do not make one (each is then read on its own)."""
    g = m.groupdict()
    table = MONTHS[ctx.lang]
    text = ctx.text
    day1 = int(g["d1"] or g.get("db1") or 0) or None
    day2 = int(g["d2"] or g.get("db2") or 0) or None
    word1 = g["m1"] or g.get("mb1") or g["m1b"]
    word2 = g["m2"] or g.get("mb2") or g["m2b"]
    mon1 = table.get(word1) if word1 else None
    mon2 = table.get(word2) if word2 else None
    year = int(g["y"]) if g["y"] else None
    if ctx.is_claimed(m.start(), m.end()):
        return []  # "March 3 to 7 percent": the figure is an amount's
    if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "-"):
        return []  # "April-Juni-Quartal"
    if g["m1b"]:  # month to month
        if not g["m2b"] or mon1 == mon2:
            return []
        if not year and {word1, word2} & ABBREVIATIONS[ctx.lang]:
            return []  # "Jan to Mar": an abbreviation needs a day or a year beside it
    elif word1 is None:  # "3. bis 7. März", "3 to 7 March": a bare day takes the month after
        if not g["m2"] or g["q"]:
            return []
        mon1 = mon2
    elif word2 is None:  # "March 3-7": a bare day takes the month before
        if not g.get("mb1") or g["q"] or quantity.match(text[m.end() : m.end() + 30]):
            return []
        if g["w"] and not year and _WORD_NEXT.match(text, m.end()) and not _FROM.search(
            text, max(0, m.start() - 20), m.start()
        ):
            return []
        mon2 = mon1
    elif (g["q"] or not day2) and (not g["m2b"] or mon1 == mon2):
        return []  # "3. März bis Ende Juni" runs from a day to a month, "bis Ende März" not
    if mon1 is None or mon2 is None:
        return []
    listing = g["w"] in ("und", "and") and not _BETWEEN[ctx.lang].search(
        text, max(0, m.start() - 40), m.start()
    )
    start_year = year - 1 if year and mon2 < mon1 else year
    if listing:
        if not (year or word1 is None or word2 is None):
            return []  # "im März und im Juni": each end is read on its own
        return [
            Span(m.start("e1"), m.end("e1"), start_year, mon1, day1),
            Span(m.start("e2"), m.end(), year, mon2, day2),
        ]
    if mon1 == mon2 and (day1 or 0) >= (day2 or 0):
        return []  # "7. bis 3. März" is no span
    return [
        Span(
            m.start(), m.end(), start_year, mon1, day1,
            year_to=year if start_year != year else None,
            month_to=mon2 if mon2 != mon1 else None, day_to=day2,
            wraps=mon2 < mon1 and not year,
        )
    ]
