"""Feeds: RSS 2.0 and Atom (the only module that imports feedgen), JSON Feed 1.1, and the
HTML their items carry."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from feedgen.feed import FeedGenerator

from digest.config import Config
from digest.link.links import Edition, tag_groups
from digest.markup import Html
from digest.model import Entry, OutputFile
from digest.pages import display
from digest.pages.factbox import fact_brief
from digest.pages.listings import edition_title
from digest.pages.render import article_html, clip, newest_first
from digest.pages.urls import (
    doc_url,
    feed_urls,
    page_doc,
    page_url,
    tag_feed_url,
    tag_home,
)

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TAG_SPECIFIC_SAFE = "!$&'()*+,;=:@"
"""Characters a tag URI's specific part may hold besides letters, digits and ``-._~``
(RFC 4151); every other character of a file name is percent-encoded."""

_WORDS = {
    "de": {
        "tag": "Die neuesten Artikel zum Tag „{name}“: die Fakten auf einen Blick und der "
               "Einstieg.",
        "editions": "Eine Ausgabe pro Woche: alle Artikel der Woche mit ihren Fakten.",
    },
    "en": {
        "tag": "The newest articles tagged “{name}”: the key facts at a glance and the lead.",
        "editions": "One edition a week: every article of the week with its key facts.",
    },
}
"""Descriptions of the tag and editions feeds, in the site's language."""


def entry_id(entry: Entry, config: Config) -> str:
    """A ``tag:`` URI from the seed's file name: stable when the title or slug changes.

    A name with spaces or letters beyond ASCII is percent-encoded, as a URI must be."""
    specific = quote(entry.article.stem, safe=_TAG_SPECIFIC_SAFE)
    return f"tag:{config.host},{config.id_authority_date}:{specific}"


def tag_feed_docs(config: Config, slug: str) -> tuple[str, ...]:
    """Project-relative paths of one tag's feeds."""
    return (f"{config.docs_dir}/{tag_feed_url(config, slug)}",)


def build_feeds(
    entries: Sequence[Entry], config: Config, bodies: Mapping[str, str] | None = None,
    tags: Mapping[str, tuple[str, Sequence[Entry]]] | None = None,
    pages: Mapping[str, str] | None = None,
) -> list[OutputFile]:
    """The site feeds (RSS and Atom) and one Atom feed for each tag of ``tags`` (slug -> name
    and articles, newest first; default: every tag), at most ``feed_items`` articles each; a
    tag feed links its tag's page (``pages``: slug -> the topic page that stands for the tag).

    The site feeds carry each article in full (``bodies``: seed path -> article HTML); tag
    feeds carry its summary only (the key facts and the lead, once), so their size stays
    small however many tags the archive has.
    """
    newest = sorted(entries, key=lambda e: (e.article.date, e.article.source), reverse=True)
    if bodies is None:
        bodies = {e.article.source: article_html(e) for e in newest[: config.feed_items]}
    site = _Channel(config.site_name, config.site_url,
                    config.site_description or config.site_name)
    files = _feed_files(newest, config, None, site, bodies, {})
    briefs: dict[str, FeedEntry] = {}  # one brief item per article, shared by its tags' feeds
    words = _WORDS.get(config.language, _WORDS["en"])
    by_tag = tag_groups(newest, config.language) if tags is None else tags
    for slug in sorted(by_tag):
        name, items = by_tag[slug]
        channel = _Channel(f"{config.site_name}: {name}",
                           config.site_url + doc_url(tag_home(config, slug, pages)),
                           words["tag"].format(name=name))
        files += _feed_files(items, config, slug, channel, None, briefs)
    return files


@dataclass(frozen=True)
class _Channel:
    """What a reader's feed list shows of one feed: each feed has its own."""

    title: str
    link: str
    """Absolute URL of the HTML page the feed follows (the site, a tag page, the editions)."""
    description: str


