"""Amounts of money: figure + scale + currency, ranges, conversions, exchange rates."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from digest.facts import currencies, fx
from digest.facts.context import (
    SP,
    SP_CHARS,
    Context,
    ends_with_connector,
    search_tail,
    starts_after_figure,
)
from digest.facts.numbers import (
    DIGITS,
    SCALE_RE,
    WORD_NUM,
    normal,
    parse_number,
    scale_of,
    with_scale,
)
from digest.model import Money

HEDGES = {
    "de": r"rund|etwa|ca\.|circa|zirka|knapp|fast|beinahe|nahezu|mehr als|über|weniger als|"
    r"unter|bis zu|gut|an die|mindestens|höchstens|maximal|ungefähr|annähernd|insgesamt",
    "en": r"about|around|almost|nearly|some|more than|over|less than|under|up to|as much as|"
    r"as little as|close to|roughly|approximately|approx\.|just over|just under|at least|"
    r"at most|an estimated|estimated|almost|around",
}
SHORT_SCALES = r"bn|mn|trn|tn|m|k"
RANGE_WORDS = {"bis", "-", "–", "to"}
AND_WORDS = {"und", "and"}
SEPARATE_WORDS = {"auf", "bzw.", "oder", "or", "beziehungsweise"}


_IMPLICIT_CUE = {"de": re.compile("davon"), "en": re.compile(r"(?:from|with)[ \u00a0]\d")}


@dataclass(slots=True)
class _Item:
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
    approx: bool = False
    same_as: int | None = None


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    scale_long = SCALE_RE[lang] if lang == "de" else r"thousand|trillion|billion|million"
    scale = rf"(?:(?P<s1>{SHORT_SCALES})(?![\w])|{SP}?(?P<s2>{scale_long})(?![\w]))"
    if lang == "de":
        scale = rf"(?:{SP}?(?P<s2>{scale_long})(?![\w]))"
    cur_word = currencies.word_pattern()
    sym = currencies.symbol_pattern()
    prefix = rf"(?<![\w$€£¥])(?P<sym>{sym}){SP}?(?P<num>{DIGITS}){scale}?"
    # the currency word is looked up in Python: a long alternation here is slow
    word_num = r"[A-Za-zÄÖÜäöüß]+(?:[ ]an?(?![\w])|-[a-z]+)?"
    suffix = (
        rf"(?<![\w.,])(?P<num>{DIGITS}|{word_num}){scale}?(?:{SP}|-)?"
        rf"(?P<cur>[€$£¥₹₽₺₩]|[A-Za-zÄÖÜäöüß][\w-]*[\w.]?)"
        rf"(?:{SP}(?P<cur2>[A-Za-zÄÖÜäöüß]+))?"
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


_SCALE_GROUPS: dict[str, tuple[bool, bool, bool]] = {}
"""Pattern source -> whether it has the groups ``s1``, ``s2``, ``scale`` (keyed by the
source string, whose hash Python keeps, not by the pattern, whose hash is recomputed)."""


def _scale(m: re.Match[str], lang: str) -> int:
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


def _anchors(ctx: Context) -> list[_Item]:
    p = _patterns(ctx.lang)
    text = ctx.text
    items: list[_Item] = []
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
        sc = _scale(m, ctx.lang)
        v = _value(m["num"], ctx.lang, sc)
        if cur and v is not None:
            items.append(_Item(m.start(), m.end(), v, cur, sc))
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
        cur, minor, with_cur2, length = _currency_after(m["cur"], m["cur2"], ctx.lang, context)
        if cur is None:
            continue
        end = m.end("cur2") if with_cur2 else m.start("cur") + length
        sc = _scale(m, ctx.lang)
        if _is_weak(m["num"]) and not sc:
            continue
        v = _value(m["num"], ctx.lang, sc)
        if v is None:
            continue
        if minor:
            v = v / 100
        items.append(_Item(m.start(), end, v, cur, sc))
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
                items.append(_Item(m.start(), m.end(), v / 100, "GBP", 0))
    items.sort(key=lambda i: i.start)
    return items


@lru_cache(maxsize=1 << 14)
def _currency_after(
    cur_word: str, cur2: str | None, lang: str, context: str | None
) -> tuple[str | None, int, bool, int]:
    """The currency of the word (and the word after it) that follows a figure: ISO code,
    minor-unit exponent, whether the second word belongs to it, and the length of the
    first word as counted (``None`` when it is no currency)."""
    word = cur_word.rstrip(".") if cur_word not in currencies.symbols() else cur_word
    if cur2:
        cur, minor = currencies.code_for(f"{word} {cur2}", lang)
        if cur:
            return cur, minor, True, len(word)
    if word.lower() in currencies.AMBIGUOUS or (
        word in currencies.symbols() and word.isalpha() and not word.isupper()
    ):
        return None, 0, False, len(word)
    cur, minor = currencies.code_for(word, lang, context)
    return cur, minor, False, len(word)


def _context_currency(items: list[_Item]) -> str | None:
    for i in reversed(items):
        if i.currency in ("EUR", "USD"):
            return i.currency
    return None


_CHAIN_CONNECTORS = ("bis", "-", "–", "to", "and", "und", "auf", "bzw.", "beziehungsweise",
                     "oder", "or")
"""Every ``conn`` of the chain pattern: a text that ends in none of them has no chain."""


def _chain(ctx: Context, anchor: _Item) -> list[_Item]:
    """Figures that share the anchor's currency word: ``1 bis 2 Mrd. Euro``, ``15 auf 14``."""
    p = _patterns(ctx.lang)
    out: list[_Item] = []
    right = anchor
    start_limit = -1
    while True:
        # the window without the sentence limit first: when it does not end with a
        # connector, no part of it does, and the sentence is not needed
        if not ends_with_connector(
            ctx.text[max(0, right.start - 60) : right.start], _CHAIN_CONNECTORS
        ):
            break
        if start_limit < 0:
            start_limit = ctx.sentence(anchor.start)[0]
        before = ctx.text[max(start_limit, right.start - 60) : right.start]
        if not ends_with_connector(before, _CHAIN_CONNECTORS):
            break
        # a match: [von ]figure[ scale] connector (and a line break): four runs of
        # characters between spaces at most, five with the line break
        m = search_tail(p["chain"], before, 5 if before.endswith("\n") else 4)
        if not m:
            break
        conn = m["conn"]
        if conn in AND_WORDS and not m["pre"]:
            break
        if conn in ("-", "–") and not m["num"][0].isdigit():
            break
        sc = _scale(m, ctx.lang)
        v = parse_number(m["num"], ctx.lang)
        if v is None or v == 0:
            break
        base = with_scale(right.value, -right.scale) if right.scale else right.value
        if not sc and (v > base * 50 or (1000 < v < 2100 and v == v.to_integral_value())):
            break
        sc = sc or right.scale
        start = right.start - len(before) + m.start("num")
        if m["pre"]:
            start = right.start - len(before) + m.start("pre") + len(m["pre"])
        base_pos = right.start - len(before)
        gd = m.groupdict()
        end = base_pos + (m.end("s2") if gd.get("s2") else m.end("s1") if gd.get("s1")
                          else m.end("num"))
        item = _Item(start, end, with_scale(v, sc), anchor.currency, sc, own_unit=False)
        is_range = conn in RANGE_WORDS and not (m["pre"] or "").lower().startswith("from")
        is_range = is_range or conn in AND_WORDS
        if is_range and right is anchor and not out:
            anchor.start = item.start
            anchor.value_to = anchor.value
            anchor.value = item.value
            right = anchor
            continue
        if conn in SEPARATE_WORDS or conn in RANGE_WORDS or conn in AND_WORDS:
            out.insert(0, item)
            right = item
            if m["pre"]:
                break
            continue
        break
    return out


