"""Where amounts stand in a text: each figure with its scale and the currency written next to
it (symbol, code or name, before or after), found by one pattern per language. ``money.py``
then links them into ranges, conversions, rates and series."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from digest.facts import currencies
from digest.facts.context import SP, Context
from digest.facts.numbers import (
    DIGITS,
    MIXED_WORD_NUM,
    SCALE_RE,
    WORD_NUM,
    parse_number,
    scale_of,
    with_scale,
)

_SCALE_GROUPS: dict[str, tuple[bool, bool, bool]] = {}
"""Pattern source -> whether it has the groups ``s1``, ``s2``, ``scale`` (keyed by the
source string, whose hash Python keeps, not by the pattern, whose hash is recomputed)."""


SHORT_SCALES = r"bn|mn|trn|tn|bln|mln|m|k|b|M|B|K"
"""Scales written right after the figure: "$5bn", "£30m", and the US "$5M", "$1.2B"."""
_NAME_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
"""A word of a currency's name after its first ("Hong Kong dollars", "Polnische Złoty")."""


@dataclass(slots=True)
class Item:
    start: int
    end: int
    value: Decimal
    currency: str
    scale: int
    value_to: Decimal | None = None
    implicit: bool = False
    kind: str = "amount"
    per: str | None = None
    own_unit: bool = True
    minor: bool = False
    """The figure counts minor units ("drei Cent"): figures chained to it do too."""
    approx: bool = False
    same_as: int | None = None


@cache
def patterns(lang: str) -> dict[str, re.Pattern[str]]:
    scale_long = SCALE_RE[lang] + r"|Mio|Mrd" if lang == "de" else (
        r"(?i:thousand|trillion|billion|million)|bln|mln|bn|mn"  # "$1 Billion Deal", "5 mln"
    )
    scale = rf"(?:(?P<s1>{SHORT_SCALES})(?![\w])|{SP}?(?P<s2>{scale_long})(?![\w]))"
    if lang == "de":
        scale = rf"(?:{SP}?(?P<s2>{scale_long})(?![\w]))"
    cur_word = currencies.word_pattern()
    sym = currencies.symbol_pattern()
    prefix = rf"(?<![\w$€£¥])(?P<sym>{sym}){SP}?(?P<num>{DIGITS}){scale}?"
    # the currency word is looked up in Python: a long alternation here is slow
    word_num = rf"{MIXED_WORD_NUM}|[A-Za-zÄÖÜäöüß]+(?:[ ]an?(?![\w])|-[a-z]+)?"
    suffix = (
        rf"(?<![\w.,:])(?P<num>{DIGITS}|{word_num}){scale}?(?:{SP}|-)?"
        rf"(?P<cur>[€$£¥₹₽₺₩]|[A-Za-zÄÖÜäöüß][\w-]*[\w.]?)"
        rf"(?:{SP}(?P<cur2>{_NAME_WORD})(?:{SP}(?P<cur3>{_NAME_WORD}))?)?"
    )
    pence = r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)p(?![\w])"
    tail_num = rf"(?P<num>{DIGITS}|{WORD_NUM}){scale}?"
    chain = (
        rf"(?:^|(?<=[\s(]))(?P<pre>(?:zwischen|between|von|from){SP})?{tail_num}{SP}*"
        rf"(?P<conn>bis|-|–|to|and|und|auf|bzw\.|beziehungsweise|oder|or){SP}*$"
    )
    rate = (
        rf"{SP}*(?:against|to|per|for|gegenüber|je|pro|zum|zu|für){SP}+"
        rf"(?:the{SP}+|one{SP}+|a{SP}+|an{SP}+|den{SP}+|dem{SP}+|einen{SP}+|ein{SP}+|1{SP}+)?"
        rf"(?P<cur>(?i:dollar|euro|pound|yen|yuan|franc|franken|pfund|sterling|greenback)s?|"
        rf"US-Dollar)(?![\w])"
    )
    hedge = rf"(?:^|[\s(])(?P<h>{HEDGES[lang]}){SP}+(?:(?:von|of|the){SP}+)?$"
    implicit_en = (
        rf"\b(?:up|down|rising|falling|rose|fell|increased|decreased|compared|from)"
        rf"{SP}+(?:from|with)?{SP}*(?P<num>{DIGITS})(?P<s1>bn|m|mn)(?![\w])"
        rf"(?!{SP}*(?:{cur_word}|people|tonnes|users|customers|%))"
    )
    implicit_de = (
        rf"\bdavon{SP}+(?P<num>{DIGITS})(?![\w.,])(?!{SP}*(?:{SCALE_RE['de']}|%|Prozent|{cur_word}))"
        rf"|(?<![\w.,])(?P<num2>{DIGITS}){SP}+davon\b"
    )
    scale_words = r"Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde" if lang == "de" else (
        r"bn|m|mn|million|billion|trillion")
    follow = (
        r"(?:im|in|vor|nach|zuvor|und|oder|bzw\.|auf|zum|zur|des|der|für|gegenüber|"
        r"ein|eine|einem|einem|einen|Ende|Anfang|Mitte)\b"
        if lang == "de" else
        r"(?:in|a|the|last|this|previous|earlier|and|or|to|for|at|by|over|year|on)\b"
    )
    scaled = (
        rf"(?P<num>{DIGITS})(?P<scale>{SP}?(?:{scale_words}))(?![\w])"
        rf"(?={SP}*(?:[,.;:)–-]|$|{follow}))"
    )
    flags = 0
    return {
        "scaled": re.compile(scaled),
        "sym_before": re.compile(rf"(?<![\w$€£¥])(?:{sym}){SP}?$"),
        "prefix": re.compile(prefix, flags),
        "suffix": re.compile(suffix, flags),
        "pence": re.compile(pence),
        "chain": re.compile(chain),
        "rate": re.compile(rate),
        "hedge": re.compile(hedge, re.IGNORECASE),
        "implicit": re.compile(implicit_en if lang == "en" else implicit_de),
    }


