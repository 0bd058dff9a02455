"""Records the build cache keeps by key (the seeds as read, the entries as tagged), in
``SHARDS`` files each: a large site's records are loaded one file at a time, so their JSON
never sits in memory whole, and a build that changes a few articles writes the few files
those are in, not the whole record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from digest import cache
from digest.model import Problem
from digest.records import as_mapping

SHARDS = 64
READS = "reads"
"""The seeds an earlier build read (``digest.read.stored``), by ``seed_key``."""
ENTRIES = "entries"
"""The articles an earlier build tagged, by ``fingerprints.entry_key`` (``records.entry_to``)."""


def shard_of(key: str) -> int:
    """The shard of a key (a SHA-256 in hex, so the keys spread evenly)."""
    return int(key[:4], 16) % SHARDS


def shard_file(name: str, shard: int) -> str:
    return f"{name}-{shard:02x}.json"


class Shards:
    """One kind of record in the cache, by key: what a build loaded, and what it saves."""

    def __init__(self, store: cache.Cache, name: str) -> None:
        self.store, self.name = store, name
        self.notes: list[Problem] = []
        self._held: dict[int, set[str]] = {}
        """The keys each loaded shard held."""
        self._refused: set[str] = set()

    def load(self, keys: Iterable[str]) -> Iterator[tuple[str, Any]]:
        """``(key, record)`` for each of ``keys`` the cache holds, as stored (decoded and
        checked by the caller); a shard's file is dropped once its keys are served."""
        wanted = _by_shard(keys)
        for shard in sorted(wanted):
            found, notes = cache.load_record(self.store, shard_file(self.name, shard), _keyed)
            self.notes += notes
            self._held[shard] = set(found or {})
            for key in sorted(wanted[shard]):
                if found and key in found:
                    yield key, found[key]

    def refuse(self, key: str) -> None:
        """The record of ``key`` did not decode: it is written again."""
        self._refused.add(key)

    def save(self, keys: Iterable[str], record: Callable[[str], Any]) -> list[Problem]:
        """Keep the records of ``keys``: a shard that held just those keys is left as it is;
        any other is written with the records it held (as stored) and ``record(key)`` for
        the rest; a shard no key needs is removed."""
        wanted = _by_shard(keys)
        notes: list[Problem] = []
        for shard in range(SHARDS):
            name = shard_file(self.name, shard)
            want = wanted.get(shard, set())
            if not want:
                if self._held.get(shard) != set():
                    cache.remove_record(self.store, name)
                continue
            if self._held.get(shard) == want and not want & self._refused:
                continue
            found, _ = cache.load_record(self.store, name, _keyed)
            kept = {k: v for k, v in (found or {}).items() if k in want and k not in self._refused}
            notes += cache.save_record(self.store, name, {k: kept[k] if k in kept else record(k)
                                                          for k in sorted(want)})
        return notes


def _by_shard(keys: Iterable[str]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for key in keys:
        out.setdefault(shard_of(key), set()).add(key)
    return out


def _keyed(raw: Any) -> dict[str, Any]:
    obj = as_mapping(raw)
    if not all(isinstance(k, str) and len(k) == 64 for k in obj):
        raise TypeError("a key that is not a SHA-256")
    return obj
