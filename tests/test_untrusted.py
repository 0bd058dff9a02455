"""Content from a pull request is data, never code: nothing it holds runs, nothing outside the
repository is read, written or deleted, and one bad article costs only itself."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from digest.cli import main

from .conftest import make_project
from .support import PROSE, check, commit_all, git

GOOD = f"Nordwerk steigert den Gewinn\n{PROSE}\nDer Umsatz stieg um 4 Prozent.\n"


def run(project: Path, *args: str) -> tuple[int, list[str]]:
    """Run a digest command in-process: exit code and stderr lines."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["-f", str(project / "mkdocs.yml"), *args])
    return code, err.getvalue().splitlines()


def page(project: Path, slug: str) -> Path:
    return project / "content" / "articles" / f"{slug}.md"


class Detonator:
    """Unpickling this creates a marker file: proof that loading ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.marker}",))


# ---------------------------------------------------------------------------- 1. the cache


def test_a_crafted_cache_never_runs_code(tmp_path: Path) -> None:
    """Pickles planted under every name the cache has used are never loaded by check,
    build or preview."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    assert run(project, "build", "--no-site")[0] == 0
    marker = tmp_path / "pwned"
    cache = project / ".digest-cache"
    bomb = pickle.dumps(Detonator(marker))
    for name in ("facts.pickle", "snapshot.pickle", "seeds.pickle", "facts.json",
                 "snapshot.json"):
        (cache / name).write_bytes(bomb)
    (project / "seeds" / "a.txt").write_text(GOOD + "Noch ein Absatz.\n")
    run(project, "check")
    run(project, "build", "--no-site")
    run(project, "preview", "seeds/a.txt")
    assert not marker.exists()


def test_damaged_cache_is_discarded_with_one_note(tmp_path: Path) -> None:
    """Random bit flips in any cache file never give a traceback or different pages: the
    damaged file is named once and rebuilt."""
    project = make_project(tmp_path, {"a.txt": GOOD, "b.txt": GOOD.replace("Nordwerk", "Südwerk")})
    commit_all(project)  # dated by git, not by the build's clock
    assert run(project, "build", "--no-site")[0] == 0
    clean = {p: p.read_bytes() for p in (project / "content" / "articles").glob("*.md")}
    cache = project / ".digest-cache"
    files = sorted(p for p in cache.iterdir() if p.is_file())
    assert files
    rng = random.Random(13)
    for _ in range(24):
        target = rng.choice(files)
        data = bytearray(target.read_bytes())
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(data))
        # Without its pages the stage runs again and reads the facts cache.
        shutil.rmtree(project / "content" / "articles")
        code, err = run(project, "build", "--no-site")
        assert code == 0, err
        assert not any("Traceback" in line for line in err)
        notes = [line for line in err if ".digest-cache/" in line]
        assert len(notes) <= 1 and all(": note: " in line for line in notes), notes
        assert {p: p.read_bytes() for p in clean} == clean
        files = sorted(p for p in cache.iterdir() if p.is_file())


def test_the_cache_round_trips_every_kind_of_fact(tmp_path: Path) -> None:
    """What is saved is what is loaded, for money, percentages and dates with inferred
    parts: a cache that discarded itself would silently re-extract every article."""
    from digest import cache
    from digest.build import extract_facts, vocabulary_for
    from digest.config import load_config
    from digest.read.ingest import read_all
    from digest.read.sources import gather_sources

    from .conftest import BUILD_TIME, SEED

    project = make_project(tmp_path, {"a.txt": GOOD, SEED.name: SEED.read_bytes(),
                                      "b.txt": "Termine\nAm 3. März zahlte die Bank 1,2 Mrd. "
                                      "Euro (rund 5 %), umgerechnet 1,3 Mrd. Dollar.\n"})
    commit_all(project)  # one date for the build and for this test: git's
    assert run(project, "build", "--no-site")[0] == 0
    config = load_config(project / "mkdocs.yml")
    loaded, notes = cache.load_facts(cache.open_cache(config))
    assert notes == [] and len(loaded) == 3
    articles, _ = read_all(config, gather_sources(config), BUILD_TIME)
    vocab = vocabulary_for(config)
    expected = {extract_facts(a, vocab) for a in articles}
    assert set(loaded.values()) == expected
    assert any(f.money and f.dates and any(d.inferred for d in f.dates) for f, *_ in expected)