@cache
def _symbol_last_chars() -> frozenset[str]:
    return frozenset(sym[-1] for sym in currencies.symbols())


def figure_scale(m: re.Match[str], lang: str) -> int:
    has = _SCALE_GROUPS.get(m.re.pattern)
    if has is None:
        gi = m.re.groupindex
        has = _SCALE_GROUPS[m.re.pattern] = ("s1" in gi, "s2" in gi, "scale" in gi)
    word = (
        (has[0] and m["s1"]) or (has[1] and m["s2"])
        or (has[2] and (m["scale"] or "").strip()) or ""
    )
    return scale_of(word, lang)


@lru_cache(maxsize=1 << 16)
def _value(num: str, lang: str, scale: int) -> Decimal | None:
    v = parse_number(num, lang)
    if v is None:
        return None
    return with_scale(v, scale)


def _is_weak(num: str) -> bool:
    return not num[0].isdigit() and num.lower() in {
        "ein", "eine", "einen", "einem", "einer", "a", "an", "one", "half a", "half an",
        "a half",
    }


def find_anchors(ctx: Context) -> list[Item]:
    p = patterns(ctx.lang)
    text = ctx.text
    items: list[Item] = []
    sym_before = p["sym_before"]
    last_chars = _symbol_last_chars()
    for pos in ctx.digit_starts:
        if not pos:
            continue
        c = text[pos - 1]
        if c in " \u00a0\u202f" and pos > 1:
            c = text[pos - 2]
        if c not in last_chars:
            continue
        sb = sym_before.search(text, max(0, pos - 6), pos)
        if not sb:
            continue
        m = p["prefix"].match(text, sb.start())
        if not m:
            continue
        cur = currencies.symbols().get(m["sym"])
        sc = figure_scale(m, ctx.lang)
        v = _value(m["num"], ctx.lang, sc)
        if cur and v is not None:
            items.append(Item(m.start(), m.end(), v, cur, sc))
    taken = bytearray(len(text) + 1)
    for i in items:
        taken[i.start : i.end] = b"\x01" * (i.end - i.start)
    suffix = p["suffix"]
    taken_any = bool(items)
    context = _context_currency(items)  # kept up to date as amounts are added below
    for pos in sorted(ctx.digit_starts + ctx.word_number_starts):
        m = suffix.match(text, pos)
        if not m or (taken_any and 1 in taken[m.start() : m.end()]):
            continue
        # the currency first: most figures are followed by an ordinary word
        cur, minor, words, length = _currency_after(
            m["cur"], m["cur2"], m["cur3"], ctx.lang, context
        )
        if cur is None:
            continue
        end = m.end(f"cur{words}") if words > 1 else m.start("cur") + length
        sc = figure_scale(m, ctx.lang)
        if _is_weak(m["num"]) and not sc:
            continue
        v = _value(m["num"], ctx.lang, sc)
        if v is None:
            continue
        if minor:
            v = v / 100
        items.append(Item(m.start(), end, v, cur, sc, minor=bool(minor)))
        if cur in ("EUR", "USD"):
            context = cur
    if ctx.lang == "en":
        pence = p["pence"]
        for pos, digits_end in zip(ctx.digit_starts, ctx.digit_ends, strict=True):
            if text[digits_end : digits_end + 1] not in ("p", "."):
                continue  # "20p", "2.5p": the p (or the decimals) right after the digits
            m = pence.match(text, pos)
            if not m or 1 in taken[m.start() : m.end()]:
                continue
            v = parse_number(m["num"], "en")
            if v is not None:
                items.append(Item(m.start(), m.end(), v / 100, "GBP", 0))
    items.sort(key=lambda i: i.start)
    return items


@lru_cache(maxsize=1 << 14)
def _currency_after(
    cur_word: str, cur2: str | None, cur3: str | None, lang: str, context: str | None
) -> tuple[str | None, int, int, int]:
    """The currency of the words that follow a figure: ISO code, minor-unit exponent, how
    many words its name has (the longest name wins: "Hong Kong dollars"), and the length of
    the first word as counted (``None`` when they name no currency)."""
    word = cur_word.rstrip(".") if cur_word not in currencies.symbols() else cur_word
    if word.lower() == "p" and cur_word.endswith("."):
        return None, 0, 1, len(word)  # "5 p.m.": a clock time, pence are "5p"
    for words, name in ((3, f"{word} {cur2} {cur3}"), (2, f"{word} {cur2}")):
        if (cur3 if words == 3 else cur2):
            cur, minor = currencies.code_for(name, lang)
            if cur:
                return cur, minor, words, len(word)
    if word.lower() in currencies.AMBIGUOUS or (
        word in currencies.symbols() and word.isalpha() and not word.isupper()
    ):
        return None, 0, 1, len(word)
    cur, minor = currencies.code_for(word, lang, context)
    return cur, minor, 1, len(word)


def _context_currency(items: list[Item]) -> str | None:
    for i in reversed(items):
        if i.currency in ("EUR", "USD"):
            return i.currency
    return None
HEDGES = {
    "de": r"rund|etwa|ca\.|circa|zirka|knapp|fast|beinahe|nahezu|mehr als|über|weniger als|"
    r"unter|bis zu|gut|an die|mindestens|höchstens|maximal|ungefähr|annähernd|insgesamt",
    "en": r"about|around|almost|nearly|some|more than|over|less than|under|up to|as much as|"
    r"as little as|close to|roughly|approximately|approx\.|just over|just under|at least|"
    r"at most|an estimated|estimated|almost|around",
}
