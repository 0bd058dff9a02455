"""The recognizers and the noun list, loaded in the main process for the worker processes
of a cold build, are let go once the workers are done: they are not needed for rendering,
and held through MkDocs' build they were the peak of its memory. For a few new articles on a
large site they are loaded by a standby worker instead, while the seeds are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest import build, parallel
from digest.config import load_config
from digest.facts import compounds
from digest.facts.entities import ner
from digest.read.sources import gather_sources
from digest.vocabulary import load_vocabulary

from .conftest import BUILD_TIME, SEED, make_project
from .factories import entry
from .support import commit_all


def test_models_loaded_for_the_workers_are_let_go_after_the_analysis(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (build, parallel):
        monkeypatch.setattr(module, "PARALLEL_MIN", 2)
        monkeypatch.setattr(module, "cores", lambda: 2)
    monkeypatch.setattr(build, "PRELOAD_MIN", 2)
    articles = [entry(f"nordwerk artikel {i}", day=i,
                      text=f"Die Nordwerk AG in Linz investiert {i} Millionen Euro.").article
                for i in (1, 2, 3)]
    done, failed = build.analyse_many(articles, load_vocabulary(), {}, lambda a: a.source)
    assert not failed and len(done) == 3
    assert ner.pipeline.cache_info().currsize == 0
    assert compounds._lexicon is None
    # Loaded again on demand: a later extraction in the same process still works.
    assert build.extract_facts(articles[0], load_vocabulary())[0].money


def test_a_new_article_on_a_large_site_is_analysed_by_the_standby(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The standby extractor (forked when the stage starts) analyses the few new articles:
    this process never loads a recognizer, and the entry is the one made here."""
    monkeypatch.setattr(build, "PARALLEL_MIN", 1)  # the seed alone is a large site
    monkeypatch.setattr(build, "cores", lambda: 2)
    # Tests before this one may leave idle threads behind; the digest's commands have none.
    monkeypatch.setattr(build.threading, "active_count", lambda: 1)
    sent: list[str] = []
    send = parallel.Standby.send
    monkeypatch.setattr(parallel.Standby, "send", lambda self, items: (
        sent.extend(a.source for a, _ in items), send(self, items))[1])
    ner.pipeline.cache_clear()
    project = make_project(tmp_path)
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    result = build.digest_stage(config, build_time=BUILD_TIME)
    assert sent == [f"seeds/{SEED.name}"] and result.errors == []
    assert ner.pipeline.cache_info().currsize == 0
    here = build.collect(config, gather_sources(config), build_time=BUILD_TIME)
    assert ner.pipeline.cache_info().currsize == 1  # the check above can fail
    assert result.entries == here.entries and here.entries[0].facts.orgs


@pytest.mark.parametrize(("threads", "seeds", "cores", "forked"), [
    (1, 256, 2, True),
    (2, 256, 2, False),  # beside other threads (digest serve): a fork could inherit a held lock
    (1, 255, 2, False),  # a small site: extracted in this process
    (1, 256, 1, False),
])
def test_the_standby_is_forked_only_where_it_pays_and_is_safe(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int, seeds: int, cores: int,
        forked: bool) -> None:
    monkeypatch.setattr(build, "cores", lambda: cores)
    monkeypatch.setattr(build.threading, "active_count", lambda: threads)
    config = load_config(make_project(tmp_path) / "mkdocs.yml")
    with build.standby_extractor(config, seeds) as standby:
        assert (standby is not None) == forked
