"""One entity, one spelling, one page: names in either language resolve to one entity, whose
tag and topic page carry one slug and show the name in the page's language."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from digest.link.entities import resolve, shown, spell_entities
from digest.link.links import merged_topic_slugs, topics
from digest.link.tags import entity_tag, link_entities, make_tags
from digest.model import Facts
from digest.vocabulary import load_vocabulary

from .factories import entry

VOCAB = load_vocabulary()


@pytest.mark.parametrize(("name", "kind", "slug", "de", "en"), [
    ("Italien", "places", "italien", "Italien", "Italy"),
    ("Italy", "places", "italien", "Italien", "Italy"),
    ("Großbritannien", "places", "grossbritannien", "Großbritannien", "UK"),
    ("UK", "places", "grossbritannien", "Großbritannien", "UK"),
    ("Britain", "places", "grossbritannien", "Großbritannien", "UK"),
    ("United Kingdom", "places", "grossbritannien", "Großbritannien", "UK"),
    ("US", "places", "usa", "USA", "US"),
    ("USA", "places", "usa", "USA", "US"),
    ("United States", "places", "usa", "USA", "US"),
    ("Vereinigte Staaten", "places", "usa", "USA", "US"),
    ("Vereinigten Staaten", "places", "usa", "USA", "US"),
    ("Österreich", "places", "oesterreich", "Österreich", "Austria"),
    ("Austria", "places", "oesterreich", "Österreich", "Austria"),
    ("Europa", "places", "europa", "Europa", "Europe"),
    ("Europe", "places", "europa", "Europa", "Europe"),
    ("White House", "orgs", "weisses-haus", "Weißes Haus", "White House"),
    ("Weißes Haus", "orgs", "weisses-haus", "Weißes Haus", "White House"),
    ("Europäische Zentralbank", "orgs", "ezb", "EZB", "ECB"),
    ("European Central Bank", "orgs", "ezb", "EZB", "ECB"),
    ("IMF", "orgs", "iwf", "IWF", "IMF"),
    # a name only one language knows is that name on every page
    ("Rechnungshof", "orgs", "rechnungshof", "Rechnungshof", "Rechnungshof"),
    ("Pentagon", "orgs", "pentagon", "Pentagon", "Pentagon"),
    ("Acme Widgets", "orgs", "acme-widgets", "Acme Widgets", "Acme Widgets"),
    # an editor's tag has no kind: a country's name is the country
    ("Italy", None, "italien", "Italien", "Italy"),
])
def test_one_entity_per_thing_named_per_language(
        name: str, kind: str | None, slug: str, de: str, en: str) -> None:
    """Every spelling gives the entity's one slug and its name in each page language."""
    for lang, want in (("de", de), ("en", en)):
        tag = entity_tag(name, lang, VOCAB, kind)
        assert (tag.slug, tag.name) == (slug, want)
        assert tag.name_in("de") == de and tag.name_in("en") == en


def test_a_spelling_differing_only_in_full_stops_stays_as_written() -> None:
    """The extractor keeps "U.S." where the article writes it so: the same entity, its
    spelling kept; "Vereinigte Staaten" reads as the German page's "USA"."""
    assert shown("U.S.", "en", VOCAB, "places") == "U.S."
    assert shown("Vereinigte Staaten", "de", VOCAB, "places") == "USA"
    assert resolve("U.S.", VOCAB, "places") == resolve("Vereinigte Staaten", VOCAB, "places")


def test_an_organisation_is_never_taken_for_a_country() -> None:
    """Only places and editor tags are looked up as countries."""
    assert resolve("Georgia", VOCAB, "orgs").canonical == "Georgia"
    assert resolve("Georgia", VOCAB, "places").canonical == "Georgien"


def test_facts_name_each_entity_once_in_the_articles_language() -> None:
    """"Britain" and "UK" in one English article are one "UK"; the box and chips agree."""
    facts = Facts(orgs=("European Central Bank", "White House"),
                  places=("Britain", "Italy", "UK", "Europe"))
    spelled = spell_entities(facts, "en", VOCAB)
    assert spelled.orgs == ("ECB", "White House")
    assert spelled.places == ("UK", "Italy", "Europe")
    german = spell_entities(Facts(places=("Vereinigte Staaten", "Italien")), "de", VOCAB)
    assert german.places == ("USA", "Italien")


def test_tags_of_an_article_are_one_per_entity_in_its_language() -> None:
    """An editor's "Italien" and the extracted "Italy" are one chip, in English."""
    e = entry("talks", places=("Italy", "White House"), lang="en")
    article = replace(e.article, tags=("Italien",))
    tags = make_tags(article, Facts(orgs=("White House",), places=("Italy",)), VOCAB)
    assert [(t.name, t.slug) for t in tags] == [("Italy", "italien"),
                                                ("White House", "weisses-haus")]