def test_committed_cache_is_named_and_never_read(tmp_path: Path) -> None:
    """A pull request that commits a well-formed cache with forged facts gets them nowhere:
    the build ignores it and ``digest check`` names it as an error."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    assert run(project, "build", "--no-site")[0] == 0
    facts_file = project / ".digest-cache" / "facts.json"
    head, body = facts_file.read_bytes().split(b"\n", 1)
    payload = json.loads(body)
    for record in payload["facts"].values():
        record["facts"]["persons"] = ["Forged Person"]
    forged = json.dumps(payload).encode()
    header = json.loads(head)
    header["sha256"] = hashlib.sha256(forged).hexdigest()
    facts_file.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    (project / ".digest-cache" / "snapshot.json").unlink()
    commit_all(project)
    git(project, "add", "-f", ".digest-cache")
    git(project, "commit", "-qm", "cache")
    code, err = run(project, "build", "--no-site")
    assert code == 0
    assert "Forged Person" not in page(project, "nordwerk-steigert-den-gewinn").read_text()
    code, err, _ = check(project)
    assert code == 1
    assert any(line.startswith(".digest-cache/facts.json: build cache committed") for line in err)


# ---------------------------------------------------------------------------- 2-5. paths


def test_linked_owned_folder_is_refused_before_any_write(tmp_path: Path) -> None:
    """An owned folder that links elsewhere is refused: the sweep never deletes there."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"a.txt": GOOD})
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me")
    (project / "content" / "articles").symlink_to(victim, target_is_directory=True)
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert any("content/articles: is a symbolic link" in line for line in err), err
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]
    assert not (project / "content" / "archive").exists()
    code, err, _ = check(project)
    assert code == 1 and any("content/articles: is a symbolic link" in line for line in err)


