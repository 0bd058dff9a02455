"""Shared fixtures: a throw-away project folder with the real mkdocs.yml and hand-written pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from digest.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_c9f697076553e962.txt"
BUILD_TIME = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def make_project(
    tmp: Path, seeds: dict[str, str | bytes] | None = None, *, search: str | None = None,
    options: dict[str, int] | None = None,
) -> Path:
    """A copy of the project's site skeleton in ``tmp`` with the given seeds (default: the seed);
    ``search`` overrides the search backend (tests that read Material's lunr index say so),
    ``options`` sets ``extra.digest`` numbers (``topic_min_articles: 1`` for topic pages of
    one article)."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    yml = tmp / "mkdocs.yml"
    if search is not None:
        yml.write_text(re.sub(r"(?m)^    search: \w+$", f"    search: {search}", yml.read_text()))
    for key, value in (options or {}).items():
        option = f"  digest:\n    {key}: {value}\n"
        yml.write_text(yml.read_text().replace("  digest:\n", option, 1))
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    content = tmp / "content"
    content.mkdir()
    for name in ("index.md", "about.md"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "stylesheets", content / "stylesheets")
    (tmp / "seeds").mkdir()
    if seeds is None:
        seeds = {SEED.name: SEED.read_bytes()}
    for name, text in seeds.items():
        path = tmp / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return tmp


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def config(project: Path) -> Config:
    return load_config(project / "mkdocs.yml")
