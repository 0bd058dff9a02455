"""Topic pages, related articles, weekly editions, rich previews, JSON Feed and facts export,
built with the real MkDocs on a fixture site of articles that share entities."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import html as lhtml

from digest.cli import main
from digest.pages.export import CSV_COLUMNS

from .conftest import DATA, make_project
from .support import facts_export

FIXTURES = DATA / "fixture_site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = {p.name: p.read_text() for p in sorted(FIXTURES.glob("0*.md"))}
    project = make_project(tmp_path_factory.mktemp("fixture"), seeds, search="lunr")
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--strict"]) == 0
    return project / "site"


def page(site: Path, url: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url / "index.html").read_bytes())


def text_of(doc: lhtml.HtmlElement) -> str:
    return " ".join(doc.text_content().split())


@pytest.mark.slow
def test_topic_page_lists_articles_newest_first_with_timeline(site: Path) -> None:
    """The organisation's page lists its three articles, newest first, and its amounts."""
    doc = page(site, "topics/orgs/nordwerk-ag")
    titles = [a.text_content() for a in doc.cssselect("article li a")]
    assert titles == ["Anna Berger über die Energiewende", "Nordwerk steigert Gewinn",
                      "Nordwerk investiert in Linz"]
    rows = {a.get("title"): " ".join(a.getparent().text_content().split())
            for a in doc.cssselect("article table.digest-timeline td a")}
    assert set(rows) == {"Nordwerk steigert Gewinn", "Nordwerk investiert in Linz"}
    assert rows["Nordwerk steigert Gewinn"].endswith(": 12 %")
    assert rows["Nordwerk investiert in Linz"].endswith(": 120 Mio. EUR (120 Millionen Euro)")


@pytest.mark.slow
def test_facts_box_links_entities_to_topic_pages(site: Path) -> None:
    """Every entity in the box links to its topic page."""
    doc = page(site, "articles/nordwerk-investiert-in-linz")
    hrefs = {a.text_content(): a.get("href") for a in doc.cssselect(".admonition a")}
    assert hrefs["Nordwerk AG"] == "../../topics/orgs/nordwerk-ag/"
    assert hrefs["Linz"] == "../../topics/places/linz/"
    assert hrefs["Anna Berger"] == "../../topics/persons/anna-berger/"


@pytest.mark.slow
def test_related_articles_ranked_and_absent_when_unrelated(site: Path) -> None:
    """Nordwerk articles relate to each other; the shipping article relates to none."""
    doc = page(site, "articles/nordwerk-steigert-gewinn")
    related = [a.text_content() for a in doc.cssselect("#verwandte-artikel + ul a")]
    assert related[:2] == ["Nordwerk investiert in Linz", "Anna Berger über die Energiewende"]
    lonely = page(site, "articles/harbour-lines-signs-rotterdam-deal")
    assert not lonely.cssselect("#related-articles")


