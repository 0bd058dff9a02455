"""The feeds as feed readers meet them: schema-valid Atom, rule-abiding RSS 2.0, same story.

Atom: every ``*atom.xml`` against the RELAX NG grammar of RFC 4287 (Appendix B, vendored as
``schema/atom.rnc``) with Debian's jing, in one run. RSS 2.0 has no official schema, so its
rules are checked one by one (rssboard.org's specification and its best-practice profile).
Both are then read by feedparser and compared with the article pages the site serves.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from tests.browser.conftest import ATOM_RNC, SEED, Site, require_tool

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# RFC 822 date-time as RSS 2.0 uses it (four-digit years allowed, as the RSS spec says).
RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?"
    r"(?:0?[1-9]|[12]\d|3[01]) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)? "
    r"(?:[+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z])$"
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
UNSAFE = {"script", "style", "iframe", "object", "embed", "form"}


def rel(site: Site, path: Path) -> str:
    return path.relative_to(site.dir).as_posix()


# ---------------------------------------------------------------------------- Atom


def test_atom_feeds_are_valid_rfc4287(site: Site) -> None:
    jing = require_tool("jing")
    feeds = site.atom_feeds()
    assert site.dir / site.config.feeds_dir / "atom.xml" in feeds
    assert any("/tags/" in rel(site, f) for f in feeds), feeds
    proc = subprocess.run([jing, "-c", str(ATOM_RNC), *map(str, feeds)],
                          capture_output=True, text=True, timeout=120, check=False)
    report = "\n".join(ln.replace(f"{site.dir}/", "") for ln in proc.stdout.splitlines())
    assert proc.returncode == 0 and not report, f"jing (RFC 4287 schema):\n{report}"


def test_the_atom_schema_rejects_an_invalid_feed(site: Site, tmp_path: Path) -> None:
    """The vendored grammar really checks: a feed without its required atom:id fails."""
    jing = require_tool("jing")
    tree = etree.parse(str(site.dir / site.config.feeds_dir / "atom.xml"))
    root = tree.getroot()
    root.remove(root.find(f"{ATOM}id"))
    bad = tmp_path / "no-id.atom.xml"
    tree.write(str(bad), xml_declaration=True, encoding="utf-8")
    proc = subprocess.run([jing, "-c", str(ATOM_RNC), str(bad)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode != 0 and "id" in proc.stdout, proc.stdout


def test_atom_self_links_and_ids(site: Site) -> None:
    problems = []
    for path in site.atom_feeds():
        root = etree.parse(str(path)).getroot()
        own = site.site_url + rel(site, path)
        selfs = [link.get("href") for link in root.findall(f"{ATOM}link")
                 if link.get("rel") == "self"]
        if selfs != [own]:
            problems.append(f"{rel(site, path)}: rel=self {selfs}, expected [{own}]")
        ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
        if len(ids) != len(set(ids)):
            problems.append(f"{rel(site, path)}: duplicate entry ids {ids}")
        for entry in root.findall(f"{ATOM}entry"):
            alternates = [link.get("href", "") for link in entry.findall(f"{ATOM}link")
                          if link.get("rel", "alternate") == "alternate"]
            if len(alternates) != 1 or not alternates[0].startswith(site.site_url):
                problems.append(f"{rel(site, path)}: entry alternate links {alternates}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- RSS 2.0


class _Balance(HTMLParser):
    """Well-formed HTML: every element closed in order, nothing unsafe, absolute links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE:
            self.errors.append(f"<{tag}> in feed content")
        for name, value in attrs:
            if name.startswith("on"):
                self.errors.append(f"event handler {name} on <{tag}>")
            if name in ("href", "src") and not urlsplit(value or "").scheme:
                self.errors.append(f"relative {name}={value!r} on <{tag}> (feed readers "
                                   "resolve it against the feed, not the page)")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def check(self, text: str) -> list[str]:
        self.feed(text)
        self.close()
        return self.errors + [f"<{t}> never closed" for t in self.stack]


