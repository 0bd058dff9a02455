"""What Pagefind may index: an article's lead and body, and a topic's name; never the facts
box, the hidden compound terms (searched as metadata instead, never shown in an excerpt), the
related list, or any listing.

The fast tests read the Markdown the digest writes, converted as MkDocs converts it; the slow
one reads the fragments of the Pagefind index a real build writes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import markdown
import pytest
from lxml import html as lxml_html

from digest.config import Config
from digest.link.links import editions, topics
from digest.model import OutputFile
from digest.pages.home import render_home
from digest.pages.listings import render_archive, render_editions, render_tags
from digest.pages.render import SiteLinks, render_article
from digest.pages.topics import render_topic, render_topic_indexes

from .factories import entry
from .support import build_with_search

BODY = "data-pagefind-body"
TERMS = ("Rechenzentrum", "Investition", "Leistung")


def page_html(file: OutputFile) -> Any:
    """The page's Markdown (front matter cut off) as MkDocs' extensions turn it into HTML."""
    text = file.content.decode("utf-8").split("---\n", 2)[2]
    converted = markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc", "tables"])
    return lxml_html.fromstring(f"<div>{converted}</div>")


def indexed_text(root: Any) -> str:
    """What Pagefind indexes of a page: the text of its body elements, minus ignored ones."""
    parts = []
    for body in root.xpath(f"//*[@{BODY}]"):
        for ignored in body.xpath(".//*[@data-pagefind-ignore]"):
            ignored.drop_tree()
        parts.append(body.text_content())
    return " ".join(" ".join(parts).split())


def article_pages(config: Config) -> tuple[Any, Any]:
    """A German article with hidden terms and a related article, as HTML; and the other."""
    main = entry("gewinn im werk", orgs=("Nordwerk",), persons=("Anna Berger",),
                 text="Die Nordwerk AG baut Rechenzentren.")
    other = entry("greenspan spricht", orgs=("Nordwerk",))
    site = SiteLinks(related={main.article.source: (other,)},
                     compound_terms={main.article.source: TERMS})
    return page_html(render_article(main, config, site)), page_html(render_article(other, config))


def test_article_body_is_marked_and_holds_lead_and_body(config: Config) -> None:
    """One body element per article page, holding the lead and the text, nothing around it."""
    page, _ = article_pages(config)
    bodies = page.xpath(f"//*[@{BODY}]")
    assert len(bodies) == 1
    text = indexed_text(page)
    assert "Die Nordwerk AG baut Rechenzentren." in text
    assert "Body paragraph." in text


def test_hidden_terms_are_metadata_outside_the_body(config: Config) -> None:
    """The compound terms are Pagefind metadata (searched, never in an excerpt), in an element
    Pagefind ignores, outside the indexed body; readers never see them."""
    page, _ = article_pages(config)
    (terms,) = page.xpath('//*[@class="digest-search-terms"]')
    assert terms.get("data-pagefind-meta") == "terms"
    assert terms.get("data-pagefind-ignore") is not None
    assert terms.get("hidden") is not None
    assert not terms.xpath(f"ancestor-or-self::*[@{BODY}]")
    assert [p.text for p in terms.xpath("p")] == list(TERMS)
    assert not set(TERMS) & set(indexed_text(page).split())


def test_facts_box_and_related_list_stay_out_of_the_index(config: Config) -> None:
    """A related article's title and the box's entity links are not the article's text."""
    page, _ = article_pages(config)
    text = indexed_text(page)
    assert "Die Nordwerk AG baut Rechenzentren." in text
    assert "Greenspan Spricht" in page.text_content()
    assert "Greenspan" not in text
    assert "Anna Berger" in page.text_content() and "Anna Berger" not in text
    assert not page.xpath(f"//*[@{BODY}]//a[contains(@href, 'topics/')]")


def listing_files(config: Config) -> dict[str, OutputFile]:
    items = [entry("greenspan spricht", day=3, orgs=("Nordwerk",), persons=("Alan Greenspan",)),
             entry("zinsen steigen", day=10, orgs=("Nordwerk",))]
    found = topics(items)
    files = [render_home(items, editions(items), config), *render_archive(items, config),
             *render_tags(items, config), *render_editions(editions(items), config),
             *render_topic_indexes(found, config)]
    files += [f for t in found for f in render_topic(t, config)]
    return {f.dest.removeprefix(f"{config.docs_dir}/"): f for f in files}


def test_listings_carry_no_indexed_text(config: Config) -> None:
    """Home, archive, tag, edition and topic index pages mark nothing for Pagefind, and the
    index pages are out of Material's lunr index too."""
    files = listing_files(config)
    topic_pages = {d for d in files
                   if d.startswith(f"{config.topics_dir}/") and d.count("/") == 3}
    others = set(files) - topic_pages
    assert topic_pages and len(others) > 5
    for doc in sorted(others):
        assert BODY not in files[doc].content.decode(), doc
    for doc in (f"{config.archive_dir}/index.md", f"{config.editions_dir}/index.md",
                f"{config.topics_dir}/index.md", f"{config.topics_dir}/persons/index.md"):
        assert 'search: {"exclude": true}' in files[doc].content.decode(), doc


def test_topic_pages_are_indexed_by_name_only(config: Config) -> None:
    """A topic's first page gives Pagefind its name and nothing more: no briefs, no facts."""
    files = listing_files(config)
    doc = f"{config.topics_dir}/persons/alan-greenspan/index.md"
    page = page_html(files[doc])
    assert indexed_text(page) == "Alan Greenspan"
    assert page.xpath(f"//h1[@{BODY}]")


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Every page in the site's Pagefind bundles: URL -> its fragment (content, meta)."""
    found = {}
    for bundle in sorted(site.glob("pagefind*")):
        for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
            raw = gzip.decompress(path.read_bytes())
            data = json.loads(raw[raw.index(b"{"):])
            found[data["url"]] = data
    return found


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_search(tmp_path_factory.mktemp("pagefind-index"), "pagefind")


@pytest.mark.slow
def test_pagefind_index_holds_article_bodies_and_topic_names(pagefind_site: Path) -> None:
    """The built index: articles by their lead and body (compound terms as metadata), topic
    pages by their name; no home, archive, edition, tag or about page; no related list."""
    found = fragments(pagefind_site)
    articles = {u for u in found if u.startswith("/articles/")}
    topic_pages = {u for u in found if u.startswith("/topics/")}
    assert len(articles) == 5
    assert set(found) == articles | topic_pages, sorted(set(found) - articles - topic_pages)
    for url in topic_pages:
        assert url.count("/") == 4, url
        assert found[url]["content"].rstrip(".") == found[url]["meta"]["title"], url
    investing = found["/articles/nordwerk-investiert-in-linz/"]
    assert investing["content"].startswith("Die Nordwerk AG investiert 120 Millionen Euro")
    assert "Verwandte Artikel" not in investing["content"]
    assert "Auf einen Blick" not in investing["content"]
    terms = investing["meta"]["terms"].rstrip(".").split(". ")
    assert terms and not set(terms) & set(investing["content"].replace(".", " ").split())
