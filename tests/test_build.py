"""The whole build: real MkDocs, the article's HTML, the search index, determinism, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.build import digest_stage
from digest.cli import main
from digest.config import load_config

from .conftest import BUILD_TIME, DATA, SEED, make_project
from .support import changes, commit_all, disk_state, settle

SLUG = "ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site"))
    commit_all(project)
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--strict"]) == 0
    return project


@pytest.mark.slow
def test_article_page_has_facts_box_and_no_boilerplate(built: Path) -> None:
    """The article's HTML has the key-facts box, its subheadings, and no 'Kommentare'."""
    page = (built / "site" / "articles" / SLUG / "index.html").read_text()
    assert "Auf einen Blick" in page
    assert "admonition abstract" in page
    assert 'id="unabhangigkeit-als-strategisches-ziel"' in page
    assert "Kommentare" not in page
    assert '<time datetime="2026-11-20T10:00:00+01:00">20. November 2026</time>' in page


@pytest.mark.slow
def test_search_index_finds_the_article(built: Path) -> None:
    """The project searches with Pagefind: the article is marked for indexing and the index
    is written; Material's own index stays empty (the browser suite types the queries)."""
    page = (built / "site" / "articles" / SLUG / "index.html").read_text()
    assert "data-pagefind-body" in page and "Rechenleistung" in page
    # The one article (of 2026) is in its year's bundle; the first bundle is always there.
    assert (built / "site" / "pagefind" / "pagefind-entry.json").exists()
    assert list((built / "site" / "pagefind-2026" / "index").glob("*.pf_index"))
    # Only what the site's worker fetches: not Pagefind's own search interfaces.
    for bundle in (built / "site").glob("pagefind*"):
        names = {p.name for p in bundle.iterdir()}
        assert "pagefind.js" in names and any(n.startswith("wasm.") for n in names), bundle
        assert not {n for n in names if n.startswith(("pagefind-ui", "pagefind-component",
                                                      "pagefind-modular", "pagefind-highlight"))}
    index = json.loads((built / "site" / "search" / "search_index.json").read_text())
    assert index["docs"] == [] and index["config"]["lang"] == ["de", "en"]


@pytest.mark.slow
def test_home_archive_tags_and_feed_links(built: Path) -> None:
    """Home lists the article, the archive has its month, every page links the feeds."""
    site = built / "site"
    home = (site / "index.html").read_text()
    assert f'href="articles/{SLUG}/"' in home
    assert (site / "archive" / "2026-11" / "index.html").exists()
    for page in (home, (site / "tags" / "index.html").read_text()):
        assert 'type="application/rss+xml"' in page and 'type="application/atom+xml"' in page
    assert (site / "feeds" / "rss.xml").exists() and (site / "feeds" / "atom.xml").exists()
    # A tag of one article has no page: its chip is its name, and the index does not list it.
    tags = (site / "tags" / "index.html").read_text()
    assert "bytedance" not in tags and not (site / "tags" / "bytedance").exists()
    article = (site / "articles" / SLUG / "index.html").read_text()
    assert '<span class="md-tag">ByteDance</span>' in article


@pytest.mark.slow
def test_no_external_font_request(built: Path) -> None:
    """theme.font is off: no page asks Google for fonts."""
    for page in (built / "site").rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(), page


def test_stale_pages_removed_hand_written_kept(tmp_path: Path) -> None:
    """A deleted seed's page goes; hand-written pages are never touched."""
    project = make_project(tmp_path)
    config = load_config(project / "mkdocs.yml")
    digest_stage(config, build_time=BUILD_TIME)
    (project / "seeds" / SEED.name).unlink()
    (project / "seeds" / "b.txt").write_text("Other title\nA paragraph.\n")
    before = settle(project / "content")
    result = digest_stage(config, build_time=BUILD_TIME)
    assert result.report is not None
    assert f"content/articles/{SLUG}.md" in result.report.removed
    assert (project / "content" / "articles" / "other-title.md").exists()
    found = changes(before, disk_state(project / "content"))
    assert found and not [name for name in found if not name.startswith(
        tuple(f"{d}/" for d in config.owned_dirs))]


