"""Calendar words and how a day is written: month names (from babel's CLDR data plus
newsroom forms), the words of quarters and halves, and the patterns of a written day
("20.1.2016", "3. März 2026", "March 3, 2026"). Shared by reading (an article's own date)
and extraction (date facts), so both read a date alike.

Every abbreviation is known with and without its full stop ("Feb." and "Feb", "Mär" from
babel's stand-alone names), and the month words also in capitals ("MÄRZ", "SEPT.") for
wire headlines and datelines, but for abbreviations without a full stop."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

SP = r"[ \u00a0\u202f]"
"""A space inside one line (never a line break)."""
YEAR = r"(?:1[0-9]|20)\d{2}"

_LOCALES = {"de": ("de", "de_AT", "de_CH"), "en": ("en", "en_GB", "en_US")}
_NEWSROOM = {"de": {"Jänner": 1, "Feber": 2}, "en": {}}
"""Full names newsrooms write that babel's names may lack (Austrian forms)."""
_NEWSROOM_SHORT = {"de": {"Jän": 1, "Mrz": 3, "Sept": 9}, "en": {"Sept": 9}}
"""Abbreviations newsrooms write that babel's names may lack."""


def _months() -> tuple[dict[str, dict[str, int]], dict[str, frozenset[str]]]:
    out: dict[str, dict[str, int]] = {"de": {}, "en": {}}
    short: dict[str, set[str]] = {"de": set(), "en": set()}
    for lang, locales in _LOCALES.items():
        abbr: dict[str, int] = {}
        for name in locales:
            loc = Locale.parse(name)
            for context in ("format", "stand-alone"):
                wide = loc.months[context]["wide"]
                for num, word in wide.items():
                    out[lang].setdefault(word, num)
                for num, word in loc.months[context]["abbreviated"].items():
                    w = word.rstrip(".")
                    if len(w) >= 3 and w != wide[num]:
                        abbr.setdefault(w, num)
        for word, num in _NEWSROOM[lang].items():
            out[lang].setdefault(word, num)
        for word, num in _NEWSROOM_SHORT[lang].items():
            abbr.setdefault(word, num)
        for word, num in abbr.items():
            for form in (word, word + "."):
                out[lang].setdefault(form, num)
                short[lang].add(form)
        for word, num in list(out[lang].items()):
            if word in short[lang] and not word.endswith("."):
                continue  # "APR", "DEC", "SEP": in capitals an acronym as often as a month
            out[lang].setdefault(word.upper(), num)
            if word in short[lang]:
                short[lang].add(word.upper())
    return out, {lang: frozenset(words) for lang, words in short.items()}


MONTHS, ABBREVIATIONS = _months()
"""Month word -> number per language; the abbreviations among them (dates only beside a day
or a year: "Jan" is also a name, "Mär" a German word)."""
AMBIGUOUS = {"de": frozenset[str](), "en": frozenset({"May", "March", "MAY", "MARCH"})}
"""Full month names that are also ordinary words: dates only in a date's company."""
MONTH_WORDS = {lang: tuple(table) for lang, table in MONTHS.items()}
QUARTER_CUES = ("Quartal", "Quartals", "quarter", "Halbjahr", "Halbjahres", "Halbjahrs", "half",
                "Jahreshälfte", "Q1", "Q2", "Q3", "Q4", "H1", "H2")


def alternation(words: list[str]) -> str:
    """A regex alternative of ``words``, longest first, so "März" is not read as "Mär"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def month_alternation(lang: str) -> str:
    return alternation(list(MONTHS[lang]))


def numeric_pattern(g: str = "") -> str:
    """A day in figures, "20.1.2016", "26.2. 2016", "20.1.16" or ISO "2016-01-20"; the
    groups' names start with ``g``, so the pattern can sit in a larger one."""
    return (
        rf"(?<![\d.,])(?P<{g}d>[0-3]?\d)\.{SP}?(?P<{g}m>[01]?\d)\.{SP}?(?P<{g}y>{YEAR}|\d{{2}})"
        rf"(?![\d])|(?<![\d.,/-])(?P<{g}iy>{YEAR})-(?P<{g}im>[01]\d)-(?P<{g}id>[0-3]\d)(?![\d])"
    )


def day_month_pattern(lang: str, g: str = "") -> str:
    """A day and a month word, the year optional: "3. März 2026"; "3 March 2026", "March 3,
    2026", "3rd of March"."""
    mon = rf"(?P<{g}mon>{month_alternation(lang)})"
    yr = rf"(?P<{g}y>{YEAR})(?![\d])"
    if lang == "de":
        return rf"(?<![\d.,])(?P<{g}d>[0-3]?\d)\.{SP}?{mon}(?:{SP}(?:des{SP}Jahres{SP})?{yr})?"
    return (
        rf"(?<![\d.,])(?P<{g}d>[0-3]?\d)(?:st|nd|rd|th)?{SP}(?:of{SP})?{mon}(?:,?{SP}{yr})?"
        rf"|{mon.replace(f'?P<{g}mon>', f'?P<{g}monb>')}{SP}(?P<{g}d2>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?!\d|[.,:]\d)(?:,?{SP}{yr.replace(f'?P<{g}y>', f'?P<{g}y2>')})?"
    )


def two_digit_year(text: str) -> int:
    """A year as written: "16" is 2016, "98" is 1998."""
    y = int(text)
    return y + (2000 if y < 50 else 1900) if y < 100 else y


Day = tuple[int | None, int, int]
"""Year (``None`` when not written), month and day, as a written day gives them."""


def numeric_day(m: re.Match[str], lang: str, g: str = "") -> Day | None:
    """The day a ``numeric_pattern`` match writes; English text has no "20.1.16"."""
    if m[f"{g}iy"]:
        year, month, day = int(m[f"{g}iy"]), int(m[f"{g}im"]), int(m[f"{g}id"])
    else:
        if len(m[f"{g}y"]) == 2 and lang == "en":
            return None
        year, month, day = two_digit_year(m[f"{g}y"]), int(m[f"{g}m"]), int(m[f"{g}d"])
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def day_month_day(m: re.Match[str], lang: str, g: str = "") -> Day | None:
    """The day a ``day_month_pattern`` match writes, its year ``None`` when not written."""
    gd = m.groupdict()
    word = gd.get(f"{g}mon") or gd.get(f"{g}monb")
    month = MONTHS[lang].get(word) if word else None
    day = int(gd.get(f"{g}d") or gd.get(f"{g}d2") or 0)
    if not month or not 1 <= day <= 31:
        return None
    year = int(gd.get(f"{g}y") or gd.get(f"{g}y2") or 0) or None
    return year, month, day
