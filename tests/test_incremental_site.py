"""A build over the last site renders only what changed and gives, byte for byte, the site a
build from scratch gives: for random additions, edits, renames and deletions of seeds."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from digest import cache
from digest.build import digest_stage
from digest.config import Config, load_config
from digest.site import build_site

from .conftest import BUILD_TIME, DATA, make_project
from .support import commit_all, git

POOL = {p.name: p.read_text(encoding="utf-8")
        for p in sorted((DATA / "fixture_site").glob("0*.md"))}
EXTRA = [
    ("05-linz-hafen.txt", "Linz baut den Hafen aus\nDie Stadt Linz investiert 40 Millionen "
     "Euro in den Hafen, sagte Bürgermeister Klaus Luger am Montag.\nDer Ausbau soll 2027 "
     "fertig sein und 200 Arbeitsplätze bringen.\n"),
    ("06-harbour-energy.txt", "Harbour Lines buys solar parks\nHarbour Lines will spend "
     "$120 million on solar parks near Rotterdam, chief executive Tom Reed said on Tuesday.\n"
     "The deal lifts its green power share to 35 percent.\n"),
]


def _build(project: Path, *, full: bool = False) -> tuple[Config, bool]:
    config = load_config(project / "mkdocs.yml")
    result = digest_stage(config, build_time=BUILD_TIME, full=full)
    assert not result.errors, result.errors
    return config, build_site(config, strict=True, full=full)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _cold(project: Path, where: Path) -> dict[str, bytes]:
    """The site a build from scratch gives for the project's committed seeds."""
    shutil.copytree(project, where, ignore=shutil.ignore_patterns(
        "site", ".digest-cache", "articles", "archive", "feeds", "topics", "editions", "tags"))
    config, over_last = _build(where)
    assert not over_last
    return _files(config.root / config.site_dir)


def _step(project: Path, rng: random.Random, extra: list[tuple[str, str]]) -> str:
    """One random change to the seeds, committed: add, edit, rename or delete a seed."""
    seeds = sorted(p for p in (project / "seeds").iterdir() if p.suffix in (".md", ".txt"))
    kinds = ["edit", "rename", "delete"] if len(seeds) > 2 else ["edit", "rename"]
    kind = rng.choice([*kinds, "add"] if extra else kinds)
    if kind == "add":
        name, text = extra.pop(0)
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    else:
        seed = rng.choice(seeds)
        if kind == "edit":
            with seed.open("a", encoding="utf-8") as f:
                f.write(f"\nEin weiterer Absatz nennt {rng.randint(2, 90)} Prozent mehr Umsatz.\n")
        elif kind == "rename":
            git(project, "mv", str(seed.relative_to(project)),
                f"seeds/{rng.randint(10, 99)}-{seed.name}")
        else:
            git(project, "rm", "-q", str(seed.relative_to(project)))
    commit_all(project, kind)
    return kind


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_a_build_over_the_last_site_equals_a_build_from_scratch(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", dict(POOL))
    commit_all(project)
    _build(project)
    extra = list(EXTRA)
    done = []
    for step in range(4):
        done.append(_step(project, rng, extra))
        config, over_last = _build(project)
        assert over_last, done
        site = _files(config.root / config.site_dir)
        assert site == _cold(project, tmp_path / f"cold-{step}"), done


@pytest.mark.slow
def test_only_changed_pages_are_rendered_and_full_renders_all(tmp_path: Path) -> None:
    """An unchanged article's page keeps its file (mtime and all) over a build; ``full``
    renders it again; a change of mkdocs.yml, or a build that died, means a full build."""
    project = make_project(tmp_path, dict(POOL))
    commit_all(project)
    config, _ = _build(project)
    page = config.root / config.site_dir / "articles" / "harbour-lines-signs-rotterdam-deal" / \
        "index.html"
    before = page.stat().st_mtime_ns
    with (project / "seeds" / "01-nordwerk-invest.md").open("a", encoding="utf-8") as f:
        f.write("\nEin neuer Absatz nennt 12 Prozent mehr Umsatz in Linz.\n")
    commit_all(project, "edit")
    assert _build(project)[1] is True
    assert page.stat().st_mtime_ns == before
    assert _build(project, full=True)[1] is False
    assert page.stat().st_mtime_ns != before
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("site_name: Digest", "site_name: Digest Wien"))
    assert _build(project)[1] is False
    store = cache.open_cache(config)
    state, _ = cache.load_site_state(store)
    assert state is not None and state.complete
    cache.save_site_state(store, cache.SiteState(state.fingerprint, state.indexed, False))
    assert _build(project)[1] is False
    assert _build(project)[1] is True


