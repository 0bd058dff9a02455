"""Listings are paginated from their oldest end: a new article changes the listing's first
page only (and, once every page size, makes one more numbered page); no page number or
page text shifts."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import Config, load_config
from digest.model import Entry, OutputFile
from digest.pages.publish import render_site
from digest.pages.render import paginate

from .conftest import make_project
from .factories import entry

LISTINGS = ("tags/", "archive/2026-", "topics/orgs/", "editions/2026-")


@pytest.mark.parametrize(("count", "docs", "ranges"), [
    (0, ["t/index.md"], [(1, 0)]),
    (1, ["t/index.md"], [(1, 1)]),
    (3, ["t/index.md"], [(1, 3)]),
    (4, ["t/index.md", "t/1.md"], [(4, 4), (1, 3)]),
    (6, ["t/index.md", "t/1.md"], [(4, 6), (1, 3)]),
    (7, ["t/index.md", "t/2.md", "t/1.md"], [(7, 7), (4, 6), (1, 3)]),
])
def test_pages_are_counted_from_the_oldest_article(
        count: int, docs: list[str], ranges: list[tuple[int, int]]) -> None:
    items = [entry(f"a{i}", day=28 - i) for i in range(count)]  # newest first
    pages = paginate("t", items, 3)
    assert [p.doc for p in pages] == docs
    assert [(p.first, p.first + len(p.entries) - 1) for p in pages] == ranges
    assert [e for p in pages for e in p.entries] == items  # newest first, each once
    assert [p.landing for p in pages] == [True] + [False] * (len(pages) - 1)
    assert [p.newer for p in pages] == [None, *docs[:-1]]
    assert [p.older for p in pages] == [*docs[1:], None]


def _config(tmp_path: Path) -> Config:
    project = make_project(tmp_path, {}, options={"page_size": 3, "topic_min_articles": 1})
    return load_config(project / "mkdocs.yml")


def _listings(entries: list[Entry], config: Config) -> dict[str, bytes]:
    """The listing pages rendering gives, by docs-relative path."""
    found = {}
    for made in render_site(entries, config):
        assert isinstance(made, OutputFile), made
        doc = made.dest.removeprefix(f"{config.docs_dir}/")
        if doc.startswith(LISTINGS):
            found[doc] = made.content
    return found


def test_a_new_article_changes_only_the_first_page_of_each_listing(tmp_path: Path) -> None:
    config = _config(tmp_path)  # pages of 3 articles; tag and topic pages of 12
    # One organisation, one month: every listing holds every article.
    entries = [entry(f"nordwerk meldet {i}", day=1 + i, month=11, orgs=("Nordwerk AG",),
                     tags=("Industrie",)) for i in range(13)]
    before = _listings(entries, config)
    # The tag "Nordwerk AG" leads to the topic page, which lists every article of the tag.
    assert [p for p in before if p.startswith("tags/nordwerk-ag/")] == [
        "tags/nordwerk-ag/index.html"]
    assert b"url=../../topics/orgs/nordwerk-ag/" in before["tags/nordwerk-ag/index.html"]
    for folder in ("tags/industrie", "topics/orgs/nordwerk-ag"):
        assert {p for p in before if p.startswith(f"{folder}/")} == {
            f"{folder}/index.md", f"{folder}/1.md"}
    assert {p for p in before if p.startswith("archive/2026-11/")} == {
        "archive/2026-11/index.md", *(f"archive/2026-11/{k}.md" for k in range(1, 5))}
    assert "Artikel 4–6" in before["archive/2026-11/2.md"].decode()
    newest = entry("nordwerk meldet neu", day=14, month=11, orgs=("Nordwerk AG",),
                   tags=("Industrie",))
    after = _listings([*entries, newest], config)
    assert set(after) == set(before)
    changed = {p for p in after if before[p] != after[p]}
    assert {"tags/industrie/index.md", "topics/orgs/nordwerk-ag/index.md",
            "archive/2026-11/index.md"} <= changed
    assert all(p.endswith("/index.md") for p in changed), sorted(changed)
    # The fifteenth article fills the first page; with the sixteenth its three become page
    # 5, which page 4 now links as newer: no other page changes.
    later = [*entries, newest, *(entry(f"nordwerk meldet mehr {d}", day=d, month=11,
                                       orgs=("Nordwerk AG",), tags=("Industrie",))
                                 for d in (14, 15))]
    grown = _listings(later, config)
    added = set(grown) - set(after)
    assert "archive/2026-11/5.md" in added
    linked_newer = {f"{p.rpartition('/')[0]}/{int(p.rpartition('/')[2][:-3]) - 1}.md"
                    for p in added}
    changed = {p for p in after if grown[p] != after[p]}
    assert "archive/2026-11/4.md" in changed
    assert all(p.endswith("/index.md") or p in linked_newer for p in changed), sorted(changed)