def _generator(config: Config, url: str, kind: str, channel: _Channel) -> FeedGenerator:
    """A feed's head: its id, own title, link and description, the site as its author (so
    entries without an author of their own inherit it), the site's language."""
    fg = FeedGenerator()
    fg.id(config.site_url + url)
    fg.title(channel.title)
    # RSS readers take a channel's <description> as HTML, as an item's: escaped there (a tag
    # named in it comes from seed text); Atom's subtitle is text.
    fg.subtitle(html.escape(channel.description, quote=False) if kind == "rss"
                else channel.description)
    fg.author(name=config.site_name)
    # The channel <link> is whichever link() call came last: self first, then the page.
    fg.link(href=config.site_url + url, rel="self",
            type="application/rss+xml" if kind == "rss" else "application/atom+xml")
    fg.link(href=channel.link, rel="alternate")
    fg.language(config.language)
    fg.generator("digest")
    return fg


def _feed_files(
    entries: Sequence[Entry], config: Config, tag_slug: str | None, channel: _Channel,
    bodies: Mapping[str, str] | None, made: dict[str, FeedEntry],
) -> list[OutputFile]:
    urls = (list(zip(("rss", "atom"), feed_urls(config), strict=True)) if tag_slug is None
            else [("atom", tag_feed_url(config, tag_slug))])
    limit = config.feed_items if tag_slug is None else config.tag_feed_items
    items = list(entries[:limit])
    for entry in items:
        if entry.article.source not in made:
            body = bodies[entry.article.source] if bodies is not None else None
            made[entry.article.source] = _feed_entry(entry, config, body)
    out = []
    for kind, url in urls:
        fg = _generator(config, url, kind, channel)
        fg.load_extension("dc", atom=False, rss=True)
        newest = items[0].article.date if items else _EPOCH
        fg.updated(newest)
        if kind == "rss":
            fg.lastBuildDate(newest)
        for entry in items:
            fg.add_entry(made[entry.article.source], order="append")
        data = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
        out.append(OutputFile(f"{config.docs_dir}/{url}", data))
    return out


class _EntryLanguage:
    """feedgen's entry extension hook, used to write ``xml:lang`` on an Atom entry (feedgen
    has no setter for it); feedgen makes one per entry and calls it for each feed."""

    def __init__(self) -> None:
        self.lang = ""

    def extend_atom(self, entry: Any) -> Any:
        entry.set(_XML_LANG, self.lang)
        return entry

    def extend_rss(self, item: Any) -> Any:
        return item

    def extend_ns(self) -> dict[str, str]:
        return {}


def _feed_entry(entry: Entry, config: Config, body: str | None) -> FeedEntry:
    """One article as a feed item, in full (``body``) with its tags as categories, or as its
    summary only (the Atom feeds of tags: the key facts and the lead, once); the same object
    serves the site's RSS and Atom feeds and, for tag feeds, every tag it has (feedgen builds
    the XML from it each time)."""
    article = entry.article
    fe = FeedEntry()
    fe.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    fe.register_extension("lang", _EntryLanguage, atom=True, rss=False)
    fe.id(entry_id(entry, config))
    fe.guid(entry_id(entry, config), permalink=False)
    fe.title(article.title)
    fe.link(href=config.site_url + page_url(config, article.slug), rel="alternate")
    # Updated is the article's own date, like published: two articles share it only when
    # their dates are one (a warning for validators, never an error), never the build's.
    fe.published(article.date)
    fe.updated(article.date)
    # RSS readers take <description> as HTML, so it is escaped there; Atom's <summary> is
    # text. description() also sets the Atom content, which content() then replaces; a
    # summary-only item has no content, and its Atom entry links the article instead.
    if body is not None:
        fe.description(html.escape(article.description, quote=False))
        fe.content(body, type="html")
    fe.summary(article.description)
    # Atom has xml:lang on the entry; RSS has no language per item but Dublin Core's.
    fe.lang.lang = article.lang
    fe.dc.dc_language(article.lang)
    if article.author:
        fe.author(name=article.author)
        fe.dc.dc_creator(article.author)
    # A tag feed is about its tag: the article's other tags were half of its bytes.
    if entry.tags and body is not None:
        fe.category([{"term": tag.name, "label": tag.name} for tag in entry.tags])
    return fe


