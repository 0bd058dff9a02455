"""What git knows about the seeds: when each was added, and the seeds of an earlier commit."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Collection
from pathlib import Path

from digest.config import Config


def git_add_dates(config: Config) -> dict[str, dt.datetime]:
    """Author date of the commit that added each seed, following renames, in one git call."""
    try:
        out = subprocess.run(
            ["git", "log", "--reverse", "-M", "--diff-filter=AR", "--name-status",
             "--format=%x00%aI", "--", config.seeds_dir],
            cwd=config.root, capture_output=True, text=True, errors="surrogateescape",
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, dt.datetime] = {}
    for chunk in out.split("\x00")[1:]:
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        when = dt.datetime.fromisoformat(lines[0].strip())
        for line in lines[1:]:
            parts = line.split("\t")
            if parts[0] == "A":
                dates.setdefault(_unquote(parts[1]), when)
            elif parts[0].startswith("R") and len(parts) == 3:
                old, new = _unquote(parts[1]), _unquote(parts[2])
                dates[new] = dates.get(old, when)
    return dates


def _unquote(path: str) -> str:
    if path.startswith('"') and path.endswith('"'):
        return path[1:-1].encode("latin-1").decode("unicode_escape").encode("latin-1").decode(
            errors="surrogateescape")
    return path


def run_git(config: Config, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        return subprocess.run(["git", *args], cwd=config.root, input=stdin,
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def committed_seeds(
    config: Config, suffixes: Collection[str], base: str = "HEAD"
) -> dict[str, bytes]:
    """The seeds as committed in ``base``, by path; empty outside a git work tree."""
    if run_git(config, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        return {}
    listing = run_git(config, "ls-tree", "-r", "-z", "--name-only", base, "--",
                   config.seeds_dir)
    if not listing:
        return {}
    paths = [p for p in listing.decode("utf-8", "surrogateescape").split("\0")
             if p and Path(p).suffix in suffixes and "\n" not in p]
    if not paths:
        return {}
    out = run_git(config, "cat-file", "--batch",
               stdin="".join(f"{base}:./{p}\n" for p in paths).encode("utf-8",
                                                                      "surrogateescape"))
    if out is None:
        return {}
    blobs: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        pos = header_end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        blobs[path] = out[pos : pos + size]
        pos += size + 1
    return blobs


def renamed_seeds(config: Config, base: str) -> dict[str, str]:
    """New path -> path in ``base`` for the seeds git sees as renamed since then."""
    out = run_git(config, "diff", "-M", "--relative", "--name-status", "-z", base, "--",
               config.seeds_dir)
    if not out:
        return {}
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    renames: dict[str, str] = {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status.startswith(("R", "C")):
            renames[fields[i + 2]] = fields[i + 1]
            i += 3
        else:
            i += 2
    return renames