def test_linked_seeds_folder_is_refused(tmp_path: Path) -> None:
    """A seeds folder that links outside the repository publishes nothing from there."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret memo\nThe password is hunter2, said Anna.\n")
    (project / "seeds").rmdir()
    (project / "seeds").symlink_to(outside, target_is_directory=True)
    code, err = run(project, "build", "--no-site")
    assert code == 1 and any(line.startswith("error: seeds: is a symbolic link") for line in err)
    assert not any("hunter2" in p.read_text() for p in (project / "content").rglob("*.md"))
    assert check(project)[0] == 1


def test_seed_links_and_devices_are_refused_unread(tmp_path: Path) -> None:
    """Links to a folder, to nothing, to /dev/zero and to themselves, and a pipe, are each
    one problem; the good article is published and nothing hangs or eats memory."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"good.txt": GOOD})
    seeds = project / "seeds"
    (tmp_path / "folder.txt").mkdir()
    (seeds / "folder.txt").symlink_to(tmp_path / "folder.txt", target_is_directory=True)
    (seeds / "missing.txt").symlink_to(tmp_path / "nothing-here.txt")
    (seeds / "zero.txt").symlink_to("/dev/zero")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    os.mkfifo(seeds / "pipe.txt")
    result = subprocess.run(
        [sys.executable, "-m", "digest.cli", "-f", str(project / "mkdocs.yml"), "build",
         "--no-site"], capture_output=True, text=True, timeout=120, cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name in ("folder", "missing", "zero", "loop"):
        assert f"seeds/{name}.txt: symbolic link: expected a regular file in seeds/; nothing " \
               "was read" in lines
    assert any(line.startswith("seeds/pipe.txt: not a regular file") for line in lines)
    assert page(project, "nordwerk-steigert-den-gewinn").is_file()


@pytest.mark.parametrize("where", ["content/leak.md", "content/assets/leak.css",
                                   "overrides/partials/leak.html", "content/linked-folder"])
def test_links_out_of_published_folders_are_refused(tmp_path: Path, where: str) -> None:
    """A link committed in the hand-written part of the docs or the theme folder that points
    outside the repository is refused by the digest and by a plain ``mkdocs build``."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"good.txt": GOOD})
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "leak.md").write_text("# hunter2\n")
    target = secret if where.endswith("folder") else secret / "leak.md"
    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=target.is_dir())
    code, err = run(project, "build")
    assert code == 1
    assert any(f"{where}: symbolic link to a path outside the project" in line for line in err)
    assert not (project / "content" / "articles").exists()
    assert not (project / "site").exists()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "outside the project" in result.stderr
    assert not (project / "site").exists()


def test_links_into_hidden_folders_are_refused(tmp_path: Path) -> None:
    """A link in the docs to the repository's own ``.git/config`` (or the cache) would publish
    it although it stays inside the project: refused too."""
    project = make_project(tmp_path, {"good.txt": GOOD})
    git(project, "init", "-q")
    (project / "content" / "config.md").symlink_to(project / ".git" / "config")
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert any("content/config.md: symbolic link into a hidden folder" in line for line in err)


def test_check_of_named_links_reads_nothing(tmp_path: Path) -> None:
    """``digest check PATH`` for a link, in seeds/ or elsewhere, never reads its target."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"good.txt": GOOD})
    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2 " * 40 + "\n")
    (project / "seeds" / "in.txt").symlink_to(secret)
    (project / "notes").mkdir()
    (project / "notes" / "out.txt").symlink_to(secret)
    code, err, out = check(project, str(project / "seeds" / "in.txt"),
                           str(project / "notes" / "out.txt"))
    assert code == 1 and "hunter2" not in "".join(err) + out
    assert ("seeds/in.txt: symbolic link: expected a regular file in seeds/; nothing was "
            "read") in err
    assert "notes/out.txt: cannot read: a symbolic link; expected a regular file" in err


def test_linked_vocabulary_is_refused(tmp_path: Path) -> None:
    """The vocabulary named in mkdocs.yml may not lead outside the project either."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"good.txt": GOOD})
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (project / "vocabulary.yml").symlink_to(tmp_path / "passwd")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  digest:\n", "  digest:\n    vocabulary: "
                                           "vocabulary.yml\n", 1))
    code, err = run(project, "build", "--no-site")
    assert code == 1 and not any("root:x" in line for line in err)
    assert any("vocabulary.yml: the vocabulary resolves outside the project" in line
               for line in err), err


def test_linked_cache_folder_is_not_used(tmp_path: Path) -> None:
    """A committed ``.digest-cache`` link sends no cache write (or read) outside."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"good.txt": GOOD})
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / ".digest-cache").symlink_to(outside, target_is_directory=True)
    code, err = run(project, "build", "--no-site")
    assert code == 0
    assert list(outside.iterdir()) == []
    assert any(line.startswith(".digest-cache: note: is not a plain folder") for line in err)


def test_site_dir_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    """``site_dir`` under a folder that does not exist yet is built, not a traceback."""
    project = make_project(tmp_path, {"good.txt": GOOD})
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("site_dir: site", "site_dir: out/public/site"))
    code, err = run(project, "build")
    assert code == 0, err
    assert (project / "out" / "public" / "site" / "index.html").is_file()


# ---------------------------------------------------------------------------- 7-8. names


def test_old_slugs_never_take_an_existing_url(tmp_path: Path) -> None:
    """A new seed listing an existing article's slug (or redirect) in ``old_slugs`` is
    refused, even when its file name sorts first; the existing article keeps its URL."""
    project = make_project(tmp_path, {"b-existing.txt": GOOD})
    commit_all(project)
    (project / "seeds" / "a-new.md").write_text(
        "---\ntitle: Eine ganz andere Geschichte\nold_slugs: [nordwerk-steigert-den-gewinn]\n"
        "---\n\n" + PROSE + "\n")
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert ("seeds/a-new.md: old_slugs: 'nordwerk-steigert-den-gewinn' is the URL of "
            "seeds/b-existing.txt, which keeps it; remove it from 'old_slugs:'") in err
    assert "Nordwerk" in page(project, "nordwerk-steigert-den-gewinn").read_text()
    code, err, _ = check(project)
    assert code == 1 and any(line.startswith("seeds/a-new.md: old_slugs:") for line in err)


