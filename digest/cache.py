"""Build cache keyed by seed content, configuration and the digest's own code.

Two levels: a fingerprint of all inputs lets a rebuild with nothing changed skip the stage,
and per-article extraction results let a rebuild with one changed seed skip the others.
Any change of code, data, vocabulary or config changes every key, so the cache never serves
stale facts. Deleting ``.digest-cache/`` is always safe.

The cache sits in the working tree, where a pull request can put files, so it is data and
never code: JSON records behind a header with a format version and a SHA-256 of the payload.
Anything else found there (a corrupt, foreign, committed or linked cache) is discarded with
one note, and a cache that git tracks is never read at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import subprocess
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from digest.config import Config
from digest.errors import DigestError
from digest.fingerprints import FORMAT, VERSION, render_salt
from digest.model import Problem, Rendered, RenderMemo, Severity
from digest.paths import read_regular
from digest.records import (
    Analysis,
    StoredAnalyses,
    as_int,
    as_list,
    as_mapping,
    as_str,
    facts_map_from,
    facts_map_to,
    problem_from,
    problem_to,
)
from digest.write import check_dest

CACHE_DIR = ".digest-cache"
MAX_CACHE_BYTES = 1 << 30
"""A cache file larger than this is not ours (1 GiB: ~100,000 articles' facts)."""
T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """What the last successful stage saw and said, to replay when nothing changed."""

    fingerprint: str
    problems: tuple[Problem, ...]
    articles: int


@dataclass(frozen=True)
class SiteState:
    """What the last MkDocs build over ``site_dir`` used and gave, so the next can render
    only the pages whose Markdown changed (see ``digest/site.py``)."""

    fingerprint: str
    """Everything every page depends on besides its own Markdown: config, theme, code."""
    indexed: tuple[tuple[str, str], ...]
    """The pages (site-relative) in the search index, each with its bundle's group."""
    complete: bool
    """False while a build is writing into ``site_dir``: a build that died leaves it so."""


@dataclass(frozen=True)
class Cache:
    """Where this run's cache lives, or why it has none (``folder`` is then ``None``)."""

    folder: Path | None
    notes: tuple[Problem, ...] = ()


def open_cache(config: Config) -> Cache:
    """The cache folder if it may be used: ours, untracked and not a symbolic link."""
    folder = config.root / CACHE_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return Cache(None, (_note(CACHE_DIR, "is not a plain folder (a symbolic link or a "
                                  "file): the build cache is not used; delete it"),))
    tracked = committed_files(config)
    if tracked:
        return Cache(None, (_note(tracked[0], "the build cache is committed to the "
                                  "repository and is never read; remove it with "
                                  f"'git rm -r --cached {CACHE_DIR}'"),))
    return Cache(folder)


NOUN_LISTS = "lexicon-"
NOUN_LIST_LIMIT = 64 << 20
"""Most bytes a copy of the noun list takes, packed or unpacked (it is about 6 MB)."""


@dataclass(frozen=True)
class NounListCopies:
    """The read noun list kept between builds (``compounds.keep_copy_in``): compressed,
    behind the cache's header line; anything else is not served."""

    folder: Path

    def load(self, key: str) -> bytes | None:
        try:
            packed = _unframed(read_regular(self.folder / f"{NOUN_LISTS}{key}.bin",
                                            NOUN_LIST_LIMIT))
            unpack = zlib.decompressobj()
            data = unpack.decompress(packed, NOUN_LIST_LIMIT)
        except (OSError, ValueError, zlib.error):
            return None
        return None if unpack.unconsumed_tail or not unpack.eof else data

    def save(self, key: str, data: bytes) -> None:
        """Write the copy in place of any other (a copy of another list, one cut short)."""
        with contextlib.suppress(OSError):
            for old in self.folder.glob(f"{NOUN_LISTS}*"):
                old.unlink()
            _write_atomic(self.folder, f"{NOUN_LISTS}{key}.bin", _framed(zlib.compress(data)))


def noun_list_copies(store: Cache) -> NounListCopies | None:
    return NounListCopies(store.folder) if store.folder is not None else None


def committed_files(config: Config) -> list[str]:
    """Files of the cache folder that git tracks (a pull request can commit them)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--", CACHE_DIR], cwd=config.root,
                             capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)


def committed_problems(config: Config) -> list[Problem]:
    """``digest check`` names a committed cache as an error: CI must not carry one."""
    return [Problem(path, None, "build cache committed to the repository: it is never read; "
                    f"remove it with 'git rm -r --cached {CACHE_DIR}'", code="cache-committed")
            for path in committed_files(config)]


def _note(path: str, message: str) -> Problem:
    return Problem(path, None, message, Severity.NOTE, code="cache-note")


# ---------------------------------------------------------------------------- keys


# ---------------------------------------------------------------------------- records


def load_snapshot(store: Cache) -> tuple[Snapshot | None, list[Problem]]:
    return _load(store, "snapshot.json", _snapshot_from)


def save_snapshot(store: Cache, snapshot: Snapshot) -> list[Problem]:
    return _save(store, "snapshot.json", {
        "fingerprint": snapshot.fingerprint,
        "articles": snapshot.articles,
        "problems": [problem_to(p) for p in snapshot.problems],
    })


def load_site_state(store: Cache) -> tuple[SiteState | None, list[Problem]]:
    return _load(store, "site.json", _site_state_from)


def save_site_state(store: Cache, state: SiteState) -> list[Problem]:
    return _save(store, "site.json", {"fingerprint": state.fingerprint,
                                      "indexed": [list(p) for p in state.indexed],
                                      "complete": state.complete})


def load_facts(store: Cache) -> tuple[StoredAnalyses, list[Problem]]:
    found, notes = _load(store, "facts.json", facts_map_from)
    return found or StoredAnalyses({}), notes


def save_facts(store: Cache, keys: Collection[str], facts: Mapping[str, Analysis],
               known: StoredAnalyses) -> list[Problem]:
    """Save the analyses of this run's articles (``keys``) unless they are the ones loaded
    (``known``): what was loaded is saved as it was, the others are in ``facts``."""
    if set(keys) == known.keys():
        return []
    return _save(store, "facts.json", facts_map_to(sorted(keys), facts, known))


def load_record(store: Cache, name: str,
                decode: Callable[[Any], T]) -> tuple[T | None, list[Problem]]:
    """A record of the cache folder (``shards.py`` keeps its own there)."""
    return _load(store, name, decode)


def save_record(store: Cache, name: str, value: object) -> list[Problem]:
    return _save(store, name, value)


def remove_record(store: Cache, name: str) -> None:
    if store.folder is not None:
        with contextlib.suppress(OSError):
            (store.folder / name).unlink()


def load_rendered(store: Cache, config: Config) -> tuple[RenderMemo, list[Problem]]:
    """The last build's render memo, less the units whose files are not as it wrote them
    (deleted, edited, replaced): those are rendered again."""
    found, notes = _load(store, "rendered.json", as_mapping)
    units: dict[str, tuple[str, tuple[str, ...]]] = {}
    try:
        for unit, record in (found or {}).items():
            key, files = as_list(record)
            stamps = [(as_str(d), as_int(size), as_int(mtime))
                      for d, size, mtime in (as_list(f) for f in as_list(files))]
            if all(_stamp(config, d) == (size, mtime) for d, size, mtime in stamps):
                units[as_str(unit)] = (as_str(key), tuple(d for d, _, _ in stamps))
    except (ValueError, TypeError) as exc:
        units, notes = {}, [_note(f"{CACHE_DIR}/rendered.json", f"build cache discarded: {exc}")]
    return RenderMemo(render_salt(config), units), notes


def save_rendered(store: Cache, config: Config, units: Sequence[Rendered]) -> list[Problem]:
    return _save(store, "rendered.json", {
        u.unit: [u.key, [[d, *(_stamp(config, d) or (-1, -1))] for d in u.dests]]
        for u in units})


def _stamp(config: Config, dest: str) -> tuple[int, int] | None:
    """Size and mtime of an owned regular file, or None (not ours, not there, not a file)."""
    try:
        check_dest(dest, config)
        st = os.stat(config.root / dest, follow_symlinks=False)
    except (DigestError, OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


def _load(store: Cache, name: str, decode: Callable[[Any], T]) -> tuple[T | None, list[Problem]]:
    """A record, or ``None`` and (unless it was simply missing) one note saying why not."""
    if store.folder is None:
        return None, []
    path = store.folder / name
    rel = f"{CACHE_DIR}/{name}"
    try:
        data = read_regular(path, MAX_CACHE_BYTES)
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, [_note(rel, f"unreadable build cache discarded ({exc.strerror})")]
    try:
        return decode(_payload(data)), []
    except (ValueError, TypeError, KeyError, RecursionError, ArithmeticError) as exc:
        return None, [_note(rel, f"build cache discarded: {exc}")]


def _payload(data: bytes) -> Any:
    """The JSON payload after a header line that names the format, version and checksum."""
    body = _unframed(data)
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"damaged payload ({exc})") from None


def _unframed(data: bytes) -> bytes:
    """The bytes after ``_framed``'s header line, once the header vouches for them."""
    if len(data) > MAX_CACHE_BYTES:
        raise ValueError("larger than any cache the digest writes")
    head, sep, body = data.partition(b"\n")
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not a digest cache file") from None
    if not sep or not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError("not a digest cache file")
    if header.get("version") != VERSION:
        raise ValueError(f"written by another version of the digest "
                         f"(format {header.get('version')!r}, expected {VERSION})")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise ValueError("checksum mismatch (the file is damaged)")
    return body


def _framed(body: bytes) -> bytes:
    """``body`` behind a header line with the format, version and its SHA-256."""
    header = json.dumps({"format": FORMAT, "version": VERSION,
                         "sha256": hashlib.sha256(body).hexdigest()})
    return header.encode() + b"\n" + body


def _write_atomic(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name`` whole or not at all, never through a link; raises ``OSError``."""
    path = folder / name
    tmp = path.with_name(f".{name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _save(store: Cache, name: str, value: object) -> list[Problem]:
    """Write a record atomically; a cache that cannot be written is only a note."""
    if store.folder is None:
        return []
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogateescape")
    try:
        _write_atomic(store.folder, name, _framed(body))
    except OSError as exc:
        return [_note(f"{CACHE_DIR}/{name}", f"build cache not saved ({exc.strerror})")]
    for old in store.folder.glob("*.pickle"):  # an earlier format's files, never read
        with contextlib.suppress(OSError):
            old.unlink()
    return []


# ---------------------------------------------------------------------------- codecs
# Each value is rebuilt field by field and type-checked: a record that does not match the
# dataclass exactly is damaged or foreign, and is refused as a whole.


def _snapshot_from(raw: Any) -> Snapshot:
    obj = as_mapping(raw, {"fingerprint", "articles", "problems"})
    problems = tuple(problem_from(item) for item in as_list(obj["problems"]))
    return Snapshot(as_str(obj["fingerprint"]), problems, as_int(obj["articles"]))


def _site_state_from(raw: Any) -> SiteState:
    obj = as_mapping(raw, {"fingerprint", "indexed", "complete"})
    if not isinstance(obj["complete"], bool):
        raise TypeError("complete: expected true or false")
    pairs = []
    for item in as_list(obj["indexed"]):
        page, group = as_list(item)
        pairs.append((as_str(page), as_str(group)))
    return SiteState(as_str(obj["fingerprint"]), tuple(pairs), obj["complete"])
