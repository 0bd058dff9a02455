"""Key facts: one module per fact kind, each a pure function from text to facts.

``EXTRACTORS`` is the explicit registry, run in its order: money first, so that the
figures of amounts are not read again as percentages or years, then percentages, dates
and the named entities. Each extractor takes the shared :class:`Context` and returns the
``Facts`` fields it fills.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from digest.facts import dates, money, percent
from digest.facts.context import Context
from digest.facts.entities import finder
from digest.model import Facts
from digest.vocabulary import Vocabulary

Extractor = Callable[[Context], Mapping[str, tuple[Any, ...]]]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("money", money.extract),
    ("percent", percent.extract),
    ("dates", dates.extract),
    ("entities", finder.extract),
)
"""Name and function of every extractor, in the order they run."""

LANGS = ("de", "en")


def extract(text: str, *, lang: str, published: dt.date | None, vocab: Vocabulary) -> Facts:
    """Every fact of one article's text (title first, one paragraph per line)."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = Context(text=text, lang=lang, published=published, vocab=vocab)
    fields: dict[str, tuple[Any, ...]] = {}
    for _name, fn in EXTRACTORS:
        fields.update(fn(ctx))
    return Facts(**fields)
