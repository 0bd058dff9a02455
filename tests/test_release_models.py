"""The recognizers and the noun list, loaded in the main process for the worker processes
of a cold build, are let go once the workers are done: they are not needed for rendering,
and held through MkDocs' build they were the peak of its memory."""

from __future__ import annotations

import pytest

from digest import build, parallel
from digest.facts import compounds
from digest.facts.entities import ner
from digest.vocabulary import load_vocabulary

from .factories import entry


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
