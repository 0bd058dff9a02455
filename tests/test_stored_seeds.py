"""Seeds read and tagged by an earlier build come back from the cache exactly as they were
made, and only a seed whose bytes, git date, code or config changed is read and tagged
again: the pages are those of a build from scratch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from digest import build, cache, fingerprints, shards
from digest.build import collect, digest_stage
from digest.config import Config, load_config
from digest.model import Tag
from digest.read import ingest
from digest.read.ingest import SeedContext, read_seed
from digest.read.sources import gather_sources
from digest.read.stored import seed_key, stored_from, stored_to
from digest.records import entry_from, entry_to

from .conftest import BUILD_TIME, DATA, SEED, make_project
from .support import commit_all, fixture_seeds

GIT_DATE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SEEDS: dict[str, bytes] = {
    "front-matter.md": (
        "---\ntitle: Nordwerk kauft zu\ndate: 2026-05-04T10:15:00+02:00\nauthor: Lena Hofer\n"
        "tags: [Energie, Tirol]\nsummary: Ein Kauf.\nslug: nordwerk-kauft\n"
        "old_slugs: [nordwerk-alt]\nsource: https://example.org/a\nfacts:\n  add:\n"
        "    orgs: [Nordwerk]\n  remove: [Wien]\n  rename:\n    EZB: Europäische Zentralbank\n"
        "---\n\nDie Nordwerk AG kauft für 2 Mio. Euro zu.\n\n## Zahlen\n\n- eins\n- zwei\n"
    ).encode(),
    "a-date.md": b"---\ntitle: Ein Tag\ndate: 2026-05-04\n---\n\nText mit 3 Prozent.\n",
    "dateline.txt": ("Wien baut aus\nWien (APA) - Die Stadt baut aus.\nKommentare\n"
                     "Die Entscheidung fiel einstimmig. (APA, 7. Jänner 2016)\n").encode(),
    "source-line.txt": b"Title here\nThe lead says 5 percent.\nSource: Reuters\n",
    "cp1252.txt": "Zürich wächst\nDer Umsatz stieg um 4 Prozent.\n".encode("cp1252"),
    "bad.md": b"---\ntitle: [unclosed\n---\n\nText.\n",
    "long.txt": ("T" * 400 + "\nText.\n").encode(),
    "empty.txt": b"  \n",
}


def _files() -> dict[str, bytes]:
    found = {f"seeds/{name}": data for name, data in SEEDS.items()}
    for folder in ("golden_seeds", "fixture_site", "hostile"):
        for path in sorted((DATA / folder).iterdir()):
            if path.suffix in (".md", ".txt") and path.name != "README.md":
                found[f"seeds/{folder}-{path.name}"] = path.read_bytes()
    found[f"seeds/{SEED.name}"] = SEED.read_bytes()
    return found


@pytest.mark.parametrize(("path", "data"), sorted(_files().items()))
@pytest.mark.parametrize("git_date", [GIT_DATE, None])
def test_a_stored_seed_comes_back_as_read(config: Config, path: str, data: bytes,
                                          git_date: dt.datetime | None) -> None:
    """Through JSON and back: the same article (its repr, which the extraction key hashes,
    time zones included), problems, front-matter lines and own date."""
    read = read_seed(path, data, SeedContext(config, git_date, BUILD_TIME))
    back, key = stored_from(json.loads(json.dumps(stored_to(read, "k"))))
    assert repr(back) == repr(read)
    assert back == read
    assert key == "k"


def test_the_round_trip_sees_zones_corrections_and_problems(config: Config) -> None:
    """The table above holds what the round trip must carry (else it proves little)."""
    ctx = SeedContext(config, GIT_DATE, BUILD_TIME)
    reads = {name: read_seed(f"seeds/{name}", data, ctx) for name, data in SEEDS.items()}
    fm = reads["front-matter.md"].article
    assert fm is not None and fm.corrections is not None and fm.old_slugs and fm.tags
    assert any(b.plain for b in fm.blocks)
    dated = reads["a-date.md"].article
    assert dated is not None
    assert repr(dated.date.tzinfo) == f"zoneinfo.ZoneInfo(key='{config.timezone}')"
    assert reads["dateline.txt"].own_date is not None
    assert reads["bad.md"].article is None and reads["bad.md"].problems
    assert reads["long.txt"].problems


@pytest.mark.parametrize("damage", [
    lambda r: r[:4],
    lambda r: [*r[:4], 7],
    lambda r: [[*r[0][:6], ["2026-03-02T09:00:00", None], *r[0][7:]], *r[1:]],
    lambda r: [[*r[0][:6], ["2026-03-02T09:00:00+01:00", "../../etc/passwd"], *r[0][7:]],
               *r[1:]],
    lambda r: [[*r[0][:6], ["2026-03-02T09:00:00+01:00", "Nowhere/Atlantis"], *r[0][7:]],
               *r[1:]],
    lambda r: [[*r[0][:3], [["p", 1, None]], *r[0][4:]], *r[1:]],
    lambda r: [r[0], [{"path": "x"}], *r[2:]],
    lambda r: [r[0], r[1], {"title": "1"}, *r[3:]],
])
def test_a_damaged_record_is_refused(config: Config, damage: object) -> None:
    read = read_seed("seeds/a.txt", b"Titel\nText.\n", SeedContext(config, GIT_DATE, BUILD_TIME))
    record = json.loads(json.dumps(stored_to(read, "k")))
    assert callable(damage)
    with pytest.raises((ValueError, TypeError, KeyError, OSError)):
        stored_from(damage(record))


def test_the_key_is_of_the_bytes_path_and_git_date() -> None:
    key = seed_key("salt", "seeds/a.txt", b"x", GIT_DATE)
    assert key is not None
    others = [seed_key("salt2", "seeds/a.txt", b"x", GIT_DATE),
              seed_key("salt", "seeds/b.txt", b"x", GIT_DATE),
              seed_key("salt", "seeds/a.txt", b"y", GIT_DATE),
              seed_key("salt", "seeds/a.txt", b"x", GIT_DATE + dt.timedelta(seconds=1))]
    assert len({key, *others}) == 5
    assert seed_key("salt", "seeds/a.txt", b"x", None) is None  # dated by the build


def test_a_stored_entry_comes_back_as_made(tmp_path: Path) -> None:
    """Every entry of the fixture site (facts of each kind, tags in two languages, entities)
    through JSON and back: the same entry, down to its repr, which its digest hashes."""
    project = make_project(tmp_path, fixture_seeds())
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    made = collect(config, gather_sources(config), build_time=BUILD_TIME)
    assert made.entries and any(e.facts.money and e.entities and any(t.names for t in e.tags)
                                for e in made.entries)
    for entry in made.entries:
        record = json.loads(json.dumps(entry_to(entry, "d")))
        back, digest = entry_from(record, entry.article)
        assert repr(back) == repr(entry)
        assert digest == "d"
    kept = {entry.article.source: digest for entry, digest in made.digests.values()}
    assert kept == {e.article.source: fingerprints.entry_digest(e) for e in made.entries}


@pytest.mark.parametrize("damage", [
    lambda r: {**r, "tags": [["name", "slug", [], "key", "", "yes"]]},
    lambda r: {**r, "entities": [["orgs:x"]]},
    lambda r: {k: v for k, v in r.items() if k != "digest"},
    lambda r: {**r, "terms": [1]},
])
def test_a_damaged_entry_is_refused(tmp_path: Path, damage: object) -> None:
    project = make_project(tmp_path)
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    entry = collect(config, gather_sources(config), build_time=BUILD_TIME).entries[0]
    assert callable(damage)
    with pytest.raises((ValueError, TypeError, KeyError)):
        entry_from(damage(json.loads(json.dumps(entry_to(entry, "d")))), entry.article)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    read_one = ingest._read_one

    def spy(config: Config, sources: object, build_time: dt.datetime,
            path: str) -> ingest.ReadResult:
        seen.append(path)
        return read_one(config, sources, build_time, path)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "_read_one", spy)
    return seen


def _tagging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    make_entry = build.make_entry

    def spy(article: object, *args: object) -> object:
        seen.append(article.source)  # type: ignore[attr-defined]
        return make_entry(article, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "make_entry", spy)
    return seen


def test_a_rebuild_reads_and_tags_only_the_seeds_that_changed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "q").mkdir()
    project = make_project(tmp_path / "p", fixture_seeds())
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    seen = _reads(monkeypatch)
    tagged = _tagging(monkeypatch)
    digest_stage(config, build_time=BUILD_TIME)
    assert len(seen) == len(tagged) == len(fixture_seeds())
    assert list((project / cache.CACHE_DIR).glob(f"{shards.READS}-*.json"))
    assert list((project / cache.CACHE_DIR).glob(f"{shards.ENTRIES}-*.json"))
    edited = project / "seeds" / SEED.name
    edited.write_text(edited.read_text() + "Ein Satz mehr.\n")
    (project / "seeds" / "new.txt").write_text("Uncommitted\nDated by the build.\n")
    commit_all(project, "edit")
    (project / "seeds" / "local.txt").write_text("Local\nNot committed yet.\n")
    seen.clear()
    tagged.clear()
    again = digest_stage(config, build_time=BUILD_TIME)
    changed = sorted([f"seeds/{SEED.name}", "seeds/new.txt", "seeds/local.txt"])
    assert sorted(seen) == sorted(tagged) == changed
    # the same pages as a build from scratch of the same seeds
    scratch = make_project(tmp_path / "q", {})
    for seed in (project / "seeds").iterdir():
        (scratch / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (scratch / "seeds" / "local.txt").unlink()
    commit_all(scratch)
    (scratch / "seeds" / "local.txt").write_text("Local\nNot committed yet.\n")
    cold = digest_stage(load_config(scratch / "mkdocs.yml"), build_time=BUILD_TIME)
    assert again.errors == cold.errors == []
    assert _content(project) == _content(scratch)


def _content(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "content").rglob("*")) if p.is_file()}


def test_a_tag_on_many_stored_entries_is_rebuilt_once(tmp_path: Path) -> None:
    project = make_project(tmp_path, fixture_seeds())
    commit_all(project)
    config = load_config(project / "mkdocs.yml")
    entries = collect(config, gather_sources(config), build_time=BUILD_TIME).entries
    shared: dict[str, Tag] = {}
    back = [entry_from(json.loads(json.dumps(entry_to(e, "d"))), e.article, shared)[0]
            for e in entries]
    assert [repr(b) for b in back] == [repr(e) for e in entries]
    by_value: dict[object, set[int]] = {}
    for b in back:
        for t in (*b.tags, *(t for _, t in b.entities)):
            by_value.setdefault(t, set()).add(id(t))
    assert any(len(ids) == 1 for ids in by_value.values())
    assert all(len(ids) == 1 for ids in by_value.values())  # one object per distinct tag
    assert len(by_value) == len(shared)
