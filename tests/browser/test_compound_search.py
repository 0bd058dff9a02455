"""German compound search in the browser: a query for a part of a compound finds the article.

The site is built by ``digest build`` from the invented example articles in
``tests/data/compounds/``, as it is, with the hidden search terms ``digest.pages.render``
writes into every German article page. Every query of ``tests/data/compound_pairs.yml`` is
typed into Material's search box key by key, and the result list must contain the article that
has the compound. ``benchmarks/compound_search.py`` measures the same with and without the
terms, and with other splitting libraries.

These tests need the integration (``digest.pages.render`` emitting the terms from
``digest.facts.compounds.search_terms``); without it they fail, at first on the missing element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from benchmarks.compound_search import (
    TERMS_CLASS,
    article_texts,
    hidden_terms,
    hits,
    leaked,
    load_pairs,
    make_fixture_project,
    search,
    served,
    terms_markup,
)
from digest.facts.compounds import search_terms

from .conftest import wait_ready

pytestmark = pytest.mark.browser

MEASURED_HITS = 56
"""Queries out of the 56 pairs whose results listed the article with digest.facts.compounds' terms
(benchmarks/compound_search.py; 7 without terms, 49 with compound-split or german-nouns'
own parse_compound)."""


@pytest.fixture(scope="module")
def compound_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example articles built into a site and served; yields (project, base URL)."""
    project = make_fixture_project(tmp_path_factory.mktemp("compound-site"), site=True)
    with served(project / "site") as base_url:
        yield project, base_url


@pytest.fixture
def search_page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page in a fresh context that may not leave 127.0.0.1."""
    context = browser.new_context(
        locale="de-AT", timezone_id="Europe/Vienna", viewport={"width": 1280, "height": 900},
        service_workers="block")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith("http://127.0.0.1:") else route.abort())
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_article_pages_carry_the_terms(compound_site: tuple[Path, str]) -> None:
    """Every example article's page has exactly the hidden element with its search terms."""
    project, _ = compound_site
    for slug, (text, lang) in article_texts(project).items():
        html = (project / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
        terms = search_terms(text, lang)
        assert terms, slug
        assert html.count(f'class="{TERMS_CLASS}"') == 1, f"{slug}: no hidden search terms"
        assert terms_markup(terms) in html, f"{slug}: terms differ from search_terms()"


def test_terms_belong_to_the_page_not_a_subsection(compound_site: tuple[Path, str]) -> None:
    """The search index has the terms in the page's first section (the one with its title)."""
    project, _ = compound_site
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    for slug, (text, lang) in article_texts(project).items():
        first = search_terms(text, lang)[0]
        docs = [d for d in index["docs"] if d["location"].startswith(f"articles/{slug}/")
                and f"<p>{first}</p>" in d["text"]]
        assert len(docs) == 1, slug
        title = next(d["title"] for d in index["docs"] if d["location"] == f"articles/{slug}/")
        assert docs[0]["title"] == title, f"{slug}: terms landed in section {docs[0]['title']}"


def test_terms_are_invisible(compound_site: tuple[Path, str], search_page: Any) -> None:
    """Readers never see the terms on the page: the element is hidden, its words not shown."""
    _, base_url = compound_site
    search_page.goto(base_url + "articles/ki-rechenzentren/")
    wait_ready(search_page)
    terms = search_page.locator(f".{TERMS_CLASS}")
    assert terms.count() == 1
    assert terms.is_hidden()
    shown = search_page.locator("body").inner_text()
    assert "Rechenzentrum" not in shown  # a term: the text has only "Rechenzentren"
    assert "Rechenzentren" in shown


def test_compound_queries_find_their_articles(
    compound_site: tuple[Path, str], search_page: Any
) -> None:
    """Typed queries for parts and lemmas find the articles with the compounds."""
    _, base_url = compound_site
    pairs = load_pairs()
    results = search(search_page, base_url, [p.query for p in pairs])
    found = hits(pairs, results)
    missed = [f"{p.query} -> {p.word} ({p.article})" for p, ok in zip(pairs, found, strict=True)
              if not ok]
    assert sum(found) >= MEASURED_HITS, "missed:\n" + "\n".join(missed)


def test_teaser_shows_only_the_matching_term(
    compound_site: tuple[Path, str], search_page: Any
) -> None:
    """A hit on a hidden term shows that term in the result, not the whole list of terms."""
    _, base_url = compound_site
    results = search(search_page, base_url, ["Stuhl"])
    assert "articles/koenigsfamilie/" in results["Stuhl"]
    teaser = search_page.locator(".md-search-result__list").inner_text()
    others = set(search_terms(article_texts(compound_site[0])["koenigsfamilie"][0], "de"))
    assert not {t for t in others if not t.startswith("Stuhl")} & set(teaser.split())


@pytest.fixture(scope="module")
def pagefind_compound_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str]]:
    """The example articles built with the project's own backend, Pagefind, and served."""
    project = make_fixture_project(tmp_path_factory.mktemp("compound-pagefind"), site=True,
                                   search="pagefind")
    with served(project / "site") as base_url:
        yield project, base_url


def test_pagefind_finds_compound_parts_and_shows_article_text(
    pagefind_compound_site: tuple[Path, str], search_page: Any
) -> None:
    """With Pagefind, every query still finds its article (the terms count, as metadata), its
    teaser is the article's own text without a single hidden term, and the hit is the article
    itself, under its title, not a section holding the term list."""
    project, base_url = pagefind_compound_site
    pairs = load_pairs()
    teasers: dict[str, list[tuple[str, str, str]]] = {}
    results = search(search_page, base_url, [p.query for p in pairs], teasers)
    missed = [p.query for p, ok in zip(pairs, hits(pairs, results), strict=True) if not ok]
    assert not missed, missed
    hidden = hidden_terms(project)
    for pair in pairs:
        page = f"articles/{pair.article}/"
        shown = [t for t in teasers[pair.query] if t[0].startswith(page)]
        assert shown, pair.query
        for path, _, text in shown:
            assert not leaked(text, hidden), f"{pair.query}: {path} shows {leaked(text, hidden)}"
        for path, _, text in shown:
            assert text.strip(), f"{pair.query}: empty teaser at {path}"
        h1 = lxml_html.fromstring((project / "site" / page / "index.html").read_bytes()).xpath(
            "//article//h1")[0]
        assert shown[0][:2] == (page, h1.text_content().rstrip("¶").strip()), pair.query