def html_problems(text: str) -> list[str]:
    return _Balance().check(text)


def rss_problems(site: Site, path: Path) -> list[str]:
    name = rel(site, path)
    out: list[str] = []

    def bad(message: str) -> None:
        out.append(f"{name}: {message}")

    root = etree.parse(str(path)).getroot()
    if root.tag != "rss" or root.get("version") != "2.0":
        bad(f"root <{root.tag} version={root.get('version')}>, expected <rss version=2.0>")
    channels = root.findall("channel")
    if len(channels) != 1:
        bad(f"{len(channels)} channels")
        return out
    channel = channels[0]
    for required in ("title", "link", "description"):
        if not (channel.findtext(required) or "").strip():
            bad(f"channel has no {required}")
    if not (channel.findtext("link") or "").startswith(("http://", "https://")):
        bad(f"channel link {channel.findtext('link')!r} is not an absolute URL")
    language = channel.findtext("language")
    if language is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        bad(f"language {language!r}")
    for date_el in [*channel.findall("pubDate"), *channel.findall("lastBuildDate"),
                    *channel.findall("item/pubDate")]:
        value = date_el.text or ""
        if not RFC822.match(value):
            bad(f"<{date_el.tag}> {value!r} is not an RFC 822 date")
        elif email.utils.parsedate_to_datetime(value).tzinfo is None:
            bad(f"<{date_el.tag}> {value!r} has no time zone")
    own = site.site_url + name
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if [(s.get("href"), s.get("type")) for s in selfs] != [(own, "application/rss+xml")]:
        bad(f"atom:link rel=self {[dict(s.attrib) for s in selfs]}, expected {own}")
    guids: list[str] = []
    for item in channel.findall("item"):
        title = item.findtext("title") or item.findtext("description")
        label = (item.findtext("title") or "?")[:40]
        if not (title or "").strip():
            bad("an item has neither title nor description")
        link = item.findtext("link")
        if link is not None and not link.startswith(site.site_url):
            bad(f"item {label!r}: link {link!r} is not on the site")
        if item.find("pubDate") is None:
            bad(f"item {label!r} has no pubDate")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            bad(f"item {label!r} has no guid")
            continue
        guids.append(guid.text or "")
        permalink = guid.get("isPermaLink", "true")
        is_url = (guid.text or "").startswith(("http://", "https://"))
        if not is_url and permalink != "false":
            bad(f"guid {guid.text!r} is no URL, so it needs isPermaLink=\"false\"")
        if (guid.text or "").startswith("tag:") and permalink != "false":
            bad(f"tag: guid {guid.text!r} without isPermaLink=\"false\"")
        for category in item.findall("category"):
            if not (category.text or "").strip():
                bad(f"item {label!r} has an empty category")
        for encoded in item.findall(CONTENT_ENCODED):
            out.extend(f"{name}: item {label!r}: content:encoded: {p}"
                       for p in html_problems(encoded.text or ""))
    if len(guids) != len(set(guids)):
        bad(f"duplicate guids {guids}")
    return out


def test_rss_feeds_follow_the_rss_2_0_rules(site: Site) -> None:
    feeds = site.rss_feeds()
    assert {rel(site, f) for f in feeds} == {"feeds/rss.xml", "feeds/editions.rss.xml"}
    problems = [p for path in feeds for p in rss_problems(site, path)]
    assert not problems, "\n".join(problems)


def test_the_rss_rules_catch_broken_feeds() -> None:
    """The HTML and date checks are not vacuous."""
    assert html_problems("<p>ok <strong>fine</strong></p><ul><li>a</li></ul><br>") == []
    assert html_problems("<p>open <strong>unclosed</p>")
    assert html_problems('<p><a href="../x/">relative</a></p>')
    assert html_problems("<p><script>x()</script></p>")
    assert RFC822.match("Fri, 20 Nov 2026 10:30:00 +0100")
    assert not RFC822.match("2026-11-20T10:30:00+01:00")
    assert not RFC822.match("Fri, 20 Nov 2026 10:30:00")


