"""Small text utilities no library covers: German-aware slugs and a de/en language guess."""

from __future__ import annotations

import re

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


def detect_language(text: str, *, default: str) -> tuple[str, str]:
    """Guess ``de`` or ``en`` by function words; returns (language, babel locale)."""
    de = en = 0
    for word in _WORD.findall(text[:20000]):
        w = word.lower()
        if w in _DE:
            de += 1
        elif w in _EN:
            en += 1
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
