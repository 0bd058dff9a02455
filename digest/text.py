"""Small text utilities no library covers: German-aware slugs, a de/en language guess and
near-duplicate detection."""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from unidecode import unidecode

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Function words: frequent, short and nearly disjoint between the two languages, which makes
# counting them more reliable on news text than a statistical model, and far faster.
_DE = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "sich",
        "auf",
        "für",
        "dem",
        "den",
        "des",
        "ein",
        "eine",
        "einen",
        "einer",
        "eines",
        "im",
        "zu",
        "von",
        "zum",
        "zur",
        "bei",
        "auch",
        "als",
        "wie",
        "noch",
        "nach",
        "über",
        "aus",
        "wird",
        "wurde",
        "werden",
        "sind",
        "hat",
        "haben",
        "sie",
        "er",
        "es",
        "wir",
        "ihr",
        "man",
        "dass",
        "daß",
        "oder",
        "aber",
        "nur",
        "schon",
        "wenn",
        "kann",
        "soll",
        "sollen",
        "bereits",
        "sowie",
        "zwischen",
        "gegen",
        "unter",
        "durch",
        "seit",
        "bis",
        "jedoch",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "not",
        "with",
        "on",
        "for",
        "of",
        "to",
        "in",
        "a",
        "an",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "by",
        "from",
        "at",
        "as",
        "be",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "which",
        "who",
        "they",
        "he",
        "she",
        "we",
        "but",
        "or",
        "also",
        "than",
        "more",
        "after",
        "over",
        "into",
        "about",
        "their",
        "there",
        "been",
        "being",
    ]
)
# Words that mark Austrian German, so month names follow de_AT ("Jänner").
_AUSTRIAN = re.compile(r"\b(?:Jänner|Feber|heuer|Österreichs?|Wien|Euro-Cent)\b")


def language_votes(text: str, *, clear: bool = False) -> tuple[int, int, int]:
    """(German function words, English function words, all words) in the first 20,000 chars;
    with ``clear``, words common in both languages vote for neither."""
    de = en = words = 0
    for word in _WORD.findall(text[:20000]):
        words += 1
        w = word.lower()
        if clear and w in _BOTH:
            continue
        if w in _DE:
            de += 1
        elif w in _EN:
            en += 1
    return de, en, words


def detect_language(text: str, *, default: str) -> tuple[str, str]:
    """Guess ``de`` or ``en`` by function words; returns (language, babel locale)."""
    de, en, _ = language_votes(text)
    lang = default if de == en else "de" if de > en else "en"
    if lang == "de" and _AUSTRIAN.search(text):
        return lang, "de_AT"
    return lang, lang