def test_a_later_seed_cannot_take_a_slug_by_sorting_first(tmp_path: Path) -> None:
    """Of two seeds with one slug, the one committed first keeps it, whatever the names."""
    project = make_project(tmp_path, {"z-first.txt": GOOD})
    commit_all(project)
    (project / "seeds" / "a-later.txt").write_text(GOOD.replace(PROSE, "Gefälscht. " + PROSE))
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert any(line.startswith("seeds/a-later.txt: slug 'nordwerk-steigert-den-gewinn' is "
                               "already used by seeds/z-first.txt") for line in err)
    assert "Gefälscht" not in page(project, "nordwerk-steigert-den-gewinn").read_text()


@pytest.mark.parametrize("names", [
    ("Bericht.txt", "bericht.txt"),
    (unicodedata.normalize("NFC", "Müller.txt"), unicodedata.normalize("NFD", "Müller.txt")),
])
def test_names_that_differ_by_case_or_normalisation_conflict(
    tmp_path: Path, names: tuple[str, str]
) -> None:
    """Two seeds that are one file on macOS or Windows are a conflict, not two pages."""
    project = make_project(tmp_path, {
        names[0]: GOOD, names[1]: GOOD.replace("Nordwerk", "Ostwerk")})
    code, err, _ = check(project)
    assert code == 1
    assert sum("only by case or Unicode normalisation" in line for line in err) == 1
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert len(list((project / "content" / "articles").glob("*.md"))) == 1


# ---------------------------------------------------------------------------- 10. one article


def test_unexpected_errors_cost_only_their_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug hit by one article while extracting, and one hit while rendering, become
    problems naming the file; the other articles are published and nothing links to the
    missing pages; ``--strict`` still fails."""
    from digest import facts as facts_mod
    from digest.pages import publish

    extract, render = facts_mod.extract, publish.render_article

    def broken_extract(text: str, **kw: object) -> object:
        if "EXPLODE" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return extract(text, **kw)  # type: ignore[arg-type]

    def broken_render(entry: object, **kw: object) -> object:
        if "Kaputt" in entry.article.title:  # type: ignore[attr-defined]
            raise ArithmeticError("decimal overflow")
        return render(entry, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(facts_mod, "extract", broken_extract)
    monkeypatch.setattr(publish, "render_article", broken_render)
    project = make_project(tmp_path, {
        "good.txt": GOOD,
        "boom.txt": "Ein Titel\nEXPLODE " + PROSE + "\n",
        "render.txt": "Kaputt beim Rendern\n" + PROSE + "\n",
    })
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert ("seeds/boom.txt: internal error while extracting the facts of this article "
            "(RecursionError: maximum recursion depth exceeded); the other articles are "
            "built; please report it") in err
    assert ("seeds/render.txt: internal error while rendering this article (ArithmeticError: "
            "decimal overflow); the other articles are built; please report it") in err
    assert err[-1] == "skipped 2 seed(s) with errors: seeds/boom.txt, seeds/render.txt"
    assert [p.name for p in (project / "content" / "articles").glob("*.md")] == [
        "nordwerk-steigert-den-gewinn.md"]
    everything = "".join(p.read_text() for p in (project / "content").rglob("*")
                         if p.is_file() and p.suffix in (".md", ".xml", ".json", ".csv"))
    assert "kaputt-beim-rendern" not in everything and "Kaputt" not in everything
    assert run(project, "build", "--no-site", "--strict")[0] == 1
    code, lines, _ = check(project)  # the check finds what the build skipped, both stages
    assert code == 1
    assert {line.split(":")[0] for line in lines if "internal error" in line} == {
        "seeds/boom.txt", "seeds/render.txt"}


def test_repeated_old_slugs_and_undecodable_names_cost_nothing(tmp_path: Path) -> None:
    """An ``old_slugs`` list naming one slug twice builds (one redirect); a file name that is
    not UTF-8 is refused by name; the other articles are published."""
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {
        "good.txt": GOOD,
        "moved.md": "---\ntitle: Umgezogen\nold_slugs: [alt, alt]\n---\n\n" + PROSE + "\n"})
    os.makedirs(project / "seeds", exist_ok=True)
    with open(os.path.join(os.fsencode(project / "seeds"), b"bad-\xff.txt"), "wb") as f:
        f.write(GOOD.replace("Nordwerk", "Westwerk").encode())
    code, err = run(project, "build", "--no-site")
    assert code == 1
    assert any(line.startswith("seeds/bad-\\xff.txt: file name is not valid UTF-8")
               for line in err), err
    assert page(project, "umgezogen").is_file()
    assert (project / "content" / "articles" / "alt" / "index.html").is_file()
    assert page(project, "nordwerk-steigert-den-gewinn").is_file()


# ---------------------------------------------------------------------------- 16-18


def test_an_edit_that_keeps_size_and_time_is_published(tmp_path: Path) -> None:
    """Content hashes decide: a same-length edit with the old time restored is rebuilt."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    seed = project / "seeds" / "a.txt"
    hour_ago = seed.stat().st_mtime_ns - 3_600_000_000_000  # settled long before the build
    os.utime(seed, ns=(hour_ago, hour_ago))
    assert run(project, "build", "--no-site")[0] == 0
    before = seed.stat()
    seed.write_text(GOOD.replace("Aktionäre", "Aktionärx"))
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert seed.stat().st_size == before.st_size
    assert run(project, "build", "--no-site")[0] == 0
    assert "Aktionärx" in page(project, "nordwerk-steigert-den-gewinn").read_text()


