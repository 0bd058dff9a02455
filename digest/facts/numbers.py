"""Numbers as written in German and English news: digits, separators, words, scales."""

from __future__ import annotations

import re
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from functools import lru_cache

MAX_FIGURE_DIGITS = 40
"""A figure with more digits is no amount or share anyone reports (the world's output in
rials has 20): it is not read as a number, which bounds every value made from one."""
EXACT = Context(prec=2 * MAX_FIGURE_DIGITS + 20, traps=[InvalidOperation, DivisionByZero,
                                                        Overflow])
"""Precision enough for any value a figure, a scale word and an exchange rate make, so
rounding to cents or units never runs out of digits (the default context holds 28)."""

_UNITS_DE = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_TENS_DE = {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
_UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS_EN = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def _spelled() -> dict[str, dict[str, int]]:
    de: dict[str, int] = {k: v for k, v in _UNITS_DE.items() if k not in ("null",)}
    de.update(_TENS_DE)
    for t, tv in _TENS_DE.items():
        for u, uv in (("ein", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5),
                      ("sechs", 6), ("sieben", 7), ("acht", 8), ("neun", 9)):
            de[f"{u}und{t}"] = tv + uv
    de.update({"hundert": 100, "einhundert": 100, "tausend": 1000, "eintausend": 1000})
    for u, uv in (("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5)):
        de[f"{u}hundert"] = 100 * uv
    en: dict[str, int] = {k: v for k, v in _UNITS_EN.items() if k != "zero"}
    en.update(_TENS_EN)
    for t, tv in _TENS_EN.items():
        for u, uv in list(_UNITS_EN.items())[1:10]:
            en[f"{t}-{u}"] = tv + uv
            en[f"{t} {u}"] = tv + uv
    en.update({"a hundred": 100, "one hundred": 100, "a thousand": 1000})
    return {"de": de, "en": en}


SPELLED = _spelled()
"""Number words per language, lower case -> value."""

# Words that are numbers only when a scale or unit follows ("ein", "a", "half a").
WEAK = {"ein", "eine", "einen", "einem", "einer", "one", "a", "an"}

HALVES = {
    "half a": Decimal("0.5"), "half an": Decimal("0.5"), "a half": Decimal("0.5"),
    "anderthalb": Decimal("1.5"), "eine halbe": Decimal("0.5"), "einen halben": Decimal("0.5"),
    "ein halbes": Decimal("0.5"), "einer halben": Decimal("0.5"),
    "einem halben": Decimal("0.5"), "ein halber": Decimal("0.5"),
}
"""Halves written as words: the scale or unit after them says half of what."""
_AND_A_HALF = re.compile(r"(?P<n>.+?)(?:einhalb| and a half)")
"""``fünfeinhalb``, ``eineinhalb``, ``two and a half``: a number word and a half."""
MIXED_WORD_NUM = (
    r"(?<![\w])(?:(?:[Ee]ine[nmrs]?|[Ee]in)[ ]halbe[nmrs]?"
    r"|[A-Za-z]+(?:-[a-z]+)?[ ]and[ ]a[ ]half|[Hh]alf[ ]an?|[Aa][ ]half)(?![\w])"
)
"""Number words of several words (``eine halbe``, ``two and a half``), tried before one word."""

DIGITS = r"\d{1,3}(?:[.,\u00a0\u202f']\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
"""A figure with optional thousands separators and decimals."""


WORD_NUM = r"[A-Za-zÄÖÜäöüß]+(?:-[a-z]+)?"
"""Any word that may be a number word; ``parse_number`` decides (a regex alternation of all
number words would be slow)."""

SCALES: dict[str, dict[str, int]] = {
    "de": {
        "tausend": 3, "tsd.": 3, "tsd": 3, "mio.": 6, "mio": 6, "million": 6,
        "millionen": 6, "mrd.": 9, "mrd": 9, "milliarde": 9, "milliarden": 9,
        "bio.": 12, "billion": 12, "billionen": 12,
    },
    "en": {
        "thousand": 3, "k": 3, "m": 6, "mn": 6, "million": 6, "millions": 6, "bn": 9,
        "billion": 9, "billions": 9, "trillion": 12, "trillions": 12, "tn": 12, "trn": 12,
        "bln": 9, "mln": 6, "b": 9,
    },
}
"""Scale words -> power of ten. German "Billion" is 10^12, English "billion" 10^9."""

SCALE_RE = {
    "de": r"Tausend|Tsd\.|Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde|Bio\.|"
    r"Billionen|Billion",
    "en": r"thousand|trillions?|billions?|millions?|bn|mn|trn|tn|m|k",
}


_THOUSANDS = {
    lang: re.compile(r"\d{1,3}(?:" + re.escape(thou) + r"\d{3})+")
    for lang, thou in (("de", "."), ("en", ","))
}


def parse_digits(s: str, lang: str) -> Decimal | None:
    """``1.234,5`` (de) or ``1,234.5`` (en) -> Decimal; German ``1.000`` is a thousand."""
    s = s.replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    dec, thou = (",", ".") if lang == "de" else (".", ",")
    if dec in s and thou in s:
        s = s.replace(thou, "").replace(dec, ".")
    elif thou in s:
        if _THOUSANDS["de" if lang == "de" else "en"].fullmatch(s):
            s = s.replace(thou, "")
        else:
            s = s.replace(thou, ".")
    elif dec in s:
        s = s.replace(dec, ".")
    if sum(c.isdigit() for c in s) > MAX_FIGURE_DIGITS:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


@lru_cache(maxsize=1 << 16)
def parse_number(s: str, lang: str) -> Decimal | None:
    """A figure or a number word (``zwölf``, ``Nineteen``, ``half a``) -> Decimal (cached: the
    same few figures and words come up again and again)."""
    w = s.strip().lower()
    if w and w[0].isdigit():
        return parse_digits(w, lang)
    w = re.sub(r"\s+", " ", w)
    if w in HALVES:
        return HALVES[w]
    if w in WEAK:
        return Decimal(1)
    v = SPELLED[lang].get(w)
    if v is None and (m := _AND_A_HALF.fullmatch(w)):
        v = SPELLED[lang].get(m["n"])
        return Decimal(v) + Decimal("0.5") if v is not None else None
    return Decimal(v) if v is not None else None


def scale_of(word: str | None, lang: str) -> int:
    """Power of ten of a scale word, 0 without one."""
    if not word:
        return 0
    return _scale_of(word, lang)


@lru_cache(maxsize=1 << 12)
def _scale_of(word: str, lang: str) -> int:
    low = word.lower()
    return SCALES[lang].get(low, SCALES["en" if lang == "de" else "de"].get(low, 0))


def with_scale(value: Decimal, power: int) -> Decimal:
    """``value`` times ten to ``power``, exactly (``1,5 Mrd.`` is 1500000000)."""
    return value.scaleb(power, context=EXACT)


def normal(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (``2.50`` -> ``2.5``)."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1), context=EXACT)
    return d.normalize(context=EXACT)
