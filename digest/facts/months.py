"""Month names (from babel's CLDR data plus Austrian forms) and the words of quarters and
halves: the calendar words that dates look for and that the context finds for it."""

from __future__ import annotations

from babel import Locale


def _months() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {"de": {}, "en": {}}
    for lang, locales in (("de", ("de", "de_AT", "de_CH")), ("en", ("en", "en_GB"))):
        for name in locales:
            loc = Locale.parse(name)
            for width in ("wide", "abbreviated"):
                for num, word in loc.months["format"][width].items():
                    w = word.rstrip(".")
                    if width == "abbreviated":
                        if len(w) >= 3 and w != loc.months["format"]["wide"][num]:
                            out[lang].setdefault(w + ".", num)
                    else:
                        out[lang].setdefault(w, num)
    out["de"].update({"Jänner": 1, "Feber": 2, "Jän.": 1, "Feb.": 2, "Sept.": 9})
    out["en"].update({"Sept.": 9})
    for lang in ("de", "en"):
        out[lang].pop("Mai.", None)
    return out


MONTHS = _months()
MONTH_WORDS = {lang: tuple(table) for lang, table in MONTHS.items()}
QUARTER_CUES = ("Quartal", "Quartals", "quarter", "Halbjahr", "Halbjahres", "Halbjahrs", "half",
                "Jahreshälfte", "Q1", "Q2", "Q3", "Q4", "H1", "H2")
