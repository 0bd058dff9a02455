"""Search backends: Material's lunr index by default, Pagefind behind Material's UI on demand;
per-page language in <html lang>."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from digest.cli import main
from digest.mkdocs_plugin import WORKER

from .conftest import make_project
from .support import build_with_search


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with_search(tmp_path_factory.mktemp("pagefind"), "pagefind")


@pytest.mark.slow
def test_pagefind_index_and_worker(pagefind_site: Path) -> None:
    """The Pagefind bundles are written (topic names in the first, articles by year),
    Material's worker answers from them, lunr's index is empty."""
    bundles = sorted(p.name for p in pagefind_site.glob("pagefind*"))
    assert bundles == ["pagefind", "pagefind-2026"]
    for name in bundles:
        assert (pagefind_site / name / "pagefind-entry.json").exists()
    workers = list((pagefind_site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    worker = WORKER.read_text().replace('const BUNDLES = ["pagefind"]',
                                        'const BUNDLES = ["pagefind", "pagefind-2026"]')
    assert workers and all(w.read_text() == worker for w in workers)
    index = json.loads((pagefind_site / "search" / "search_index.json").read_text())
    assert index["docs"] == [] and index["config"]["lang"] == ["de", "en"]


@pytest.mark.slow
def test_pagefind_indexes_articles_not_listings(pagefind_site: Path) -> None:
    """Articles carry data-pagefind-body; archive and edition listings do not, a topic page
    only on its name."""
    article = (pagefind_site / "articles" / "nordwerk-steigert-gewinn" / "index.html").read_text()
    assert "data-pagefind-body" in article
    for listing in ("archive/2026-11", "editions/2026-W47"):
        assert "data-pagefind-body" not in (pagefind_site / listing / "index.html").read_text()
    topic = (pagefind_site / "topics" / "orgs" / "nordwerk-ag" / "index.html").read_text()
    assert re.findall(r"<(\w+)[^>]*data-pagefind-body", topic) == ["h1"]


@pytest.mark.slow
def test_html_lang_follows_the_article(pagefind_site: Path) -> None:
    """An English article says so in <html lang>; the site language stays elsewhere."""
    english = pagefind_site / "articles" / "harbour-lines-signs-rotterdam-deal" / "index.html"
    assert '<html lang="en"' in english.read_text()
    assert '<html lang="de"' in (pagefind_site / "index.html").read_text()


@pytest.mark.slow
def test_lunr_index_finds_the_article_and_not_boilerplate(tmp_path: Path) -> None:
    """With Material's lunr backend the index holds the article's text, so 'Rechenleistung'
    finds it, and 'Kommentare' is nowhere in it."""
    site = build_with_search(tmp_path, "lunr")
    index = json.loads((site / "search" / "search_index.json").read_text())
    hits = {d["location"] for d in index["docs"] if "Rechenleistung" in d["text"]}
    assert any(loc.startswith("articles/ki-milliarden-fuer-tiktok") for loc in hits)
    assert all("Kommentare" not in d["text"] for d in index["docs"])
    assert index["config"]["lang"] == ["de", "en"]


def test_unknown_backend_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in the backend is a config error with the choices."""
    project = make_project(tmp_path)
    yml = project / "mkdocs.yml"
    yml.write_text(re.sub(r"(?m)^    search: \w+$", "    search: elastic", yml.read_text()))
    assert main(["-f", str(yml), "build"]) == 1
    assert ("mkdocs.yml: extra.digest.search: expected one of lunr, pagefind, got 'elastic'"
            in capsys.readouterr().err)