NORDWERK = ("Die Nordwerk AG investiert 40 Millionen Euro in Linz, sagte Anna Berger am "
            "Montag; der Umsatz stieg um 5 Prozent.")


def _two_years(tmp_path: Path) -> tuple[Path, Path]:
    """A built project of one article in 2025 and one in 2026 on the same news: its folder
    and its site."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {
        "old.md": f"---\ntitle: Nordwerk 2025\ndate: 2025-06-02\n---\n\n{NORDWERK}\n",
        "new.md": f"---\ntitle: Nordwerk 2026\ndate: 2026-06-02\n---\n\n{NORDWERK}\n",
    })
    commit_all(project)
    config, _ = _build(project)
    return project, config.root / config.site_dir


def _stamps(site: Path, name: str) -> dict[str, int]:
    """Site-relative path -> mtime of every file of one search bundle."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in (site / name).rglob("*") if p.is_file()}


@pytest.mark.slow
def test_only_the_search_bundle_of_a_changed_year_is_indexed_again(tmp_path: Path) -> None:
    """Articles are indexed by year: editing an article of 2026 leaves the 2025 bundle's
    files as they were, and the site still equals a build from scratch."""
    project, site = _two_years(tmp_path)
    assert {"pagefind", "pagefind-2025", "pagefind-2026"} <= {p.name for p in site.iterdir()}
    old, new = _stamps(site, "pagefind-2025"), _stamps(site, "pagefind-2026")
    with (project / "seeds" / "new.md").open("a", encoding="utf-8") as f:
        f.write("\nEin neuer Absatz nennt Tiefgarage und Wasserstoff.\n")
    commit_all(project, "edit")
    assert _build(project)[1] is True
    assert _stamps(site, "pagefind-2025") == old
    assert _stamps(site, "pagefind-2026") != new
    assert _files(site) == _cold(project, tmp_path / "cold")


@pytest.mark.slow
def test_a_page_changed_outside_its_searchable_part_keeps_its_bundle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new article changes the related lists of older ones; Pagefind reads only their
    searchable part, so the older year's bundle is neither indexed nor written again, and a
    bundle indexed again writes only the files whose bytes changed. Only pages of a bundle
    that would otherwise be kept are compared (by their search view first, by Pagefind only
    where that differs): the new article's year is indexed anyway."""
    from digest import pagefind

    project, site = _two_years(tmp_path)
    compared: list[str] = []
    real = pagefind.contribution

    def counted(service: pagefind.Service, rel: str, html: str, language: str) -> str:
        compared.append(rel)
        return real(service, rel, html, language)

    monkeypatch.setattr(pagefind, "contribution", counted)
    old_page = site / "articles" / "nordwerk-2025" / "index.html"
    page_before = old_page.read_bytes()
    old, new = _stamps(site, "pagefind-2025"), _stamps(site, "pagefind-2026")
    (project / "seeds" / "newer.md").write_text(
        f"---\ntitle: Nordwerk wieder\ndate: 2026-07-01\n---\n\n{NORDWERK} Wieder.\n",
        encoding="utf-8")
    commit_all(project, "add")
    assert _build(project)[1] is True
    assert old_page.read_bytes() != page_before  # its related list names the new article
    assert _stamps(site, "pagefind-2025") == old
    # The 2025 page changed outside what search reads: its search view says so without
    # asking Pagefind, and no page of the new article's bundle is compared at all.
    assert not {p for p in compared if p.startswith("articles/")}, compared
    rewritten = [p for p, t in _stamps(site, "pagefind-2026").items() if new.get(p) != t]
    # The new article's index data, not the engine every bundle carries unchanged.
    engine = [p for p in new if p.endswith(("pagefind.js", ".pagefind", "pagefind-worker.js"))]
    assert rewritten and engine and not set(engine) & set(rewritten), rewritten
    assert _files(site) == _cold(project, tmp_path / "cold")
