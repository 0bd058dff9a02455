"""The render memo: a rebuild renders the article pages and topics whose inputs changed and
keeps the others' files, and what it writes is what a full render writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from digest import cache
from digest.build import StageResult, digest_stage
from digest.config import Config, load_config
from digest.link.links import topics
from digest.pages import feeds, publish
from digest.pages.export import month_of

from .conftest import BUILD_TIME, make_project
from .support import commit_all


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Config, StageResult]:
    seeds = {s.name: s.text for s in generate(40, 3)}
    project = make_project(tmp_path, seeds, options={"topic_min_articles": 1})
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    first = digest_stage(config, build_time=BUILD_TIME)
    assert not first.errors
    return project, config, first


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What each run renders: article pages by seed, topics by kind/slug, tag feeds, the
    facts export by month, tag pages, archive months."""
    calls: dict[str, list[str]] = {"articles": [], "topics": [], "feeds": [], "exports": [],
                                   "tags": [], "months": []}
    article, topic, pair = publish.render_article, publish.render_topic, feeds._feed_files
    chunk, tag, month = publish.fact_chunk, publish.render_tag, publish.render_archive_month

    def counted_tag(slug, *args):  # type: ignore[no-untyped-def]
        calls["tags"].append(slug)
        return tag(slug, *args)

    def counted_month(name, *args):  # type: ignore[no-untyped-def]
        calls["months"].append(name)
        return month(name, *args)

    def counted_chunk(entry, **kw):  # type: ignore[no-untyped-def]
        calls["exports"].append(month_of(entry))
        return chunk(entry, **kw)

    def counted_article(entry, **kw):  # type: ignore[no-untyped-def]
        calls["articles"].append(entry.article.source)
        return article(entry, **kw)

    def counted_topic(t, *args, **kw):  # type: ignore[no-untyped-def]
        calls["topics"].append(f"{t.kind}/{t.slug}")
        return topic(t, *args, **kw)

    def counted_pair(entries, config, slug, *args):  # type: ignore[no-untyped-def]
        if slug is not None:
            calls["feeds"].append(slug)
        return pair(entries, config, slug, *args)

    monkeypatch.setattr(publish, "TOPICS_PARALLEL_MIN", 10**6)  # counted in this process
    monkeypatch.setattr(feeds, "_feed_files", counted_pair)
    monkeypatch.setattr(publish, "fact_chunk", counted_chunk)
    monkeypatch.setattr(publish, "render_tag", counted_tag)
    monkeypatch.setattr(publish, "render_archive_month", counted_month)
    monkeypatch.setattr(publish, "render_article", counted_article)
    monkeypatch.setattr(publish, "render_topic", counted_topic)
    return calls


def _edit(project: Path) -> str:
    seed = sorted((project / "seeds").iterdir())[7]
    with seed.open("a", encoding="utf-8") as f:
        f.write("\nDie Quarnholm AG meldet 17 Prozent mehr Umsatz in Graz.\n")
    commit_all(project, "edit")
    return f"seeds/{seed.name}"


def test_an_edit_renders_the_pages_it_is_on_and_writes_what_a_full_render_writes(
        built: tuple[Path, Config, StageResult], rendered: dict[str, list[str]]) -> None:
    project, config, first = built
    edited = _edit(project)
    result = digest_stage(config, build_time=BUILD_TIME)
    assert result.report is not None and result.report.written
    assert edited in rendered["articles"]
    assert 0 < len(rendered["articles"]) < 40 // 2, rendered["articles"]
    shown = {f"{t.kind}/{t.slug}" for t in topics(result.entries, 1, config.language)
             if any(e.article.source == edited for e in t.entries)}
    assert rendered["topics"] and set(rendered["topics"]) <= shown | {"orgs/quarnholm-ag",
                                                                      "places/graz"}
    tags = {t.slug for e in (*first.entries, *result.entries) if e.article.source == edited
            for t in e.tags}  # before and after the edit
    assert rendered["feeds"] and set(rendered["feeds"]) <= tags | {"quarnholm-ag", "graz"}
    # (its tags' own pages, where no topic page stands for them)
    assert set(rendered["tags"]) <= tags | {"quarnholm-ag", "graz"}
    month = {month_of(e) for e in result.entries if e.article.source == edited}
    assert rendered["exports"] and set(rendered["exports"]) == month
    assert len(rendered["exports"]) == sum(month_of(e) in month for e in result.entries) < 40
    assert rendered["months"] == sorted(month)
    # A full render of the same seeds writes nothing: the kept files hold its bytes.
    for calls in rendered.values():
        calls.clear()
    again = digest_stage(config, build_time=BUILD_TIME, full=True)
    assert again.report is not None and again.report.written == ()
    assert len(rendered["articles"]) == 40


def test_a_page_edited_by_hand_is_rendered_again(
        built: tuple[Path, Config, StageResult], rendered: dict[str, list[str]]) -> None:
    project, config, _ = built
    page = sorted((project / "content" / "articles").glob("*.md"))[-1]
    good = page.read_bytes()
    page.write_bytes(good.replace(b"# ", b"# Edited: ", 1))
    _edit(project)
    result = digest_stage(config, build_time=BUILD_TIME)
    assert page.read_bytes() == good
    assert result.report is not None and str(page.relative_to(project)) in result.report.written


def test_a_damaged_memo_costs_only_time(
        built: tuple[Path, Config, StageResult], rendered: dict[str, list[str]]) -> None:
    project, config, _ = built
    memo = project / cache.CACHE_DIR / "rendered.json"
    assert memo.is_file()
    memo.write_bytes(memo.read_bytes()[:-40])
    _edit(project)
    result = digest_stage(config, build_time=BUILD_TIME)
    assert any("rendered.json" in p.path and "discarded" in p.message for p in result.problems)
    assert len(rendered["articles"]) == 40
    for calls in rendered.values():
        calls.clear()
    assert not digest_stage(config, build_time=BUILD_TIME, full=True).report.written
