"""Tags from editor tags, extracted entities and topic keywords: one spelling per tag."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from digest.link.entities import NAMED_KINDS, resolve, shown
from digest.model import Article, Entry, Facts, Tag
from digest.text import slugify
from digest.vocabulary import Vocabulary, fold

MAX_TAGS = 12
TAG_SLUG_MAX = 60
"""Longer slugs are cut at a word and get the hash suffix: a tag's folder and feed file names
stay far below the 255 bytes a file system allows."""
_HASH_CHARS = 10
# Windows device names: a tag folder or feed named so cannot be checked out or written there.
_DEVICE = re.compile(r"(?:con|prn|aux|nul|com\d|lpt\d)")


@lru_cache(maxsize=1 << 16)
def tag_slug(name: str) -> str:
    """The URL part of a tag's pages and feeds, safe by construction.

    A plain slug is what ``slugify`` gives: ASCII letters and digits in runs joined by single
    hyphens. It is used as it is unless it is empty (an emoji, punctuation), only digits (the
    tag index names its pages 2, 3, ...), a Windows device name or cut to ``TAG_SLUG_MAX``;
    then it gets ``--`` and a hash of the tag's folded name. ``slugify`` never writes two
    hyphens in a row, so a hashed slug is never a plain one, never only digits and never
    empty, and two tags get one only when their folded names are the same. Memoised: every
    build asks it for every tag of every article, which cost a second at 10,000 articles.
    """
    whole = slugify(name, max_length=sys.maxsize)
    plain = slugify(name, max_length=TAG_SLUG_MAX)
    if plain and plain == whole and not plain.isdigit() and not _DEVICE.fullmatch(plain):
        return plain
    digest = hashlib.sha256(fold(name).encode()).hexdigest()[:_HASH_CHARS]
    return f"{plain or 'tag'}--{digest}"


def entity_tag(name: str, lang: str, vocab: Vocabulary, kind: str | None = None) -> Tag:
    """A tag (or topic) for ``name`` on a page in ``lang``: the entity's slug (from its
    canonical name, the same in every language), its name in ``lang`` and in every other
    language the vocabulary or gazetteer knows."""
    memo = ("tag", name, lang, kind)  # the same few thousand names in every article
    found = vocab.memo.get(memo)
    if isinstance(found, Tag):
        return found
    entity = resolve(name, vocab, kind)
    tag = Tag(name=shown(name, lang, vocab, kind), slug=tag_slug(entity.canonical),
              names=entity.names, key=entity.key)
    vocab.memo[memo] = tag
    return tag


def make_tags(article: Article, facts: Facts, vocab: Vocabulary,
              topics: Sequence[str] | None = None) -> tuple[Tag, ...]:
    """Editor tags first, then organisations, places and topics (``topics``: the vocabulary's
    topics the text names, as the analysis found them; by default, looked for here); one tag
    per entity, named in the article's language."""
    candidates = [
        *((t, None) for t in article.tags),
        *((n, "orgs") for n in facts.orgs),
        *((n, "places") for n in facts.places),
        *((t, None) for t in (vocab.topics_in(article.plain_text()) if topics is None
                              else topics)),
    ]
    seen: set[str] = set()
    tags: list[Tag] = []
    for raw, kind in candidates:
        name = " ".join(raw.split())
        if not fold(name):
            continue
        tag = entity_tag(name, article.lang, vocab, kind)
        if tag.key in seen:
            continue
        if tag.slug in seen:  # "C" and "C++" share a page: the article is listed there once
            continue
        seen.update((tag.key, tag.slug))
        tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def entities_of(facts: Facts, lang: str, vocab: Vocabulary) -> tuple[tuple[str, Tag], ...]:
    """``kind:folded name`` -> the entity of each organisation and place in ``facts``: what
    lets topics gather the articles of one entity across languages."""
    return tuple((f"{kind}:{fold(n)}", entity_tag(n, lang, vocab, kind))
                 for kind in NAMED_KINDS for n in getattr(facts, kind))


def link_entities(entries: Sequence[Entry], vocab: Vocabulary) -> list[Entry]:
    """Entries that know the entity of each of their names (see ``entities_of``)."""
    return [replace(e, entities=entities_of(e.facts, e.article.lang, vocab)) for e in entries]
