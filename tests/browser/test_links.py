"""No broken internal link or anchor anywhere a reader or a feed reader can follow one.

A small crawler over HTTP against the served site: it starts from the home page, the 404
page, every built page, every feed and the sitemap, fetches every internal URL once, and
checks each ``#fragment`` against the ids of the page it points into. Absolute links to
``site_url`` (feeds, sitemap, canonical links) are checked at their local twin. Links to
other hosts are only collected: the tests never leave 127.0.0.1.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from lxml import etree, html

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")

# Attributes that point at something the browser fetches or the reader follows.
HTML_LINKS = ("//a/@href", "//area/@href", "//link/@href", "//script/@src", "//img/@src",
              "//source/@src", "//iframe/@src", "//video/@src", "//audio/@src",
              "//form/@action", "//blockquote/@cite", "//q/@cite")


@dataclass
class Fetched:
    status: int
    content_type: str
    body: bytes
    ids: set[str] = field(default_factory=set)


@dataclass
class Crawl:
    site: Site
    pages: dict[str, Fetched] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)

    def fetch(self, url: str) -> Fetched:
        if url not in self.pages:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    got = Fetched(response.status, response.headers.get_content_type(),
                                  response.read())
            except urllib.error.HTTPError as err:
                got = Fetched(err.code, err.headers.get_content_type(), err.read())
            if got.status == 200 and got.content_type == "text/html":
                tree = html.fromstring(got.body)
                got.ids = {str(v) for v in tree.xpath("//@id | //a/@name")}
            self.pages[url] = got
        return self.pages[url]

    def internal(self, url: str) -> bool:
        return url.startswith(self.site.base_url)

    def check(self, source: str, href: str, base: str) -> str | None:
        """Check one link; the page to crawl next if it is an internal HTML page."""
        href = href.strip()
        if not href or href.startswith(SKIP_SCHEMES):
            return None
        target = self.site.local(urljoin(base, href))
        if urlsplit(target).scheme not in ("http", "https"):
            return None
        if not self.internal(target):
            self.external.add(target)
            return None
        page_url, fragment = urldefrag(target)
        got = self.fetch(page_url)
        if got.status != 200:
            self.broken.append(f"{source}: {href} -> HTTP {got.status}")
            return None
        if fragment and got.content_type == "text/html" and unquote(fragment) not in got.ids:
            self.broken.append(f"{source}: {href} -> no id {unquote(fragment)!r} on {page_url}")
        return page_url if got.content_type == "text/html" else None

    def links_of(self, url: str, got: Fetched) -> list[tuple[str, str]]:
        """(link, base) pairs of a fetched document."""
        if got.content_type == "text/html":
            tree = html.fromstring(got.body)
            return [(str(h), url) for xp in HTML_LINKS for h in tree.xpath(xp)]
        if got.content_type == "application/json":
            return _json_links(got.body, url)
        if got.content_type in ("application/xml", "text/xml"):
            return _xml_links(got.body, url)
        return []

    def run(self, starts: list[str]) -> None:
        queue = deque(starts)
        done: set[str] = set()
        while queue:
            url = queue.popleft()
            if url in done:
                continue
            done.add(url)
            got = self.fetch(url)
            expected = 404 if url.endswith("/no-such-page/") else 200
            if got.status != expected:
                self.broken.append(f"start {url} -> HTTP {got.status}")
                continue
            for href, base in self.links_of(url, got):
                following = self.check(url, href, base)
                if following and following not in done:
                    queue.append(following)


def _xml_links(body: bytes, url: str) -> list[tuple[str, str]]:
    """Links of an RSS or Atom feed or a sitemap, including those in the entries' HTML."""
    root = etree.fromstring(body)
    out: list[tuple[str, str]] = []
    for el in root.iter(f"{ATOM}link", "link", f"{SITEMAP}loc", "guid", f"{ATOM}id"):
        text = (el.text or "").strip()
        if el.tag == f"{ATOM}link":
            out.append((el.get("href", ""), url))
        elif el.tag == "guid" and el.get("isPermaLink") == "false":
            continue  # an identifier, not a link
        elif el.tag == f"{ATOM}id" and not text.startswith(("http://", "https://")):
            continue  # a tag: URI
        elif text:
            out.append((text, url))
    for el in root.iter(CONTENT_ENCODED, f"{ATOM}content", "description", f"{ATOM}summary"):
        if el.text and "<" in el.text and el.get("type", "html") == "html":
            item = el.getparent()
            base = _item_link(item) or url
            fragment = html.fragment_fromstring(el.text, create_parent="div")
            out += [(str(h), base) for xp in HTML_LINKS for h in fragment.xpath(xp)]
    return out


def _item_link(item: etree._Element | None) -> str | None:
    if item is None:
        return None
    link = item.find("link")
    if link is not None and link.text:
        return link.text
    for atom_link in item.iter(f"{ATOM}link"):
        if atom_link.get("rel", "alternate") == "alternate":
            return atom_link.get("href")
    return None


def _json_links(body: bytes, url: str) -> list[tuple[str, str]]:
    """JSON Feed and the facts export: every ``*url`` value, and links in ``content_html``."""
    out: list[tuple[str, str]] = []

    def walk(node: object, base: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, base)
        elif isinstance(node, dict):
            here = node.get("url") if isinstance(node.get("url"), str) else base
            for key, value in node.items():
                if isinstance(value, str) and key.endswith("url") and value:
                    out.append((value, base))
                elif key == "content_html" and isinstance(value, str):
                    fragment = html.fragment_fromstring(value, create_parent="div")
                    out.extend((str(h), str(here)) for xp in HTML_LINKS for h in fragment.xpath(xp))
                else:
                    walk(value, base)

    walk(json.loads(body), url)
    return out


@pytest.fixture(scope="module")
def crawl(site: Site) -> Crawl:
    feeds = sorted((site.dir / site.config.feeds_dir).rglob("*"))
    starts = [
        site.url(),
        site.url("no-such-page/"),  # the 404 page readers see for a mistyped URL
        *(site.page_url(p) for p in site.html_pages() if p.name != "404.html"),
        *(site.url(p.relative_to(site.dir).as_posix()) for p in feeds
          if p.suffix in (".xml", ".json") and p.is_file()),
        site.url("sitemap.xml"),
    ]
    result = Crawl(site)
    result.run(starts)
    return result


def test_no_broken_internal_link_or_anchor(crawl: Crawl) -> None:
    if crawl.broken:
        pytest.fail(f"{len(crawl.broken)} broken link(s):\n" + "\n".join(sorted(crawl.broken)),
                    pytrace=False)


def test_the_crawl_reached_every_kind_of_document(crawl: Crawl, site: Site) -> None:
    """The crawler really looked: pages, article, feeds, assets, the 404 page."""
    fetched = set(crawl.pages)
    kinds = {got.content_type for got in crawl.pages.values()}
    assert {"text/html", "application/xml", "text/css", "text/javascript"} <= kinds, kinds
    assert crawl.pages[site.url("no-such-page/")].status == 404
    built = {site.page_url(p) for p in site.html_pages() if p.name != "404.html"}
    assert built <= fetched