def test_a_second_build_refuses_while_one_runs(tmp_path: Path) -> None:
    """Two builds at once would race on the same files: the second stops with a message."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    with open(project / ".digest-build.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242\n")
        held.flush()
        code, err = run(project, "build", "--no-site")
    assert code == 1
    assert err == ["error: another digest build is running in this project (process 4242, "
                   "lock .digest-build.lock); wait for it to finish"]
    assert not (project / "content" / "articles").exists()
    assert run(project, "build", "--no-site")[0] == 0


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    """Temporary folders have unique names per run and the next build removes old ones."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    for name in (".site-build-k1ll3d", ".site-x9", ".pagefind-abc"):
        (project / name / "deep").mkdir(parents=True)
    assert run(project, "build")[0] == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith((".site", ".pagef"))) \
        == []
    assert (project / "site" / "index.html").is_file()
    assert (project / "site").stat().st_mode & 0o777 == 0o755


def _can_mount() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs a private mount namespace (unshare -rm)")
@pytest.mark.parametrize("options", ["full", "ro"], ids=["full", "read-only"])
def test_full_or_read_only_disk_is_one_line(tmp_path: Path, options: str) -> None:
    """A disk that is full or read-only (a real tmpfs, mounted in a private namespace over
    the articles folder) gives one line naming the path and the cause, a non-zero exit and
    the last good site intact."""
    project = make_project(tmp_path, {"a.txt": GOOD})
    assert run(project, "build")[0] == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    big = "\n".join([PROSE] * 60)
    (project / "seeds" / "a.txt").write_text(GOOD + big + "\n")
    (project / "seeds" / "b.txt").write_text(GOOD.replace("Nordwerk", "Südwerk") + big + "\n")
    articles = project / "content" / "articles"
    backup = tmp_path / "backup"
    shutil.copytree(articles, backup)
    script = ('mount -t tmpfs -o size=16k tmpfs "$1" && cp -a "$2"/. "$1"/ && '
              '{ [ "$3" != ro ] || mount -o remount,ro "$1"; } && shift 3 && exec "$@"')
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", str(articles), str(backup), options,
         sys.executable, "-m", "digest.cli", "-f", str(project / "mkdocs.yml"), "build"],
        capture_output=True, text=True, cwd=project, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    cause = "No space left on device" if options == "full" else "Read-only file system"
    assert len(errors) == 1 and str(articles) in errors[0] and cause in errors[0], errors
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site


# ---------------------------------------------------------------------------- 10. property

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from .conftest import SEED  # noqa: E402

_REAL = SEED.read_bytes()


def _mutated(data: st.DataObject) -> bytes:
    raw = bytearray(_REAL)
    for _ in range(data.draw(st.integers(1, 12))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at:at + 1] = data.draw(st.binary(min_size=0, max_size=4))
    return bytes(raw)