@pytest.mark.parametrize(("backend", "indexed"), [("pagefind", False), ("lunr", True)])
def test_lunr_indexing_runs_only_for_lunr(tmp_path: Path, backend: str, indexed: bool) -> None:
    """With Pagefind, Material's search plugin keeps its UI but no longer indexes each page
    (its lunr index would be emptied anyway); with lunr it indexes as before."""
    import contextlib

    from mkdocs.config import load_config

    project = make_project(tmp_path, search=backend)
    with contextlib.chdir(project):
        config = load_config(str(project / "mkdocs.yml"))
        config = config.plugins.on_config(config)
    search = config.plugins["material/search"]
    bound = [getattr(h, "__self__", None) for h in config.plugins.events["page_context"]]
    assert (search in bound) is indexed


@pytest.mark.parametrize(("groups", "size", "expected"), [
    ({}, 2, {"pagefind": []}),
    ({"topics/a/": ""}, 2, {"pagefind": ["topics/a/"]}),
    ({"articles/a/": "2025|2025-05-01", "articles/b/": "2026|2026-02-01",
      "articles/c/": "2026|2026-01-01", "articles/d/": "2026|2026-03-01", "topics/x/": ""}, 2,
     {"pagefind": ["topics/x/"], "pagefind-2026-2": ["articles/d/"],
      "pagefind-2026": ["articles/c/", "articles/b/"], "pagefind-2025": ["articles/a/"]}),
    # a newer article only joins (or opens) the newest part
    ({"articles/c/": "2026|2026-01-01", "articles/b/": "2026|2026-02-01",
      "articles/d/": "2026|2026-03-01", "articles/e/": "2026|2026-04-01"}, 2,
     {"pagefind": [], "pagefind-2026-2": ["articles/d/", "articles/e/"],
      "pagefind-2026": ["articles/c/", "articles/b/"]}),
])
def test_search_bundles_group_articles_by_year(
    groups: dict[str, str], size: int, expected: dict[str, list[str]]
) -> None:
    """A new article of 2026 changes a 2026 bundle only; the first bundle always exists."""
    from digest.mkdocs_plugin import search_bundles

    found = search_bundles(groups, size)
    assert found == expected and next(iter(found)) == "pagefind"


def _year(year: int, count: int) -> dict[str, str]:
    return {f"articles/{year}-{i:02}/": f"{year}|{year}-01-{i:02}" for i in range(1, count + 1)}


def test_the_newest_years_growing_part_is_indexed_in_pieces() -> None:
    """The part new articles join is indexed in pieces of size // TAIL_PARTS pages, so an
    added article re-indexes one small bundle; an older year, and a full part, are one
    bundle each."""
    from digest.mkdocs_plugin import TAIL_PARTS, search_bundles

    size = 2 * TAIL_PARTS
    found = search_bundles(_year(2025, 3) | _year(2026, 5), size)
    assert found == {"pagefind": [],
                     "pagefind-2026-t3": ["articles/2026-05/"],
                     "pagefind-2026-t2": ["articles/2026-03/", "articles/2026-04/"],
                     "pagefind-2026": ["articles/2026-01/", "articles/2026-02/"],
                     "pagefind-2025": [f"articles/2025-0{i}/" for i in (1, 2, 3)]}
    added = search_bundles(_year(2025, 3) | _year(2026, 6), size)
    assert [name for name in added if added[name] != found.get(name)] == ["pagefind-2026-t3"]
    full = search_bundles(_year(2026, size), size)
    assert list(full) == ["pagefind", "pagefind-2026"] and len(full["pagefind-2026"]) == size
    more = search_bundles(_year(2026, size + 3), size)
    assert list(more) == ["pagefind", "pagefind-2026-2-t2", "pagefind-2026-2", "pagefind-2026"]
    assert more["pagefind-2026"] == full["pagefind-2026"]


@pytest.mark.slow
def test_the_search_worker_the_site_ships_is_valid_javascript(pagefind_site: Path) -> None:
    """The worker as written into the site (bundle list filled in) parses: a stray ``*/`` in
    a comment once stopped every search."""
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "node is a system dependency (.ci/system-deps)"
    for worker in (pagefind_site / "assets" / "javascripts" / "workers").glob("search.*.js"):
        result = subprocess.run([node, "--check", str(worker)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
