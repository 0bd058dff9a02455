"""Amounts whose currency is not written next to the figure; each is marked ``implicit``.

1. A comparison: "up from 38m", "davon 50" take the currency of the amount before them.
2. A figure with a scale word and no unit in a sentence about a scaled amount ("3,4 Millionen
   Euro nach 2,9 Millionen im Vorjahr") takes that amount's currency.
3. A series: a figure with a scale word and no unit ("Der Konzern verlor 4,8 Milliarden",
   "a further 40 million") that follows a word about money or continues the amounts of its
   paragraph, and is not followed by a noun ("40 million users", "1,8 Millionen Einwohner"),
   takes the currency of the nearest amount before it whose currency is written, else of the
   nearest after it; a German article with no written currency means euros. An article that
   names no currency gives no English amount: the digest never assumes dollars.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest.facts import currencies
from digest.facts.context import SP, Context, starts_after_figure
from digest.facts.money_figures import Item, figure_scale, patterns
from digest.facts.numbers import DIGITS, parse_number, with_scale

_IMPLICIT_CUE = {"de": re.compile("davon"), "en": re.compile(r"(?:from|with)[ \u00a0]\d")}
_SCALE_FIRSTS = {"de": frozenset("M"), "en": frozenset("bmt")}
"""The first letters of the scale words of the ``scaled`` pattern."""
_MONEY_WORD = {
    "de": re.compile(
        r"(?i)(?<![\w-])(?:verl[oi]e?r|verlust|gewinn|umsatz|umsätze|erlös|ergebnis|zahl|"
        r"bezahl|kost|investi|schulden|kredit|budget|kapital|defizit|weitere|zusätzlich|"
        r"verdien|einnahm|ausgab|ausgegeben|dividende|förder|betrag|summe|spar|hilfe|"
        r"fehlbetrag|überschuss|bilanz)\w*"
    ),
    "en": re.compile(
        r"(?i)(?<![\w-])(?:lost|loss|earn|profit|revenue|sales|turnover|paid|pay|cost|rais|"
        r"invest|spen[dt]|debt|worth|further|another|additional|extra|budget|deficit|fine|"
        r"borrow|loan|bonus|fund|capital|cash|income|dividend|charge|sum|amount|sold|"
        r"bought|valu|bid|offer)\w*"
    ),
}
"""Words about money that make the figure after them an amount (within a few words)."""
_NOT_A_NOUN = {
    "de": re.compile(rf"{SP}*(?:[,.;:)–!?]|$|[a-zäöüß]|(?:Ende|Anfang|Mitte)\b)"),
    "en": re.compile(
        rf"{SP}*(?:[,.;:)–!?]|$|(?:in|a|an|the|last|this|previous|earlier|and|or|to|for|at|by|"
        r"over|on|from|after|before|since|compared|against|more|less|year|was|were|is|are|"
        r"will|would|could|has|had|have|went|came|rose|fell|grew|lost|paid|spent|made|"
        r"\w+ed)\b)"
    ),
}
"""What may follow a figure's scale word when no unit follows: punctuation, a German
lower-case word (German nouns are capitalised), an English function word or verb."""
_SCALED = {
    "de": re.compile(
        rf"(?P<num>{DIGITS}){SP}?(?P<scale>Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde)"
        r"(?![\w])"
    ),
    "en": re.compile(rf"(?P<num>{DIGITS})(?P<scale>{SP}?(?:million|billion|trillion)|bn|m|mn)"
                     r"(?![\w])"),
}
_OPEN_BEFORE = re.compile(r"[(;]\s*$")


def implicit(ctx: Context, items: list[Item]) -> list[Item]:
    """Every amount of the three rules above, none twice."""
    out = _compared(ctx, items)
    out += _scaled_without_unit(ctx, items, out)
    return out + _series(ctx, items, out)


def _compared(ctx: Context, items: list[Item]) -> list[Item]:
    """Amounts whose currency the sentence implies: ``up from 38m``, ``davon 50``."""
    p = patterns(ctx.lang)
    out: list[Item] = []
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
        sc = figure_scale(m, ctx.lang)
        if ctx.lang == "de":
            sc = ref.scale
            if not sc or with_scale(v, sc) >= ref.value:
                continue
        if m.groupdict().get("s1"):
            end = m.end("s1")
        out.append(Item(start, end, with_scale(v, sc), ref.currency, sc, implicit=True))
    return out


def _scaled_figures(
    ctx: Context, pattern: re.Pattern[str], taken: tuple[Item, ...]
) -> Iterator[re.Match[str]]:
    """Each figure followed by a scale word (``pattern`` matched at it) that no amount or
    extractor has taken yet."""
    text, firsts = ctx.text, _SCALE_FIRSTS[ctx.lang]
    for pos, figure_end in zip(ctx.digit_starts, ctx.digit_ends, strict=True):
        if not starts_after_figure(text, figure_end, firsts):
            continue  # no scale word after the figure
        m = pattern.match(text, pos)
        if not m or ctx.is_claimed(m.start(), m.end()):
            continue
        if any(i.start <= pos < i.end for i in taken):
            continue
        yield m


def _scaled_without_unit(ctx: Context, items: list[Item], done: list[Item]) -> list[Item]:
    """``3,4 Millionen Euro nach 2,9 Millionen im Vorjahr``: a figure with a scale word but no
    unit, in a sentence about a scaled amount, is money in that amount's currency."""
    p = patterns(ctx.lang)
    out: list[Item] = []
    scaled = [i for i in items if i.scale >= 6 and i.kind == "amount"]
    if not scaled:
        return out
    for m in _scaled_figures(ctx, p["scaled"], (*items, *done)):
        pos = m.start()
        s0, s1 = ctx.sentence(pos)
        refs = [i for i in scaled if s0 <= i.start < s1 and i.end <= pos]
        if not refs:
            continue
        ref = refs[-1]
        sc = figure_scale(m, ctx.lang)
        v = parse_number(m["num"], ctx.lang)
        if v is None or sc != ref.scale:
            continue
        out.append(Item(m.start(), m.end("scale"), with_scale(v, sc), ref.currency, sc,
                         implicit=True))
    return out


