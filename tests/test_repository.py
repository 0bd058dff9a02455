"""What a checkout holds after a build: every generated path ignored by git, hand-written
ones not, and a site/ that a web server (or another user) can read."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from digest.cache import CACHE_DIR
from digest.cli import main
from digest.config import DIGEST_DEFAULTS, OWNED_DIR_KEYS, load_config

from .conftest import make_project

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILE = ".digest-build.lock"
"""Where a build may hold its lock against a concurrent build."""


def _ignored(paths: list[str], tmp_path: Path) -> set[str]:
    """The paths the project's .gitignore ignores, asked of git itself in a scratch
    repository (the tests may run outside a git checkout)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    result = subprocess.run(["git", "check-ignore", "--no-index", "--stdin", "-z"], cwd=repo,
                            env=env, input="\0".join(paths) + "\0", capture_output=True,
                            text=True, check=False)
    # 0: some path is ignored (and printed), 1: none is.
    assert result.returncode == (0 if result.stdout else 1), result.stderr
    return set(filter(None, result.stdout.split("\0")))


def test_gitignore_covers_every_generated_path(tmp_path: Path) -> None:
    """Every folder the digest owns under docs_dir (as configured and by default), the site,
    the cache, the build's temporary folders and its lock file are ignored; hand-written
    pages, seeds and the configuration are not."""
    config = load_config(ROOT / "mkdocs.yml")
    owned = {*config.owned_dirs, *(DIGEST_DEFAULTS[k] for k in OWNED_DIR_KEYS)}
    generated = [
        *(f"{config.docs_dir}/{d}/page.md" for d in sorted(owned)),
        f"{config.site_dir}/index.html",
        f".{config.site_dir}-old/index.html",
        f"{CACHE_DIR}/facts.json",
        ".site-k2j4x8a1/index.html",
        ".pagefind-0q9w8e7r/articles/a/index.html",
        LOCK_FILE,
    ]
    kept = [f"{config.docs_dir}/index.md", f"{config.docs_dir}/stylesheets/digest.css",
            f"{config.seeds_dir}/article.md", "mkdocs.yml", "requirements.lock",
            "overrides/main.html"]
    ignored = _ignored(generated + kept, tmp_path)
    missing = [p for p in generated if p not in ignored]
    wrong = [p for p in kept if p in ignored]
    assert not missing, f".gitignore misses generated paths: {missing}"
    assert not wrong, f".gitignore hides hand-written paths: {wrong}"


@pytest.mark.slow
def test_site_folder_is_readable_by_everyone(tmp_path: Path) -> None:
    """site/ gets the usual folder mode 0755, not the 0700 of a private temporary folder:
    a web server running as another user, or a second account, must be able to read it."""
    project = make_project(tmp_path)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    mode = stat.S_IMODE((project / "site").stat().st_mode)
    assert mode == 0o755, f"site/ has mode {mode:o}"
