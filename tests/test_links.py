"""Related articles, entity topics and weekly editions: pure functions over entries."""

from __future__ import annotations

from pathlib import Path

from digest.link.links import (
    editions,
    mentions,
    one_name_per_person,
    related,
    tag_groups,
    tag_topics,
    topics,
    with_tag_pages,
)

from .factories import entry, money


def test_related_ranks_by_rare_shared_entities() -> None:
    """Sharing a rare entity outranks sharing a common one; unrelated articles are absent."""
    a = entry("a", orgs=("ByteDance", "EU"), day=1)
    b = entry("b", orgs=("ByteDance",), day=2)
    c = entry("c", orgs=("EU",), day=3)
    d = entry("d", orgs=("EU",), day=4)
    lonely = entry("lonely", orgs=("Nobody Inc",), day=5)
    rel = related([a, b, c, d, lonely])
    assert next(e.article.source for e in rel["seeds/a.txt"]) == "seeds/b.txt"
    assert rel["seeds/lonely.txt"] == ()
    assert len(rel["seeds/a.txt"]) == 3


def test_related_prefers_closer_dates_and_is_deterministic() -> None:
    """With equal overlap, the nearer article wins; repeated runs give the same order."""
    a = entry("a", orgs=("X Corp",), day=1, month=1)
    near = entry("near", orgs=("X Corp",), day=5, month=1)
    far = entry("far", orgs=("X Corp",), day=1, month=11)
    first = related([far, a, near])
    assert [e.article.source for e in first["seeds/a.txt"]] == ["seeds/near.txt",
                                                                "seeds/far.txt"]
    assert first == related([near, far, a])


def test_related_respects_limit() -> None:
    """At most the configured number of related articles."""
    items = [entry(f"n{i}", orgs=("Same",), day=i + 1) for i in range(9)]
    assert all(len(v) <= 5 for v in related(items).values())
    assert all(len(v) <= 2 for v in related(items, limit=2).values())


def test_topics_per_entity_with_threshold() -> None:
    """An entity in enough articles gets a topic, newest article first."""
    a = entry("a", orgs=("ByteDance",), places=("China",), day=1)
    b = entry("b", orgs=("ByteDance",), day=9)
    found = {(t.kind, t.name): t for t in topics([a, b], min_articles=2)}
    assert list(found) == [("orgs", "ByteDance")]
    assert [e.article.source for e in found[("orgs", "ByteDance")].entries] == [
        "seeds/b.txt", "seeds/a.txt"]
    assert {t.name for t in topics([a, b])} == {"ByteDance", "China"}


def test_a_topic_page_stands_for_a_tag_whose_articles_it_all_lists() -> None:
    """One entity, one page: a tag leads to the topic of its slug when that topic lists
    every article of the tag; not when an article carries the tag without naming the
    entity (an editor's tag), nor when an organisation and a place share the slug."""
    linz = [entry(f"linz {i}", places=("Linz",), day=1 + i) for i in range(3)]
    tagged_only = entry("tagged", tags=("Nordwerk",), day=9)
    nordwerk = [entry(f"nordwerk {i}", orgs=("Nordwerk",), day=5 + i) for i in range(2)]
    jordan = [entry("jordan org", orgs=("Jordan",), day=10),
              entry("jordan place", places=("Jordan",), day=11),
              entry("jordan place 2", places=("Jordan",), day=12),
              entry("jordan org 2", orgs=("Jordan",), day=13)]
    entries = [*linz, tagged_only, *nordwerk, *jordan]
    found = topics(entries, min_articles=2)
    homes = tag_topics(tag_groups(entries), found)
    assert {slug: t.key for slug, t in homes.items()} == {"linz": "places/linz"}
    pages = {"linz": "topics/places/linz/index.md"}
    marked = with_tag_pages(entries, pages)
    assert [t.page for e in marked[:3] for t in e.tags] == [pages["linz"]] * 3
    assert all(a is b for a, b in zip(marked[3:], entries[3:], strict=True))  # untouched
    rare = with_tag_pages(entries, pages, unlisted={"nordwerk"})
    assert [t.listed for t in rare[3].tags] == [False]
    assert [t.listed for e in rare[:3] for t in e.tags] == [True] * 3


