"""Feeds parsed by a real parser: ids, order, dates, content, self links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
from lxml import etree

from digest.build import digest_stage
from digest.config import load_config

from .conftest import BUILD_TIME, make_project

SEEDS = {
    "a.md": "---\ntitle: Older article\ndate: 2026-03-01\ntags: [Energie]\n---\n\n"
            "Der Konzern investiert 2 Milliarden Euro in Wien.\n",
    "b.md": "---\ntitle: Newer article\ndate: 2026-04-01\ntags: [Energie]\n---\n\n"
            "The company said revenue rose 5 percent in 2025.\n\n## Outlook\n\nMore text.\n",
}


def build(tmp: Path, seeds: dict[str, str | bytes] = SEEDS) -> Path:
    project = make_project(tmp, seeds)
    digest_stage(load_config(project / "mkdocs.yml"), build_time=BUILD_TIME)
    return project / "content" / "feeds"


def test_rss_and_atom_newest_first_with_stable_ids(tmp_path: Path) -> None:
    """Both feeds list the newest article first and identify items by seed file name."""
    feeds = build(tmp_path)
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((feeds / name).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert [e.title for e in parsed.entries] == ["Newer article", "Older article"]
        assert [e.id for e in parsed.entries] == [
            "tag:example.github.io,2026:b", "tag:example.github.io,2026:a"]
        assert parsed.entries[0].link == "https://example.github.io/digest/articles/newer-article/"
        published = dt.datetime(*parsed.entries[0].published_parsed[:6], tzinfo=dt.UTC)
        assert published == dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC)


def test_retitled_article_keeps_its_id(tmp_path: Path) -> None:
    """Correcting a title changes the item's title, never its id."""
    seeds = dict(SEEDS, **{"b.md": SEEDS["b.md"].replace("Newer article", "Corrected title")})
    parsed = feedparser.parse((build(tmp_path, seeds) / "rss.xml").read_bytes())
    assert parsed.entries[0].title == "Corrected title"
    assert parsed.entries[0].id == "tag:example.github.io,2026:b"


def test_feed_dates_come_from_articles_not_the_clock(tmp_path: Path) -> None:
    """The channel's dates are the newest article's, so rebuilds do not change the feed."""
    feeds = build(tmp_path)
    rss = etree.parse(str(feeds / "rss.xml"))
    assert rss.findtext("channel/lastBuildDate") == "Wed, 01 Apr 2026 00:00:00 +0200"
    atom = etree.parse(str(feeds / "atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:updated", namespaces=ns) == "2026-04-01T00:00:00+02:00"
    assert atom.find("a:generator", ns).text == "digest"


def test_content_summary_categories_and_self_links(tmp_path: Path) -> None:
    """Full content as HTML, summary, tag categories and a self link in each feed."""
    feeds = build(tmp_path)
    rss = feedparser.parse((feeds / "rss.xml").read_bytes())
    entry = rss.entries[0]
    assert "<h2>Outlook</h2>" in entry.content[0].value
    assert entry.summary.startswith("The company said")
    assert "Energie" in [t.term for t in entry.tags]
    atom = feedparser.parse((feeds / "atom.xml").read_bytes())
    assert atom.entries[0].content[0].type == "text/html"
    self_links = [link.href for link in atom.feed.links if link.rel == "self"]
    assert self_links == ["https://example.github.io/digest/feeds/atom.xml"]
    raw = (feeds / "rss.xml").read_text()
    assert '<atom:link href="https://example.github.io/digest/feeds/rss.xml" rel="self"' in raw


def test_tag_feeds_and_item_limit(tmp_path: Path) -> None:
    """A feed per tag with each article's summary only (key facts and lead, once, no full
    text, no categories); limits for site and tag feeds apply apart."""
    project = make_project(tmp_path, SEEDS)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace(
        "feed_items: 50", "feed_items: 1\n    tag_feed_items: 2"))
    digest_stage(load_config(yml), build_time=BUILD_TIME)
    feeds = project / "content" / "feeds"
    assert sorted(p.name for p in (feeds / "tags").glob("energie.*")) == ["energie.atom.xml"]
    tag = feedparser.parse((feeds / "tags" / "energie.atom.xml").read_bytes())
    assert tag.version == "atom10"
    assert [e.title for e in tag.entries] == ["Newer article", "Older article"]
    assert "The company said revenue rose 5 percent" in tag.entries[0].summary
    assert all("content" not in e for e in tag.entries)
    raw = (feeds / "tags" / "energie.atom.xml").read_text()
    assert "<content" not in raw and raw.count("<summary") == 2
    assert "<category" not in raw and "<category" in (feeds / "atom.xml").read_text()
    assert len(feedparser.parse((feeds / "atom.xml").read_bytes()).entries) == 1


def test_boilerplate_never_reaches_the_feed(tmp_path: Path) -> None:
    """'Kommentare' at the end of a plain-text seed is not in any feed."""
    feeds = build(tmp_path, {"c.txt": "Titel\nDer erste Absatz.\nKommentare\n"})
    for path in feeds.rglob("*.xml"):
        assert "Kommentare" not in path.read_text(), path


def test_feeds_sitemap_stays_small(tmp_path: Path) -> None:
    """Material fetches feeds/sitemap.xml on every page: it lists the site feeds, not tags."""
    feeds = build(tmp_path)
    text = (feeds / "sitemap.xml").read_text()
    assert text.count("<loc>") == 3
    assert "/tags/" not in text


def test_a_summary_only_item_keeps_markup_in_the_text_as_text(tmp_path: Path) -> None:
    """A lead with ``<`` and ``&`` reads as written in a tag's (Atom) feed, as text: never as
    markup."""
    lead = "Die Firma AT&T meldet <b>fett</b> mehr Umsatz in Wien, sagte sie am Montag."
    project = make_project(tmp_path, {"a.txt": "Marken\n" + lead + "\n"},
                           options={"topic_min_articles": 1})
    digest_stage(load_config(project / "mkdocs.yml"), build_time=BUILD_TIME)
    feeds = project / "content" / "feeds" / "tags"
    assert not (feeds / "wien.rss.xml").exists()
    (atom,) = feedparser.parse((feeds / "wien.atom.xml").read_bytes()).entries
    assert atom.summary_detail.type == "text/plain" and lead in atom.summary


def test_a_tag_named_with_markup_stays_text_in_its_feeds_description(tmp_path: Path) -> None:
    """A tag feed's subtitle names the tag, which comes from seed text: Atom keeps it as
    text, never as markup."""
    from digest.pages.feeds import build_feeds

    from .factories import entry

    config = load_config(make_project(tmp_path) / "mkdocs.yml")
    name = "Acme <img src=x onerror=alert(1)>"
    files = {f.dest.rsplit("/", 1)[1]: f.content
             for f in build_feeds([entry("acme", orgs=(name,))], config)}
    (feed,) = [v for k, v in files.items() if k.startswith("acme")]  # Atom, not RSS as well
    subtitle = etree.fromstring(feed).find(
        "{http://www.w3.org/2005/Atom}subtitle")
    assert subtitle is not None and subtitle.get("type", "text") == "text"
    assert name in (subtitle.text or "")  # text that a reader shows as written