def slugify(text: str, max_length: int = 80) -> str:
    """URL slug: German umlauts transliterated (``für`` -> ``fuer``), ASCII, hyphenated."""
    ascii_text = unidecode(text.translate(_GERMAN)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


# Thresholds for "clearly one language": news prose in either language has function words
# in well over a tenth of its words, and quotes in the other language stay a small minority.
CLEAR_MIN_VOTES = 3
CLEAR_MIN_SHARE = 0.08
CLEAR_MIN_RATIO = 3


# Function words of one list that are also common words of the other language ("in", "an",
# German "was" and "will", English "man"): they vote for neither when clarity is judged.
_BOTH = frozenset(["in", "an", "was", "will", "also", "man"])


def clear_language(text: str) -> str | None:
    """``de`` or ``en`` when the text is clearly in that language, else ``None``."""
    de, en, words = language_votes(text, clear=True)
    top, other = max(de, en), min(de, en)
    if top < CLEAR_MIN_VOTES or top < CLEAR_MIN_SHARE * words or top < CLEAR_MIN_RATIO * other:
        return None
    return "de" if de > en else "en"


# ---------------------------------------------------------------------------- near duplicates

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
"""Bottom-k MinHash: the k smallest hashes of a text's rare 5-grams stand for it."""
COMMON_SHINGLE = 50
"""A 5-gram in more texts than this is a stock phrase: it proposes no pairs."""
_NON_WORD = re.compile(r"\W+")


def normalise(text: str) -> list[str]:
    """Words of a text with case, compatibility forms, punctuation and spacing folded away."""
    return [w for w in _NON_WORD.split(unicodedata.normalize("NFKC", text).casefold()) if w]


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashes of every run of ``size`` consecutive words (the whole text when shorter).

    Words are hashed with CRC-32 and runs as tuples of those numbers: both are the same in
    every process (unlike ``hash()`` of a string), so every run reports the same pairs.
    """
    ids = list(map(zlib.crc32, map(str.encode, normalise(text))))
    if not ids:
        return frozenset()
    if len(ids) < size:
        return frozenset([hash(tuple(ids))])
    return frozenset(map(hash, zip(*(ids[i:] for i in range(size)), strict=False)))


@dataclass(frozen=True)
class Duplicate:
    """Two texts that share most of their word 5-grams."""

    first: str
    second: str
    jaccard: float
    """Shared 5-grams over all 5-grams of the two texts."""
    containment: float
    """Shared 5-grams over the 5-grams of the shorter text: one text copied into the other."""


def near_duplicates(
    texts: Mapping[str, str], *, jaccard: float = 0.5, containment: float = 0.8,
    min_shingles: int = 8,
) -> list[Duplicate]:
    """Pairs of texts (by key, each pair in key order) that are likely the same article.

    Each text's sketch is the bottom-k of its rare 5-grams. A pair is a candidate when one
    text holds a good part of the other's sketch, which every pair above the thresholds does
    (a text copied into a longer one holds all of the shorter one's sketch); candidates are
    then measured exactly. Texts with fewer than ``min_shingles`` 5-grams are skipped.
    """
    sets = {key: shingles(text) for key, text in sorted(texts.items())}
    sets = {key: s for key, s in sets.items() if len(s) >= min_shingles}
    frequency: Counter[int] = Counter()
    for s in sets.values():
        frequency.update(s)
    common = frozenset(h for h, n in frequency.items() if n > COMMON_SHINGLE)
    sketches = {key: sorted(s - common)[:SKETCH_SIZE] for key, s in sets.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for key, sketch in sketches.items():
        for h in sketch:
            index[h].append(key)
    indexed = frozenset(h for h, keys in index.items() if len(keys) > 1 or frequency[h] > 1)
    candidates: set[tuple[str, str]] = set()
    for key, s in sets.items():
        hits: Counter[str] = Counter(
            other for h in s & indexed for other in index[h] if other != key)
        for other, n in hits.items():
            if n >= 0.4 * len(sketches[other]):
                candidates.add((min(key, other), max(key, other)))
    found = []
    for a, b in sorted(candidates):
        shared = len(sets[a] & sets[b])
        j = shared / len(sets[a] | sets[b])
        c = shared / min(len(sets[a]), len(sets[b]))
        if j >= jaccard or c >= containment:
            found.append(Duplicate(a, b, j, c))
    return found


SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12
_CLOSING = tuple(".!?:;…\"'“”»«)")


def strip_boilerplate(
    lines: list[tuple[int, str]], boilerplate: tuple[str, ...]
) -> list[tuple[int, str]]:
    """Drop trailing page furniture such as 'Kommentare' or 'Teilen (12)'."""
    known = {b.casefold() for b in boilerplate}
    while lines:
        last = re.sub(r"\s*[(\[]?\d+[)\]]?$", "", lines[-1][1]).strip(" :·|").casefold()
        if last in known:
            lines = lines[:-1]
        else:
            break
    return lines


def subheadings(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are run-in headings, in one pass (an article may have thousands of
    short lines): of two heading-shaped lines in a row, only the first is one."""
    flags: list[bool] = []
    last = len(paragraphs) - 1
    for i, text in enumerate(paragraphs):
        shaped = (
            0 < i < last
            and len(text) <= SUBHEADING_MAX_CHARS
            and len(text.split()) <= SUBHEADING_MAX_WORDS
            and not text.endswith(_CLOSING)
            and (text[0].isupper() or text[0].isdigit())
        )
        flags.append(shaped and not (flags and flags[-1]))
    return flags