# ---------------------------------------------------------------------------- feedparser


def _articles(site: Site) -> dict[str, dict[str, Any]]:
    """What the article pages say: canonical URL -> title, date and tags."""
    out = {}
    for page in sorted((site.dir / site.config.articles_dir).glob("*/index.html")):
        tree = html.parse(str(page)).getroot()
        canonical = tree.xpath("//link[@rel='canonical']/@href")[0]
        h1 = tree.xpath("//article//h1")[0]
        for anchor in h1.xpath(".//a[@class='headerlink']"):
            anchor.drop_tree()
        when = tree.xpath("//*[contains(@class, 'digest-dateline')]//time/@datetime")[0]
        tags = [t.text_content().strip() for t in tree.xpath(
            "//article//*[contains(@class, 'md-tags')]//*[contains(@class, 'md-tag')]")]
        out[str(canonical)] = {
            "title": h1.text_content().strip(),
            "date": dt.datetime.fromisoformat(str(when)),
            "tags": set(tags),
        }
    return out


def _parse(path: Path) -> Any:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path.name}: feedparser: {parsed.get('bozo_exception')}"
    return parsed


def _utc(struct: Any) -> dt.datetime:
    return dt.datetime(*struct[:6], tzinfo=dt.UTC)


def test_feed_readers_see_the_articles_as_the_site_shows_them(site: Site) -> None:
    articles = _articles(site)
    assert len(articles) == 1, articles
    feeds_dir = site.dir / site.config.feeds_dir
    expected_id = f"tag:{site.config.host},{site.config.id_authority_date}:{SEED.stem}"
    for name in ("rss.xml", "atom.xml"):
        parsed = _parse(feeds_dir / name)
        assert parsed.feed.title == site.config.site_name
        assert parsed.feed.link == site.site_url
        assert [e.link for e in parsed.entries] == list(articles), name
        for entry in parsed.entries:
            article = articles[entry.link]
            assert entry.title == article["title"], name
            assert entry.id == expected_id, name
            assert _utc(entry.published_parsed) == article["date"].astimezone(dt.UTC), name
            assert {t.term for t in entry.tags} == article["tags"], name
            assert entry.summary, name


def test_tag_feeds_hold_exactly_the_articles_with_that_tag(site: Site) -> None:
    articles = _articles(site)
    tag_dir = site.dir / site.config.feeds_dir / "tags"
    feeds = sorted(tag_dir.glob("*.xml"))
    assert feeds
    all_tags = set().union(*(a["tags"] for a in articles.values()))
    seen_tags = set()
    for path in feeds:
        parsed = _parse(path)
        prefix = f"{site.config.site_name}: "
        assert parsed.feed.title.startswith(prefix), path.name
        tag = parsed.feed.title[len(prefix):]
        seen_tags.add(tag)
        expected = [url for url, a in articles.items() if tag in a["tags"]]
        assert [e.link for e in parsed.entries] == expected, path.name
    assert seen_tags == all_tags


def test_rss_and_atom_tell_the_same_story(site: Site) -> None:
    feeds_dir = site.dir / site.config.feeds_dir
    pairs = [(p, p.with_name(p.name.replace("rss.xml", "atom.xml"))) for p in site.rss_feeds()]
    assert pairs
    assert not list((feeds_dir / "tags").glob("*.rss.xml"))  # a tag's feed is Atom only
    for rss_path, atom_path in pairs:
        assert atom_path.is_file(), f"no Atom twin of {rel(site, rss_path)}"
        rss, atom = _parse(rss_path), _parse(atom_path)
        def key(entry: Any) -> tuple[str, str, str, dt.datetime]:
            return (entry.id, entry.title, entry.link, _utc(entry.published_parsed))
        assert [key(e) for e in rss.entries] == [key(e) for e in atom.entries], rss_path.name
    assert (feeds_dir / "rss.xml", feeds_dir / "atom.xml") in pairs
