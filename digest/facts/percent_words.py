"""Percentages the figure anchors do not see: fractions of a percent and number words joined
to the unit.

A percent fact needs a percent word. "ein halbes Prozent", "a quarter of a percentage point",
"Fünf-Prozent-Hürde" and "Two-Percent Target" are percentages; "drei Viertel der Befragten",
"two thirds of voters", "half of all firms" and "one in three" name a share of people or
things, and "a quarter of a point" or "einen Viertelpunkt" a rate step: they stay what they
are and give nothing (the evaluation corpus labels them the same way).

Every match is looked for only where a percent word is (found by ``str.find``), in a short
window before it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from digest.facts.context import SP, SP_CHARS, Context
from digest.facts.numbers import WEAK, normal, parse_number

_TAILS = {"de": ("rozent",), "en": ("cent",)}
"""The end of the unit's first word, found by one ``str.find`` pass over the text: it ends
"Prozent" and "prozentige", "percent", "Percent" and "per cent" (``_HEADS`` is checked at
each hit; few hits are other words, such as "recent")."""
_TITLE_TAILS = {"de": ("ROZENT",), "en": ("Cent", "CENT")}
"""The unit in capitals ("FÜNF PROZENT") or title case ("Ten Per Cent"): headline styles,
looked for in the title line only (a pass over a whole article for each would cost about as
much as reading one without percentages). Figures before them are read anywhere."""
_HEADS = {"de": frozenset(("P", "p")), "en": frozenset(("per", "Per", "PER"))}
"""What comes right before a tail when it is a percent word (in English also with a space
or hyphen between: "per cent", "per-cent")."""
_WINDOW = 60
"""How far before the unit a fraction or number word may start."""
_LETTERS = "A-Za-zÄÖÜäöüß"

_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "eighth": 8,
    "tenth": 10, "hundredth": 100,
    "drittel": 3, "viertel": 4, "fünftel": 5, "achtel": 8, "zehntel": 10, "hundertstel": 100,
}
"""Fraction words (English ones also with a plural -s) -> the number they divide by."""
_COUNT = {
    "de": "ein|eine|einen|einem|eines|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn",
    "en": "an?|one|two|three|four|five|six|seven|eight|nine",
}
"""Numerators of a fraction: a small closed list, so that no other word before it is one."""


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    """The fraction and number word right before a unit (``\\Z``: not across a line
    break, as ``$`` would), and the unit."""
    if lang == "de":
        fraction = (
            rf"(?i)(?<![{_LETTERS}])(?:(?P<n>{_COUNT['de']}|\d+){SP}+)?(?:"
            rf"(?P<half>halbe[nmrs]?){SP}+"
            rf"|(?P<g>{_COUNT['de']})?"
            rf"(?P<d>drittel|viertel|fünftel|achtel|zehntel|hundertstel)(?:{SP}+|-)?)\Z"
        )
        unit = (
            r"(?:Prozent|prozent|PROZENT)"
            r"(?:punkt(?:e[ns]?|s)?|PUNKT(?:E[NS]?|S)?|ige[nmrs]?|IGE[NMRS]?)?(?P<after>[a-zäöüß]*)"
        )
    else:
        fraction = (
            rf"(?i)(?<![{_LETTERS}-])(?:"
            rf"(?P<whole>[a-z]+(?:-[a-z]+)?)[ -]and[ -]a[ -]half"
            rf"|(?P<half>half(?:[ -]of)?[ -](?:an?|one)|(?<!and[ -])(?:a|one)[ -]half)"
            rf"|(?P<n>{_COUNT['en']}|\d+)[ -](?P<d>halves|(?:third|quarter|fourth|fifth|eighth"
            rf"|tenth|hundredth)s?)(?:[ -]of[ -](?:an?|one))?)(?:{SP}|-)\Z"
        )
        unit = r"(?i:percentage[ -]points?|per[ -]?cent)(?P<after>[a-z]*)"
    word = rf"(?<![{_LETTERS}-])(?P<num>[{_LETTERS}]+(?:-[{_LETTERS}]+)?)(?P<join>-|{SP})?\Z"
    return {"fraction": re.compile(fraction), "unit": re.compile(unit), "word": re.compile(word)}


def spelled(ctx: Context) -> list[tuple[int, int, Decimal, str]]:
    """``(start, end, value, unit)`` of each fraction of a percent and each number word
    joined to its unit ("Fünf-Prozent", "zehnprozentige", "Ten Percent"), in text order."""
    text, lang = ctx.text, ctx.lang
    positions = _unit_positions(text, lang)
    if not positions:
        return []
    p = _patterns(lang)
    out: list[tuple[int, int, Decimal, str]] = []
    for i in positions:
        if i < 2 or (out and i < out[-1][1]):
            continue
        prev = text[i - 1]
        if prev.isdecimal() or (prev in SP_CHARS and text[i - 2].isdecimal()):
            continue  # "5 Prozent": the figure anchors read it
        u = p["unit"].match(text, i)
        if u is None:
            continue
        glued = prev.isalpha()
        if glued and lang == "en":
            continue  # "super cent"
        if u["after"] and (not glued or lang == "en" or u["after"].startswith(("ig", "ual"))):
            continue  # "Prozentsatz", "hundertprozentig" (entirely), "percenters"
        end = u.end() - len(u["after"])
        written = text[i:end]
        low = written.lower()
        unit = "percentage_point" if "unkt" in low or "oint" in low else "percent"
        before = text[max(0, i - _WINDOW) : i]
        found = _fraction(p["fraction"], before, lang)
        if found is None and (glued or before[-1] == "-" or written not in _ANCHORED[lang]):
            found = _joined(p["word"], before, lang)
        if found is None:
            continue
        start, value = i - len(before) + found[0], found[1]
        if not ctx.is_claimed(start, end):
            out.append((start, end, value, unit))
    return out


def _unit_positions(text: str, lang: str) -> list[int]:
    """Where a percent word starts, in text order."""
    heads = _HEADS[lang]
    size = len(next(iter(heads)))
    title_end = text.find("\n")
    out: list[int] = []
    for tail, end in [(t, len(text)) for t in _TAILS[lang]] + [
        (t, title_end if title_end >= 0 else len(text)) for t in _TITLE_TAILS[lang]
    ]:
        i = text.find(tail, 0, end)
        while i >= 0:
            j = i - 1 if lang == "en" and text[i - 1 : i] in (" ", "-") else i
            if j >= size and text[j - size : j] in heads:
                out.append(j - size)
            i = text.find(tail, i + 1, end)
    return sorted(out)


_ANCHORED = {
    "de": frozenset(("Prozent", "Prozentpunkt", "Prozentpunkte", "Prozentpunkten")),
    "en": frozenset(("percent", "per cent", "percentage point", "percentage points")),
}
"""Units that the context's number-word anchors find after a space (its spelled units): a
number word before one of them is read with the figures, in their ranges and chains."""
_FRACTION_ENDS = {
    "de": ("tel", "halbe", "halben", "halbes", "halber", "halbem"),
    "en": ("a", "an", "one", "half", "halves", *_DENOMINATORS,
           *(w + "s" for w in _DENOMINATORS)),
}
"""How the word right before the unit ends when a fraction can be there."""


def may_end_in_fraction(before: str, lang: str) -> bool:
    """The cheap test whether a fraction can end ``before``: its last word ends like one."""
    last = before.rstrip(_SEPARATORS)
    for sep in _SEPARATORS:
        last = last.rpartition(sep)[2]
    last = last.lower()
    return last in _FRACTION_ENDS["en"] if lang == "en" else last.endswith(_FRACTION_ENDS["de"])


_SEPARATORS = " -\u00a0\u202f"
"""What may stand between the words of a fraction and before the unit."""


def _fraction(rx: re.Pattern[str], before: str, lang: str) -> tuple[int, Decimal] | None:
    """Where the fraction before the unit starts, and its value."""
    if not may_end_in_fraction(before, lang):
        return None
    m = rx.search(before)
    if m is None:
        return None
    if m["half"]:
        n = m["n"] if lang == "de" else None
        if n and n.lower() not in WEAK:
            return None  # "zwei halbe Prozent" is no way to write one percent
        return m.start(), Decimal("0.5")
    if lang == "en" and m["whole"]:
        # "two and a half": the whole number and the half are read as one number
        words = m[0].rstrip(" -\u00a0\u202f").replace("-", " ")
        v = parse_number(words, lang)
        return (m.start(), v) if v is not None else None
    count = m["g"] if lang == "de" and m["g"] else m["n"]
    numerator = parse_number(count, lang) if count else Decimal(1)
    if numerator is None:
        return None
    d = m["d"].lower()
    denominator = _DENOMINATORS.get(d) or _DENOMINATORS[d[:-1]]
    return m.start(), normal((numerator / denominator).quantize(Decimal("0.0001")))


def _joined(rx: re.Pattern[str], before: str, lang: str) -> tuple[int, Decimal] | None:
    """A number word joined to the unit by a hyphen, glued to it (German), or before a unit
    the number-word anchors do not find ("Ten Percent", "FÜNF PROZENT"): where it starts,
    and its value."""
    m = rx.search(before)
    if m is None or (lang == "en" and not m["join"]):
        return None
    num, start = m["num"], m.start()
    v = parse_number(num, lang)
    if v is None and "-" in num:  # "EU-Drei-Prozent-Ziel"
        cut = num.rindex("-") + 1
        num, start = num[cut:], start + cut
        v = parse_number(num, lang)
    return (start, v) if v is not None else None