def test_slug_collision_names_both_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two seeds with one title: the second is refused with both paths; the first builds."""
    seeds = {"a.txt": "Same title\nOne.\n", "b.txt": "Same title\nTwo.\n"}
    project = make_project(tmp_path, seeds)
    code = main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"])
    err = capsys.readouterr().err
    assert code == 1
    assert ("seeds/b.txt: slug 'same-title' is already used by seeds/a.txt; "
            "set a different 'slug:' or title") in err
    assert "skipped 1 seed(s) with errors: seeds/b.txt" in err
    assert (project / "content" / "articles" / "same-title.md").exists()


def test_strict_build_writes_nothing_on_problems(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """--strict stops before writing when any seed has a problem."""
    project = make_project(tmp_path, {"a.txt": "Title only\n"})
    code = main(["-f", str(project / "mkdocs.yml"), "build", "--strict"])
    err = capsys.readouterr().err
    assert code == 1
    assert "seeds/a.txt:1: title only: expected at least one paragraph after the title" in err
    assert not (project / "content" / "articles").exists()


def test_failed_mkdocs_build_keeps_previous_site(tmp_path: Path) -> None:
    """The site folder is swapped in only after MkDocs succeeds."""
    project = make_project(tmp_path)
    yml = project / "mkdocs.yml"
    assert main(["-f", str(yml), "build"]) == 0
    marker = project / "site" / "index.html"
    before = marker.read_bytes()
    (project / "content" / "broken.md").write_text("[x](missing.md)\n")
    assert main(["-f", str(yml), "build", "--strict"]) == 1
    assert marker.read_bytes() == before


@pytest.mark.parametrize("dest", [
    "content/articles/../../mkdocs.yml", "content/index.md", "/etc/passwd",
    "content/articles/a\0b.md", "seeds/x.md",
])
def test_writer_refuses_paths_outside_owned_folders(tmp_path: Path, dest: str) -> None:
    """The writer only writes inside the folders the digest owns."""
    from digest.errors import DigestError
    from digest.model import OutputFile
    from digest.write import write_outputs

    config = load_config(make_project(tmp_path) / "mkdocs.yml")
    with pytest.raises(DigestError, match="refusing to write outside the digest's folders"):
        write_outputs([OutputFile(dest, b"x")], config)


def test_worker_processes_give_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extraction, tagging and rendering in forked workers write exactly what one process
    writes (forced here with a tiny threshold and two workers)."""
    from digest import parallel as build_mod
    from digest.cli import main as cli_main

    seeds = {p.name: p.read_text() for p in sorted((DATA / "fixture_site").glob("0*.md"))}
    pools: list[object] = []

    class CountedPool(build_mod.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_mod, "ProcessPoolExecutor", CountedPool)
    trees = []
    for name, threshold in (("serial", 10_000), ("parallel", 1)):
        monkeypatch.setattr(build_mod, "PARALLEL_MIN", threshold)
        monkeypatch.setattr(build_mod, "CHUNK", 1)
        monkeypatch.setattr(build_mod, "cores", lambda: 2)
        (tmp_path / name).mkdir()
        project = make_project(tmp_path / name, seeds)
        assert cli_main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"]) == 0
        content = project / "content"
        trees.append({p.relative_to(content): p.read_bytes()
                      for p in sorted(content.rglob("*")) if p.is_file()})
        assert bool(pools) is (name == "parallel")
    assert trees[0] == trees[1] and len(trees[0]) > 20


def test_generated_pages_are_converted_only_when_written(tmp_path: Path) -> None:
    """MkDocs converts every page before writing the first; the digest plugin defers its own
    pages to the moment each is written, so no build holds every page's HTML at once. A hook
    looks between the two phases: generated pages hold nothing yet, the home page its HTML,
    and the written article has its whole text."""
    seeds = {p.name: p.read_text() for p in sorted((DATA / "fixture_site").glob("0*.md"))}
    project = make_project(tmp_path, seeds)
    (project / "probe.py").write_text(
        "import json\n"
        "def on_env(env, config, files):\n"
        "    sizes = {f.src_uri: len(f.page.content or '') for f in files.documentation_pages()}\n"
        "    open(config.config_file_path + '.probe.json', 'w').write(json.dumps(sizes))\n")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text() + "\nhooks:\n  - probe.py\n")
    assert main(["-f", str(yml), "build"]) == 0
    sizes = json.loads((project / "mkdocs.yml.probe.json").read_text())
    generated = {uri: n for uri, n in sizes.items() if uri.startswith(("articles/", "topics/"))}
    assert generated and all(n == 0 for n in generated.values())
    assert sizes["index.md"] > 0
    page = (project / "site" / "articles" / "nordwerk-steigert-gewinn" / "index.html").read_text()
    assert "digest-article" in page and "Nordwerk" in page