@pytest.mark.slow
def test_weekly_editions_with_previous_and_next(site: Path) -> None:
    """One page per ISO week, linked to its neighbours; home leads with the newest story,
    then groups the rest by edition, newest first."""
    doc = page(site, "editions/2026-W47")
    assert doc.cssselect("h1")[0].text_content().startswith("KW 47/2026")
    links = {a.text_content(): a.get("href") for a in doc.cssselect("article a")}
    assert links["← KW 46/2026"] == "../2026-W46/"
    assert links["KW 48/2026 →"] == "../2026-W48/"
    home = page(site, "")
    headings = [h.text_content().rstrip("¶").strip() for h in home.cssselect("article h2")]
    assert headings == ["Anna Berger über die Energiewende", "KW 47/2026", "KW 46/2026"]
    feed = feedparser.parse((site / "feeds" / "editions.atom.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["KW 48/2026", "KW 47/2026", "KW 46/2026"]
    assert "Nordwerk steigert Gewinn" in feed.entries[1].content[0].value


@pytest.mark.slow
def test_open_graph_and_json_ld(site: Path) -> None:
    """Article pages carry OG/Twitter tags and a valid NewsArticle JSON-LD."""
    doc = page(site, "articles/harbour-lines-signs-rotterdam-deal")
    og = {m.get("property"): m.get("content") for m in doc.cssselect("meta[property]")}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Harbour Lines signs Rotterdam deal"
    assert og["article:published_time"] == "2026-11-19T00:00:00+01:00"
    # The summary alone: a share card reads as a sentence, not as a run of figures.
    assert og["og:description"] == (
        "Harbour Lines agreed a $450m deal to expand its terminal in Rotterdam, chief "
        "executive Tom Reed said.")
    assert doc.cssselect('meta[name="twitter:card"]')[0].get("content") == "summary"
    data = json.loads(doc.cssselect('script[type="application/ld+json"]')[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Harbour Lines signs Rotterdam deal"
    assert data["inLanguage"] == "en"
    assert data["publisher"]["name"] == "Digest"
    assert {"@type": "Organization", "name": "Harbour Lines"} in data["mentions"]
    assert {"@type": "Person", "name": "Tom Reed"} in data["mentions"]


@pytest.mark.slow
def test_json_feed_and_facts_export(site: Path) -> None:
    """feed.json follows JSON Feed 1.1; each month's facts JSON and CSV hold the same facts
    (the CSV without the article's title and language, which the JSON says once)."""
    feed = json.loads((site / "feeds" / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.github.io/digest/feeds/feed.json"
    assert next(i["title"] for i in feed["items"]) == "Anna Berger über die Energiewende"
    for item in feed["items"]:
        assert item["id"].startswith("tag:example.github.io,2026:")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", item["date_published"])
        assert item["content_html"]
    records, rows = facts_export(site / "feeds")
    assert rows == [{c: r[c] for c in CSV_COLUMNS} for r in records]
    assert len({r["article"] for r in records}) == len(feed["items"])
    index = json.loads((site / "feeds" / "facts" / "index.json").read_text())
    urls = {index["article_url_template"].format(article=r["article"]) for r in records}
    assert urls == {i["url"] for i in feed["items"]}
    persons = {r["name"] for r in records if r["type"] == "person"}
    assert persons == {"Anna Berger", "Tom Reed"}


@pytest.mark.slow
def test_reading_time_in_article_header(site: Path) -> None:
    """German articles say 'Min. Lesezeit', English ones 'min read'."""
    de = text_of(page(site, "articles/nordwerk-steigert-gewinn").cssselect(".digest-dateline")[0])
    en = text_of(page(site, "articles/harbour-lines-signs-rotterdam-deal")
                 .cssselect(".digest-dateline")[0])
    assert de.endswith("1 Min. Lesezeit")
    assert en.endswith("1 min read")
    assert "JSON Feed" in (site / "index.html").read_text()


@pytest.mark.slow
def test_search_index_holds_articles_not_listings(site: Path) -> None:
    """Topic, archive and edition pages repeat leads: out of the index, which then grows
    with the articles alone."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "articles/nordwerk-steigert-gewinn/" in locations
    assert not any(re.match(r"topics/\w+/[^/]+/|archive/20|editions/20", loc)
                   for loc in locations)


@pytest.mark.slow
def test_tag_chips_and_briefs_link_paginated_tag_pages(site: Path) -> None:
    """Tag chips on articles and tag links in listings lead to the tag's one page: the topic
    page of its entity where that lists every article of the tag (with the tag's feeds; the
    tag's own address sends readers there), else the tag's own page, which lists its
    articles and links its feeds; the tag index links each. A tag of one article has no
    page: its chip is its name. No single page lists every article of every tag."""
    article = page(site, "articles/nordwerk-steigert-gewinn")
    chips = {a.text_content(): a.get("href") for a in article.cssselect("nav.md-tags a.md-tag")}
    assert chips["Nordwerk"] == "../../topics/orgs/nordwerk/"
    assert chips["Industrie"] == "../../tags/industrie/"
    topic = page(site, "topics/orgs/nordwerk")
    assert topic.cssselect('a[href$="articles/nordwerk-steigert-gewinn/"]')
    assert topic.cssselect('a[href="../../../feeds/tags/nordwerk.atom.xml"]')
    moved = (site / "tags" / "nordwerk" / "index.html").read_text()
    assert 'content="0; url=../../topics/orgs/nordwerk/"' in moved
    assert "md-header" not in moved  # a redirect, not a second page of the same articles
    tagged = [p for p in (site / "articles").glob("*/index.html")
              if 'href="../../tags/industrie/"' in p.read_text()]
    assert len(tagged) == 2
    tag_page = page(site, "tags/industrie")
    assert {a.get("href") for a in tag_page.cssselect('a[href*="articles/"]')} == {
        f"../../articles/{p.parent.name}/" for p in tagged}
    assert tag_page.cssselect('a[href$="feeds/tags/industrie.atom.xml"]')
    index_links = {a.get("href") for a in page(site, "tags").cssselect("article a")}
    assert {"industrie/", "../topics/orgs/nordwerk/"} <= index_links
    assert "oesterreich/" not in index_links and not (site / "tags" / "oesterreich").exists()
    vienna = page(site, "articles/anna-berger-ueber-die-energiewende")
    assert "Österreich" in [s.text_content() for s in vienna.cssselect("nav.md-tags span.md-tag")]
    linked = set()
    for path in site.rglob("index.html"):
        for a in lhtml.fromstring(path.read_bytes()).cssselect('a[href*="tags/"]'):
            href = a.get("href")
            assert "#tag:" not in href
            linked.add(href.rstrip("/").rsplit("/", 1)[-1])
    assert "industrie" in linked and "oesterreich" not in linked
    assert not (site / "tags.json").exists()


@pytest.mark.slow
def test_every_page_draws_the_theme_icons_from_the_one_sprite(site: Path) -> None:
    """Each page's header, search box and navigation reference the sprite's icons, each of
    which the sprite holds; no page repeats an icon's drawing."""
    sprite = (site / "assets" / "digest-icons.svg").read_text()
    held = set(re.findall(r'<symbol id="(i[0-9a-f]+)"', sprite))
    pages = [p for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text()]
    assert len(pages) > 20
    for path in pages:
        text = path.read_text()
        refs = re.findall(r'<use href="([^"#]*)#(i[0-9a-f]+)"', text)
        assert refs, path
        assert {i for _, i in refs} <= held, path
        assert all((path.parent / f).resolve() == (site / "assets" / "digest-icons.svg")
                   for f, _ in refs), path
        assert "<path" not in text, path


def test_every_page_loads_materials_palette_script_from_the_one_file(site: Path) -> None:
    """The header's palette script is one file, Material's script as the theme ships it,
    which every page loads where the script stood inline; no page holds it inline."""
    from importlib.resources import files

    material = files("material").joinpath("templates", "partials", "javascripts",
                                          "palette.html").read_text(encoding="utf-8")
    script = (site / "assets" / "javascripts" / "digest-palette.js").read_text()
    assert script.strip() and script.strip() in material
    pages = [p for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text()]
    assert len(pages) > 20
    for path in pages:
        text = path.read_text()
        srcs = re.findall(r'<script src="([^"]*digest-palette\.js)"></script>', text)
        assert len(srcs) == 1, path
        assert (path.parent / srcs[0]).resolve() == site / "assets/javascripts/digest-palette.js"
        header = text[text.index('data-md-component="palette"'):text.index("md-search")]
        assert "digest-palette.js" in header and "var palette" not in text, path


def test_the_sitemap_dates_each_article_by_its_own_date(site: Path) -> None:
    """Not every page by the day of the build: an article's ``lastmod`` is its date, a
    listing (which changes with every new article) has none, and the gzip copy holds the
    same bytes without a time stamp, so a rebuild on another day writes neither again."""
    import gzip

    from lxml import etree

    data = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == data
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == b"\0\0\0\0"  # no mtime
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    rows = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in etree.fromstring(data).findall("s:url", ns)}
    articles = {loc: mod for loc, mod in rows.items() if "/articles/" in loc}
    assert len(articles) == len(list(FIXTURES.glob("0*.md")))
    for loc, lastmod in articles.items():
        doc = page(site, loc.split("/digest/", 1)[1].rstrip("/"))
        published = doc.xpath('//meta[@property="article:published_time"]/@content')
        assert [lastmod] == published
    listings = [loc for loc in rows if "/archive/" in loc or "/topics/" in loc]
    assert listings and all(rows[loc] is None for loc in listings)
