"""Build cache keyed by seed content, configuration and the digest's own code.

Two levels: a fingerprint of all inputs lets a rebuild with nothing changed skip the stage,
and per-article extraction results let a rebuild with one changed seed skip the others.
Any change of code, data, vocabulary or config changes every key, so the cache never serves
stale facts. Deleting ``.digest-cache/`` is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from digest.config import Config
from digest.model import Article, Facts, Problem

CACHE_DIR = ".digest-cache"
_VERSION = b"digest-cache-1"
T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """What the last successful stage saw and said, to replay when nothing changed."""

    fingerprint: str
    problems: tuple[Problem, ...]
    articles: int


@cache
def code_hash() -> str:
    """Hash of the package's code and shipped data: new rules invalidate old results."""
    h = hashlib.sha256(_VERSION)
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yml", ".yaml", ".txt", ".json", ".tsv",
                                              ".csv"):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def config_hash(config: Config) -> str:
    h = hashlib.sha256(repr(config).encode())
    if config.vocabulary:
        vocab = config.root / config.vocabulary
        if vocab.is_file():
            h.update(vocab.read_bytes())
    return h.hexdigest()


def fingerprint(config: Config, seeds: list[str], git_dates: dict[str, object]) -> str:
    """Everything the stage's output depends on: seed bytes, their git dates, config, code."""
    h = hashlib.sha256(code_hash().encode())
    h.update(config_hash(config).encode())
    digests = seed_digests(config, seeds)
    for rel in seeds:
        h.update(rel.encode() + b"\0")
        h.update(digests[rel])
        h.update(repr(git_dates.get(rel)).encode())
    return h.hexdigest()


RACY_NS = 2_000_000_000
"""A file changed this shortly before its hash was taken may change again unseen within
the file system's timestamp granularity: its size and time do not vouch for it."""


def seed_digests(config: Config, seeds: list[str]) -> dict[str, bytes]:
    """SHA-256 of each seed; a seed whose size and modification time are those recorded
    last time keeps its recorded hash unread (as git's index does), so a rebuild of a large
    archive with nothing changed reads no seed."""
    path = config.root / CACHE_DIR / "seeds.pickle"
    known = _load(path, dict) or {}
    trusted_before = known.get("", 0) - RACY_NS
    now = time.time_ns()
    digests: dict[str, bytes] = {}
    records: dict[str, object] = {"": now}
    hashed = False
    for rel in seeds:
        st = os.stat(config.root / rel)
        hit = known.get(rel)
        if (isinstance(hit, tuple) and hit[:2] == (st.st_size, st.st_mtime_ns)
                and st.st_mtime_ns < trusted_before):
            digest = hit[2]
        else:
            digest = hashlib.sha256((config.root / rel).read_bytes()).digest()
            hashed = True
        digests[rel] = digest
        records[rel] = (st.st_size, st.st_mtime_ns, digest)
    if hashed or len(records) != len(known):
        _save(path, records)
    return digests


def load_snapshot(config: Config) -> Snapshot | None:
    return _load(config.root / CACHE_DIR / "snapshot.pickle", Snapshot)


def save_snapshot(config: Config, snapshot: Snapshot) -> None:
    _save(config.root / CACHE_DIR / "snapshot.pickle", snapshot)


def article_key(article: Article, config: Config) -> str:
    """Key of one article's extraction: the article as read, the config and the code."""
    h = hashlib.sha256(code_hash().encode())
    h.update(config_hash(config).encode())
    h.update(pickle.dumps(article, protocol=5))
    return h.hexdigest()


def load_facts(config: Config) -> dict[str, tuple[Facts, tuple[str, ...]]]:
    return _load(config.root / CACHE_DIR / "facts.pickle", dict) or {}


def save_facts(config: Config, facts: dict[str, tuple[Facts, tuple[str, ...]]]) -> None:
    _save(config.root / CACHE_DIR / "facts.pickle", facts)


def _load(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return value if isinstance(value, kind) else None


def _save(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=5)
    os.replace(tmp, path)
