"""Month names (from babel's CLDR data plus newsroom forms) and the words of quarters and
halves: the calendar words that dates look for and that the context finds for it.

Every abbreviation is known with and without its full stop ("Feb." and "Feb", "Mär" from
babel's stand-alone names), and the month words also in capitals ("MÄRZ", "SEPT.") for
wire headlines and datelines, but for abbreviations without a full stop."""

from __future__ import annotations

from babel import Locale

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
