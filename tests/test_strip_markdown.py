"""strip_markdown's plain-text path: a line with nothing nh3 or an inline rule would change
skips them, and must give what the whole pipeline gives, for any text."""

from __future__ import annotations

import html
import re

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.markup import strip_markdown


def whole_pipeline(text: str) -> str:
    """Every rule on every line, as strip_markdown ran before it had a plain-text path."""
    s = re.sub(r"<((?:https?|mailto):[^<>\s]+)>", r"\1", text)
    s = nh3.clean(s, tags=set(), clean_content_tags={"script", "style"})
    s = re.sub(r"<[^>]*>", "", s)
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", s)
    s = re.sub(r"^\s{0,3}(?:[>#]+|[-*+]|\d+\.)\s+", "", s, flags=re.M)
    return html.unescape(" ".join(s.split()))


@pytest.mark.parametrize("text", [
    "Die Bank zahlte 5 Mio. Euro.",
    "- ein Punkt", "1. erster", "> zitiert", "## Titel",
    "5\u00a0Mio. Euro",  # nh3 keeps a no-break space as an entity: the words keep it
    "\ufeffTitel",  # nh3 drops a leading byte-order mark
    "Kosten & Nutzen <b>fett</b> [Link](https://example.org) *kursiv*",
    "Ende\x0bmit Steuerzeichen\x85",
])
def test_plain_and_marked_up_lines_read_as_the_whole_pipeline_reads_them(text: str) -> None:
    assert strip_markdown(text) == whole_pipeline(text)


@settings(max_examples=2000)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_reads_as_the_whole_pipeline_reads_it(text: str) -> None:
    assert strip_markdown(text) == whole_pipeline(text)