_RANGE_GAP = re.compile(r"\s*(?:-|–|bis|to)\s*")
_AND_GAP = re.compile(r"\s*(?:und|and)\s*")
_BETWEEN_BEFORE = re.compile(r"(?:zwischen|between)\s+$")


def _link_ranges(ctx: Context, items: list[_Item]) -> None:
    """``$4bn-$5bn``, ``zwischen 2 Mio. Euro und 3 Mio. Euro``: the first gets ``value_to``."""
    for a, b in itertools.pairwise(items):
        if a.currency != b.currency or a.value_to is not None:
            continue
        gap = ctx.text[a.end : b.start]
        if _RANGE_GAP.fullmatch(gap):
            before = ctx.text[max(0, a.start - 6) : a.start].lower()
            if "from " not in before:
                a.value_to = b.value
        elif _AND_GAP.fullmatch(gap) and _BETWEEN_BEFORE.search(
            ctx.text[max(0, a.start - 12) : a.start]
        ):
            a.value_to = b.value


_OPEN_BEFORE = re.compile(r"[(;]\s*$")


def _implicit(ctx: Context, items: list[_Item]) -> list[_Item]:
    """Amounts whose currency the sentence implies: ``up from 38m``, ``davon 50``."""
    p = _patterns(ctx.lang)
    out: list[_Item] = []
    if not items:
        return out
    found: list[re.Match[str]] = []
    for t in _IMPLICIT_CUE[ctx.lang].finditer(ctx.text):
        w = p["implicit"].search(ctx.text, max(0, t.start() - 30), t.end() + 40)
        if w and (not found or found[-1].start() != w.start()):
            found.append(w)
    for m in found:
        num = m.groupdict().get("num") or m.groupdict().get("num2")
        if not num:
            continue
        start = m.start("num") if m.groupdict().get("num") else m.start("num2")
        end = start + len(num)
        if ctx.is_claimed(start, end) or any(i.start <= start < i.end for i in items):
            continue
        # the last amount before it (not one in brackets)
        ref = next((
            i for i in reversed(items)
            if i.end <= start and start - i.end < 400 and i.kind == "amount"
            and not _OPEN_BEFORE.search(ctx.text[max(0, i.start - 3) : i.start])
        ), None)
        if ref is None:
            continue
        if ctx.lang == "en" and ctx.sentence(ref.start)[0] < ctx.sentence(start)[0]:
            continue
        v = parse_number(num, ctx.lang)
        if v is None:
            continue
        sc = _scale(m, ctx.lang)
        if ctx.lang == "de":
            sc = ref.scale
            if not sc or with_scale(v, sc) >= ref.value:
                continue
        if m.groupdict().get("s1"):
            end = m.end("s1")
        out.append(_Item(start, end, with_scale(v, sc), ref.currency, sc, implicit=True))
    return out + _scaled_without_unit(ctx, items, out)