def test_mentions_are_facts_in_sentences_naming_the_topic() -> None:
    """Only amounts stated in a sentence with the entity's name belong to its timeline."""
    m1 = money("160 Milliarden Yuan", "160000000000", "CNY")
    m2 = money("5 Euro", "5", "EUR")
    e = entry("a", orgs=("ByteDance",), money=(m1, m2),
              text="ByteDance plant 160 Milliarden Yuan. Ein Kaffee kostet 5 Euro.")
    topic = next(t for t in topics([e]) if t.name == "ByteDance")
    assert mentions(topic, e) == [m1]


def test_editions_group_by_iso_week() -> None:
    """Articles fall into their ISO week; weeks come oldest first."""
    mon = entry("mon", day=23)   # 2026-11-23 is a Monday (week 48)
    sun = entry("sun", day=29)   # Sunday, same week
    nxt = entry("next", day=30)  # Monday, week 49
    weeks = editions([nxt, mon, sun])
    assert [(w.key, [e.article.source for e in w.entries]) for w in weeks] == [
        ("2026-W48", ["seeds/sun.txt", "seeds/mon.txt"]),
        ("2026-W49", ["seeds/next.txt"]),
    ]


def test_one_person_has_one_name_across_the_site() -> None:
    """"Merkel" alone in one article is the "Angela Merkel" of another: one topic page. A
    surname two people of the site share stays as written."""
    a = entry("a", persons=("Angela Merkel", "Heinz Müller"), day=1)
    b = entry("b", persons=("Merkel", "Müller", "Scholz"), day=2)
    c = entry("c", persons=("Gerd Müller",), day=3)
    named = one_name_per_person([a, b, c])
    assert named[0] is a and named[2] is c
    assert named[1].facts.persons == ("Angela Merkel", "Müller", "Scholz")
    people = {t.name: [e.article.source for e in t.entries]
              for t in topics(named) if t.kind == "persons"}
    assert people["Angela Merkel"] == ["seeds/b.txt", "seeds/a.txt"]
    assert "Merkel" not in people


def test_a_surname_named_twice_in_one_article_is_one_person() -> None:
    """The box never lists "Angela Merkel" twice when the article also says "Merkel"."""
    a = entry("a", persons=("Angela Merkel",))
    b = entry("b", persons=("Angela Merkel", "Merkel"))
    assert one_name_per_person([a, b])[1].facts.persons == ("Angela Merkel",)


def test_the_build_gives_one_person_one_name(tmp_path: Path) -> None:
    """``collect`` (behind build, check and preview) applies it: no topic page "Merkel"."""
    from digest.build import collect
    from digest.config import load_config
    from digest.read.sources import gather_sources

    from .conftest import BUILD_TIME, make_project

    body = "Die Regierung tagte am Montag in Linz und beriet über den Haushalt des Landes."
    project = make_project(tmp_path, {
        "a.md": f"---\ntitle: Besuch\nfacts:\n  add: {{persons: [Angela Merkel]}}\n---\n\n{body}\n",
        "b.md": f"---\ntitle: Rede\nfacts:\n  add: {{persons: [Merkel]}}\n---\n\n{body}\n",
    })
    config = load_config(project / "mkdocs.yml")
    entries = collect(config, gather_sources(config), build_time=BUILD_TIME).entries
    assert [e.facts.persons for e in entries] == [("Angela Merkel",), ("Angela Merkel",)]


def test_topic_pages_by_default_only_for_names_of_two_articles(tmp_path: Path) -> None:
    """A topic page lists an entity's articles: by default only an entity named in two
    articles gets one (a page listing one article repeats that article), and the box links
    only the names that have a page."""
    from digest.build import digest_stage
    from digest.config import load_config

    from .conftest import BUILD_TIME, make_project

    body = "Die Regierung tagte am Montag und beriet über den Haushalt des Landes."
    project = make_project(tmp_path, {
        "a.md": "---\ntitle: Besuch\nfacts:\n  add: {orgs: [Nordwerk, Ostwerk]}\n---\n\n"
                + body + "\n",
        "b.md": f"---\ntitle: Rede\nfacts:\n  add: {{orgs: [Nordwerk]}}\n---\n\n{body}\n",
    })
    config = load_config(project / "mkdocs.yml")
    assert config.topic_min_articles == 2
    assert not digest_stage(config, build_time=BUILD_TIME).errors
    orgs = config.docs_path / "topics" / "orgs"
    assert sorted(p.parent.name for p in orgs.glob("*/index.md")) == ["nordwerk"]
    page = (config.docs_path / "articles" / "besuch.md").read_text(encoding="utf-8")
    assert "topics/orgs/nordwerk/" in page and "topics/orgs/ostwerk/" not in page
