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


# ---------------------------------------------------------------------------- a standby


def _ready() -> object:
    loaded = os.getpid()  # what the standby made ready, in its own process
    return lambda item: (item * 2, loaded, os.getpid())


def test_a_standby_runs_the_job_it_made_ready_on_the_items_sent() -> None:
    standby = parallel.Standby(_ready)  # type: ignore[arg-type]
    try:
        assert standby.send([3, 1, 2])
        made = standby.receive()
        assert made is not None and [m[0] for m in made] == [6, 2, 4]
        assert all(loaded == pid != os.getpid() for _, loaded, pid in made)
        assert standby.send([5]) and [m[0] for m in standby.receive() or []] == [10]
    finally:
        standby.close()
    standby.close()  # twice is harmless
    assert not standby.send([1])  # closed: the caller does the work


def _broken() -> object:
    raise RuntimeError("no model")


def _dies() -> object:
    return lambda item: os._exit(3)


@pytest.mark.parametrize("setup", [_broken, _dies])
def test_a_standby_that_fails_answers_none(setup: object) -> None:
    standby = parallel.Standby(setup)  # type: ignore[arg-type]
    try:
        assert standby.send([1])
        assert standby.receive() is None
    finally:
        standby.close()


def _slow() -> object:
    import time

    time.sleep(60)
    return lambda item: item


def test_a_standby_still_making_ready_is_stopped_at_once() -> None:
    import time

    standby = parallel.Standby(_slow)  # type: ignore[arg-type]
    started = time.monotonic()
    standby.close()
    assert time.monotonic() - started < 5
    assert not standby._process.is_alive()


def _hangs() -> object:
    import time

    return lambda item: time.sleep(60)


def test_a_standby_that_does_not_answer_in_time_is_stopped() -> None:
    standby = parallel.Standby(_hangs)  # type: ignore[arg-type]
    assert standby.send([1])
    assert standby.receive(timeout=0.5) is None
    assert not standby._process.is_alive()
