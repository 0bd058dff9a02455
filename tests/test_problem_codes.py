"""Every problem the digest reports carries a stable code, so that nothing (the CLI, CI
annotations, a maintainer's filter) has to recognise a problem by its message text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from digest.cli import main
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _problem_calls() -> list[tuple[str, int, ast.Call]]:
    calls = []
    for path in sorted((ROOT / "digest").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                calls.append((str(path.relative_to(ROOT)), node.lineno, node))
    return calls


def test_every_problem_is_made_with_a_code() -> None:
    calls = _problem_calls()
    assert len(calls) > 50
    missing = []
    for where, line, call in calls:
        codes = [k.value for k in call.keywords if k.arg == "code"]
        if where == "digest/records.py" and not codes:
            continue  # problems read back from the cache keep the code they were saved with
        if not codes or not isinstance(codes[0], ast.Constant) or not CODE.fullmatch(
            str(codes[0].value)
        ):
            missing.append(f"{where}:{line}")
    assert missing == []


def test_ci_annotations_name_the_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``digest check --format github`` gives each annotation its code as the title."""
    project = make_project(tmp_path)
    (project / "seeds" / "empty.txt").write_bytes(b"")
    assert main(["-f", str(project / "mkdocs.yml"), "check", "--format", "github"]) == 1
    out = capsys.readouterr()
    assert ("::error file=seeds/empty.txt,title=empty-file::empty file: expected a title on "
            "line 1") in out.out + out.err
