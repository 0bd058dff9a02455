"""The same seeds give the same bytes: whatever the hash seed, the checkout's path or its file
system, ``site/`` (search index included) is identical, byte for byte."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import make_project

ORGS = ("Siemens AG", "OMV AG", "Erste Group", "Voestalpine AG", "Red Bull GmbH", "ByteDance",
        "Raiffeisen Bank", "Verbund AG")
BUILD = "import sys; from digest.cli import main; sys.exit(main(sys.argv[1:]))"


def _seeds() -> dict[str, str]:
    """Articles of one day whose tags overlap in many equal-weight ways: related articles
    then tie often, and only the tie-break decides their order (with these tags, the
    unsorted sum of the shared tags' weights ordered them by hash seed)."""
    rng = random.Random(6)
    seeds = {}
    for i in range(12):
        tags = rng.sample(ORGS, rng.randint(2, 6))
        seeds[f"a{i:02d}.md"] = (
            f"---\ntitle: Bericht {i}\ndate: 2026-03-02\nlang: de\n"
            f"tags: [{', '.join(tags)}]\n---\n\n"
            f"Die Unternehmen investieren gemeinsam {i + 1} Milliarden Euro.\n\n"
            f"Sie wollen bis 2027 rund {10 + i} Prozent mehr Strom erzeugen.\n")
    return seeds


@pytest.fixture
def elsewhere() -> Iterator[Path]:
    """A second checkout location, on another file system (tmpfs) where the machine has one:
    directory order differs between file systems."""
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    path = Path(tempfile.mkdtemp(prefix="digest-determinism-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _build(project: Path, hash_seed: int) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    result = subprocess.run(
        [sys.executable, "-c", BUILD, "-f", str(project / "mkdocs.yml"), "build"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("search", ["pagefind", "lunr"])
def test_two_builds_at_two_paths_with_two_hash_seeds_are_identical(
    tmp_path: Path, elsewhere: Path, search: str
) -> None:
    """Built under PYTHONHASHSEED 1 at one path and 2 at another (another file system where
    there is one), every file of site/ has the same bytes."""
    first = _build(make_project(tmp_path, _seeds(), search=search), 1)
    second = _build(make_project(elsewhere, _seeds(), search=search), 2)
    only = sorted(set(first) ^ set(second))
    differ = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    assert not only and not differ, (
        f"files in one site only: {only}; files whose bytes differ: {differ}")


RELATED = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.support import related_of_random_entries
print(related_of_random_entries())
"""


def test_related_articles_do_not_depend_on_the_hash_seed() -> None:
    """Related articles (scores summed over shared features, ties broken by seed path) are
    the same under five PYTHONHASHSEED values."""
    root = str(Path(__file__).resolve().parent.parent)
    outputs = set()
    for seed in range(1, 6):
        result = subprocess.run(
            [sys.executable, "-c", RELATED, root], env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, timeout=120, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1, f"{len(outputs)} different results:\n" + "\n".join(outputs)
