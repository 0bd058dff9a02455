"""Pure stages on every core: forked worker processes that inherit their inputs."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")
Progress = Callable[[str, int, int], None]
"""Told (what is being done, items done, items in all) as work goes on."""

PARALLEL_MIN = 256
"""Below this many items one process is faster than starting workers."""
CHUNK = 64

_job: Callable[[Any], Any] | None = None
"""What the worker processes run; they get it (and all it refers to) through fork, once."""


def _run_job(item: Any) -> Any:
    assert _job is not None
    return _job(item)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def fork_map(
    job: Callable[[T], R], items: Sequence[T], progress: Progress | None = None,
    label: str = "", minimum: int | None = None,
) -> list[R]:
    """``[job(item) for item in items]``, in order, on every core (see ``fork_imap``)."""
    return list(fork_imap(job, items, progress, label, minimum))


def fork_imap(
    job: Callable[[T], R], items: Sequence[T], progress: Progress | None = None,
    label: str = "", minimum: int | None = None,
) -> Iterator[R]:
    """``job(item)`` for each item, in order, as results arrive; in forked worker processes
    when there are enough items (``minimum``, by default ``PARALLEL_MIN``: fewer for items
    that each cost much) and cores. Workers get ``items`` through fork and are sent only
    indices, so nothing is pickled on the way in; only results come back."""
    global _job
    if progress:
        progress(label, 0, len(items))
    if len(items) < (PARALLEL_MIN if minimum is None else minimum) or cores() < 2:
        for done, item in enumerate(items, 1):
            yield job(item)
            if progress:
                progress(label, done, len(items))
        return
    _job = lambda i: job(items[i])  # noqa: E731
    # Frozen objects are skipped by the workers' garbage collector, so it does not touch
    # (and so copy) every inherited page.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=cores(), mp_context=context) as pool:
            # Chunks of up to CHUNK items, smaller when there are few, so each worker gets some.
            chunk = max(1, min(CHUNK, len(items) // (cores() * 4)))
            results = pool.map(_run_job, range(len(items)), chunksize=chunk)
            gc.unfreeze()
            for done, result in enumerate(results, 1):
                yield result
                if progress:
                    progress(label, done, len(items))
    finally:
        _job = None
        gc.unfreeze()


def fork_map_beside(job: Callable[[T], R], items: Sequence[T],
                    beside: Callable[[], S], size: int) -> tuple[list[R], S]:
    """``([job(item) for item in items], beside())``: the items in forked workers while this
    process runs ``beside``, so the extraction of a few new articles (seconds of loading the
    recognizers) overlaps the tagging of every known one, which needs no worker. Workers
    start when the whole (``size`` items, these and beside's) is worth them."""
    global _job
    if not items or size < PARALLEL_MIN or cores() < 2:
        return [job(item) for item in items], beside()
    _job = lambda i: job(items[i])  # noqa: E731
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(cores(), len(items)),
                                 mp_context=context) as pool:
            results = pool.map(_run_job, range(len(items)), chunksize=CHUNK)
            gc.unfreeze()
            other = beside()
            return list(results), other
    finally:
        _job = None
        gc.unfreeze()


STANDBY_TIMEOUT = 300.0
"""Seconds a standby may take to make ready and answer (loading takes a few): past them the
caller does the work itself rather than wait on a worker that hangs."""


class Standby:
    """A worker forked early, which makes ready what a job needs (``setup``: loading models
    takes seconds) while this process goes on, then runs the job on the items it is sent.
    A standby that fails or dies answers ``None``: the caller does the work itself."""

    def __init__(self, setup: Callable[[], Callable[[Any], Any]]) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, theirs = context.Pipe()
        self._process = context.Process(target=_stand_by, args=(theirs, setup), daemon=True)
        self._process.start()
        theirs.close()
        self._sent = self._closed = False

    def send(self, items: Sequence[Any]) -> bool:
        """Hand over ``items`` (pickled); False when the standby is gone."""
        try:
            self._conn.send(list(items))
        except (OSError, ValueError):
            return False
        self._sent = True
        return True

    def receive(self, timeout: float = STANDBY_TIMEOUT) -> list[Any] | None:
        """The job's results for the items sent, in order, or None when the standby failed
        or gave none within ``timeout`` seconds (it is then stopped)."""
        if not self._sent:
            return None
        self._sent = False
        try:
            results = self._conn.recv() if self._conn.poll(timeout) else None
        except (OSError, EOFError, ValueError):
            results = None
        if results is None:
            self.close()
        return results if isinstance(results, list) else None

    def close(self) -> None:
        """Stop the standby at once, whether idle or still making ready: it holds nothing of
        ours, and waiting for it would cost a build that needed none (nothing changed)."""
        if self._closed:
            return
        self._closed = True
        self._conn.close()
        self._process.kill()
        self._process.join()


def _stand_by(conn: Any, setup: Callable[[], Callable[[Any], Any]]) -> None:
    try:
        job: Callable[[Any], Any] | None = setup()
    except Exception:  # the caller does the work itself
        job = None
    while True:
        try:
            items = conn.recv()
        except (OSError, EOFError):
            return
        if items is None:
            return
        try:
            conn.send(None if job is None else [job(item) for item in items])
        except Exception:
            conn.send(None)