def _series(ctx: Context, items: list[Item], done: list[Item]) -> list[Item]:
    """Rule 3: "Der Konzern verlor 4,8 Milliarden", "a further 40 million"."""
    text = ctx.text
    stated = [i for i in items if i.kind == "amount" and not i.implicit and i.own_unit]
    home: str | None = None
    looked = False
    out: list[Item] = []
    for m in _scaled_figures(ctx, _SCALED[ctx.lang], (*items, *done)):
        if not _NOT_A_NOUN[ctx.lang].match(text, m.end()):
            continue
        if not stated and not looked:
            # read once, and only when a figure needs it: most articles have none
            home, looked = _named_currency(ctx), True
            if home is None and ctx.lang != "de":
                return []
        pos = m.start()
        line_start = text.rfind("\n", 0, pos) + 1
        in_paragraph = any(line_start <= i.start < pos and i.scale for i in stated)
        before = text[max(line_start, pos - 60) : pos].split()[-4:]
        if not in_paragraph and not _MONEY_WORD[ctx.lang].search(" ".join(before)):
            continue
        currency = _nearest_currency(stated, pos) or home or ("EUR" if ctx.lang == "de" else None)
        v = parse_number(m["num"], ctx.lang)
        if currency is None or v is None:
            continue
        sc = figure_scale(m, ctx.lang)
        out.append(Item(m.start(), m.end("scale"), with_scale(v, sc), currency, sc,
                        implicit=True))
    return out


_IN_CURRENCY = re.compile(r"(?<![\w])(?:in|into|auf)[ \u00a0]+(?P<cur>[A-Za-zÄÖÜäöüß-]+)")


def _named_currency(ctx: Context) -> str | None:
    """The currency the article names without a figure: "reports in euros", "in Franken"."""
    for m in _IN_CURRENCY.finditer(ctx.text):
        word = m["cur"]
        if word[:1].isupper() and ctx.lang == "en":
            continue
        cur, minor = currencies.code_for(word, ctx.lang)
        if cur and not minor and word.lower() not in currencies.AMBIGUOUS:
            return cur
    return None


def _nearest_currency(stated: list[Item], pos: int) -> str | None:
    """The currency of the nearest amount before ``pos`` that writes one, else after it."""
    before = [i for i in stated if i.end <= pos]
    if before:
        return before[-1].currency
    return stated[0].currency if stated else None
