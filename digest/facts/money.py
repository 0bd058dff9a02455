"""Amounts of money: figure + scale + currency, ranges, conversions, exchange rates."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from functools import cache

from digest.facts import fx
from digest.facts.context import (
    AND_GAP,
    BETWEEN_BEFORE,
    RANGE_GAP,
    SP_CHARS,
    Context,
    ends_with_connector,
    search_tail,
)
from digest.facts.money_figures import HEDGES, Item, figure_scale, find_anchors, patterns
from digest.facts.money_implicit import implicit
from digest.facts.money_rates import euro_rates, in_euros, rate_notes, rates
from digest.facts.numbers import (
    EXACT,
    normal,
    parse_number,
    with_scale,
)
from digest.model import Money

RANGE_WORDS = {"bis", "-", "–", "to"}
AND_WORDS = {"und", "and"}
SEPARATE_WORDS = {"auf", "bzw.", "oder", "or", "beziehungsweise"}


_CHAIN_CONNECTORS = ("bis", "-", "–", "to", "and", "und", "auf", "bzw.", "beziehungsweise",
                     "oder", "or")
"""Every ``conn`` of the chain pattern: a text that ends in none of them has no chain."""


def _chain(ctx: Context, anchor: Item) -> list[Item]:
    """Figures that share the anchor's currency word: ``1 bis 2 Mrd. Euro``, ``15 auf 14``."""
    p = patterns(ctx.lang)
    out: list[Item] = []
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
        sc = figure_scale(m, ctx.lang)
        v = parse_number(m["num"], ctx.lang)
        if v is None or v == 0:
            break
        base = with_scale(right.value, -right.scale) if right.scale else right.value
        if anchor.minor:
            base = base * 100  # "von zwei auf drei Cent": compare the figures as written
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
        value = with_scale(v, sc) / 100 if anchor.minor else with_scale(v, sc)
        item = Item(start, end, value, anchor.currency, sc, own_unit=False, minor=anchor.minor)
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




def _link_ranges(ctx: Context, items: list[Item]) -> None:
    """``$4bn-$5bn``, ``zwischen 2 Mio. Euro und 3 Mio. Euro``: the first gets ``value_to``."""
    for a, b in itertools.pairwise(items):
        if a.currency != b.currency or a.value_to is not None:
            continue
        gap = ctx.text[a.end : b.start]
        if RANGE_GAP.fullmatch(gap):
            before = ctx.text[max(0, a.start - 6) : a.start].lower()
            if "from " not in before:
                a.value_to = b.value
        elif AND_GAP.fullmatch(gap) and BETWEEN_BEFORE.search(
            ctx.text[max(0, a.start - 12) : a.start]
        ):
            a.value_to = b.value


_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß.]+")
"""Letters whose lower case is what a case-insensitive pattern compares."""


@cache
def _hedge_last_words(lang: str) -> frozenset[str]:
    """The last word of every hedge, and "of": what a hedged amount's word before it is."""
    words = {h.replace("\\.", ".").split(" ")[-1] for h in HEDGES[lang].split("|")}
    return frozenset(words | {"von", "of", "the"})


def _hedges(ctx: Context, items: list[Item]) -> None:
    p = patterns(ctx.lang)
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


_DIGIT = re.compile(r"\d")
_STATED = re.compile(
    r"(?i)umgerechnet|entspricht|entsprechen|gleichbedeutend|equivalent|equal to|or about"
    r"|or around|or roughly|or some|worth about|worth around|converted"
)
"""Words that say the next amount is the one before in another currency, wherever they
stand between the two ("Umgerechnet entspricht das etwa", ", or about")."""
_AFTER = re.compile(r"[ \u00a0]+(?:entspricht|entsprach|entsprechen|entsprachen)\b")
"""A German restatement that names its verb last: ", was rund 9,5 Mio. Euro entspricht"."""
WORTH_BAND = (Decimal("0.5"), Decimal(2))
"""How far apart (as a ratio of their euro values) a restatement after a cue and the amount
it restates may be: the rate of the article's day against the rate the writer used, and
rounding; a cue and a figure of another worth are two amounts."""
LIST_BAND = (Decimal("0.8"), Decimal("1.25"))
"""The same for a list's separator, which joins different amounts as often as it restates."""