FAMILIES = {
    "mutated": _mutated,
    "front matter": lambda d: ("---\n" + d.draw(st.text(max_size=200)) + "\n---\n\n"
                               + PROSE + "\n").encode("utf-8", "surrogatepass"),
    "numbers": lambda d: (f"Zahlen\nDer Konzern verlor {d.draw(st.integers(10**20, 10**60))}"
                          f" {d.draw(st.sampled_from(['Euro', 'Billionen Euro', 'Prozent', '$']))}"
                          f" und {d.draw(st.integers(10**20, 10**60))} per cent. {PROSE}\n"
                          ).encode(),
    "dates": lambda d: (f"Termine\nAm {d.draw(st.integers(0, 99))}. "
                        f"{d.draw(st.sampled_from(['Februar', 'April', 'Jänner', 'Juni']))} "
                        f"{d.draw(st.integers(0, 99999))} und am {d.draw(st.integers(29, 31))} "
                        f"February 2025 geschah es. {PROSE}\n").encode(),
    "repetitive": lambda d: ("Wiederholung\n" + f"{d.draw(st.sampled_from(['Ja', 'A b', 'X']))}\n"
                             * d.draw(st.integers(1500, 4000)) + PROSE + "\n").encode(),
    "old slugs": lambda d: ("---\ntitle: Umzug\nold_slugs: ["
                            + ", ".join(["alt"] * d.draw(st.integers(2, 4))) + "]\n---\n\n"
                            + PROSE + "\n").encode(),
}
NAMES = st.one_of(
    st.sampled_from([b"x.txt", b"y.md", b"z.MD", b"w.TXT", b"bad-\xff.txt", b"ctl\x01.txt",
                     b"nl\n.txt", b"CON.txt", b"_x.md", b"a b .txt"]),
    st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1,
            max_size=40).map(lambda s: s.encode("utf-8", "surrogateescape") + b".txt"),
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_seed_takes_the_others_down(tmp_path_factory: pytest.TempPathFactory,
                                       data: st.DataObject) -> None:
    """Seeds of every hostile family, under odd names and as odd links, never give a
    traceback, and the good article is always published."""
    project = make_project(tmp_path_factory.mktemp("prop"), {"0-good.txt": GOOD})
    seeds = os.fsencode(project / "seeds")
    for _ in range(data.draw(st.integers(1, 3))):
        family = data.draw(st.sampled_from(sorted(FAMILIES)))
        name = data.draw(NAMES)
        if len(name) > 200 or name.startswith((b".", b"0-good")):
            continue
        path = os.path.join(seeds, name)
        with contextlib.suppress(OSError):
            if data.draw(st.booleans()) and family == "mutated":
                os.symlink(data.draw(st.sampled_from([b"/dev/zero", b"nowhere", name, b".."])),
                           path)
            else:
                with open(path, "wb") as f:
                    f.write(FAMILIES[family](data))
    code, err = run(project, "build", "--no-site")
    skipped = [line for line in err if line.startswith("skipped ")]
    assert code == (1 if skipped else 0), err  # exit 1 always says which seeds it skipped
    assert not any("Traceback" in line for line in err)
    assert page(project, "nordwerk-steigert-den-gewinn").is_file(), err


def test_a_topic_named_like_a_page_number_keeps_both_pages(tmp_path: Path) -> None:
    """An organisation called "2" gets a topic page of its own; the organisations index
    keeps its page 2 (one URL, two pages before; four topics per index page here)."""
    seed = ("---\ntitle: Zahlenfirmen\nfacts:\n  add: {orgs: ['2', '3', A AG, B AG, C AG, "
            "D AG, E AG, F AG, G AG]}\n---\n\n" + PROSE + "\n")
    project = make_project(tmp_path, {"a.md": seed},
                           options={"page_size": 1, "topic_min_articles": 1})
    commit_all(project)
    code, err = run(project, "build", "--strict")
    assert code == 0, err
    orgs = project / "site" / "topics" / "orgs"
    pages = sorted(p.parent.name for p in orgs.glob("*/index.html"))
    assert "2" in pages and "3" in pages  # the index's pages 2 and 3
    index_two = (orgs / "2" / "index.html").read_text()
    topic_pages = [p for p in orgs.glob("*--*/index.html")]
    assert len(topic_pages) == 2, pages
    assert all("Zahlenfirmen" in p.read_text() for p in topic_pages)
    assert "Zahlenfirmen" not in index_two
