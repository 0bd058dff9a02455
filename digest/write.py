"""Writes only what changed, only inside the folders the digest owns; removes what is stale."""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Sequence
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


def check_outputs(files: Sequence[OutputFile], config: Config) -> None:
    """Refuse paths outside the owned folders and the same path written twice.

    Destinations are normalised as strings, without asking the file system, so the check
    costs nothing per file; symlinks inside owned folders are never created by the digest.
    """
    roots = tuple(f"{config.docs_dir}/{d}/" for d in config.owned_dirs)
    seen: set[str] = set()
    for f in files:
        dest = posixpath.normpath(f.dest)
        if dest != f.dest or not dest.startswith(roots) or "\0" in dest:
            raise DigestError(f"{f.dest}: refusing to write outside the digest's folders")
        if dest in seen:
            raise DigestError(f"{f.dest}: two outputs want the same path")
        seen.add(dest)


def write_outputs(
    files: Sequence[OutputFile], config: Config, progress: Progress | None = None
) -> WriteReport:
    """Make the owned folders hold exactly ``files``; untouched bytes keep their mtime."""
    check_outputs(files, config)
    wanted = {f.dest for f in files}
    written: list[str] = []
    unchanged = 0
    for done, f in enumerate(files, 1):
        if progress and (done % 500 == 0 or done == len(files)):
            progress("writing files", done, len(files))
        path = config.root / f.dest
        try:
            if path.read_bytes() == f.content:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(f.content)
        os.replace(tmp, path)
        written.append(f.dest)
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