@cache
def _gaps(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What may stand between an amount and its restatement: a parenthesis ("(etwa", "(£53m"),
    a comma before a verb-last clause (", was rund"), and a list's separator (", rund",
    "; ", " bzw. "), which restates only when the two are worth about the same."""
    hedge = rf"(?:(?:{HEDGES[lang]})\s+)?"
    paren = re.compile(rf"\s*\(\s*(?:(?:umgerechnet|converted|i\.e\.|d\.h\.)\s+)?{hedge}", re.I)
    clause = re.compile(rf"\s*,\s*(?:was|das sind|also|what is)\s+{hedge}", re.I)
    listed = re.compile(
        rf"\s*[,;/]\s*(?:(?:or|oder|bzw\.|beziehungsweise)\s+)?{hedge}"
        rf"|\s+(?:or|oder|bzw\.|beziehungsweise)\s+{hedge}", re.I)
    return paren, clause, listed


def _worth(ctx: Context, it: Item, own: dict[str, Decimal]) -> Decimal | None:
    """The amount in euros, roughly (the article's own rate, else the ECB's), to compare."""
    factor = own.get(it.currency) or fx.eur_per_unit(it.currency, ctx.published)
    return None if factor is None else it.value * factor


def _alike(ctx: Context, a: Item, b: Item, own: dict[str, Decimal],
           band: tuple[Decimal, Decimal]) -> bool | None:
    """Whether ``a`` and ``b`` are worth about the same; ``None`` when a rate is unknown."""
    wa, wb = _worth(ctx, a, own), _worth(ctx, b, own)
    if wa is None or wb is None:
        return None
    return bool(wa) and band[0] <= wb / wa <= band[1]


def _same_as(ctx: Context, items: list[Item], own: dict[str, Decimal]) -> None:
    """Link each amount that restates the one before in another currency (and every later
    one of a chain) to the first of them: a cue in between ("umgerechnet", "(", "or about")
    and no figure of another worth, or a list's separator and the same worth."""
    paren, clause, listed = _gaps(ctx.lang)
    for i in range(1, len(items)):
        a, b = items[i - 1], items[i]
        root = a.same_as if a.same_as is not None else i - 1
        first = items[root]
        if b.kind != "amount" or first.kind != "amount" or b.currency in (a.currency,
                                                                          first.currency):
            continue
        gap = ctx.text[a.end : b.start]
        stated = len(gap) < 120 and not _DIGIT.search(gap) and _STATED.search(gap)
        verb_last = clause.fullmatch(gap) and _AFTER.match(ctx.text, b.end)
        # "(£53m; $100m)": the separator inside the parenthesis that opened the restatements
        between = ctx.text[first.end : b.start]
        in_paren = a is not first and between.count("(") > between.count(")")
        listed_gap = listed.fullmatch(gap)
        cue = paren.fullmatch(gap) or stated or verb_last or (in_paren and listed_gap)
        if cue:
            alike = _alike(ctx, first, b, own, WORTH_BAND) is not False
        else:
            alike = bool(listed_gap) and _alike(ctx, first, b, own, LIST_BAND) is True
        if alike:
            b.same_as = root


def _dedupe(ctx: Context, items: list[Item]) -> list[Item]:
    """The same amount written the same way again is listed once."""
    seen: set[tuple[str, Decimal, str, str]] = set()
    out = []
    for it in items:
        sig = (ctx.text[it.start : it.end].strip(), it.value, it.currency, it.kind)
        if sig not in seen:
            seen.add(sig)
            out.append(it)
    return out


Euros = tuple[Decimal | None, str | None]
"""A euro value and the note on it (why it is missing or how it was taken)."""


def _euros(ctx: Context, it: Item, own: dict[str, Decimal]) -> Euros:
    """The amount's own euro value: the article's stated rate, else the ECB's of its day."""
    if it.kind == "exchange_rate":
        return None, "exchange rate, not an amount"
    if it.currency in own:
        return in_euros(it.value, it.currency, own), "at the rate the article states"
    if ctx.published is not None:
        return fx.to_eur(it.value, it.currency, ctx.published)
    return None, None


def _one_value(items: list[Item], values: list[Euros], i: int) -> Euros:
    """One euro value per amount however often the text restates it: a restatement has
    none; the amount it restates keeps its own in euros, else takes euros the text states
    ("(9,5 Mio. Euro)"), else its own rate's, else a restatement's whose rate is known."""
    it = items[i]
    if it.same_as is not None:
        return None, None
    restating = [j for j in range(i + 1, len(items)) if items[j].same_as == i]
    if it.currency == "EUR" or not restating:
        return values[i]
    stated = next((items[j] for j in restating if items[j].currency == "EUR"), None)
    if stated is not None:
        return stated.value.quantize(fx.CENT, context=EXACT), "as the article states in euros"
    if values[i][0] is not None:
        return values[i]
    for j in restating:
        eur, note = values[j]
        if eur is not None:
            via = f"from the amount in {items[j].currency}"
            return eur, f"{via}; {note}" if note else via
    return values[i]


def extract(ctx: Context) -> dict[str, tuple[Money, ...]]:
    """Money facts in text order, with euro equivalents at the article's date."""
    anchors = find_anchors(ctx)
    items: list[Item] = []
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
    items = sorted(items + implicit(ctx, items), key=lambda i: i.start)
    for it in items:
        ctx.claim(it.start, it.end)
    items = rate_notes(ctx, items)
    rates(ctx, items)
    _hedges(ctx, items)
    items = _dedupe(ctx, items)
    own = euro_rates(items)
    _same_as(ctx, items, own)
    values = [_euros(ctx, it, own) for it in items]
    values = [_one_value(items, values, i) for i in range(len(items))]
    out: list[Money] = []
    for it, (eur, note) in zip(items, values, strict=True):
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
