"""Forked workers beside the main process: the fresh items go to workers while this process
does its own share, results in order."""

from __future__ import annotations

import os

import pytest

from digest import parallel


def _pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_items_run_in_workers_while_this_process_runs_its_share(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    made, mine = parallel.fork_map_beside(_pid_of, [3, 1, 2], lambda: os.getpid(), size=300)
    assert [item for item, _ in made] == [3, 1, 2]
    assert mine == os.getpid()
    assert all(pid != os.getpid() for _, pid in made)


@pytest.mark.parametrize(("items", "size", "cores"), [
    ([1, 2], 2, 2),  # too little work for workers
    ([1, 2], 300, 1),  # one core
    ([], 300, 2),  # nothing fresh: no pool at all
])
def test_small_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch, items: list[int],
                                          size: int, cores: int) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: cores)
    made, mine = parallel.fork_map_beside(_pid_of, items, lambda: "beside", size=size)
    assert made == [(i, os.getpid()) for i in items] and mine == "beside"


def test_a_few_costly_items_go_to_workers_from_their_own_minimum(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    few = [5, 4, 3, 2, 1, 0, 9, 8]
    assert parallel.fork_map(_pid_of, few) == [(i, os.getpid()) for i in few]  # PARALLEL_MIN
    made = parallel.fork_map(_pid_of, few, minimum=8)
    assert [i for i, _ in made] == few and all(pid != os.getpid() for _, pid in made)
