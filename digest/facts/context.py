"""What every extractor sees: the text, its language and date, and spans already taken."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from digest.datewords import MONTH_WORDS, QUARTER_CUES
from digest.datewords import SP as SP  # every extractor's space; one definition for all
from digest.facts.numbers import MIXED_WORD_NUM, parse_number
from digest.vocabulary import Vocabulary

SP_CHARS = " \u00a0\u202f"
"""The characters of ``SP``."""

_SENTENCE_END = re.compile(
    r"[.!?:;\n](?:(?<=\n)|(?<=[.!?:;])[\"'”“«»]?[ \u00a0]+(?=[\"'„“«»(]?[A-ZÄÖÜ0-9]))"
)
"""Punctuation, quote and spaces before a capital or figure, or a line break. (Written as one
character class first, which the regex engine scans for quickly, and not as the alternation
``[.!?:;]...|\n``, which it tries at every position.)"""
_DIGITS = re.compile(r"\d+")
RANGE_GAP = re.compile(r"\s*(?:-|–|bis|to)\s*")
"""Between the two ends of a range of figures: "20 bis 30", "$4bn-$5bn"."""
AND_GAP = re.compile(r"\s*(?:und|and)\s*")
BETWEEN_BEFORE = re.compile(r"(?:zwischen|between)\s+$")
"""Before the first end of a range joined by "und"/"and": "zwischen 2 und 3"."""
_SPELLED_UNITS = {
    "de": ("Prozentpunkte", "Prozentpunkten", "Prozentpunkt", "Prozent", "Euro", "Cent", "Dollar",
           "Franken", "Pfund", "Yuan", "Yen", "Rubel", "Millionen", "Million", "Milliarden",
           "Milliarde", "Billionen", "Tausend", "Mio.", "Mrd."),
    "en": ("percentage point", "percent", "per cent", "euro", "dollar", "pound", "pence",
           "cent", "yuan", "yen", "rupee", "rupiah", "rouble", "franc", "thousand",
           "million", "billion", "trillion"),
}
"""Units a number word may stand before (English ones also with a plural -s), besides the
nouns of every currency's name (``spelled_units``)."""


@lru_cache(maxsize=2)
def spelled_units(lang: str) -> tuple[str, ...]:
    """The units a number word may stand before: percent and scale words, and the last word
    of every currency name babel knows ("zwölf norwegische Kronen", "ten Turkish lira")."""
    from digest.facts.currencies import names  # babel's data is read only when needed

    nouns = {name.split()[-1] for name in names() if name.isascii() or lang == "de"}
    if lang == "de":
        nouns = {n[:1].upper() + n[1:] for n in nouns if n.isalpha()}
    else:
        nouns = {n for n in nouns if n.isalpha() and not n.endswith("s")}
    return tuple(sorted(set(_SPELLED_UNITS[lang]) | {n for n in nouns if len(n) > 2}))
_QUARTERS_CAPITALISED = tuple(w for w in QUARTER_CUES if w[:1].isupper())
_QUARTERS_LOWER = tuple(w for w in QUARTER_CUES if not w[:1].isupper())
_WORD_BEFORE = re.compile(
    rf"(?:{MIXED_WORD_NUM}|[A-Za-zÄÖÜäöüß]+(?:-[a-z]+)?)[ \u00a0]$"
)
_WORD_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÄÖÜäöüß")
"""Every character a match of ``_WORD_BEFORE`` can have right before its space."""
_BYLINE = re.compile(r"\((?P<who>[^()\d\n]{1,80}),\s*(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\)\s*$")


