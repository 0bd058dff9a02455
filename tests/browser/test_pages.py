"""The built site in headless Chromium, as readers meet it: pages, search, palette, phones.

Every page is opened over HTTP from the local server; each test gets a fresh browser context
that records every request and refuses any that would leave 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import struct
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree, html

from tests.browser.conftest import (
    ARTICLE_DATE_TEXT,
    ARTICLE_SLUG,
    ARTICLE_TAGS,
    ARTICLE_TITLE,
    SCREENSHOTS,
    Requests,
    Site,
    new_context,
    wait_ready,
)

pytestmark = pytest.mark.browser

HOME = ""
ARTICLE = f"articles/{ARTICLE_SLUG}/"
TAGS = "tags/"

# The key facts of the seed as the box shows them (issue: facts of the labelled seed).
KEY_FACTS = (
    "160 Mrd. CNY", "23 Mrd. USD", "45 %", "2026", "Jänner",
    "ByteDance", "TikTok", "OpenAI", "Google", "Meta",
    "China", "USA", "Abu Dhabi",
)
# What the one-line brief in a listing keeps: the first amounts (not conversions), shares.
BRIEF_FACTS = ("160 Mrd. CNY", "45 %")
SEED_MONTH = "2026-11"

def content(page: Any) -> Any:
    """The page's main text column (Material's article), not the nav or the header."""
    return page.locator("article.md-content__inner")


def plain(text: str) -> str:
    """Text with the no-break and narrow spaces that babel puts in numbers made plain."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def heading(locator: Any) -> str:
    """A heading's text without its permalink anchor (the ¶ that toc adds)."""
    return str(locator.evaluate(
        "h => { const c = h.cloneNode(true);"
        " c.querySelectorAll('.headerlink').forEach(a => a.remove());"
        " return c.textContent.trim(); }"))


def goto(page: Any, site: Site, path: str) -> Any:
    response = page.goto(site.url(path))
    assert response is not None and response.status == 200, f"{path}: {response}"
    wait_ready(page)
    return response


def article_tags(page: Any, site: Site) -> list[str]:
    """The article's tags as its page shows them (topics plus named entities)."""
    goto(page, site, ARTICLE)
    return [t.strip() for t in content(page).locator(".md-tags .md-tag").all_inner_texts()]


def test_home_leads_with_the_article_its_date_and_tags(page: Any, site: Site) -> None:
    """The one article is the home page's lead story: title, date, then its tags, each
    linking to its tag page or to the topic page that stands for it."""
    tags = article_tags(page, site)
    goto(page, site, HOME)
    main = content(page)
    lead = main.locator(".digest-lead")
    link = lead.get_by_role("link", name=ARTICLE_TITLE, exact=True)
    assert link.count() == 1
    assert urljoin(page.url, link.get_attribute("href")) == site.url(ARTICLE)
    assert lead.locator("time").inner_text().strip() == ARTICLE_DATE_TEXT
    shown = [a.strip() for a in lead.locator(".digest-tags a").all_inner_texts()]
    assert shown, "no tags in the lead"
    assert set(shown) <= set(tags), f"lead tags {shown} vs article tags {tags}"
    for tag_link in lead.locator(".digest-tags a").all():
        href = urljoin(page.url, tag_link.get_attribute("href"))
        assert href.startswith((site.url(TAGS), site.url("topics/"))), href
        assert href not in (site.url(TAGS), site.url("topics/")), href
        assert "#" not in href, href
    assert "Kommentare" not in main.inner_text()


def test_home_lead_shows_headline_figures(page: Any, site: Site) -> None:
    """The lead's figures (needs the fact extractor): amounts first, not their restatements."""
    goto(page, site, HOME)
    figures = [plain(f) for f in content(page).locator(".digest-figure strong").all_inner_texts()]
    assert figures[:2] == list(BRIEF_FACTS[:2]), figures


def test_listing_brief_shows_key_facts_once(page: Any, site: Site) -> None:
    """A listing's one line of key facts: figures, and only the names its tag line lacks."""
    goto(page, site, f"archive/{SEED_MONTH}/")
    brief = content(page).locator(".digest-brief").first
    text = plain(brief.inner_text())
    line = next((ln for ln in text.splitlines() if ln.startswith("Auf einen Blick")), "")
    assert line, f"no 'Auf einen Blick:' line in the brief:\n{text}"
    for fact in BRIEF_FACTS:
        assert fact in line, f"{fact!r} missing from the brief: {line!r}"
    tags = [t.strip() for t in brief.locator("p:has(time) a").all_inner_texts()]
    assert "ByteDance" in tags
    for name in tags:
        assert name not in line, f"{name!r} both in the tag line and in {line!r}"


