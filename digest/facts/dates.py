"""Calendar references: full dates, day+month, month+year, months, years, quarters, halves.

Spans and lists of dates follow one rule (read in ``date_ranges``): a span whose two ends
share one year, written once at the end or not at all, is ONE fact: the first date, with
``month_to`` and ``day_to`` for the second ("von April bis Juni", "zwischen dem 1. und dem
15. Mai", "April–Juni 2026", "from March 3 to March 7, 2026", "March 3-7", "3. März bis
5. April"); a span over the new year starts in the year before the written one, which is
its ``year_to``. "und"/"and" joins a span only after "zwischen"/"between"; otherwise it lists
dates, one fact each, the first taking the month and year written at the second ("am 3. und
7. März", "March 3 and April 5, 2026"). Two ends that each have a year ("von August 2014 bis
Juli 2015") and dates in separate clauses ("schloss am 3. März und öffnete am 7. März") stay
separate facts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from digest.datewords import (
    ABBREVIATIONS,
    AMBIGUOUS,
    MONTHS,
    SP,
    YEAR,
    alternation,
    day_month_day,
    day_month_pattern,
    month_alternation,
    numeric_day,
    numeric_pattern,
    two_digit_year,
)
from digest.facts import date_ranges
from digest.facts.context import Context
from digest.facts.date_ranges import Span as _D
from digest.model import DateFact

ORDINALS = {
    "erste": 1, "ersten": 1, "erstes": 1, "zweite": 2, "zweiten": 2, "zweites": 2,
    "dritte": 3, "dritten": 3, "drittes": 3, "vierte": 4, "vierten": 4, "viertes": 4,
    "letzte": 4, "letzten": 4, "letztes": 4, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "final": 4, "last": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4,
}
# Words after a figure that make it a quantity, not a year ("2000 Euro", "1500 people").
QUANTITY = (
    r"Euro|Dollar|Franken|Pfund|Prozent|Menschen|Personen|Mitarbeiter\w*|Beschäftigte\w*|"
    r"Einwohner\w*|Stück|Tonnen|Meter|Kilometer|km|Kilo\w*|Stunden|Minuten|Jahre\b|Tage\b|"
    r"Besucher\w*|Arbeitsplätze|Stellen|Fälle|Wohnungen|Flüchtlinge|Soldaten|Fans|"
    r"Zuschauer|Teilnehmer|Unternehmen|Firmen|Euros?|dollars?|pounds?|people|workers|jobs|"
    r"staff|employees|tonnes|tons|metres|meters|miles|km|hours|minutes|feet|cases|units|"
    r"homes|troops|users|customers|visitors|GMT|BST|CET|MEZ|Uhr|h\b|pm\b|am\b|%|€|\$|£"
)


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    months = month_alternation(lang)
    mon = rf"(?P<mon>{months})"
    yr = rf"(?P<y>{YEAR})(?![\d])"
    pats: dict[str, str] = {}
    pats["numeric"] = numeric_pattern()
    pats["daymonth"] = day_month_pattern(lang)
    pats["range"] = date_ranges.pattern(lang, months, YEAR)
    pats["monthyear"] = rf"{mon}(?:,?{SP}(?:of{SP})?{yr})?"
    pats["quarter"] = (
        rf"(?i:(?P<ord>{alternation(list(ORDINALS))}){SP}(?P<unit>Quartals?|Halbjahr(?:es|s)?|"
        rf"Jahreshälfte|quarter|half)){SP}(?:(?:des{SP}Jahres|of{SP}the{SP}year|of|des|im)"
        rf"{SP})?{yr}"
        rf"|(?P<q>[QH])(?P<qn>[1-4])(?:{SP}|/|-|')?(?P<qy>{YEAR}|\d{{2}})(?![\d])"
    )
    pats["yearrange"] = rf"(?<![\d.,/])(?P<y>{YEAR})(?:/|-|–)(?P<y2>\d{{2}}|{YEAR})(?![\d.,%])"
    # not "1990s", "1980er-Jahre" (decades) nor "2050-Euro"
    pats["year"] = rf"(?<![\d.,/€$£-])(?P<y>{YEAR})(?![\d.,]\d)(?![\d%])(?!['’]?s\b|er\b|er-)"
    pats["quantity"] = (
        rf"^(?:{SP}|-)*(?:Mio\.|Mrd\.|Millionen|Milliarden|million|billion|bn|m\b)?{SP}*"
        rf"(?:{QUANTITY})"
    )
    pats["month"] = rf"(?<![\w])(?:{months})(?![\w])"
    pats["quarter_cue"] = r"Quartal|quarter|Halbjahr|half|Jahreshälfte|\b[QH][1-4]\b"
    return {k: re.compile(v) for k, v in pats.items()}


YEAR_CUES = {
    "de": re.compile(
        r"(?:\b(?:[Ii]m|[Ii]n|[Ss]eit|[Bb]is|[Aa]b|[Vv]on|[Ff]ür|[Ee]nde|[Aa]nfang|[Mm]itte|"
        r"[Vv]or|[Nn]ach|[Uu]m|[Jj]ahr(?:e|es)?|[Jj]ahres\w*|[Ss]ommer|[Hh]erbst|[Ww]inter|"
        r"[Ff]rühjahr|[Ff]rühling|zwischen|und|oder|bzw\.|[Ss]aison|[Gg]eschäftsjahr\w*|"
        r"[Ss]tand|[Bb]udget|[Zz]eitraum|[Ww]ahl\w*|[Jj]ahrgang)|[,(/])[ \u00a0]*$"
    ),
    "en": re.compile(
        r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Oo]f|[Ff]rom|[Tt]o|[Ff]or|[Dd]uring|"
        r"[Bb]efore|[Aa]fter|[Ee]nd|[Ss]tart|[Ee]arly|[Ll]ate|[Mm]id|[Ss]pring|[Ss]ummer|"
        r"[Aa]utumn|[Ww]inter|and|or|[Yy]ear|[Ff]iscal|a|the|[Tt]hrough|[Bb]etween|[Aa]round)"
        r"|[,(/-])[ \u00a0]*$"
    ),
}
_QUARTER_FIGURE = re.compile(rf"{YEAR}|[QH][1-4]")
_MONTH_CUE = re.compile(r"\b(?i:in|since|until|by|of|early|late|mid|last|next|from)\s+$")
_NOT_YEAR_AFTER = re.compile(r"[ \u00a0]*(?:[.:]\d|x\b|×)")
_NEXT_WORD = re.compile(r"[ \u00a0]*([\w-]+)")
_PREV_WORD = re.compile(r"(?<![\w.-])([\w.-]++)[ \u00a0]*+$")
"""The last word before a figure, tried only where a word starts and without backtracking into
it (the same match as the plain pattern: the word before the spaces is always whole)."""


def _month(word: str | None, lang: str) -> int | None:
    return MONTHS[lang].get(word) if word else None


def _ok_month_word(ctx: Context, m: re.Match[str]) -> bool:
    """English "May", "March" and abbreviations ("Jan", "Mär") are dates only in a date
    context: an abbreviation beside a day or a year, "May" also after "in", "since"..."""
    gd = m.groupdict()
    word = gd.get("mon") or gd.get("monb") or ""
    dated = gd.get("y") or gd.get("y2") or gd.get("d") or gd.get("d2")
    if word in ABBREVIATIONS[ctx.lang] and not dated:
        return False
    if word in AMBIGUOUS[ctx.lang] and not dated:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        return bool(_MONTH_CUE.search(before))
    return True


def extract(ctx: Context) -> dict[str, tuple[DateFact, ...]]:
    """Date facts in text order; a month or day without a year gets one from the article date."""
    p = _patterns(ctx.lang)
    found: list[_D] = []

    used = bytearray(len(ctx.text) + 1)

    def free(s: int, e: int) -> bool:
        return 1 not in used[s:e]

    def take(d: _D) -> None:
        found.append(d)
        used[d.start : d.end] = b"\x01" * (d.end - d.start)

    text = ctx.text
    n = len(text)
    digits = ctx.digit_starts
    months = ctx.month_starts
    # cheap string checks decide which patterns can match at a figure
    short = []  # 1-2 digits followed by ".", a space or a dash: day of a date
    four = []  # four digits: a year
    for pos, e in zip(digits, ctx.digit_ends, strict=True):
        # the run of \d+ ends at e; digits of other kinds (str.isdigit) may follow
        while e < n and text[e].isdigit():
            e += 1
        width = e - pos
        if width == 4:
            four.append(pos)
        elif width <= 2 and e < n and text[e] in ". \u00a0stnr-–":
            short.append(pos)
    # a day needs its full stop right after it, an ISO date its hyphen after the year
    numeric_rx = p["numeric"]
    numeric = [
        m for pos in short if "." in text[pos + 1 : pos + 3]
        and (m := numeric_rx.match(text, pos))
    ]
    numeric += [
        m for pos in four if text[pos + 4 : pos + 5] == "-"
        and (m := numeric_rx.match(text, pos)) and m["iy"]
    ]
    for m in numeric:
        written = numeric_day(m, ctx.lang)
        if written:
            take(_D(m.start(), m.end(), *written))
    quarters = []
    for t in ctx.quarter_starts:
        if not _QUARTER_FIGURE.search(text, max(0, t - 12), t + 40):
            continue  # every quarter or half has its year in figures, or is Q1, H2 ...
        q = p["quarter"].search(text, max(0, t - 12), t + 40)
        if q:
            quarters.append(q)
    for m in quarters:
        if not free(m.start(), m.end()):
            continue
        if m["q"]:
            n, unit, y = int(m["qn"]), m["q"], two_digit_year(m["qy"])
            if unit == "H" and n > 2:
                continue
            take(_D(m.start(), m.end(), y, quarter=n if unit == "Q" else None,
                            half=n if unit == "H" else None))
        else:
            n = ORDINALS.get(m["ord"].lower(), 0)
            is_half = m["unit"].lower().startswith(("halb", "half", "jahresh"))
            if is_half:
                n = 2 if n >= 2 else 1
            take(_D(m.start(), m.end(), int(m["y"]), quarter=None if is_half else n,
                            half=n if is_half else None))
    starts = sorted(short + months)
    for m in (x for x in (p["range"].match(text, pos) for pos in starts) if x):
        if free(m.start(), m.end()):
            for d in date_ranges.read(m, ctx, p["quantity"]):
                take(d)
    daymonth = [p["daymonth"].match(text, pos) for pos in starts]
    for m in (x for x in daymonth if x):
        if not free(m.start(), m.end()) or not _ok_month_word(ctx, m):
            continue
        written = day_month_day(m, ctx.lang)
        if written:
            take(_D(m.start(), m.end(), *written))
    for m in (x for x in (p["monthyear"].match(text, pos) for pos in months) if x):
        if not free(m.start(), m.end()) or not _ok_month_word(ctx, m):
            continue
        if m.start() and ctx.text[m.start() - 1].isalnum():
            continue
        if m.end() < len(ctx.text) and (ctx.text[m.end()].isalnum() or ctx.text[m.end()] == "-"):
            continue
        m1 = _month(m["mon"], ctx.lang)
        if m1:
            take(_D(m.start(), m.end(), int(m["y"]) if m["y"] else None, m1))
    for m in (x for x in (p["yearrange"].match(text, pos) for pos in four) if x):
        if not free(m.start(), m.end()) or ctx.is_claimed(m.start(), m.end()):
            continue
        y1 = int(m["y"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
        if y1 < y2 <= y1 + 10 and (len(m["y2"]) == 2 or ctx.text[m.end("y")] == "/"):
            take(_D(m.start(), m.end(), y1, year_to=y2))
    for m in (x for x in (p["year"].match(text, pos) for pos in four) if x):
        if not free(m.start(), m.end()) or ctx.is_claimed(m.start(), m.end()):
            continue
        if _is_year(ctx, m):
            take(_D(m.start(), m.end(), int(m["y"])))
    found.sort(key=lambda x: x.start)
    out: list[DateFact] = []
    seen: set[tuple[str, int | None, int | None, int | None]] = set()
    for d in found:
        ctx.claim(d.start, d.end)
        sig = (ctx.text[d.start : d.end].strip(), d.year, d.month, d.day)
        if sig in seen:
            continue
        seen.add(sig)
        if d.month and not (
            _real_day(d.year, d.month, d.day)
            and _real_day(d.year_to or d.year, d.month_to or d.month, d.day_to)
        ):
            # "30. Februar 2026": no such day; the text still names the month.
            d.day = d.day_to = None
        if d.year is None and d.month and ctx.published is not None:
            d.year = _infer_year(d.month, d.day, ctx.published)
            d.inferred = ("year",) if d.year is not None else ()
            if d.year is not None and d.wraps:
                d.year_to = d.year + 1
                d.inferred = ("year", "year_to")
        out.append(
            DateFact(
                text=ctx.text[d.start : d.end].strip(),
                year=d.year, month=d.month, day=d.day, year_to=d.year_to,
                month_to=d.month_to, day_to=d.day_to, quarter=d.quarter, half=d.half,
                inferred=d.inferred,
            )
        )
    return {"dates": tuple(out)}


def _is_year(ctx: Context, m: re.Match[str]) -> bool:
    """A bare four-digit figure is a year only in a year's company."""
    y = int(m["y"])
    text = ctx.text
    after = text[m.end() : m.end() + 30]
    before = text[max(0, m.start() - 30) : m.start()]
    p = _patterns(ctx.lang)
    if p["quantity"].match(after):
        return False
    if _NOT_YEAR_AFTER.match(after):
        return False
    # the cue and the word before are looked for only when a rule below needs them
    cue: bool | None = None
    if not 1900 <= y <= 2099:
        cue = YEAR_CUES[ctx.lang].search(before) is not None
        if not cue:
            return False
    nxt = _NEXT_WORD.match(after)
    next_word = nxt[1] if nxt else ""
    if ctx.lang == "en":
        prev = _PREV_WORD.search(before)
        prev_word = prev[1] if prev else ""
        if prev_word[:1].isupper():
            if cue is None:
                cue = YEAR_CUES[ctx.lang].search(before) is not None
            if not cue:
                # "Job Simulator: The 2050 Archives", "Windows 2000 Server": inside a title
                if next_word[:1].isupper():
                    return False
                if (
                    not ctx.is_sentence_start(
                        m.start() - len(before) + (prev.start(1) if prev else 0)
                    )
                    and prev_word not in ("In", "Since", "By", "Until", "From", "For")
                ):
                    return False
    elif next_word[:1].isupper():
        if cue is None:
            cue = YEAR_CUES[ctx.lang].search(before) is not None
        if not cue:
            prev = _PREV_WORD.search(before)
            if prev is not None and prev[1][:1].isupper():
                return False
            if not 1990 <= y <= 2039:
                return False
    return True


def _real_day(year: int | None, month: int, day: int | None) -> bool:
    """Whether ``day`` exists in ``month`` of ``year`` (in some year, when none is given);
    no day is no impossible day."""
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]  # 2000 had a 29 February


def _infer_year(month: int, day: int | None, published: dt.date) -> int | None:
    """The year that puts ``month`` nearest to the article date (Jänner in November: next),
    among the years that have the day; ``None`` when none near has it (a 29 February)."""
    best, best_gap = None, 10**9
    for y in (published.year - 1, published.year, published.year + 1):
        if day is not None and not _real_day(y, month, day):
            continue
        gap = abs((dt.date(y, month, min(day or 15, 28)) - published).days)
        if gap < best_gap:
            best, best_gap = y, gap
    return best
