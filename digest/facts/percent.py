"""Percentages and percentage points, with signs, ranges and spelled-out figures.

A percent fact needs a percent word (%, Prozent, percent, or points beside a percentage):
a share without one ("drei Viertel der Befragten", "one in three") stays a share, and a
rate step without one ("a quarter of a point") stays a step (see ``percent_words``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from digest.facts import percent_words
from digest.facts.context import (
    AND_GAP,
    BETWEEN_BEFORE,
    RANGE_GAP,
    SP,
    Context,
    ends_with_connector,
    finditer_from,
    search_tail,
    starts_after_figure,
)
from digest.facts.numbers import DIGITS, WORD_NUM, normal, parse_number
from digest.model import Percent

UNIT = {
    "de": r"(?i:%-Punkte[n]?|%ige[nmrs]?|Prozentpunkte[n]?|Prozentpunkt|Prozentige[nmrs]?|"
    r"Prozent)|v\.\s?H\.|%",
    "en": r"(?i:percentage[ -]points?|per[ -]?cent(?:age)?|pct\.?)|%",
}
"""The unit after a figure, in any case ("10 Percent" in a headline, "5 PROZENT"); the
inflected "-prozentige" and "%ige" of a compound ("eine 10-prozentige Beteiligung")."""
_UNIT_FIRSTS = {"de": frozenset("%Ppv-"), "en": frozenset("%Pp-")}
"""The first characters of ``UNIT``, and the hyphen that joins a figure to it."""
POINTS = re.compile(r"(?i)punkt|point")
PAIR_CUE = re.compile(r"statt|anstelle|instead of|rather than|compared with")


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    value: Decimal
    unit: str
    value_to: Decimal | None = None
    implicit: bool = False


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    sign = rf"(?P<sign>[+\-−±]|plus{SP}|minus{SP})?"
    num = rf"(?P<num>{DIGITS}|{WORD_NUM})"
    one = (
        rf"(?<![\w.,]){sign}{num}(?:{SP}?|-)(?P<unit>{UNIT[lang]})"
        + (r"(?![\w])" if lang == "en" else r"(?![\wäöü])")
    )
    chain = (
        rf"(?:^|(?<=[\s(]))(?P<pre>(?:zwischen|between|von|from){SP})?{sign}"
        rf"(?P<num>{DIGITS}|{WORD_NUM}){SP}*"
        rf"(?P<conn>bis|-|–|to|and|und|auf|bzw\.|oder|or|,|statt|anstatt|anstelle von|"
        rf"instead of){SP}*$"
    )
    return {
        "one": re.compile(one),
        "chain": re.compile(chain),
        "sign": re.compile(rf"(?:^|(?<=[\s(]))(?P<s>[+\-−±]|plus{SP}|minus{SP})$"),
    }


def _unit(word: str) -> str:
    return "percentage_point" if POINTS.search(word) else "percent"


def _signed_item(ctx: Context, start: int, end: int, value: Decimal, unit: str) -> _Item:
    """A spelled percentage with the sign before it ("minus ein halbes Prozent")."""
    sg = _patterns(ctx.lang)["sign"].search(ctx.text, max(0, start - 7), start)
    if sg:
        start = sg.start()
        if sg["s"].strip() in ("-", "−", "minus"):
            value = -value
    return _Item(start, end, value, unit)


def _signed(m: re.Match[str], lang: str) -> Decimal | None:
    v = parse_number(m["num"], lang)
    if v is None:
        return None
    sign = (m["sign"] or "").strip()
    if sign in ("-", "−", "minus"):
        v = -v
    return v


def extract(ctx: Context) -> dict[str, tuple[Percent, ...]]:
    """Percent facts in text order."""
    p = _patterns(ctx.lang)
    items: list[_Item] = []
    one, sign = p["one"], p["sign"]
    text = ctx.text
    figure_ends = dict(zip(ctx.digit_starts, ctx.digit_ends, strict=True))
    firsts = _UNIT_FIRSTS[ctx.lang]
    spelled = [_signed_item(ctx, *found) for found in percent_words.spelled(ctx)]
    k, n_spelled = 0, len(spelled)
    for pos in sorted(ctx.digit_starts + ctx.word_number_starts):
        while k < n_spelled and spelled[k].start < pos:
            items.append(spelled[k])
            k += 1
        end = figure_ends.get(pos)
        if end is not None and not starts_after_figure(text, end, firsts):
            continue  # no "%" or "Prozent" after the figure
        m = one.match(text, pos)
        if not m or ctx.is_claimed(m.start(), m.end()):
            continue
        if n_spelled and any(s.start < m.end() and pos < s.end
                             for s in spelled[max(0, k - 1) : k + 1]):
            continue  # "a percentage point" of "a quarter of a percentage point"
        v = _signed(m, ctx.lang)
        if v is None:
            continue
        start = m.start()
        sg = sign.search(text, max(0, pos - 7), pos)
        if sg and (not items or items[-1].end <= sg.start()):
            start = sg.start()
            if sg["s"].strip() in ("-", "−", "minus"):
                v = -v
        anchor = _Item(start, m.end(), v, _unit(m["unit"]))
        chain = _chain(ctx, anchor, items)
        items.extend(chain)
        items.append(anchor)
    items.extend(spelled[k:])
    _link(ctx, items)
    _implicit_pairs(ctx, items)
    _points(ctx, items)
    items.sort(key=lambda i: i.start)
    for it in items:
        ctx.claim(it.start, it.end)
    out: list[Percent] = []
    seen: set[Percent] = set()
    for it in items:
        fact = Percent(
            text=ctx.text[it.start : it.end].strip(),
            value=normal(it.value),
            value_to=normal(it.value_to) if it.value_to is not None else None,
            unit=it.unit,
        )
        if fact not in seen:
            seen.add(fact)
            out.append(fact)
    return {"percent": tuple(out)}


_CHAIN_CONNECTORS = ("bis", "-", "–", "to", "and", "und", "auf", "bzw.", "oder", "or", ",",
                     "statt", "anstatt", "anstelle von", "instead of")
"""Every ``conn`` of the chain pattern."""


def _chain(ctx: Context, anchor: _Item, done: list[_Item]) -> list[_Item]:
    """``20 bis 30 Prozent`` (range), ``30, 40 Prozent`` (range), ``von 1,6 auf 2,4 %``."""
    p = _patterns(ctx.lang)
    # the window without the limits first: when it does not end with a connector, no part
    # of it does, and the sentence is not needed
    if not ends_with_connector(
        ctx.text[max(0, anchor.start - 50) : anchor.start], _CHAIN_CONNECTORS
    ):
        return []
    floor = max(ctx.sentence(anchor.start)[0], done[-1].end if done else 0)
    before = ctx.text[max(floor, anchor.start - 50) : anchor.start]
    if not ends_with_connector(before, _CHAIN_CONNECTORS):
        return []
    # a match: [von ][plus ]figure connector (of up to two words): five runs of characters
    # between spaces at most, six with a line break
    m = search_tail(p["chain"], before, 6 if before.endswith("\n") else 5)
    if not m:
        return []
    base = anchor.start - len(before)
    v = _signed(m, ctx.lang)
    if v is None or (1000 < v < 2100 and v == v.to_integral_value()):
        return []
    conn = m["conn"]
    if conn in ("und", "and") and not m["pre"]:
        return []
    start, end = base + m.start("num"), base + m.end("num")
    if m["sign"]:
        start = base + m.start("sign")
    from_ = (m["pre"] or "").strip().lower() in ("from", "von")
    if conn in ("bis", "-", "–", "to", ",", "und", "and") and not (from_ and conn != "bis"):
        if conn == "," and not (v == v.to_integral_value() and v < anchor.value):
            return []
        anchor.value_to = anchor.value
        anchor.value = v
        anchor.start = start
        return []
    return [_Item(start, end, v, anchor.unit, implicit=True)]


_FROM_BEFORE = re.compile(r"(?:^|\s)(?:from|von)\s+$")


def _link(ctx: Context, items: list[_Item]) -> None:
    """``between 20% and 30%``, ``20 % bis 30 %``: the first item carries ``value_to``; a
    change ``from 3.1% to 2.8%`` is two rates, not a range (``von 20 % bis 30 %`` is one)."""
    for a, b in itertools.pairwise(items):
        if a.value_to is not None or a.unit != b.unit:
            continue
        gap = ctx.text[a.end : b.start]
        if RANGE_GAP.fullmatch(gap):
            if "bis" in gap or not _FROM_BEFORE.search(ctx.text[max(0, a.start - 6) : a.start]):
                a.value_to = b.value
        elif (
            AND_GAP.fullmatch(gap)
            and BETWEEN_BEFORE.search(ctx.text[max(0, a.start - 12) : a.start])
        ):
            a.value_to = b.value


_PAIR = re.compile(
    rf"(?:\bum|\bby|\bauf|\bto){SP}+(?P<num>\d+[.,]\d+)(?![\d.,]){SP}+"
    rf"(?:statt|anstatt|anstelle|instead of|rather than|compared with)\b"
)
_PAIR_STARTS = ("um", "by", "auf", "to")
"""The literal every match of ``_PAIR`` starts with."""
_PAIR_WORDS = ("statt", "anstelle", "instead of", "rather than", "compared with")
"""The literals of ``PAIR_CUE`` (``in`` finds them faster than the pattern)."""


def _implicit_pairs(ctx: Context, items: list[_Item]) -> None:
    """``um 1,6 statt ... um 2,4 Prozent``: a decimal paired with a percentage."""
    text = ctx.text
    if not items or not any(w in text for w in _PAIR_WORDS):
        return  # a pair needs a percentage in its sentence
    for m in finditer_from(_PAIR, text, _PAIR_STARTS):
        if ctx.is_claimed(m.start("num"), m.end("num")):
            continue
        if any(i.start <= m.start("num") < i.end for i in items):
            continue
        s0, s1 = ctx.sentence(m.start())
        if not any(s0 <= i.start < s1 for i in items):
            continue
        v = parse_number(m["num"], ctx.lang)
        if v is not None:
            items.append(_Item(m.start("num"), m.end("num"), v, "percent", implicit=True))


_POINT_UNIT = {
    "de": r"Basispunkte[n]?|Punkte[n]?|Punkt|Zähler[n]?",
    "en": r"basis points?|points?|bps?",
}
_POINT_CUES: dict[str, tuple[str, str]] = {"de": ("unkt", "Zähler"), "en": ("point", "bp")}
"""Literals every point unit holds: the point patterns are tried only beside a percentage
with one of them near."""
_POINT_TO = {"de": frozenset({"auf"}), "en": frozenset({"to"})}
"""The word between points and the percentage they lead to ("um 0,3 Punkte auf 2,4 %")."""
_WORD = r"[A-Za-zÄÖÜäöüß]+"


@cache
def _point_patterns(lang: str) -> dict[str, re.Pattern[str]]:
    """Points before a percentage they lead to, points after one, and the word that makes a
    percentage a target ("auf", "to")."""
    sign = rf"(?P<sign>[+\-−]|plus{SP}|minus{SP})?"
    figure = (
        rf"(?<![\w.,]){sign}(?P<num>{DIGITS}|{WORD_NUM}){SP}?(?P<pu>{_POINT_UNIT[lang]})"
        + r"(?![\wäöü])"
    )
    to = "|".join(_POINT_TO[lang])
    at, cue, by = (
        ("auf|bei", "Plus|Minus|Anstieg|Rückgang|Zuwachs|Verlust", "von|um")
        if lang == "de" else
        ("to|at", "up|down|rise|fall|increase|decrease|drop|gain|decline", "of|by")
    )
    return {
        # "um 0,3 Punkte (gegenüber dem Vormonat) auf 2,4 Prozent"
        "before": re.compile(
            rf"{figure}(?:{SP}+{_WORD}){{0,3}}{SP}+(?:{to})(?:{SP}+{_WORD}){{0,2}}{SP}+$"
        ),
        # "auf 5,2 Prozent, ein Plus von 0,4 Punkten"
        "after": re.compile(
            rf"(?:,{SP}+|{SP}*\({SP}*)(?:(?:ein|einem|an?){SP}+)?(?:(?:{cue}){SP}+)?"
            rf"(?:(?:{by}){SP}+)?{figure}"
        ),
        "target": re.compile(rf"(?<!\w)(?:{at})(?:{SP}+{_WORD})?{SP}+$"),
    }


def _points(ctx: Context, items: list[_Item]) -> None:
    """Points beside a percentage are percentage points: "um 0,3 Punkte auf 2,4 Prozent",
    "by 25 basis points to 4.5%" (a hundredth each), "fell to 5.1%, down 0.3 points". Points
    with no percentage as their target (an index, a score) are no percent fact."""
    text, (c1, c2) = ctx.text, _POINT_CUES[ctx.lang]
    if not items or (c1 not in text and c2 not in text):
        return
    p, to = _point_patterns(ctx.lang), _POINT_TO[ctx.lang]
    found: list[_Item] = []
    ordered = sorted(items, key=lambda i: i.start)
    for n, it in enumerate(ordered):
        if it.unit != "percent":
            continue
        before, after = text[max(0, it.start - 100) : it.start], text[it.end : it.end + 60]
        # the connector is one of the last three words before a percentage points lead to
        lead = (c1 in before or c2 in before) and not to.isdisjoint(before.split()[-3:])
        if not lead and c1 not in after and c2 not in after:
            continue  # no point unit near
        s0, s1 = ctx.sentence(it.start)
        floor = max(s0, ordered[n - 1].end if n else 0, it.start - 100)
        m, base = None, floor
        if lead:
            window = text[floor : it.start]
            m = search_tail(p["before"], window, 11 if window.endswith("\n") else 10)
        if m is None and p["target"].search(text, max(floor, it.start - 30), it.start):
            m, base = p["after"].match(text, it.end, min(s1, it.end + 60)), 0
        if m is None:
            continue
        item = _point_item(ctx, m, base)
        if item is not None and not any(i.start < item.end and item.start < i.end
                                        for i in items + found):
            found.append(item)
    items.extend(found)


def _point_item(ctx: Context, m: re.Match[str], base: int) -> _Item | None:
    """The percentage points a match of a point pattern names, if its figure is free."""
    num = m["num"]
    if num.lower() in ("a", "an"):
        return None  # "half a point", "a quarter of a point": a step, not a figure
    v = _signed(m, ctx.lang)
    start = base + (m.start("sign") if m["sign"] else m.start("num"))
    end = base + m.end("pu")
    if v is None or ctx.is_claimed(start, end):
        return None
    if m["pu"].lower().startswith(("basis", "bp")):
        v = v / 100
    return _Item(start, end, v, "percentage_point")
