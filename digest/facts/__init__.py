"""Key facts: one module per fact kind, each a pure function from text to facts."""

from __future__ import annotations

import datetime as dt

from digest.model import Facts
from digest.vocabulary import Vocabulary


def extract(text: str, *, lang: str, published: dt.date | None, vocab: Vocabulary) -> Facts:
    """Every fact of one article's text (title first, one paragraph per line)."""
    return Facts()
