"""Euro equivalents from the ECB reference rates that ``currencyconverter`` ships (offline).

This is the only module that imports ``currency_converter``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from currency_converter import CurrencyConverter, RateNotFoundError

from digest.facts.numbers import EXACT

MAX_FALLBACK_DAYS = 7
"""How many days back a missing fixing (weekend, holiday) may be taken from."""
CENT = Decimal("0.01")


@cache
def _converter() -> Any:
    return CurrencyConverter(decimal=True)


def to_eur(value: Decimal, currency: str, on: dt.date | None) -> tuple[Decimal | None, str | None]:
    """``value`` in euros at the ECB reference rate of ``on``, and a note when not exact.

    No date gives no euro value. A day without a fixing takes the last fixing of the week
    before, and says so; a date after the shipped rates takes the latest rate, and says so;
    a currency the ECB does not quote gives ``None`` with the reason.
    """
    if on is None:
        return None, None
    if currency == "EUR":
        return value.quantize(CENT, context=EXACT), None
    factor, note = _factor(currency, on)
    if factor is None:
        return None, note
    return EXACT.multiply(value, factor).quantize(CENT, context=EXACT), note


def eur_per_unit(currency: str, on: dt.date | None) -> Decimal | None:
    """Euros per unit of ``currency`` at ``on``, or at the latest fixing when there is no
    date: enough to tell whether two amounts are worth about the same (a restatement)."""
    if currency == "EUR":
        return Decimal(1)
    conv = _converter()
    if currency not in conv.currencies:
        return None
    return _factor(currency, on or conv.bounds[currency].last_date)[0]


@lru_cache(maxsize=100_000)
def _factor(currency: str, on: dt.date) -> tuple[Decimal | None, str | None]:
    """Euros per unit of ``currency`` on ``on`` (or the nearest earlier fixing), with a note."""
    conv = _converter()
    if currency not in conv.currencies:
        return None, f"no ECB reference rate for {currency}"
    first, last = conv.bounds[currency]
    if on < first:
        return None, f"no ECB reference rate for {currency} before {first.isoformat()}"
    day, note = on, None
    if on > last:
        day = last
        note = f"latest ECB rate, of {last.isoformat()} (article date {on.isoformat()} is later)"
    for back in range(MAX_FALLBACK_DAYS + 1):
        try_day = day - dt.timedelta(days=back)
        try:
            factor = conv.convert(Decimal(1), currency, "EUR", date=try_day)
        except RateNotFoundError:
            continue
        if back and note is None:
            note = f"ECB rate of {try_day.isoformat()} (no fixing on {on.isoformat()})"
        return Decimal(factor), note
    return None, f"no ECB reference rate for {currency} near {on.isoformat()}"
