"""After a build the checkout is as git left it (every generated path ignored), and
`make clean` removes every generated path and nothing else: tried for real in a scratch
repository holding the project's skeleton."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from digest.cache import CACHE_DIR
from digest.cli import main
from digest.config import load_config

from .conftest import ROOT, make_project
from .support import GIT_ENV

LOCK_FILE = ".digest-build.lock"
LEFTOVERS = (".site-k2j4x8a1/index.html", ".site-old/index.html",
             ".pagefind-0q9w8e7r/pagefind-entry.json")
"""What a killed build leaves behind: its temporary folders (the next build removes them)."""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**GIT_ENV, "HOME": str(repo)}).stdout


def _skeleton_repo(tmp_path: Path) -> Path:
    """The project's skeleton (config, templates, hand-written pages, the seed, .gitignore,
    Makefile) committed to a new repository, as a fresh clone has it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    make_project(repo)
    for name in (".gitignore", "Makefile"):
        shutil.copy(ROOT / name, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "skeleton")
    return repo


def _generated(repo: Path) -> set[str]:
    """Every path a build generates, as folders: the owned folders under docs_dir, the site,
    the cache and the lock file."""
    config = load_config(repo / "mkdocs.yml")
    return {*(f"{config.docs_dir}/{d}/" for d in config.owned_dirs), f"{config.site_dir}/",
            f"{CACHE_DIR}/", LOCK_FILE}


@pytest.mark.slow
def test_a_build_leaves_git_status_clean_and_make_clean_removes_what_it_wrote(
        tmp_path: Path) -> None:
    """`git status --porcelain` is empty after `digest build` (what `make site` runs) and
    after `make clean`; every generated path existed and was ignored, and is gone after."""
    repo = _skeleton_repo(tmp_path)
    with contextlib.chdir(repo):
        assert main(["-f", str(repo / "mkdocs.yml"), "build"]) == 0
    for leftover in LEFTOVERS:
        (repo / leftover).parent.mkdir(parents=True, exist_ok=True)
        (repo / leftover).write_text("x", encoding="utf-8")
    assert _git(repo, "status", "--porcelain") == ""
    ignored = set(re.findall(r"(?m)^!! (.+)$", _git(repo, "status", "--porcelain", "--ignored")))
    expected = _generated(repo) | {leftover.split("/")[0] + "/" for leftover in LEFTOVERS}
    assert sorted(expected - ignored) == [], "generated paths missing or not ignored"
    assert sorted(ignored - expected) == [], "a build wrote paths nobody listed"

    subprocess.run(["make", "-s", "clean"], cwd=repo, check=True, capture_output=True)
    assert _git(repo, "status", "--porcelain", "--ignored") == "", (
        "make clean left generated paths or removed hand-written ones")


def test_make_clean_names_every_folder_the_digest_owns() -> None:
    """The clean target lists each owned folder of the default config, so a new owned folder
    cannot be forgotten there (as topics, editions and tags once were)."""
    config = load_config(ROOT / "mkdocs.yml")
    recipe = re.search(r"(?m)^clean:\n((?:\t.*\n?)+)", (ROOT / "Makefile").read_text())
    assert recipe is not None
    words = set(recipe.group(1).replace("\\\n", " ").split())
    wanted = {*(f"{config.docs_dir}/{d}" for d in config.owned_dirs), config.site_dir,
              CACHE_DIR, LOCK_FILE, f".{config.site_dir}-*", ".pagefind-*"}
    assert sorted(wanted - words) == []
