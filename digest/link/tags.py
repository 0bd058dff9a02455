"""Tags from editor tags, extracted entities and topic keywords: one spelling per tag."""

from __future__ import annotations

import hashlib
import re
import sys

from digest.model import Article, Facts, Tag
from digest.text import slugify
from digest.vocabulary import Vocabulary, fold

MAX_TAGS = 12
TAG_SLUG_MAX = 60
"""Longer slugs are cut at a word and get the hash suffix: a tag's folder and feed file names
stay far below the 255 bytes a file system allows."""
_HASH_CHARS = 10
# Windows device names: a tag folder or feed named so cannot be checked out or written there.
_DEVICE = re.compile(r"(?:con|prn|aux|nul|com\d|lpt\d)")


def tag_slug(name: str) -> str:
    """The URL part of a tag's pages and feeds, safe by construction.

    A plain slug is what ``slugify`` gives: ASCII letters and digits in runs joined by single
    hyphens. It is used as it is unless it is empty (an emoji, punctuation), only digits (the
    tag index names its pages 2, 3, ...), a Windows device name or cut to ``TAG_SLUG_MAX``;
    then it gets ``--`` and a hash of the tag's folded name. ``slugify`` never writes two
    hyphens in a row, so a hashed slug is never a plain one, never only digits and never
    empty, and two tags get one only when their folded names are the same.
    """
    whole = slugify(name, max_length=sys.maxsize)
    plain = slugify(name, max_length=TAG_SLUG_MAX)
    if plain and plain == whole and not plain.isdigit() and not _DEVICE.fullmatch(plain):
        return plain
    digest = hashlib.sha256(fold(name).encode()).hexdigest()[:_HASH_CHARS]
    return f"{plain or 'tag'}--{digest}"


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
        slug = tag_slug(name)
        if slug in seen:  # "C" and "C++" share a page: the article is listed there once
            continue
        seen.update((key, slug))
        tags.append(Tag(name=name, slug=slug))
    return tuple(tags[:MAX_TAGS])
