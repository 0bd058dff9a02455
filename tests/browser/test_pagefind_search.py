"""The Pagefind backend as readers meet it: Material's search box answers from the chunked
index, the result opens the article, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from benchmarks.compound_search import search
from tests.support import build_with_search, fixture_seeds

from .conftest import Requests, Site, new_context, serve, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = build_with_search(tmp_path_factory.mktemp("pagefind-browser"), "pagefind").parent
    from digest.config import load_config

    config = load_config(root / "mkdocs.yml")
    with serve(root / "site", "/digest/") as base_url:
        yield Site(root=root, config=config, base_url=base_url)


@contextlib.contextmanager
def home_page(browser: Any, site: Site, requests: Requests, **options: Any) -> Iterator[Any]:
    """The site's home page, loaded and ready, in a fresh context that stays on 127.0.0.1."""
    context = new_context(browser, site, requests, **options)
    try:
        page = context.new_page()
        page.goto(site.base_url)
        wait_ready(page)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(("query", "slug", "title"), [
    ("Rechenleistung", "ki-milliarden-fuer-tiktok", "KI-Milliarden für TikTok"),
    # Compound parts and lemmas reach Pagefind too: the text only has "Rechenzentren".
    ("Rechenzentrum", "ki-milliarden-fuer-tiktok", "KI-Milliarden für TikTok"),
    ("Investition", "ki-milliarden-fuer-tiktok", "KI-Milliarden für TikTok"),
    ("ByteDance", "ki-milliarden-fuer-tiktok", "KI-Milliarden für TikTok"),
    ("Rotterdam", "harbour-lines-signs-rotterdam-deal", "Harbour Lines signs Rotterdam deal"),
])
def test_material_search_box_answers_from_pagefind(
    browser: Any, pagefind_site: Site, query: str, slug: str, title: str
) -> None:
    """Typing into Material's search box lists the article; clicking opens it."""
    requests = Requests(pagefind_site.base_url)
    with home_page(browser, pagefind_site, requests,
                   viewport={"width": 1280, "height": 900}) as page:
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially(query, delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        hit = page.locator(f'.md-search-result__item > a[href*="articles/{slug}"]')
        assert hit.count() >= 1
        hit.first.click()
        page.wait_for_load_state()
        assert title in page.locator("h1").first.inner_text()
    assert not requests.outside(), requests.outside()
    assert any("/pagefind/" in url for url in requests.urls)


def test_pagefind_loads_nothing_until_the_first_query(browser: Any, pagefind_site: Site) -> None:
    """Readers who never search download no part of the index."""
    requests = Requests(pagefind_site.base_url)
    with home_page(browser, pagefind_site, requests) as page:
        page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url in requests.urls)


def test_fast_typing_shows_results_for_the_whole_query(browser: Any, pagefind_site: Site) -> None:
    """Answers to earlier key presses arrive late; the list shown is for the full query."""
    requests = Requests(pagefind_site.base_url)
    with home_page(browser, pagefind_site, requests) as page:
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially("Rotterdam", delay=0)
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(2000)
        links = page.locator(".md-search-result__item > a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
    assert any("articles/harbour-lines-signs-rotterdam-deal" in h for h in links), links
    assert not any("nordwerk" in h or "ki-milliarden" in h for h in links), links


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture site indexed two articles per Pagefind bundle, as a large site is."""
    from digest.cli import main
    from digest.config import load_config
    from tests.conftest import make_project

    root = make_project(tmp_path_factory.mktemp("pagefind-bundles"), fixture_seeds(),
                        search="pagefind")
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace(
        "    search: pagefind\n", "    search: pagefind\n    search_bundle_pages: 2\n"))
    assert main(["-f", str(yml), "build"]) == 0
    with serve(root / "site", "/digest/") as base_url:
        yield Site(root=root, config=load_config(yml), base_url=base_url)


@pytest.mark.parametrize(("query", "slug"), [
    ("Rechenleistung", "ki-milliarden-fuer-tiktok"),
    ("Rotterdam", "harbour-lines-signs-rotterdam-deal"),
    ("Nordwerk", "nordwerk-steigert-gewinn"),
])
def test_search_spans_every_bundle(
    browser: Any, bundled_site: Site, query: str, slug: str
) -> None:
    """Articles indexed in different bundles are all found from the one search box."""
    bundles = sorted(p.name for p in (bundled_site.root / "site").glob("pagefind*"))
    assert len(bundles) >= 3, bundles
    requests = Requests(bundled_site.base_url)
    with home_page(browser, bundled_site, requests) as page:
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially(query, delay=20)
        page.locator(f'.md-search-result__item > a[href*="articles/{slug}"]').first.wait_for()
    assert not requests.outside(), requests.outside()


@pytest.mark.parametrize(("query", "expected"), [
    # The issue's "Greenspan": a person the home page, the topic index and other articles'
    # related lists name too. Only her articles and her topic page (by its name) answer.
    ("Anna Berger", {"articles/nordwerk-investiert-in-linz/",
                     "articles/anna-berger-ueber-die-energiewende/",
                     "topics/persons/anna-berger/"}),
    # Named in one article only: no topic page (topic_min_articles is 2).
    ("Tom Reed", {"articles/harbour-lines-signs-rotterdam-deal/"}),
    ("Linz", {"articles/nordwerk-investiert-in-linz/", "articles/nordwerk-steigert-gewinn/",
              "topics/places/linz/"}),
])
def test_name_queries_list_only_pages_about_the_name(
    browser: Any, pagefind_site: Site, query: str, expected: set[str]
) -> None:
    """No home page, archive, edition, topic index or related list answers a name query."""
    requests = Requests(pagefind_site.base_url)
    context = new_context(browser, pagefind_site, requests,
                          viewport={"width": 1280, "height": 900})
    try:
        found = search(context.new_page(), pagefind_site.base_url, [query])
    finally:
        context.close()
    assert set(found[query]) == expected
    assert not requests.outside(), requests.outside()


def test_a_hit_in_a_section_is_shown_under_its_heading(browser: Any, pagefind_site: Site) -> None:
    """A word of a subsection lists the article and, under it, that section with its anchor;
    the related list and the facts box never make a section of their own."""
    requests = Requests(pagefind_site.base_url)
    with home_page(browser, pagefind_site, requests) as page:
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially("Gewerkschaft", delay=20)
        section = page.locator('.md-search-result__item a[href$="#zeitplan"]')
        section.first.wait_for()
        assert "Zeitplan" in section.first.locator("h2, h1").first.inner_text()
        assert "Gewerkschaft" in section.first.inner_text()
        links = page.locator(".md-search-result__item a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
    assert all("nordwerk-investiert-in-linz" in h for h in links), links
    assert not any("verwandte" in h for h in links), links