def test_article_page_has_title_date_headings_and_body(page: Any, site: Site) -> None:
    goto(page, site, ARTICLE)
    assert page.locator("html").get_attribute("lang") == "de"
    main = content(page)
    assert heading(main.locator("h1")) == ARTICLE_TITLE
    time = main.locator(".digest-dateline time")
    assert time.inner_text().strip() == ARTICLE_DATE_TEXT
    assert (time.get_attribute("datetime") or "").startswith("2026-11-20T10:30:00")
    headings = [heading(h) for h in main.locator("h2").all()]
    assert "Unabhängigkeit als strategisches Ziel" in headings
    assert "Parallelfront: TikTok und der US-Markt" in headings
    lead = main.locator(".digest-lead").inner_text()
    assert lead.startswith("Während der globale Wettlauf")
    body = main.locator(".digest-article").inner_text()
    assert "rund 160 Milliarden Yuan" in body
    assert "Der formelle Abschluss der Transaktion wird für Jänner erwartet." in body
    tags = [t.strip() for t in main.locator(".md-tags .md-tag").all_inner_texts()]
    assert set(ARTICLE_TAGS) <= set(tags), tags
    assert page.title().startswith(ARTICLE_TITLE)


def test_article_key_facts_box(page: Any, site: Site) -> None:
    """The 'Auf einen Blick' box with every key fact of the seed (needs the fact extractor)."""
    goto(page, site, ARTICLE)
    box = content(page).locator(".admonition.abstract")
    assert box.count() == 1, "no key-facts box on the article page"
    assert box.locator(".admonition-title").inner_text().strip() == "Auf einen Blick"
    text = plain(box.inner_text())
    missing = [fact for fact in KEY_FACTS if fact not in text]
    assert not missing, f"missing from the key-facts box: {missing}\n{text}"


@pytest.mark.parametrize("path", [HOME, ARTICLE, TAGS])
def test_no_boilerplate_on_the_page(page: Any, site: Site, path: str) -> None:
    goto(page, site, path)
    assert "Kommentare" not in page.locator("body").inner_text()


def test_no_boilerplate_anywhere_in_the_site(site: Site) -> None:
    """Not in any page, feed or the search index: the seed's trailing 'Kommentare' is cut."""
    found = [p.relative_to(site.dir).as_posix() for p in sorted(site.dir.rglob("*"))
             if p.suffix in (".html", ".xml", ".json") and "Kommentare" in p.read_text("utf-8")]
    assert not found


def test_tags_page_links_each_tag_to_the_article(page: Any, site: Site) -> None:
    """The tag index links each of the article's tags to the tag's page; there the
    article is listed, and its link opens it."""
    tags = article_tags(page, site)
    assert set(ARTICLE_TAGS) <= set(tags), tags
    for tag in tags:
        goto(page, site, TAGS)
        main = content(page)
        link = main.get_by_role("link", name=tag, exact=True)
        assert link.count() == 1, f"no link for tag {tag}"
        link.click()
        page.wait_for_load_state()
        assert heading(content(page).locator("h1")) == tag
        titles = [t.strip() for t in content(page).locator("li a").all_inner_texts()]
        assert ARTICLE_TITLE in titles, f"tag {tag}: {titles}"
    content(page).get_by_role("link", name=ARTICLE_TITLE, exact=True).first.click()
    page.wait_for_url(site.url(ARTICLE))
    assert heading(content(page).locator("h1")) == ARTICLE_TITLE


@pytest.mark.parametrize("query", ["Rechenleistung", "ByteDance"])
def test_search_finds_the_article_and_opens_it(page: Any, site: Site, query: str) -> None:
    goto(page, site, HOME)
    box = page.locator("input.md-search__input")
    box.click()
    # Key by key, as a reader types: Material searches on keyboard input events.
    box.press_sequentially(query, delay=25)
    wanted = page.locator(f".md-search-result__item > a[href*='/{ARTICLE}']")
    wanted.first.wait_for()
    assert ARTICLE_TITLE in wanted.first.inner_text()
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+ Suchergebnis", meta), meta
    wanted.first.click()
    page.wait_for_url(re.compile(re.escape(site.url(ARTICLE)) + r"\?h="))
    assert heading(content(page).locator("h1")) == ARTICLE_TITLE
    # search.highlight marks the query on the opened page, once its script has run.
    page.locator("mark[data-md-highlight]").first.wait_for()
    marks = [m.lower() for m in page.locator("mark[data-md-highlight]").all_inner_texts()]
    assert query.lower() in marks


FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "{http://www.w3.org/2005/Atom}feed",
    "application/feed+json": "https://jsonfeed.org/version/1.1",
}
REQUIRED_FEEDS = ("application/rss+xml", "application/atom+xml")


def _feed_links(page_html: bytes) -> dict[str, list[str]]:
    """Feed autodiscovery links in the head, by media type."""
    tree = html.fromstring(page_html)
    return {kind: [str(h) for h in tree.xpath(
                f"/html/head/link[@rel='alternate'][@type='{kind}']/@href")]
            for kind in FEED_TYPES}


def _what_it_is(status: int, data: bytes) -> str:
    """``200 rss`` for an RSS document; the root tag of XML, JSON Feed's version for JSON."""
    if status != 200:
        return str(status)
    if data.lstrip().startswith(b"{"):
        return f"200 {json.loads(data).get('version')}"
    return f"200 {etree.fromstring(data).tag}"


def test_every_page_has_feed_autodiscovery_that_resolves(site: Site) -> None:
    """RSS and Atom announced in every page's head (JSON Feed where present); all resolve."""
    import urllib.error
    import urllib.request

    def fetch(url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    urls = [site.page_url(p) for p in site.html_pages() if p.name != "404.html"]
    urls.append(site.url("no-such-page/"))  # served as the 404 page
    problems = []
    checked: dict[str, str] = {}
    for url in urls:
        status, body = fetch(url)
        expected = 404 if url.endswith("no-such-page/") else 200
        assert status == expected, f"{url}: HTTP {status}"
        if b'http-equiv="refresh"' in body:  # an old address, sending readers on at once
            continue
        for kind, hrefs in _feed_links(body).items():
            if len(hrefs) != 1 and (kind in REQUIRED_FEEDS or hrefs):
                problems.append(f"{url}: {len(hrefs)} {kind} autodiscovery links")
                continue
            for href in hrefs:
                target = urljoin(url, href)
                if target not in checked:
                    checked[target] = _what_it_is(*fetch(target))
                if checked[target] != f"200 {FEED_TYPES[kind]}":
                    problems.append(f"{url}: {kind} link {target} -> {checked[target]}")
    assert {site.url("feeds/rss.xml"), site.url("feeds/atom.xml")} <= set(checked), checked
    assert not problems, "\n".join(problems)


def _scheme(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def test_the_header_icons_are_drawn_from_the_sprite(page: Any, site: Site) -> None:
    """The logo, the palette toggle and the search icon show: each a reference into the
    one sprite of the theme's icons, which the browser fetched and drew."""
    goto(page, site, ARTICLE)
    drawn = page.evaluate("""() => Object.fromEntries(
        ['.md-header__button.md-logo', 'label.md-header__button[for^="__palette"]:not([hidden])',
         '.md-search__icon[for="__search"]'].map(sel => {
            const use = document.querySelector(sel + ' svg use');
            const box = use && use.getBBox();
            return [sel, use ? [use.getAttribute('href'), box.width, box.height] : null];
        }))""")
    for selector, found in drawn.items():
        assert found is not None, selector
        href, width, height = found
        assert "assets/digest-icons.svg#i" in href and width > 8 and height > 8, (selector, found)


def test_palette_toggle_switches_light_and_dark(page: Any, site: Site) -> None:
    goto(page, site, HOME)
    assert _scheme(page) == "default"
    light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_bg != light_bg
    # The next page starts dark before Material's bundle runs (here it never does): the
    # header's palette script, one file (digest-palette.js), applies the stored choice.
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    goto(page, site, ARTICLE)
    assert _scheme(page) == "slate"
    page.unroute("**/assets/javascripts/bundle.*.js")
    goto(page, site, HOME)
    page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")


@pytest.mark.parametrize("path", [HOME, ARTICLE, TAGS])
def test_phone_width_has_no_horizontal_scrolling(
    browser: Any, site: Site, requests_seen: Requests, path: str
) -> None:
    context = new_context(browser, site, requests_seen, viewport={"width": 375, "height": 812},
                          is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        goto(page, site, path)
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert client_width == 375
        if scroll_width > client_width:
            wide = page.evaluate("""() => {
                const limit = document.documentElement.clientWidth + 1;
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit).slice(0, 10)
                    .map(e => e.tagName.toLowerCase() + '.' + e.className);
            }""")
            pytest.fail(f"{path}: scrollWidth {scroll_width} > {client_width}; too wide: {wide}")
    finally:
        context.close()
    assert not requests_seen.outside()


class Visit:
    """Every request and failed answer while a reader opens every page and runs a search."""

    def __init__(self, site: Site) -> None:
        self.requests = Requests(site.base_url)
        self.failed: list[str] = []


@pytest.fixture(scope="module")
def visit(browser: Any, site: Site) -> Visit:
    result = Visit(site)
    context = new_context(browser, site, result.requests, viewport={"width": 1280, "height": 900})

    def on_response(response: Any) -> None:
        if response.status >= 400:
            result.failed.append(f"{response.status} {response.url}")

    context.on("response", on_response)
    context.on("requestfailed", lambda r: result.failed.append(f"failed {r.url} {r.failure}"))
    urls = [site.page_url(p) for p in site.html_pages() if p.name != "404.html"]
    urls.append(site.url("no-such-page/"))  # the 404 page, with its absolute asset links
    try:
        # One tab per page, all loading at once; then each must fall quiet (search worker,
        # its index and language files included) before the requests are read.
        tabs = []
        for url in urls:
            tab = context.new_page()
            tab.goto(url)
            tabs.append(tab)
        for tab in tabs:
            wait_ready(tab)
            tab.wait_for_load_state("networkidle")
        box = tabs[0].locator("input.md-search__input")
        box.click()
        box.press_sequentially("ByteDance", delay=25)
        tabs[0].locator(".md-search-result__item").first.wait_for()
        tabs[0].wait_for_load_state("networkidle")
    finally:
        context.close()
    return result


def test_no_request_leaves_127_0_0_1(visit: Visit) -> None:
    """Pages, scripts, the search worker, fonts: nothing calls home or any CDN."""
    outside = visit.requests.outside()
    assert not outside, "requests outside 127.0.0.1:\n" + "\n".join(outside)
    assert any("/search/search_index.json" in u for u in visit.requests.urls), (
        "the search index was never fetched, so the search worker was not exercised")


def test_every_request_of_every_page_succeeds(visit: Visit, site: Site) -> None:
    """Assets, search index, language files, and the sitemap.xml that Material fetches next to
    every <link rel="alternate"> (the feed links: squidfunk/mkdocs-material#8576), which the
    digest writes into the feeds folder for that reason."""
    missing_page = f"404 {site.url('no-such-page/')}"
    failed = sorted(set(visit.failed) - {missing_page})
    assert not failed, "failed requests:\n" + "\n".join(failed)


SHOTS = [
    ("home", HOME, "desktop", 1280, 900),
    ("home", HOME, "mobile", 375, 812),
    ("article", ARTICLE, "desktop", 1280, 900),
    ("article", ARTICLE, "mobile", 375, 812),
]


@pytest.mark.parametrize(("name", "path", "device", "width", "height"), SHOTS,
                         ids=[f"{s[0]}-{s[2]}" for s in SHOTS])
def test_screenshot(browser: Any, site: Site, requests_seen: Requests, name: str, path: str,
                    device: str, width: int, height: int) -> None:
    """Full-page screenshots in the light scheme, kept in test-artifacts/ for review."""
    context = new_context(browser, site, requests_seen, viewport={"width": width, "height": height},
                          is_mobile=device == "mobile", has_touch=device == "mobile")
    try:
        page = context.new_page()
        goto(page, site, path)
        page.wait_for_load_state("networkidle")
        assert _scheme(page) == "default"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}-{device}.png"
        page.screenshot(path=str(target), full_page=True, animations="disabled")
    finally:
        context.close()
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    shot_width, shot_height = struct.unpack(">II", data[16:24])
    assert shot_width == width and shot_height >= height
    assert urlsplit(site.url(path)).path.startswith("/digest/")
