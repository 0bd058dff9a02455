"""The home page, teasers and share cards as the digest writes them (issue 18, items 10, 11
and 15): the newest story leads with its figures, teasers say each thing once, descriptions
come from the summary, and every page has share tags and a description of its own.

The fast tests read the Markdown the digest writes; the slow ones read a site MkDocs built.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from lxml import html as lxml_html

from digest.config import Config
from digest.link.links import editions, topics
from digest.model import Entry, OutputFile, Percent
from digest.pages.home import render_home
from digest.pages.listings import render_archive, render_editions, render_tags
from digest.pages.render import description, json_ld, render_article
from digest.pages.topics import render_topic, render_topic_indexes

from .conftest import ROOT
from .factories import entry, money
from .support import build_with_search

SHARE_TAGS = ("og:type", "og:title", "og:description", "og:url", "og:site_name", "og:locale")
TWITTER_TAGS = ("twitter:card",)


def stories() -> list[Entry]:
    """Four weeks of articles; the newest states two amounts and a share."""
    newest = entry(
        "werk eröffnet", day=25, orgs=("Nordwerk AG",), places=("Linz",),
        persons=("Anna Berger",), text="Die Nordwerk AG eröffnet ihr Werk in Linz.",
        money=(money("120 Millionen Euro", "120000000", "EUR"),
               money("2,4 Milliarden Euro", "2400000000", "EUR"),
               money("5 Millionen Euro", "5000000", "EUR")),
        percent=(Percent(text="12 Prozent", value=Decimal(12)),))
    return [
        entry("erster spatenstich", day=2, orgs=("Nordwerk AG",), places=("Linz",)),
        entry("gewinn steigt", day=10, orgs=("Nordwerk AG",), persons=("Anna Berger",),
              money=(money("2,4 Milliarden Euro", "2400000000", "EUR"),)),
        entry("neuer hafen", day=17, orgs=("Harbour Lines",), places=("Rotterdam",),
              lang="en"),
        entry("hafen wächst", day=18, orgs=("Harbour Lines",), places=("Rotterdam",)),
        newest,
    ]


def body_html(file: OutputFile) -> Any:
    """A generated file's Markdown (front matter cut off) as HTML, as MkDocs converts it."""
    text = file.content.decode("utf-8")
    if text.startswith("---\n"):
        text = text.split("---\n", 2)[2]
    converted = markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc", "tables"])
    return lxml_html.fromstring(f"<div>{converted}</div>")


