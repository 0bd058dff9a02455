"""Records kept by key in shards: loaded one file at a time, and a build that changes a few
keys writes only the files those are in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from digest import cache, shards
from digest.shards import SHARDS, Shards, shard_file, shard_of


def _key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _store(tmp_path: Path) -> cache.Cache:
    return cache.Cache(tmp_path / cache.CACHE_DIR)


def _files(tmp_path: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (tmp_path / cache.CACHE_DIR).glob("t-*")}


def _saved(tmp_path: Path, keys: list[str]) -> dict[str, int]:
    store = Shards(_store(tmp_path), "t")
    assert dict(store.load(keys)) == {}
    assert store.save(keys, lambda k: {"v": k}) == []
    return _files(tmp_path)


KEYS = [_key(n) for n in range(500)]


def test_records_come_back_by_key_and_only_those_asked_for(tmp_path: Path) -> None:
    _saved(tmp_path, KEYS)
    assert len(_files(tmp_path)) == SHARDS  # 500 keys reach every shard
    asked = [*KEYS[:10], _key(-1)]
    found = dict(Shards(_store(tmp_path), "t").load(asked))
    assert found == {k: {"v": k} for k in KEYS[:10]}


def test_one_new_key_writes_its_shard_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    _saved(tmp_path, KEYS)
    written: list[str] = []
    save = cache.save_record
    monkeypatch.setattr(cache, "save_record", lambda store, name, value: (
        written.append(name), save(store, name, value))[1])
    store = Shards(_store(tmp_path), "t")
    new = _key(1000)
    assert len(dict(store.load([*KEYS, new]))) == len(KEYS)
    assert store.save([*KEYS, new], lambda k: {"v": "new"}) == []
    assert written == [shard_file("t", shard_of(new))]
    found = dict(Shards(_store(tmp_path), "t").load([*KEYS, new]))
    assert found[new] == {"v": "new"} and found[KEYS[0]] == {"v": KEYS[0]}  # kept as stored
    written.clear()
    store = Shards(_store(tmp_path), "t")
    list(store.load([*KEYS, new]))
    assert store.save([*KEYS, new], lambda k: {"v": "again"}) == [] and written == []


def test_keys_gone_leave_their_shard_and_a_shard_of_none_goes(tmp_path: Path) -> None:
    _saved(tmp_path, KEYS[:3])
    store = Shards(_store(tmp_path), "t")
    list(store.load(KEYS[:1]))
    store.save(KEYS[:1], lambda k: {"v": k})
    assert set(_files(tmp_path)) == {shard_file("t", shard_of(KEYS[0]))}
    assert dict(Shards(_store(tmp_path), "t").load(KEYS[:3])) == {KEYS[0]: {"v": KEYS[0]}}


def test_a_refused_record_is_written_again(tmp_path: Path) -> None:
    _saved(tmp_path, KEYS[:3])
    store = Shards(_store(tmp_path), "t")
    list(store.load(KEYS[:3]))
    store.refuse(KEYS[1])
    store.save(KEYS[:3], lambda k: {"v": "made again"})
    found = dict(Shards(_store(tmp_path), "t").load(KEYS[:3]))
    assert found[KEYS[1]] == {"v": "made again"} and found[KEYS[0]] == {"v": KEYS[0]}


@pytest.mark.parametrize("damage", [b"not json", b'{"format": "digest-cache"}\n{}'])
def test_a_damaged_shard_is_a_note_and_is_made_again(tmp_path: Path, damage: bytes) -> None:
    _saved(tmp_path, KEYS[:3])
    shard = tmp_path / cache.CACHE_DIR / shard_file("t", shard_of(KEYS[0]))
    shard.write_bytes(damage)
    store = Shards(_store(tmp_path), "t")
    found = dict(store.load(KEYS[:3]))
    assert KEYS[0] not in found and len(store.notes) == 1
    assert "build cache discarded" in store.notes[0].message
    store.save(KEYS[:3], lambda k: {"v": "made again"})
    assert dict(Shards(_store(tmp_path), "t").load(KEYS[:1])) == {KEYS[0]: {"v": "made again"}}


def test_a_record_under_a_key_that_is_no_hash_refuses_the_shard(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert cache.save_record(store, shard_file("t", 0), {"../x": 1}) == []
    loader = Shards(store, "t")
    assert dict(loader.load([k for k in KEYS if shard_of(k) == 0])) == {}
    assert loader.notes and "SHA-256" in loader.notes[0].message


def test_the_kinds_have_their_own_files() -> None:
    assert shards.READS != shards.ENTRIES
    assert shard_file(shards.READS, 5) == "reads-05.json"