def test_topics_gather_an_entity_across_languages_under_the_listings_name() -> None:
    """A German and an English article naming the country give one topic, named in the
    site's language; its other spellings' slugs redirect to it."""
    items = link_entities([
        entry("de", places=("USA", "Italien"), lang="de", day=1),
        entry("en", places=("US", "Italy"), orgs=("White House",), lang="en", day=2),
        entry("en2", places=("U.S.",), lang="en", day=3),
    ], VOCAB)
    found = {(t.kind, t.slug): t for t in topics(items, lang="de")}
    assert sorted(found) == [("orgs", "weisses-haus"), ("places", "italien"),
                             ("places", "usa")]
    usa = found[("places", "usa")]
    assert usa.name == "USA"
    assert [e.article.source for e in usa.entries] == [
        "seeds/en2.txt", "seeds/en.txt", "seeds/de.txt"]
    assert found[("orgs", "weisses-haus")].name == "Weißes Haus"
    assert {t.name for t in topics(items, lang="en")} == {"US", "Italy", "White House"}
    assert {old: t.slug for old, t in merged_topic_slugs(list(found.values())).items()} == {
        "places/italy": "italien", "places/u-s": "usa", "places/us": "usa",
        "orgs/white-house": "weisses-haus"}


_DE = """---
title: Italien und die USA verhandeln über Zölle
date: 2026-11-02
lang: de
---

Die Regierung Italiens verhandelt mit den Vereinigten Staaten über Zölle in Höhe von
5 Milliarden Euro. Auch Großbritannien und Europa beobachten die Gespräche.
"""
_EN = """---
title: Italy and the US talk tariffs
date: 2026-11-03
lang: en
---

Italy is negotiating tariffs with the United States. The White House put the volume at
$5bn on Monday. Britain and Europe are watching the talks.
"""


def _front(page: Path) -> str:
    return page.read_text(encoding="utf-8").split("\n---\n", 1)[0]


def test_build_writes_one_tag_and_topic_page_per_entity(tmp_path: Path) -> None:
    """A German and an English article about the same countries: one topic page each, which
    their tags lead to, titled in the site's language; the English page's chips and box in
    English; the English spellings' old URLs and the tags' own addresses redirect to it."""
    from digest.build import digest_stage
    from digest.config import load_config

    from .conftest import BUILD_TIME, make_project

    project = make_project(tmp_path, {"de.md": _DE, "en.md": _EN},
                           options={"topic_min_articles": 1})
    config = load_config(project / "mkdocs.yml")
    assert not digest_stage(config, build_time=BUILD_TIME).errors
    content = project / "content"
    assert not list(content.glob("tags/*/index.md"))  # a topic page stands for every tag
    for tag, topic in (("italien", "places/italien"), ("usa", "places/usa"),
                       ("weisses-haus", "orgs/weisses-haus")):
        moved = (content / f"tags/{tag}/index.html").read_text(encoding="utf-8")
        assert f"url=../../topics/{topic}/" in moved, tag
    places = {p.parent.name for p in content.glob("topics/places/*/index.md")}
    assert {"italien", "usa", "grossbritannien", "europa"} <= places
    assert not {"italy", "us", "uk", "britain", "europe", "united-states"} & places
    italy = (content / "topics/places/italien/index.md").read_text(encoding="utf-8")
    assert 'title: "Italien (Ort)"' in italy and italy.count('](../../../articles/') == 2
    assert 'title: "USA (Ort)"' in _front(content / "topics/places/usa/index.md")

    english = next(p for p in content.glob("articles/*.md") if 'lang: "en"' in p.read_text())
    front = _front(english)
    chips = re.search(r'^tags: \[(.*)\]$', front, re.M)
    assert chips is not None
    assert set(chips[1].replace('"', "").split(", ")) == {
        "Italy", "US", "UK", "Europe", "White House"}
    assert "Weißes Haus" not in english.read_text() and "Italien" not in front
    assert '>White House</a>' in english.read_text()
    german = next(p for p in content.glob("articles/*.md") if 'lang: "de"' in p.read_text())
    assert "Italien" in _front(german) and "Italy" not in _front(german)

    moved = (content / "tags/italy/index.html").read_text(encoding="utf-8")
    assert 'url=../../topics/places/italien/' in moved
    assert 'url=../usa/' in (content / "topics/places/us/index.html").read_text()
