"""Which file names and slugs can be a page or a seed: none that breaks a checkout or shadows
a page of the site."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from digest.config import Config
from digest.model import Problem
from digest.read.decoding import CONTROL_CHARS
from digest.text import slugify

# Names the site or Windows reserve: a seed or slug with one of them would shadow a generated
# page (``index``), or make the repository impossible to check out on Windows (``con``, ...).
RESERVED_NAMES = frozenset(
    ["index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
     *(f"lpt{i}" for i in range(10))])


_WINDOWS_BAD = set('<>:"|?*\\')


def name_problem(name: str) -> str | None:
    """Why a file name or slug cannot be a page or a seed, or ``None`` when it is fine."""
    if not name:
        return "is empty"
    if "/" in name or "\\" in name or name.startswith("."):
        return "must not contain '/', '\\' or start with '.'"
    if re.search(r"[\udc80-\udcff]", name):
        return "is not valid UTF-8"
    if CONTROL_CHARS.search(name) or any(ord(c) < 32 for c in name):
        return "contains control characters"
    if name.startswith("_"):
        return "starts with '_', which the site reserves for its own files (like _partials)"
    if name.split(".")[0].lower() in RESERVED_NAMES:
        return f"'{name.split('.')[0]}' is a reserved name"
    bad = sorted(_WINDOWS_BAD.intersection(name))
    if bad:
        return f"contains {' '.join(bad)}, which Windows cannot store in a file name"
    if name.endswith((" ", ".")):
        return "ends with a space or a dot"
    return None


def path_problem(path: str, config: Config) -> Problem | None:
    """A seed path whose file or folder names would break a checkout or shadow a page."""
    parts = PurePosixPath(path).parts
    seeds = PurePosixPath(config.seeds_dir).parts
    for i, part in enumerate(parts[len(seeds):], len(seeds)):
        is_file = i == len(parts) - 1
        reason = name_problem(PurePosixPath(part).stem if is_file else part)
        if reason is None and is_file:
            reason = name_problem(part)
        if reason:
            what = "file name" if is_file else "folder name"
            return Problem(path, None, f"{what} {reason}; rename it", code="bad-file-name")
    return None


def derived_slug(title: str, path: str = "") -> str:
    """The slug of a title (else of the file name); never a reserved name."""
    slug = slugify(title) or slugify(PurePosixPath(path).stem) or "article"
    return f"{slug}-article" if name_problem(slug) else slug
