"""Writes only what changed, only inside the folders the digest owns; removes what is stale."""

from __future__ import annotations

import contextlib
import filecmp
import itertools
import os
import posixpath
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError
from digest.model import OutputFile
from digest.parallel import Progress


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def owned_roots(config: Config) -> list[Path]:
    return [config.docs_path / d for d in config.owned_dirs]


def check_dest(dest: str, config: Config) -> None:
    """Refuse a path outside the owned folders.

    Destinations are normalised as strings, without asking the file system, so the check
    costs nothing per file; symlinks inside owned folders are never created by the digest.
    """
    roots = tuple(f"{config.docs_dir}/{d}/" for d in config.owned_dirs)
    if posixpath.normpath(dest) != dest or not dest.startswith(roots) or "\0" in dest:
        raise DigestError(f"{dest}: refusing to write outside the digest's folders")


def check_outputs(files: Sequence[OutputFile], config: Config,
                  others: Iterable[str] = ()) -> None:
    """Refuse paths outside the owned folders and the same path written twice (also among
    ``others``, the files already written)."""
    seen: set[str] = set()
    for dest in itertools.chain((f.dest for f in files), others):
        check_dest(dest, config)
        if dest in seen:
            raise DigestError(f"{dest}: two outputs want the same path")
        seen.add(dest)


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """A failed write (full or read-only disk) names the file it was writing."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def write_file(f: OutputFile, config: Config) -> bool:
    """Write one owned file unless it already holds these bytes; True if written."""
    check_dest(f.dest, config)
    path = config.root / f.dest
    try:
        if path.read_bytes() == f.content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with naming(path):
        tmp.write_bytes(f.content)
        os.replace(tmp, path)
    return True


def write_streams(dests: Sequence[str], parts: Iterable[Sequence[bytes]],
                  config: Config) -> list[bool]:
    """Write big files part by part, never whole in memory: part ``i`` of each item goes to
    ``dests[i]``. A file whose bytes did not change is left alone; True where written."""
    for dest in dests:
        check_dest(dest, config)
    paths = [config.root / d for d in dests]
    tmps = [p.with_name(f".{p.name}.tmp") for p in paths]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack, naming(paths[0].parent):
        outs = [stack.enter_context(t.open("wb")) for t in tmps]
        for item in parts:
            for out, part in zip(outs, item, strict=True):
                out.write(part)
    written = []
    for path, tmp in zip(paths, tmps, strict=True):
        if path.is_file() and filecmp.cmp(path, tmp, shallow=False):
            tmp.unlink()
            written.append(False)
        else:
            os.replace(tmp, path)
            written.append(True)
    return written


def write_outputs(
    files: Sequence[OutputFile], config: Config, progress: Progress | None = None,
    done: Sequence[tuple[str, bool]] = (),
) -> WriteReport:
    """Make the owned folders hold exactly ``files`` and ``done`` (files already written,
    each with whether its bytes changed); untouched bytes keep their mtime."""
    check_outputs(files, config, (dest for dest, _ in done))
    wanted = {f.dest for f in files} | {dest for dest, _ in done}
    written = [dest for dest, changed in done if changed]
    unchanged = len(done) - len(written)
    for count, f in enumerate(files, 1):
        if progress and (count % 500 == 0 or count == len(files)):
            progress("writing files", count, len(files))
        if write_file(f, config):
            written.append(f.dest)
        else:
            unchanged += 1
    removed: list[str] = []
    for root in owned_roots(config):
        if not root.exists():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(config.root).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteReport(tuple(written), tuple(sorted(removed)), unchanged)


def replace_dir(new: Path, old: Path) -> None:
    """Swap a freshly built folder into place so readers never see a half-built site."""
    backup = old.with_name(f".{old.name}-old")
    if backup.exists():
        shutil.rmtree(backup)
    if old.exists():
        os.replace(old, backup)
    os.replace(new, old)
    if backup.exists():
        shutil.rmtree(backup)