_SCALE_FIRSTS = {"de": frozenset("M"), "en": frozenset("bmt")}
"""The first letters of the scale words of the ``scaled`` pattern."""


def _scaled_without_unit(ctx: Context, items: list[_Item], done: list[_Item]) -> list[_Item]:
    """``3,4 Millionen Euro nach 2,9 Millionen im Vorjahr``: a figure with a scale word but no
    unit, in a sentence about a scaled amount, is money in that amount's currency."""
    p = _patterns(ctx.lang)
    out: list[_Item] = []
    scaled = [i for i in items if i.scale >= 6 and i.kind == "amount"]
    if not scaled:
        return out
    text = ctx.text
    firsts = _SCALE_FIRSTS[ctx.lang]
    for pos, figure_end in zip(ctx.digit_starts, ctx.digit_ends, strict=True):
        if not starts_after_figure(text, figure_end, firsts):
            continue  # no scale word after the figure
        m = p["scaled"].match(text, pos)
        if not m or ctx.is_claimed(m.start(), m.end()):
            continue
        if any(i.start <= pos < i.end for i in (*items, *done)):
            continue
        s0, s1 = ctx.sentence(pos)
        refs = [i for i in scaled if s0 <= i.start < s1 and i.end <= pos]
        if not refs:
            continue
        ref = refs[-1]
        sc = _scale(m, ctx.lang)
        v = parse_number(m["num"], ctx.lang)
        if v is None or sc != ref.scale:
            continue
        out.append(_Item(m.start(), m.end("scale"), with_scale(v, sc), ref.currency, sc,
                         implicit=True))
    return out


def _rates(ctx: Context, items: list[_Item]) -> None:
    p = _patterns(ctx.lang)
    for it in items:
        m = p["rate"].match(ctx.text, it.end)
        if not m:
            continue
        per, _ = currencies.code_for(m["cur"].rstrip("s"), ctx.lang)
        if m["cur"].lower().startswith("greenback"):
            per = "USD"
        if per and per != it.currency and not it.scale:
            it.kind, it.per = "exchange_rate", per
    rates = [i for i in items if i.kind == "exchange_rate"]
    for it in items:
        if it.kind == "exchange_rate" or it.scale:
            continue
        for r in rates:
            same = ctx.sentence(r.start) == ctx.sentence(it.start)
            if same and r.currency == it.currency and r.value / 2 < it.value < r.value * 2:
                it.kind, it.per = "exchange_rate", r.per


