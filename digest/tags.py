"""Tags from editor tags, extracted entities and topic keywords: one spelling per tag."""

from __future__ import annotations

from digest.model import Article, Facts, Tag
from digest.text import slugify
from digest.vocabulary import Vocabulary, fold

MAX_TAGS = 12


def make_tags(article: Article, facts: Facts, vocab: Vocabulary) -> tuple[Tag, ...]:
    """Editor tags first, then organisations, places and topics; duplicates folded away."""
    candidates = [
        *article.tags,
        *facts.orgs,
        *facts.places,
        *vocab.topics_in(article.plain_text()),
    ]
    seen: set[str] = set()
    tags: list[Tag] = []
    for raw in candidates:
        name = vocab.canonical(" ".join(raw.split()))
        key = fold(name)
        if not key or key in seen:
            continue
        seen.add(key)
        tags.append(Tag(name=name, slug=slugify(name) or key))
    return tuple(tags[:MAX_TAGS])


def canonical_spellings(entries_tags: list[tuple[Tag, ...]]) -> dict[str, str]:
    """Across the site, one spelling per folded tag: the first one in build order wins."""
    spelling: dict[str, str] = {}
    for tags in entries_tags:
        for tag in tags:
            spelling.setdefault(fold(tag.name), tag.name)
    return spelling