_DIGIT_MAP = bytes(0x31 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
"""Byte translation: a digit becomes "1", everything else a space."""


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``_DIGITS.finditer(text)``, found in a one-byte copy of the text when that
    is safe: below U+0100 the only decimal digits are 0-9, and the characters beyond it (which
    the copy turns into "?") are checked for digits of other scripts. The copy is translated
    to ones and spaces, so that ``bytes.find`` (far faster than a regex scan) finds the runs."""
    if text.isascii():
        data = text.encode("ascii")
    else:
        data = text.encode("latin-1", "replace")
        if data.count(b"?") != text.count("?"):
            i = data.find(b"?")
            while i >= 0:
                if text[i].isdecimal():
                    return [m.span() for m in _DIGITS.finditer(text)]
                i = data.find(b"?", i + 1)
    ones = data.translate(_DIGIT_MAP)
    find = ones.find
    out = []
    start = find(b"1")
    while start >= 0:
        end = find(b" ", start)
        if end < 0:
            out.append((start, len(ones)))
            break
        out.append((start, end))
        start = find(b"1", end)
    return out


_FIGURE_SEPARATORS = frozenset(".,'\u00a0\u202f")
"""What a figure has between its digits (``1.000,5``, ``1\u00a0000``, ``1'000``)."""


def starts_after_figure(text: str, end: int, firsts: frozenset[str]) -> bool:
    """Whether one of ``firsts`` comes right after the figure whose first digits end at
    ``end`` (after its separators and further digits, and one plain space): the cheap test
    that a unit or scale word can follow it (the figure patterns use no other characters)."""
    n = len(text)
    while end < n and (text[end] in _FIGURE_SEPARATORS or text[end].isdecimal()):
        end += 1
    nxt = text[end : end + 1]
    if nxt == " ":
        nxt = text[end + 1 : end + 2]
    return nxt in firsts


def ends_with_connector(before: str, connectors: tuple[str, ...]) -> bool:
    """``before`` ends with one of ``connectors`` and spaces (``$`` also matches before a last
    newline): the cheap test whether a pattern ending in ``(?:connectors){SP}*$`` can match."""
    if before.endswith("\n"):
        before = before[:-1]
    return before.rstrip(SP_CHARS).endswith(connectors)


def finditer_from(rx: re.Pattern[str], text: str, starts: tuple[str, ...]) -> list[re.Match[str]]:
    """``list(rx.finditer(text))`` for a pattern whose every match begins with one of the
    literal ``starts``: the pattern is tried only where one of them is (``str.find`` skips
    the rest of the text far faster than the regex engine)."""
    positions: set[int] = set()
    for lit in starts:
        i = text.find(lit)
        while i >= 0:
            positions.add(i)
            i = text.find(lit, i + 1)
    out: list[re.Match[str]] = []
    end = 0
    for i in sorted(positions):
        if i < end:
            continue
        m = rx.match(text, i)
        if m:
            out.append(m)
            end = m.end()
    return out


def search_tail(rx: re.Pattern[str], before: str, words: int) -> re.Match[str] | None:
    """``rx.search(before)`` for a pattern anchored at the end (``$``) whose matches hold at
    most ``words`` runs of characters between plain spaces and no other kind of space: the
    search starts at the last such runs, not at the beginning of ``before`` (the leftmost
    match cannot start earlier, and the engine's attempts there were the expensive part)."""
    if "\u00a0" in before or "\u202f" in before:
        return rx.search(before)
    pos = len(before)
    found = 0
    while True:
        space = before.rfind(" ", 0, pos)
        if space < 0:
            return rx.search(before)
        if space + 1 < pos:
            found += 1
            if found == words:
                return rx.search(before, space + 1)
        pos = space


def find_words(text: str, words: tuple[str, ...], plural: bool = False) -> list[int]:
    """Offsets of whole-word occurrences of ``words`` (str.find is far faster than a regex
    alternation of literals); with ``plural`` also the forms with a final -s."""
    out: list[int] = []
    n = len(text)
    for w in words:
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if plural and j < n and text[j] == "s":
                j += 1
            if (i == 0 or not text[i - 1].isalnum()) and (
                j >= n or not text[j].isalnum() or w[-1] == "."
            ):
                out.append(i)
            i = text.find(w, i + 1)
    return out


def scan_words(text: str, lists: tuple[tuple[str, ...], ...]) -> list[list[int]]:
    """The offsets ``find_words`` gives for each of several word lists, in text order, found by
    one regex scan for any of the words: faster than one ``str.find`` pass per word when the
    words begin with letters that are rare in running text (capitalised words)."""
    rx, by_start, lists_of = _word_scanner(lists)
    out: list[list[int]] = [[] for _ in lists]
    n = len(text)
    m = rx.search(text)
    while m is not None:
        i = m.start()
        for w in by_start[text[i : i + 2]]:
            if text.startswith(w, i):
                j = i + len(w)
                if (i == 0 or not text[i - 1].isalnum()) and (
                    j >= n or not text[j].isalnum() or w[-1] == "."
                ):
                    for k in lists_of[w]:
                        out[k].append(i)
        m = rx.search(text, i + 1)
    return out


@lru_cache(maxsize=32)
def _word_scanner(
    lists: tuple[tuple[str, ...], ...],
) -> tuple[re.Pattern[str], dict[str, list[str]], dict[str, list[int]]]:
    words = {w for ws in lists for w in ws}
    if any(len(w) < 2 for w in words):
        raise ValueError("scan_words looks words up by their first two characters")
    rx = re.compile(_trie_pattern(words))
    by_start: dict[str, list[str]] = {}
    for w in sorted(words):
        by_start.setdefault(w[:2], []).append(w)
    lists_of: dict[str, list[int]] = {}
    for k, ws in enumerate(lists):
        for w in ws:  # a word twice in a list is found twice, as by find_words
            lists_of.setdefault(w, []).append(k)
    return rx, by_start, lists_of


def _trie_pattern(words: set[str]) -> str:
    """A pattern that matches where any of ``words`` starts (up to the end of the shortest
    one there), written as a tree of prefixes: at each position the engine compares a few
    letters instead of trying every word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        alts = [re.escape(c) + emit(child) for c, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


@dataclass
class Context:
    """One article being read; extractors add the character spans they have used."""

    text: str
    lang: str
    published: dt.date | None
    vocab: Vocabulary
    claimed: bytearray = field(default_factory=bytearray)
    digit_starts: list[int] = field(default_factory=list)
    """Offsets where a figure starts (not the digits after a separator)."""
    digit_ends: list[int] = field(default_factory=list)
    """Where the run of digits (``\\d+``) at each of ``digit_starts`` ends."""
    word_number_starts: list[int] = field(default_factory=list)
    """Offsets of number words followed by a unit (``zwölf Euro``, ``Nineteen percent``)."""
    month_starts: list[int] = field(default_factory=list)
    """Offsets of month names, in text order (``find_words`` of the language's months)."""
    quarter_starts: list[int] = field(default_factory=list)
    """Offsets of quarter and half-year words, in text order."""
    claims: list[tuple[int, int]] = field(default_factory=list)
    """The spans claimed so far, as claimed (``claimed`` marks the same characters)."""
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        text = self.text
        self.claimed = bytearray(len(text) + 1)
        runs = [
            (s, e) for s, e in _digit_runs(text)
            if s < 2 or text[s - 1] not in ".,'" or not text[s - 2].isdigit()
        ]
        self.digit_starts = [s for s, _ in runs]
        self.digit_ends = [e for _, e in runs]
        # the capitalised words (German units, months, quarters) in one scan, the others
        # (English units and quarters) one by one
        if self.lang == "de":
            units, months, quarters = scan_words(
                text, (spelled_units("de"), MONTH_WORDS["de"], _QUARTERS_CAPITALISED)
            )
        else:
            months, quarters = scan_words(text, (MONTH_WORDS[self.lang], _QUARTERS_CAPITALISED))
            units = find_words(text, spelled_units(self.lang), plural=True)
        self.month_starts = months
        self.quarter_starts = sorted(quarters + find_words(text, _QUARTERS_LOWER))
        starts = []
        for pos in units:
            # a word and a space must come right before (``$`` also matches before a newline)
            q = pos - 1 if pos and text[pos - 1] == "\n" else pos
            if q < 2 or text[q - 1] not in " \u00a0" or text[q - 2] not in _WORD_LETTERS:
                continue
            w = _WORD_BEFORE.search(text, max(0, pos - 24), pos)
            if w:
                starts.append(w.start())
                # and the word before that, when this one is no number: "zwölf norwegische
                # Kronen"
                q = w.start()
                if (q > 1 and text[q - 1] in " \u00a0" and text[q - 2] in _WORD_LETTERS
                        and parse_number(w.group().strip(), self.lang) is None):
                    w = _WORD_BEFORE.search(text, max(0, q - 24), q)
                    if w:
                        starts.append(w.start())
        self.word_number_starts = sorted(set(starts))

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the sentence around ``pos``."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        i = bisect.bisect_right(self._starts, pos) - 1
        start = self._starts[i]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return start, end

    def is_sentence_start(self, pos: int) -> bool:
        """``pos`` is the first word of a sentence or line (after opening quotes)."""
        start, _ = self.sentence(pos)
        return not self.text[start:pos].strip(" \"'„“«»(‘")

    def claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)
        if end > start:
            self.claims.append((start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        return 1 in self.claimed[start:end]

    def byline(self) -> re.Match[str] | None:
        """The trailing ``(APA, 26.7.2015)`` of an Austrian agency text, if any."""
        last = self.text.rstrip().rsplit("\n", 1)[-1]
        m = _BYLINE.search(last)
        return m
