"""What a build reads from the disk and from git, read once at its start: the seeds folder
scanned once, each seed's bytes, the files no reader takes, the date git gave each seed.

Every later stage works on this value, so a build scans the folder once, runs ``git log``
once and reads each seed once, and ``digest check`` sees exactly what ``digest build`` sees.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from digest.config import Config
from digest.model import Problem, SeedBytes, Severity, Sources
from digest.paths import linked_part, not_regular_reason, read_regular
from digest.read.decoding import too_big
from digest.read.history import git_add_dates
from digest.read.names import path_problem

SEED_SUFFIXES = (".txt", ".md")
"""The suffixes a reader takes (``READERS`` in ``ingest.py`` has one reader for each)."""
_README = ("readme.md", "readme.txt", "readme")
"""Notes for contributors in the seeds folder: neither seeds nor ignored files."""

def gather_sources(config: Config) -> Sources:
    """Scan the seeds folder once, read each seed once and ask git once."""
    seeds, others = _scan(config)
    ignored = tuple(
        Problem(p, None, "ignored: a symbolic link, not followed; seeds are regular files in "
                f"{config.seeds_dir}/" if (config.root / p).is_symlink()
                else "ignored: expected a .txt or .md seed", Severity.WARNING,
                code="ignored-file")
        for p in others)
    return Sources({rel: seed_bytes(config, rel) for rel in seeds}, ignored,
                   git_add_dates(config))


def discover(config: Config) -> list[str]:
    """Seed paths relative to the project root, sorted so every build sees the same order."""
    return _scan(config)[0]


def _scan(config: Config) -> tuple[list[str], list[str]]:
    """Files of the seeds folder, sorted: those a reader takes, and the others (not
    READMEs or dotfiles), so contributors learn why a file was not published. Symbolic
    links are listed, never followed: reading refuses them by name."""
    folder = config.root / config.seeds_dir
    if linked_part(folder, config.root) is not None or not folder.is_dir():
        return [], []
    seeds, others = [], []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        # A linked folder is not descended into; it is an entry like a file.
        linked = [d for d in dirnames if (base / d).is_symlink()]
        for name in (*filenames, *linked):
            if name.startswith(".") or name.lower() in _README:
                continue
            rel = (base / name).relative_to(config.root).as_posix()
            if PurePosixPath(name).suffix in SEED_SUFFIXES:
                seeds.append(rel)
            else:
                others.append(rel)
    return sorted(seeds), sorted(others)


def seed_bytes(config: Config, path: str) -> SeedBytes:
    """A seed's bytes, or the problem that stops it, decided before anything is read: the
    name must be fine and the file a regular file inside the seeds folder (not a link, a
    folder, a device or a pipe) within ``max_seed_bytes``."""
    full = config.root / path
    parts = PurePosixPath(path).parts
    if (parts[: len(PurePosixPath(config.seeds_dir).parts)] != PurePosixPath(config.seeds_dir).parts
            or ".." in parts or linked_part(full.parent, config.root) is not None):
        return None, Problem(path, None, f"not inside the {config.seeds_dir}/ folder (or "
                             "reached through a symbolic link); nothing was read",
                             code="outside-seeds")
    refused = path_problem(path, config)
    if refused is not None:
        return None, refused
    reason = not_regular_reason(full)
    if reason is not None:
        return None, Problem(path, None, f"{reason}: expected a regular file in "
                             f"{config.seeds_dir}/; nothing was read", code="not-a-regular-file")
    try:
        size = full.lstat().st_size
        if size > config.max_seed_bytes:
            return None, too_big(path, size, config.max_seed_bytes)
        data = read_regular(full, config.max_seed_bytes)
    except OSError as exc:
        return None, Problem(path, None, f"cannot read: {exc.strerror}", code="unreadable")
    if len(data) > config.max_seed_bytes:  # it grew while being read
        return None, too_big(path, len(data), config.max_seed_bytes)
    return data, None