def build_edition_feeds(editions: Sequence[Edition], config: Config) -> list[OutputFile]:
    """One item per ISO week, the item's content being the whole edition."""
    newest = list(reversed(editions))[: config.feed_items]
    base = f"{config.feeds_dir}/editions."
    channel = _Channel(
        f"{config.site_name}: {display.labels(config.language)['editions']}",
        config.site_url + doc_url(page_doc(config.editions_dir, 1)),
        _WORDS.get(config.language, _WORDS["en"])["editions"])
    contents = [edition_html(edition, config) for edition in newest]  # once for both feeds
    out = []
    for kind in ("rss", "atom"):
        url = f"{base}{kind}.xml"
        fg = _generator(config, url, kind, channel)
        updated = newest[0].entries[0].article.date if newest else _EPOCH
        fg.updated(updated)
        if kind == "rss":
            fg.lastBuildDate(updated)
        for edition, content in zip(newest, contents, strict=True):
            fe = fg.add_entry(order="append")
            edition_id = f"tag:{config.host},{config.id_authority_date}:edition-{edition.key}"
            fe.id(edition_id)
            fe.guid(edition_id, permalink=False)
            fe.title(edition_title(edition, config.language))
            fe.link(href=config.site_url + doc_url(
                page_doc(f"{config.editions_dir}/{edition.key}", 1)), rel="alternate")
            date = max(e.article.date for e in edition.entries)
            fe.published(date)
            fe.updated(date)
            titles = ", ".join(e.article.title for e in edition.entries)[:500]
            fe.description(html.escape(titles, quote=False))  # as above: HTML in RSS
            fe.content(content, type="html")
            fe.summary(titles)
        data = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
        out.append(OutputFile(f"{config.docs_dir}/{url}", data))
    return out


def feeds_sitemap(files: Sequence[OutputFile], config: Config) -> OutputFile:
    """A sitemap of the feeds folder. Material fetches ``sitemap.xml`` next to every
    ``<link rel="alternate">`` (meant for language versions); the feed links are alternates
    too, so without this file every page load would log a 404. It lists only the site-wide
    feeds: every reader downloads it, once per feed link, so it must not grow with tags."""
    prefix = f"{config.docs_dir}/"
    main = {f"{config.feeds_dir}/{name}" for name in ("rss.xml", "atom.xml", "feed.json")}
    urls = sorted(config.site_url + f.dest.removeprefix(prefix) for f in files
                  if f.dest.removeprefix(prefix) in main)
    body = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in urls)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           f"{body}</urlset>\n")
    return OutputFile(f"{config.docs_dir}/{config.feeds_dir}/sitemap.xml", xml.encode())


def edition_html(edition: Edition, config: Config) -> str:
    """An edition as HTML for the editions feed: each article with its facts in brief."""
    parts = []
    for entry in edition.entries:
        a = entry.article
        url = config.site_url + page_url(config, a.slug)
        parts.append(Html('<h2><a href="{}">{}</a></h2>').format(url, a.title))
        facts = fact_brief(entry)
        if facts:
            parts.append(Html("<p><strong>{}</strong></p>").format(facts))
        parts.append(Html("<p>{}</p>").format(clip(a.description, 300)))
    return str(Html("\n").join(parts))


def json_feed(
    entries: Sequence[Entry], config: Config, bodies: Mapping[str, str] | None = None
) -> OutputFile:
    """The newest ``feed_items`` articles as JSON Feed 1.1."""
    url = f"{config.site_url}{config.feeds_dir}/feed.json"
    items = []
    for e in newest_first(entries)[: config.feed_items]:
        a = e.article
        item: dict[str, object] = {
            "id": entry_id(e, config),
            "url": config.site_url + page_url(config, a.slug),
            "title": a.title,
            "content_html": bodies[a.source] if bodies is not None else article_html(e),
            "summary": a.description,
            "date_published": a.date.isoformat(),
            "tags": [t.name for t in e.tags],
            "language": a.lang,
        }
        if a.author:
            item["authors"] = [{"name": a.author}]
        if a.source_url:
            item["external_url"] = a.source_url
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.site_name,
        "home_page_url": config.site_url,
        "feed_url": url,
        "description": config.site_description,
        "language": config.language,
        "items": items,
    }
    text = json.dumps(feed, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return OutputFile(f"{config.docs_dir}/{config.feeds_dir}/feed.json", text.encode())
