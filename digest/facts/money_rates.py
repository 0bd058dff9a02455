"""Exchange rates an article states: "8.28 yuan to the dollar" and the wire's closing note
"($1 = 0.9120 euros)", which is a rate and never an amount of one dollar. A stated rate
between a currency and the euro is the article's own: its amounts in that currency are
converted with it rather than with the ECB's rate of the day."""

from __future__ import annotations

import re
from decimal import Decimal

from digest.facts import currencies
from digest.facts.context import Context
from digest.facts.fx import CENT
from digest.facts.money_figures import Item, patterns
from digest.facts.numbers import EXACT

_EQUALS = re.compile(r"[ \u00a0]*(?:=|equals|entspricht|entsprechen)[ \u00a0]*")
"""Between the two sides of a rate note: "$1 = 0.9120 euros", "1 Dollar = 0,92 Euro"."""


def rate_notes(ctx: Context, items: list[Item]) -> list[Item]:
    """``$1 = 0.9120 euros``: the right side becomes a rate per the left side's currency,
    the left side (one unit, no scale) is no amount and is dropped."""
    drop: set[int] = set()
    for i in range(len(items) - 1):
        one, rate = items[i], items[i + 1]
        if one.value != 1 or one.scale or one.currency == rate.currency or rate.scale:
            continue
        if not _EQUALS.fullmatch(ctx.text, one.end, rate.start):
            continue
        rate.kind, rate.per = "exchange_rate", one.currency
        rate.start = one.start
        drop.add(i)
    return [it for i, it in enumerate(items) if i not in drop]


def rates(ctx: Context, items: list[Item]) -> None:
    """``8.28 yuan to the dollar``, and figures of the same size beside such a rate."""
    p = patterns(ctx.lang)
    for it in items:
        m = p["rate"].match(ctx.text, it.end)
        if not m:
            continue
        per, _ = currencies.code_for(m["cur"].rstrip("s"), ctx.lang)
        if m["cur"].lower().startswith("greenback"):
            per = "USD"
        if per and per != it.currency and not it.scale:
            it.kind, it.per = "exchange_rate", per
    stated = [i for i in items if i.kind == "exchange_rate"]
    for it in items:
        if it.kind == "exchange_rate" or it.scale:
            continue
        for r in stated:
            same = ctx.sentence(r.start) == ctx.sentence(it.start)
            if same and r.currency == it.currency and r.value / 2 < it.value < r.value * 2:
                it.kind, it.per = "exchange_rate", r.per


def euro_rates(items: list[Item]) -> dict[str, Decimal]:
    """Euros per unit of each currency whose rate against the euro the article states (the
    first statement counts)."""
    out: dict[str, Decimal] = {}
    for it in items:
        if it.kind != "exchange_rate" or not it.value:
            continue
        if it.currency == "EUR" and it.per:
            out.setdefault(it.per, it.value)
        elif it.per == "EUR":
            out.setdefault(it.currency, EXACT.divide(Decimal(1), it.value))
    return out


def in_euros(value: Decimal, currency: str, rates_: dict[str, Decimal]) -> Decimal:
    """``value`` converted at the article's own rate (``currency`` must be in ``rates_``)."""
    return EXACT.multiply(value, rates_[currency]).quantize(CENT, context=EXACT)
