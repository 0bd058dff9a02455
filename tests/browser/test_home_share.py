"""The home page, teasers and share tags in Chromium at 1280 and 390 px (issue 18, items 10,
11 and 15): the newest story leads with its figures, the rest follow as cards by edition,
no sidebar or table of contents, the site's name as the title; teasers say each thing
once; every kind of page has Open Graph and Twitter tags and a description of its own.

The site: the fixture articles (German and English, several weeks), the seed article (its
restated amount) and a newest German article with two figures and a summary, committed to
git at a fixed date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import fixture_seeds

from .conftest import Site, committed_site, opened

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
NEWEST = "Alpenbahn bestellt 20 Nachtzüge"
NEWEST_SEED = """---
title: Alpenbahn bestellt 20 Nachtzüge
date: 2026-11-27
lang: de
tags: [Verkehr]
summary: Die Alpenbahn kauft für 300 Millionen Euro Nachtzüge, 14 Prozent mehr Fahrgäste.
facts:
  add: {orgs: [Alpenbahn], places: [Innsbruck, Linz], persons: [Peter Huber]}
---

Die Alpenbahn bestellt 20 Nachtzüge für 300 Millionen Euro. Die Zahl der Fahrgäste soll um
14 Prozent steigen, sagte Vorstand Peter Huber in Innsbruck.
"""
# One page of each kind a reader can share.
PAGES = {
    "home": "",
    "article": "articles/nordwerk-steigert-gewinn/",
    "english article": "articles/harbour-lines-signs-rotterdam-deal/",
    "tag": "tags/industrie/",
    "topic": "topics/places/linz/",
    "edition": "editions/2026-W47/",
    "archive month": "archive/2026-11/",
    "archive": "archive/",
    "editions": "editions/",
    "tags": "tags/",
    "topics": "topics/",
    "topic kind": "topics/places/",
}
READ_META = """() => {
    const get = (sel) => { const m = document.querySelector(sel); return m ? m.content : null; };
    const out = {title: document.title, description: get('meta[name="description"]'),
                 canonical: (document.querySelector('link[rel="canonical"]') || {}).href};
    for (const key of ['og:type', 'og:title', 'og:description', 'og:url', 'og:site_name',
                       'og:locale']) out[key] = get(`meta[property="${key}"]`);
    out['twitter:card'] = get('meta[name="twitter:card"]');
    out.twitter_text = ['twitter:title', 'twitter:description'].filter(
        (key) => get(`meta[name="${key}"]`) !== null);
    return out;
}"""


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    seeds = {**fixture_seeds(), "05-alpenbahn.md": NEWEST_SEED}
    with committed_site(tmp_path_factory.mktemp("news-home"), seeds) as site:
        yield site


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_home_leads_with_the_newest_story_and_its_figures(
        browser: Any, news_site: Site, width: int) -> None:
    with opened(browser, news_site, "", width) as page:
        assert page.title() == "Digest"
        main = page.locator("article.md-content__inner")
        lead = main.locator(".digest-lead")
        assert lead.count() == 1 and lead.is_visible()
        assert lead.locator("h2").inner_text().strip() == NEWEST
        assert lead.locator(".digest-summary").inner_text().startswith("Die Alpenbahn kauft")
        figures = lead.locator(".digest-figure")
        shown = [" ".join(t.split())
                 for t in lead.locator(".digest-figure strong").all_inner_texts()]
        assert shown == ["300 Mio. EUR", "14 %"], shown
        for i in range(figures.count()):
            edge = box(figures.nth(i))
            assert edge["x"] >= 0 and edge["x"] + edge["width"] <= width, (i, edge)
        # The lead comes first: above the first edition's cards, and on screen at once.
        assert box(lead)["y"] < box(main.locator(".digest-cards").first)["y"]
        assert box(lead.locator("h2"))["y"] < 900
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"horizontal scrolling at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
def test_home_has_no_sidebar_navigation_and_no_table_of_contents(
        browser: Any, news_site: Site, width: int) -> None:
    with opened(browser, news_site, "", width) as page:
        for side in (".md-sidebar--primary", ".md-sidebar--secondary"):
            assert page.locator(side).get_attribute("hidden") is not None, side
        if width >= 1220:  # where Material shows sidebars at all
            assert not page.locator(".md-sidebar--primary").is_visible()
            assert not page.locator(".md-sidebar--secondary").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_other_stories_are_cards_grouped_by_edition(
        browser: Any, news_site: Site, width: int) -> None:
    with opened(browser, news_site, "", width) as page:
        main = page.locator("article.md-content__inner")
        groups = main.locator("h2:not(.digest-lead h2)").all_inner_texts()
        assert [g.rstrip("¶").strip() for g in groups[:3]] == [
            "KW 48/2026", "KW 47/2026", "KW 46/2026"], groups
        cards = main.locator(".digest-cards").nth(1).locator(".digest-brief")
        assert cards.count() == 3
        first, second = box(cards.nth(0)), box(cards.nth(1))
        if width == 1280:
            assert abs(first["y"] - second["y"]) < 1, "cards not side by side"
        else:
            assert abs(first["x"] - second["x"]) < 1 and second["y"] > first["y"]
        assert main.get_by_role("link", name=NEWEST, exact=True).count() == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "editions/2026-W47/"])
def test_teasers_say_each_thing_once(browser: Any, news_site: Site, width: int,
                                     path: str) -> None:
    with opened(browser, news_site, path, width) as page:
        briefs = page.locator(".digest-brief")
        assert briefs.count() >= 2
        for brief in briefs.all():
            # The tag line: linked tags, and the names of tags too rare for a page.
            line = brief.locator("p:has(time)").inner_text()
            tags = [t.strip() for t in line.split(" · ", 1)[1].split(",")] if " · " in line else []
            facts = brief.locator("p:has(strong)").all_inner_texts()
            assert tags
            for line in facts:
                for name in tags:
                    assert name not in line, f"{path}: {name!r} twice: tags and {line!r}"


def test_every_kind_of_page_has_share_tags_and_its_own_description(
        browser: Any, news_site: Site) -> None:
    seen: dict[str, dict[str, str]] = {}
    for kind, path in PAGES.items():
        with opened(browser, news_site, path, 1280) as page:
            seen[kind] = page.evaluate(READ_META)
    for kind, meta in seen.items():
        missing = [k for k, v in meta.items() if not v and k != "twitter_text"]
        assert not missing, (kind, missing)
        assert meta["og:description"] == meta["description"]
        assert meta["twitter_text"] == [], kind  # X reads og:title and og:description
        assert meta["og:url"] == meta["canonical"]
        assert meta["twitter:card"] == "summary"
        assert meta["og:type"] == ("article" if "article" in kind else "website"), kind
        assert "·" not in meta["description"] or "article" not in kind, meta["description"]
    descriptions = [m["description"] for m in seen.values()]
    assert len(set(descriptions)) == len(descriptions), descriptions
    assert seen["home"]["og:title"] == "Digest"
    assert seen["english article"]["og:locale"] == "en_GB"
    assert seen["article"]["og:locale"] == "de_DE"
    assert seen["article"]["description"].startswith("Die Nordwerk AG hat ihren Gewinn")
    assert seen["tag"]["title"] == "Tag: Industrie - Digest"
    assert seen["topic"]["title"] == "Linz (Ort) - Digest"


@pytest.mark.parametrize("width", WIDTHS)
def test_listings_have_no_table_of_contents(browser: Any, news_site: Site, width: int) -> None:
    for path in ("editions/2026-W47/", "archive/2026-11/", "topics/places/linz/", "archive/"):
        with opened(browser, news_site, path, width) as page:
            assert page.locator(".md-sidebar--secondary").get_attribute("hidden") is not None
            assert page.locator(".md-sidebar--primary").get_attribute("hidden") is not None
            if width >= 1220:
                assert not page.locator(".md-sidebar--secondary").is_visible(), path