_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß.]+")
"""Letters whose lower case is what a case-insensitive pattern compares."""


@cache
def _hedge_last_words(lang: str) -> frozenset[str]:
    """The last word of every hedge, and "of": what a hedged amount's word before it is."""
    words = {h.replace("\\.", ".").split(" ")[-1] for h in HEDGES[lang].split("|")}
    return frozenset(words | {"von", "of", "the"})


def _hedges(ctx: Context, items: list[_Item]) -> None:
    p = _patterns(ctx.lang)
    last_words = _hedge_last_words(ctx.lang)
    for it in items:
        before = ctx.text[max(0, it.start - 30) : it.start]
        # a hedge (or "of") ends with a letter or a full stop, then spaces up to the amount
        # (or up to a line break right before it)
        end = before[:-1] if before.endswith("\n") else before
        if not end or end[-1] not in SP_CHARS:
            continue
        rest = end.rstrip(SP_CHARS)
        word = rest[max(rest.rfind(" "), rest.rfind("\u00a0"), rest.rfind("\u202f")) + 1 :]
        if not word or (word.lower() not in last_words and _PLAIN.fullmatch(word)):
            continue  # a plain word that ends no hedge (the pattern ignores case)
        if p["hedge"].search(before):
            it.approx = True


_PAREN_GAP = re.compile(r"\s*[(;/,]\s*(?:(?:rund|etwa|ca\.|about|around|some|or)\s+)?")
_DIGIT = re.compile(r"\d")
_STATED = re.compile(
    r"(?i)umgerechnet|entspricht|equivalent|equal to|or about|worth about|converted"
)


def _same_as(ctx: Context, items: list[_Item]) -> None:
    for i in range(1, len(items)):
        a, b = items[i - 1], items[i]
        if a.currency == b.currency or b.kind != "amount" or a.kind != "amount":
            continue
        gap = ctx.text[a.end : b.start]
        root = a.same_as if a.same_as is not None else i - 1
        paren = _PAREN_GAP.fullmatch(gap)
        stated = len(gap) < 120 and not _DIGIT.search(gap) and _STATED.search(gap)
        if paren or stated:
            b.same_as = root


def _dedupe(ctx: Context, items: list[_Item]) -> list[_Item]:
    """The same amount written the same way again is listed once."""
    seen: set[tuple[str, Decimal, str, str]] = set()
    out = []
    for it in items:
        sig = (ctx.text[it.start : it.end].strip(), it.value, it.currency, it.kind)
        if sig not in seen:
            seen.add(sig)
            out.append(it)
    return out


def extract(ctx: Context) -> dict[str, tuple[Money, ...]]:
    """Money facts in text order, with euro equivalents at the article's date."""
    anchors = _anchors(ctx)
    items: list[_Item] = []
    max_end = 0
    for a in anchors:
        if a.start < max_end and any(i.start <= a.start < i.end for i in items):
            continue
        chain = _chain(ctx, a)
        items.extend(chain)
        items.append(a)
        for i in (*chain, a):
            max_end = max(max_end, i.end)
    items.sort(key=lambda i: i.start)
    _link_ranges(ctx, items)
    for it in items:
        ctx.claim(it.start, it.end)
    items = sorted(items + _implicit(ctx, items), key=lambda i: i.start)
    for it in items:
        ctx.claim(it.start, it.end)
    _rates(ctx, items)
    _hedges(ctx, items)
    items = _dedupe(ctx, items)
    _same_as(ctx, items)
    out: list[Money] = []
    for it in items:
        eur: Decimal | None = None
        note: str | None = None
        if it.kind == "exchange_rate":
            note = "exchange rate, not an amount"
        elif ctx.published is not None:
            eur, note = fx.to_eur(it.value, it.currency, ctx.published)
        out.append(Money(
            text=ctx.text[it.start : it.end].strip(),
            value=normal(it.value),
            currency=it.currency,
            value_to=normal(it.value_to) if it.value_to is not None else None,
            kind=it.kind,
            per=it.per,
            approx=it.approx,
            same_as=it.same_as,
            eur=eur,
            eur_note=note,
            implicit=it.implicit,
        ))
    return {"money": tuple(out)}
