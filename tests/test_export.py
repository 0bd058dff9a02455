"""The facts exports: one JSON and one CSV file per month (in parts counted from the month's
oldest article) and an index, so a new article changes few files and no file grows with the
archive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.config import load_config
from digest.model import Entry
from digest.pages import export
from digest.pages.render import newest_first

from .conftest import make_project
from .factories import entry


def _files(entries: list[Entry], tmp_path: Path) -> dict[str, bytes]:
    if not (tmp_path / "mkdocs.yml").exists():
        make_project(tmp_path)
    config = load_config(tmp_path / "mkdocs.yml")
    newest = newest_first(entries)
    parts = export.export_parts(newest)
    chunks = [export.fact_chunk(e, config, parts) for e in newest]
    return {f.dest.rsplit("/", 1)[1]: f.content
            for f in export.export_files(export.export_groups(newest), chunks, config)}


def test_a_month_is_split_in_parts_counted_from_its_oldest_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PART_ARTICLES", 2)
    entries = [entry(f"m{d}", month=3, day=d, orgs=("Nordwerk",)) for d in range(1, 6)]
    entries.append(entry("april", month=4, day=1))
    files = _files(entries, tmp_path)
    assert sorted(files) == ["2026-03-2.csv", "2026-03-2.json", "2026-03-3.csv",
                             "2026-03-3.json", "2026-03.csv", "2026-03.json", "2026-04.csv",
                             "2026-04.json", "index.json"]
    titles = {name: [a["title"] for a in json.loads(data)]
              for name, data in files.items() if name.endswith(".json") and name != "index.json"}
    assert titles == {"2026-04.json": ["April"], "2026-03-3.json": ["M5"],
                      "2026-03-2.json": ["M4", "M3"], "2026-03.json": ["M2", "M1"]}
    index = json.loads(files["index.json"])
    assert [(m["month"], m["part"], m["articles"], m["json"]) for m in index["months"]] == [
        ("2026-04", 1, 1, "2026-04.json"), ("2026-03", 3, 1, "2026-03-3.json"),
        ("2026-03", 2, 2, "2026-03-2.json"), ("2026-03", 1, 2, "2026-03.json")]


def test_a_new_article_changes_its_part_and_the_index_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PART_ARTICLES", 2)
    entries = [entry(f"m{d}", month=3, day=d) for d in range(1, 6)]
    before = _files(entries, tmp_path)
    after = _files([*entries, entry("m9", month=3, day=9)], tmp_path)
    changed = sorted(n for n in after if before.get(n) != after[n])
    assert changed == ["2026-03-3.csv", "2026-03-3.json", "index.json"]


def test_an_article_is_said_once_and_its_facts_nested(tmp_path: Path) -> None:
    """The JSON names the article once, with its facts; the CSV has one row per fact and
    leaves the title, language and URL to the JSON."""
    files = _files([entry("nordwerk", month=3, orgs=("Nordwerk", "Ostwerk"))], tmp_path)
    (record,) = json.loads(files["2026-03.json"])
    assert record["title"] == "Nordwerk" and record["lang"] == "de"
    assert record["facts"] == [{"type": "date", "text": "2026", "year": "2026"},
                               {"type": "org", "name": "Nordwerk"},
                               {"type": "org", "name": "Ostwerk"}]
    header, *rows = files["2026-03.csv"].decode().splitlines()
    assert header.split(",") == list(export.CSV_COLUMNS)
    assert "article_title" not in header and len(rows) == 3
    # A row names the article by its slug; the index says how the slug makes its URL.
    assert all(row.startswith(record["article"] + ",") for row in rows)
    template = json.loads(files["index.json"])["article_url_template"]
    assert template.format(article=record["article"]) == record["url"]
    assert "https://" not in files["2026-03.csv"].decode()
