"""The one writer: writes only what changed, only inside the folders the digest owns, and
removes what is stale."""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError
from digest.model import KeptFile, Output, OutputFile, Problem, Rendered
from digest.paths import prune


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    problems: tuple[Problem, ...] = ()
    """Articles the stream left out; nothing was swept, as the site is to be made again."""
    units: tuple[Rendered, ...] = field(default=(), compare=False)
    """Which unit of the site made which files, for the next build's render memo."""

    def then(self, later: WriteReport) -> WriteReport:
        """Two passes over the same folders as one: a file written by either was written."""
        written = set(later.written)
        again = [w for w in self.written if w not in written and w not in later.removed]
        return WriteReport(tuple(sorted(written | set(again))), later.removed,
                           later.unchanged - len(again), later.problems, later.units)


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


def write_outputs(outputs: Iterable[Output], config: Config) -> WriteReport:
    """The one writer: write each output as it comes (only bytes that changed, so untouched
    files keep their mtime), then make the owned folders hold exactly what was written.

    When a problem comes down the stream, an article was left out and the site will be made
    again: nothing is swept, so a rebuild never removes what it is about to write back.
    """
    wanted: set[str] = set()
    written: list[str] = []
    problems: list[Problem] = []
    units: list[Rendered] = []
    unchanged = 0

    def claim(dest: str) -> None:
        check_dest(dest, config)
        if dest in wanted:
            raise DigestError(f"{dest}: two outputs want the same path")
        wanted.add(dest)

    for out in outputs:
        if isinstance(out, Problem):
            problems.append(out)
            continue
        if isinstance(out, Rendered):
            units.append(out)
            continue
        claim(out.dest)
        if isinstance(out, KeptFile):
            if not (config.root / out.dest).is_file():
                raise DigestError(f"{out.dest}: a kept file is missing; run with --full")
            unchanged += 1
        elif write_file(out, config):
            written.append(out.dest)
        else:
            unchanged += 1
    removed = [] if problems else sweep(wanted, config)
    return WriteReport(tuple(written), tuple(removed), unchanged, tuple(problems),
                       tuple(units))


def sweep(wanted: Set[str], config: Config) -> list[str]:
    """Remove every file of the owned folders not in ``wanted``, and empty folders."""
    removed: list[str] = []
    for root in owned_roots(config):
        if not root.is_dir() or root.is_symlink():
            continue
        base = root.relative_to(config.root).as_posix() + "/"
        kept = {w[len(base):] for w in wanted if w.startswith(base)}
        removed += (base + rel for rel in prune(root, kept.__contains__))
    return sorted(removed)


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