def meta_of(file: OutputFile) -> dict[str, Any]:
    data = yaml.safe_load(file.content.decode("utf-8").split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def words(element: Any) -> str:
    return " ".join(element.text_content().split())


# ---------------------------------------------------------------------------- home


def test_the_newest_story_leads_with_its_headline_figures(config: Config) -> None:
    """The lead: date and edition, title, summary, two amounts and a share; it is not
    repeated among the cards."""
    items = stories()
    home = body_html(render_home(items, editions(items), config))
    leads = home.cssselect(".digest-lead")
    assert len(leads) == 1
    lead = leads[0]
    assert words(lead.cssselect("h2")[0]) == "Werk Eröffnet"
    assert lead.cssselect("h2 a")[0].get("href") == "articles/werk-eroeffnet/"
    assert words(lead.cssselect(".digest-kicker")[0]) == "25. November 2026 · KW 48/2026"
    summary = words(lead.cssselect(".digest-summary")[0])
    assert summary == "Die Nordwerk AG eröffnet ihr Werk in Linz."
    figures = [words(li).replace("\u00a0", " ") for li in lead.cssselect(".digest-figures li")]
    assert figures == ["120 Mio. EUR", "2,4 Mrd. EUR", "12 %"]
    assert [words(a) for a in lead.cssselect(".digest-tags a")] == ["Nordwerk AG", "Linz"]
    titles = [words(a) for a in home.cssselect("h2 a, h3 a")]
    assert titles.count("Werk Eröffnet") == 1


def test_home_groups_the_other_stories_by_edition_newest_first(config: Config) -> None:
    items = stories()
    home = body_html(render_home(items, editions(items), config))
    headings = [words(h) for h in home.xpath("./h2 | ./div/h2")]
    assert headings == ["Werk Eröffnet", "KW 47/2026", "KW 46/2026", "KW 45/2026"]
    groups = home.cssselect(".digest-cards")
    assert [[words(h) for h in g.cssselect("h3")] for g in groups] == [
        ["Hafen Wächst", "Neuer Hafen"], ["Gewinn Steigt"], ["Erster Spatenstich"]]
    assert home.cssselect("h2 a")[1].get("href") == "editions/2026-W47/index.md"


def test_home_page_is_a_front_page_not_a_document() -> None:
    """No sidebar holding only its own entry, no table of contents, and no title of its own
    (Material then titles the page with the site's name, not "Start - Digest")."""
    text = (ROOT / "content" / "index.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert "title" not in meta
    assert set(meta["hide"]) == {"navigation", "toc"}


# ---------------------------------------------------------------------------- teasers


def test_teasers_say_each_thing_once(config: Config) -> None:
    """A name in the teaser's tag line is not repeated in its line of key facts; figures
    and names the tags lack (people) stay there."""
    items = stories()
    home = body_html(render_home(items, editions(items), config))
    briefs = home.cssselect(".digest-brief")
    assert len(briefs) == 4
    for brief in briefs:
        tags = [words(a) for a in brief.xpath("./p[time]/a")]
        facts = [words(p) for p in brief.xpath("./p[strong]")]
        assert tags, words(brief)
        for line in facts:
            for name in tags:
                assert name not in line, (name, line)
    profit = next(b for b in briefs if "Gewinn Steigt" in words(b))
    assert [words(p) for p in profit.xpath("./p[strong]")] == [
        "Auf einen Blick: 2,4 Mrd. EUR · Anna Berger"]


def test_descriptions_are_the_summary_never_a_run_of_figures() -> None:
    """Search engines and share cards get a sentence: the summary, or else the lead."""
    newest = stories()[-1]
    assert description(newest) == "Die Nordwerk AG eröffnet ihr Werk in Linz."
    summary = dataclasses.replace(newest.article, summary="Ein Werk, 400 Arbeitsplätze.")
    with_summary = dataclasses.replace(newest, article=summary)
    assert description(with_summary) == "Ein Werk, 400 Arbeitsplätze."


def test_article_pages_describe_themselves_with_the_summary(config: Config) -> None:
    page = render_article(stories()[-1], config)
    meta = meta_of(page)
    assert meta["description"] == "Die Nordwerk AG eröffnet ihr Werk in Linz."
    assert "120 Mio." not in meta["description"] and "·" not in meta["description"]
    assert '"description": "Die Nordwerk AG eröffnet ihr Werk in Linz."' in json_ld(
        stories()[-1], config)


# ---------------------------------------------------------------------------- listings


def listings(config: Config) -> dict[str, OutputFile]:
    items = stories()
    found = topics(items)
    files = [*render_archive(items, config), *render_tags(items, config),
             *render_editions(editions(items), config), *render_topic_indexes(found, config)]
    files += [f for t in found for f in render_topic(t, config)]
    return {f.dest.removeprefix(f"{config.docs_dir}/"): f for f in files
            if f.dest.endswith(".md")}


def test_every_listing_page_has_its_own_description(config: Config) -> None:
    """Archive, editions, tags and topics, their indexes included: each page says what it
    holds, in a description no other page has."""
    files = listings(config)
    kinds = {doc.split("/")[0] for doc in files}
    assert kinds == {config.archive_dir, config.tags_dir, config.editions_dir,
                     config.topics_dir}
    found = {doc: meta_of(f).get("description") for doc, f in files.items()}
    assert all(found.values()), [doc for doc, d in found.items() if not d]
    repeated = [d for d, n in Counter(found.values()).items() if n > 1]
    assert not repeated, repeated
    assert "Nordwerk AG" in found[f"{config.tags_dir}/nordwerk-ag/index.md"]
    assert "Erster Spatenstich" in found[f"{config.editions_dir}/2026-W45/index.md"]


def test_listing_pages_have_no_sidebar_and_no_table_of_contents(config: Config) -> None:
    for doc, file in listings(config).items():
        assert set(meta_of(file).get("hide", ())) == {"navigation", "toc"}, doc


def test_tag_and_topic_pages_of_one_name_have_different_titles(config: Config) -> None:
    """ "Tag: Linz" and "Linz (Ort)", in the site's language; their headings stay the name."""
    files = listings(config)
    tag = files[f"{config.tags_dir}/linz/index.md"]
    topic = files[f"{config.topics_dir}/places/linz/index.md"]
    assert meta_of(tag)["title"] == "Tag: Linz"
    assert meta_of(topic)["title"] == "Linz (Ort)"
    assert meta_of(files[f"{config.topics_dir}/orgs/nordwerk-ag/index.md"])["title"] == (
        "Nordwerk AG (Organisation)")
    assert words(body_html(topic).cssselect("h1")[0]).rstrip("¶").strip() == "Linz"


# ---------------------------------------------------------------------------- built site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_search(tmp_path_factory.mktemp("home-share"), "lunr")


def built_pages(site: Path) -> dict[str, Any]:
    """Every page a reader can open (not the redirects of old slugs, not 404.html)."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        doc = lxml_html.fromstring(path.read_bytes())
        if doc.xpath("//meta[@http-equiv='refresh']"):
            continue
        pages[path.parent.relative_to(site).as_posix()] = doc
    return pages


def share_tags(doc: Any) -> dict[str, str]:
    found = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
    found.update({m.get("name"): m.get("content") for m in doc.xpath("//meta[@name]")})
    return found


@pytest.mark.slow
def test_every_page_has_share_tags_and_its_own_description(site: Path) -> None:
    """Open Graph tags and the Twitter card on every kind of page; each description is the
    page's own (the home page's is the site's; the hand-written about page may keep it too)."""
    pages = built_pages(site)
    assert {p.split("/")[0] for p in pages} >= {
        ".", "articles", "archive", "tags", "topics", "editions"}
    site_description = share_tags(pages["."])["description"]
    described: dict[str, str] = {}
    for url, doc in pages.items():
        tags = share_tags(doc)
        missing = [t for t in (*SHARE_TAGS, *TWITTER_TAGS) if not tags.get(t)]
        assert not missing, (url, missing)
        assert tags["og:description"] == tags["description"], url
        # X falls back to og:title and og:description: its own tags would repeat them.
        assert "twitter:title" not in tags and "twitter:description" not in tags, url
        if url not in (".", "about"):
            assert tags["description"] != site_description, url
            described[url] = tags["description"]
    repeated = {d: [u for u, x in described.items() if x == d]
                for d, n in Counter(described.values()).items() if n > 1}
    assert not repeated, repeated
    titles = Counter(doc.findtext(".//title") for doc in pages.values())
    assert not [t for t, n in titles.items() if n > 1]


@pytest.mark.slow
def test_home_page_is_titled_with_the_site_name_and_has_no_sidebars(site: Path) -> None:
    pages = built_pages(site)
    home = pages["."]
    assert home.findtext(".//title") == "Digest"
    assert share_tags(home)["og:title"] == "Digest"
    assert share_tags(home)["og:type"] == "website"
    for sidebar in home.cssselect(".md-sidebar--primary, .md-sidebar--secondary"):
        assert sidebar.get("hidden") is not None
    assert home.cssselect(".digest-lead .digest-figures li")
    article = pages["articles/nordwerk-steigert-gewinn"]
    assert share_tags(article)["og:type"] == "article"
    assert share_tags(article)["og:locale"] == "de_DE"
    english = pages["articles/harbour-lines-signs-rotterdam-deal"]
    assert share_tags(english)["og:locale"] == "en_GB"
    assert pages["tags/industrie"].findtext(".//title") == "Tag: Industrie - Digest"
    assert pages["topics/places/linz"].findtext(".//title") == "Linz (Ort) - Digest"
    toc = pages["editions/2026-W47"].cssselect(".md-sidebar--secondary")
    assert toc and toc[0].get("hidden") is not None


def test_a_listing_speaks_its_own_language_about_an_article_in_another(config: Config) -> None:
    """On the German site's pages an English article's teaser says "Fakten", names its tags
    and writes its figures as German does; the lead story's figures too."""
    from digest.model import Tag

    english = dataclasses.replace(
        entry("port deal", day=26, lang="en",
              money=(money("$4.5 billion", "4500000000", "USD"),),
              percent=(Percent(text="12.5 percent", value=Decimal("12.5")),)),
        tags=(Tag("White House", "weisses-haus", names=(("de", "Weißes Haus"),)),))
    files = render_archive([*stories(), english], config)
    teaser = next(d for f in files for d in body_html(f).cssselect(".digest-brief")
                  if "Port Deal" in words(d))
    text = words(teaser)
    assert "Weißes Haus" in text and "White House" not in text
    assert "4,5 Mrd. USD" in text and "12,5 %" in text
    assert "Key facts" not in text
    home = body_html(render_home([*stories(), english], editions([*stories(), english]),
                                 config))
    lead = words(home.cssselect(".digest-lead")[0])
    assert "Port Deal" in lead and "4,5 Mrd. USD" in lead
