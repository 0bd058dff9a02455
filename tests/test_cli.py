"""The commands: exact messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.cli import main

from .conftest import make_project


def run(project: Path, *args: str) -> int:
    return main(["-f", str(project / "mkdocs.yml"), *args])


def test_check_reports_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """All broken seeds are listed in one run, compiler-style."""
    project = make_project(tmp_path, {
        "a.md": "---\ntitle: A\ndate: last Tuesday\n---\n\nText.\n",
        "b.txt": "",
        "c.txt": "Good title\nA paragraph with 5 Prozent.\n",
    })
    assert run(project, "check") == 1
    err = capsys.readouterr().err.splitlines()
    assert "seeds/a.md:3: date: expected YYYY-MM-DD or an ISO date-time, got 'last Tuesday'" in err
    assert "seeds/b.txt: empty file: expected a title on line 1" in err


def test_check_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format github prints annotations that GitHub shows on the diff."""
    project = make_project(tmp_path, {"a.md": "---\ntitel: A\n---\n\n# A\n\nText.\n"})
    run(project, "check", "--format", "github")
    out = capsys.readouterr().out
    assert ("::warning file=seeds/a.md,line=2,title=unknown-key::unknown key 'titel'; did you "
            "mean 'title'?") in out


def test_facts_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`digest facts --format json` prints one object per file in the documented shape."""
    project = make_project(tmp_path)
    seed = next((project / "seeds").iterdir())
    assert run(project, "facts", str(seed), "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1
    item = data[0]
    assert item["source"] == f"seeds/{seed.name}"
    assert item["lang"] == "de"
    assert set(item["facts"]) == {"money", "percent", "dates", "orgs", "places", "persons"}
    assert isinstance(item["tags"], list)


def test_facts_json_flags_an_implicit_currency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An amount whose currency comes from the context carries ``implicit_currency``."""
    project = make_project(tmp_path)
    seed = project / "seeds" / "implicit.txt"
    seed.write_text("Bilanz\nDer Konzern setzte 80 Milliarden Euro um und verlor 4,8 Milliarden.\n",
                    encoding="utf-8")
    assert run(project, "facts", str(seed), "--format", "json") == 0
    money = json.loads(capsys.readouterr().out)[0]["facts"]["money"]
    assert [(m["text"], m["currency"], m["implicit_currency"]) for m in money] == [
        ("80 Milliarden Euro", "EUR", False), ("4,8 Milliarden", "EUR", True)]
    assert all("implicit" not in m for m in money)


def test_unreadable_file_for_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is named with the reason."""
    project = make_project(tmp_path)
    assert run(project, "facts", str(tmp_path / "nope.txt")) == 1
    assert "nope.txt: cannot read: No such file or directory" in capsys.readouterr().err


def test_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Running outside a project says where it looked."""
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 1
    assert "mkdocs.yml: not found; run digest from the project folder" in capsys.readouterr().err


def test_build_progress_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--progress reports each step with its count, rate and time; without it (and not on
    a terminal, as in CI) the build says only its summary."""
    project = make_project(tmp_path)
    assert run(project, "build", "--no-site") == 0
    quiet = capsys.readouterr()
    assert "articles:" not in quiet.err
    (project / ".digest-cache").rename(project / ".old-cache")  # build again from scratch
    assert run(project, "build", "--no-site", "--progress") == 0
    err = capsys.readouterr().err
    finished = [line.rsplit("\r", 1)[-1] for line in err.splitlines()]
    for step in ("reading seeds: 1/1 (", "analysing articles: 1/1 (",
                 "rendering articles: 1/1 (", "listings and feeds: 1/1 ("):
        assert any(line.startswith(step) and line.endswith(" s)") for line in finished), err
