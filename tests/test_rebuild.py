"""Rebuilds judged by the files on disk, not by the build's own report.

With nothing changed, a rebuild leaves every file of the project alone: no file is rewritten
(the same bytes and the same ``st_mtime_ns``), none appears, none goes. That holds both when
the stage is skipped (the snapshot: nothing changed since the last run) and when it runs in
full and finds every file already holding its bytes. With one seed changed, exactly the files
the report names are rewritten.

The checker is tested first, on its own and inside a real rebuild whose writer is made to
rewrite one page: it fails where the report (``written == ()``) and a comparison of bytes
pass."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from digest import build, cache, fingerprints, write
from digest.build import StageResult, digest_stage
from digest.cli import main
from digest.config import Config, load_config
from digest.model import OutputFile, Problem
from digest.write import WriteReport

from .conftest import BUILD_TIME, SEED, make_project
from .support import (
    NOT_OUTPUT,
    PROSE,
    assert_untouched,
    changes,
    commit_all,
    disk_state,
    fixture_seeds,
    settle,
)

SLUG = "ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran"
PAGE = f"content/articles/{SLUG}.md"
SAME = "rewritten with the same bytes"
OTHER = "rewritten with other bytes"


def first_build(tmp_path: Path, seeds: dict[str, str | bytes] | None = None
                ) -> tuple[Path, Config]:
    project = make_project(tmp_path, seeds)
    config = load_config(project / "mkdocs.yml")
    first = digest_stage(config, build_time=BUILD_TIME)
    assert first.report is not None and first.report.written and first.errors == []
    return project, config


def owned_files(config: Config) -> list[str]:
    return sorted(p.relative_to(config.root).as_posix() for d in config.owned_dirs
                  for p in (config.docs_path / d).rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- the checker


def test_checker_passes_a_tree_nobody_touched(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.md").write_text("page")
    before = settle(tmp_path)
    assert (tmp_path / "a" / "page.md").read_bytes() == b"page"  # reading is not writing
    assert_untouched(before, disk_state(tmp_path))


def test_checker_names_every_kind_of_change(tmp_path: Path) -> None:
    """Same bytes written again (at once, in the same clock tick as far as the file system
    can tell: settle() dated every file years ago), other bytes, a file gone, a file and a
    folder new: each is named, and nothing else is."""
    for name in ("same.md", "other.md", "gone.md", "kept.md"):
        (tmp_path / name).write_text(name)
    before = settle(tmp_path)
    (tmp_path / "same.md").write_text("same.md")
    (tmp_path / "other.md").write_text("other.md!")
    (tmp_path / "gone.md").unlink()
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new.md").write_text("new")
    found = changes(before, disk_state(tmp_path))
    assert {name: what.split(" (")[0] for name, what in found.items()} == {
        "gone.md": "disappeared", "new/": "appeared", "new/new.md": "appeared",
        "other.md": OTHER, "same.md": SAME}
    with pytest.raises(AssertionError) as failed:
        assert_untouched(before, disk_state(tmp_path))
    assert "5 path(s) touched" in str(failed.value)
    assert "kept.md" not in str(failed.value)


def test_checker_ignores_only_what_it_is_told_to(tmp_path: Path) -> None:
    """A skipped top-level name is not looked at; the same name deeper down is."""
    for rel in (".digest-cache/snapshot.json", "content/.digest-cache/x"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("1")
    before = settle(tmp_path, NOT_OUTPUT)
    for rel in (".digest-cache/snapshot.json", "content/.digest-cache/x"):
        (tmp_path / rel).write_text("2")
    assert list(changes(before, disk_state(tmp_path, NOT_OUTPUT))) == ["content/.digest-cache/x"]


REWRITES = {"same bytes": lambda data: data, "other bytes": lambda data: data + b"\n"}


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
@pytest.mark.parametrize("stage", ["skipped", "runs"])
def test_a_rebuild_that_rewrites_a_page_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, rewrite: str
) -> None:
    """The article's page is written again during a rebuild that should write nothing, with
    its own bytes or with a byte more, while the build reports nothing written. When the
    stage runs, the writer does it (it writes the page after deciding not to: as a writer
    without the comparison of bytes would); when it is skipped, reading the snapshot does.
    The build's report and, for the same bytes, a comparison of every file's bytes see
    nothing; the check on disk names the page."""
    project, config = first_build(tmp_path)

    def scribble() -> None:
        path = project / PAGE
        path.write_bytes(REWRITES[rewrite](path.read_bytes()))

    if stage == "runs":
        (project / ".digest-cache" / "snapshot.json").unlink()
        real_write = write.write_file

        def careless(f: OutputFile, config: Config) -> bool:
            changed = real_write(f, config)
            if f.dest == PAGE:
                scribble()
            return changed

        monkeypatch.setattr(write, "write_file", careless)  # the one writer
    else:
        real_load = cache.load_snapshot

        def load_and_scribble(store: cache.Cache) -> tuple[cache.Snapshot | None, list[Problem]]:
            scribble()
            return real_load(store)

        monkeypatch.setattr(cache, "load_snapshot", load_and_scribble)
    before = settle(project, NOT_OUTPUT)
    again = digest_stage(config, build_time=BUILD_TIME)
    assert (again.entries == ()) is (stage == "skipped")
    # What the rebuild tests used to check passes:
    assert again.report is not None and again.report.written == () and again.report.removed == ()
    bytes_equal = {k: v.data for k, v in before.items()} == {
        k: v.data for k, v in disk_state(project, NOT_OUTPUT).items()}
    assert bytes_equal is (rewrite == "same bytes")
    # What they check now fails, naming the page and nothing else:
    found = changes(before, disk_state(project, NOT_OUTPUT))
    assert list(found) == [PAGE] and found[PAGE].startswith(
        SAME if rewrite == "same bytes" else OTHER)
    with pytest.raises(AssertionError, match=PAGE):
        assert_untouched(before, disk_state(project, NOT_OUTPUT))


# ---------------------------------------------------------------------------- rebuilds


def rich_seeds() -> dict[str, str | bytes]:
    """The fixture site (weeks, topics, an English article), the seed article, a moved
    article (a redirect page) and a plain-text English one."""
    return {**fixture_seeds(),
            "moved.md": f"---\ntitle: Umgezogen\ndate: 2026-11-12\nold_slugs: [alt]\n---\n\n"
                        f"{PROSE}\n",
            "plain.txt": "Harbour Lines opens a terminal\nHarbour Lines opened a terminal in "
                         "Rotterdam on Monday, chief executive Tom Reed said.\n"}


SEED_SETS = {"the seed": None, "a site": rich_seeds()}


@pytest.mark.parametrize("seeds", sorted(SEED_SETS))
def test_second_build_is_skipped_and_touches_no_file(tmp_path: Path, seeds: str) -> None:
    """Nothing changed: the stage is skipped, and no file of the project (the build cache
    included) is written, added or removed."""
    project, config = first_build(tmp_path, SEED_SETS[seeds])
    before = settle(project)
    again = digest_stage(config, build_time=BUILD_TIME)
    assert again.entries == () and again.report == WriteReport((), (), 0)
    assert_untouched(before, disk_state(project))


def touch_seeds(project: Path) -> None:
    """Every seed gets a new modification time; its bytes stay."""
    for seed in (project / "seeds").iterdir():
        os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 3_600 * 10**9))


def rewrite_seeds(project: Path) -> None:
    """Every seed is written again with its own bytes (an editor's save without an edit)."""
    for seed in (project / "seeds").iterdir():
        seed.write_bytes(seed.read_bytes())


def drop_snapshot(project: Path) -> None:
    (project / ".digest-cache" / "snapshot.json").unlink()


def drop_cache(project: Path) -> None:
    shutil.rmtree(project / ".digest-cache")


# (how the rebuild's inputs are disturbed without changing any output, whether the stage
# still skips: the fingerprint is of the seeds' bytes, not of their times)
DISTURBANCES = {
    "seeds touched": (touch_seeds, True),
    "seeds saved again unchanged": (rewrite_seeds, True),
    "snapshot deleted": (drop_snapshot, False),
    "build cache deleted": (drop_cache, False),
}


@pytest.mark.parametrize("seeds", sorted(SEED_SETS))
@pytest.mark.parametrize("disturbance", list(DISTURBANCES))
def test_rebuild_with_the_same_output_touches_no_output(
    tmp_path: Path, seeds: str, disturbance: str
) -> None:
    """A rebuild whose output cannot differ either skips the stage, or runs it in full and
    finds every file already holding its bytes: either way no file outside the build cache
    is written, added or removed."""
    project, config = first_build(tmp_path, SEED_SETS[seeds])
    disturb, skips = DISTURBANCES[disturbance]
    disturb(project)
    before = settle(project, NOT_OUTPUT)
    again: StageResult = digest_stage(config, build_time=BUILD_TIME)
    assert again.errors == []
    if skips:
        assert again.entries == () and again.report == WriteReport((), (), 0)
    else:
        assert len(again.entries) == len(SEED_SETS[seeds] or [SEED])
        assert again.report == WriteReport((), (), len(owned_files(config)))
    assert_untouched(before, disk_state(project, NOT_OUTPUT))


def test_changed_seed_rewrites_exactly_what_the_report_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache: nothing changed -> nothing extracted and nothing touched; one seed changed
    -> only it is extracted, and the files rewritten on disk are the ones the report names
    (its page among them, the other article's page not)."""
    calls: list[str] = []
    real = build.extract_facts

    def counting(article, vocab):  # type: ignore[no-untyped-def]
        calls.append(article.source)
        return real(article, vocab)

    monkeypatch.setattr(build, "extract_facts", counting)
    project, config = first_build(tmp_path, {"a.txt": "Erster Titel\nEin Absatz.\n",
                                             "b.txt": "Zweiter Titel\nNoch ein Absatz.\n"})
    assert sorted(calls) == ["seeds/a.txt", "seeds/b.txt"]
    calls.clear()
    before = settle(project)
    again = digest_stage(config, build_time=BUILD_TIME)
    assert calls == [] and again.articles == 2 and again.report == WriteReport((), (), 0)
    assert_untouched(before, disk_state(project))
    (project / "seeds" / "b.txt").write_text("Zweiter Titel\nGeänderter Absatz.\n")
    before = settle(project, NOT_OUTPUT)
    changed = digest_stage(config, build_time=BUILD_TIME)
    assert calls == ["seeds/b.txt"]
    assert changed.report is not None and changed.report.removed == ()
    found = changes(before, disk_state(project, NOT_OUTPUT))
    assert found == dict.fromkeys(changed.report.written, OTHER)
    assert "content/articles/zweiter-titel.md" in found
    assert "content/articles/erster-titel.md" not in found


def test_deleted_outputs_come_back_alone(tmp_path: Path) -> None:
    """Removing content/articles makes the next run rebuild it: its files come back with
    their bytes, and no other file is touched."""
    project, config = first_build(tmp_path)
    before = settle(project, NOT_OUTPUT)
    pages = sorted(name for name in before if name.startswith("content/articles/")
                   and not name.endswith("/"))
    shutil.rmtree(project / "content" / "articles")
    restored = digest_stage(config, build_time=BUILD_TIME)
    assert restored.report is not None and sorted(restored.report.written) == pages
    found = changes(before, disk_state(project, NOT_OUTPUT))
    assert sorted(found) == pages and all(what.startswith(SAME) for what in found.values())


def test_cli_rebuilds_touch_no_output(tmp_path: Path) -> None:
    """`digest build` (MkDocs included) run again on committed seeds, and once more without
    the snapshot, writes, adds and removes nothing outside the site, the cache and the lock;
    MkDocs writes nothing into content/."""
    project = make_project(tmp_path, rich_seeds())
    commit_all(project)
    yml = str(project / "mkdocs.yml")
    assert main(["-f", yml, "build"]) == 0
    before = settle(project, NOT_OUTPUT)
    assert main(["-f", yml, "build"]) == 0
    assert_untouched(before, disk_state(project, NOT_OUTPUT))
    drop_snapshot(project)
    assert main(["-f", yml, "build", "--no-site"]) == 0
    assert_untouched(before, disk_state(project, NOT_OUTPUT))


def test_the_facts_cache_outlives_a_change_of_rendering_code(tmp_path: Path) -> None:
    """The extraction key covers the modules the extractor imports and the data: a change
    to a page template keeps every article's facts, a change to an extractor, a module it
    uses or the data does not."""
    from digest.fingerprints import extraction_sources, extraction_tree_hash

    package = Path(fingerprints.__file__).parent
    copy = tmp_path / "digest"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    names = {p.relative_to(copy).as_posix() for p in extraction_sources(copy)}
    assert {"facts/money.py", "facts/entities/ner.py", "model.py", "vocabulary.py"} <= names
    assert not {"pages/render.py", "build.py", "link/tags.py", "write.py"} & names
    before = extraction_tree_hash(copy)
    for rendering in ("pages/render.py", "pages/listings.py", "write.py"):
        (copy / rendering).write_text((copy / rendering).read_text() + "\n# renders\n")
    assert extraction_tree_hash(copy) == before
    for extracting in ("facts/percent.py", "vocabulary.py", "data/vocabulary.yml"):
        path = copy / extracting
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert extraction_tree_hash(copy) != before, extracting
        path.write_bytes(original)
    assert extraction_tree_hash(copy) == before


def test_the_cache_holds_whichever_way_the_config_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-f mkdocs.yml` from the project and `-f /abs/path/mkdocs.yml` from elsewhere are
    the same project: the snapshot and every article's facts stay valid."""
    project = make_project(tmp_path, rich_seeds())
    commit_all(project)
    absolute = load_config(project / "mkdocs.yml")
    monkeypatch.chdir(project)
    relative = load_config(Path("mkdocs.yml"))
    assert relative.root != absolute.root  # spelled two ways, as the CLI receives it
    assert fingerprints.config_hash(relative) == fingerprints.config_hash(absolute)
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"]) == 0
    calls: list[str] = []
    monkeypatch.setattr(build, "extract_facts", lambda article, *a, **k: calls.append(
        article.source))
    drop_snapshot(project)
    result = digest_stage(relative, build_time=BUILD_TIME)
    assert calls == [] and result.report is not None and not result.report.written


def test_a_stored_analysis_that_does_not_decode_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyses are decoded one by one when an article needs them: a well-formed cache file
    with one foreign record costs that article an extraction, not the build."""
    import json as json_mod

    project, config = first_build(tmp_path, {"a.txt": "Erster Titel\nDie Bank zahlte 5 Mio. "
                                             "Euro.\n", "b.txt": "Zweiter Titel\nEin Absatz.\n"})
    store = cache.open_cache(config)
    path = project / cache.CACHE_DIR / "facts.json"
    record = json_mod.loads(path.read_bytes().partition(b"\n")[2])
    key = next(k for k, v in record["facts"].items() if v["facts"]["money"])
    record["facts"][key]["facts"]["money"][0] = [1, 2]  # a row no Money has
    assert cache._save(store, "facts.json", record) == []
    for stored in (project / cache.CACHE_DIR).glob("entries-*.json"):
        stored.unlink()  # else the entries need no analysis
    calls: list[str] = []
    real = build.extract_facts
    monkeypatch.setattr(build, "extract_facts", lambda article, vocab: (
        calls.append(article.source), real(article, vocab))[1])
    drop_snapshot(project)
    before = settle(project, NOT_OUTPUT)
    again = digest_stage(config, build_time=BUILD_TIME)
    assert calls == ["seeds/a.txt"] and not again.errors
    assert_untouched(before, disk_state(project, NOT_OUTPUT))


def test_the_site_depends_on_the_code_that_drives_mkdocs_only(tmp_path: Path) -> None:
    """A change of the code that renders content/ reaches the site through content/ (MkDocs
    renders the pages whose Markdown changed); only a change of the code that drives MkDocs
    or runs in it, or of its assets, makes every page of the site again."""
    from digest.fingerprints import site_tree_hash

    package = Path(fingerprints.__file__).parent
    copy = tmp_path / "digest"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = site_tree_hash(copy)
    for rendering in ("pages/render.py", "pages/listings.py", "facts/money.py", "build.py"):
        (copy / rendering).write_text((copy / rendering).read_text() + "\n# renders\n")
    assert site_tree_hash(copy) == before
    for driving in ("mkdocs_plugin.py", "pagefind.py", "site.py", "assets/pagefind-worker.js"):
        path = copy / driving
        original = path.read_bytes()
        path.write_bytes(original + (b"\n// changed\n" if path.suffix == ".js"
                                     else b"\n# changed\n"))
        assert site_tree_hash(copy) != before, driving
        path.write_bytes(original)
    assert site_tree_hash(copy) == before


def test_a_setting_the_extractor_never_reads_keeps_every_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new site name or page size (what a deploy after a config change sees) analyses no
    article again; the project's vocabulary, which the extractor reads, analyses every one."""
    project, _ = first_build(tmp_path, {"a.txt": "Erster Titel\nDie Nordwerk AG zahlte 5 Mio. "
                                        "Euro.\n", "b.txt": "Zweiter Titel\nEin Absatz.\n"})
    calls: list[str] = []
    real = build.extract_facts
    monkeypatch.setattr(build, "extract_facts", lambda article, vocab: (
        calls.append(article.source), real(article, vocab))[1])
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("site_name: Digest", "site_name: Digest Wien")
                   .replace("  digest:\n", "  digest:\n    page_size: 7\n", 1))
    result = digest_stage(load_config(yml), build_time=BUILD_TIME)
    assert calls == [] and not result.errors
    assert result.report is not None and result.report.written  # the pages do change
    (project / "vocabulary.yml").write_text("orgs:\n  Nordwerk AG: [Nordwerk]\n", encoding="utf-8")
    yml.write_text(yml.read_text().replace("  digest:\n", "  digest:\n    vocabulary: "
                                           "vocabulary.yml\n", 1))
    assert not digest_stage(load_config(yml), build_time=BUILD_TIME).errors
    assert sorted(calls) == ["seeds/a.txt", "seeds/b.txt"]
