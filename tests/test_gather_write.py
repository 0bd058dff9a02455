"""Gather, then write: a command reads each seed once and asks git once, the stages between
touch no disk, and one writer in the main process writes every file."""

from __future__ import annotations

import ast
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import digest.check  # noqa: F401  (imported now, so the counting below patches it too)
from digest import parallel, paths, write
from digest.cli import main
from digest.model import OutputFile

from .conftest import DATA, make_project
from .support import commit_all

ROOT = Path(__file__).resolve().parent.parent


def _seeds() -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((DATA / "fixture_site").glob("0*.md"))}


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of each seed read from disk (by name) and of each ``git log`` run."""
    counts: Counter[str] = Counter()
    real_read, real_run = paths.read_regular, subprocess.run

    def read_regular(path: Path, limit: int) -> bytes:
        if "seeds" in Path(path).parts:
            counts[f"read {Path(path).name}"] += 1
        return real_read(path, limit)

    def run(args: Any, *a: Any, **kw: Any) -> Any:
        if isinstance(args, list) and args[:2] == ["git", "log"]:
            counts["git log"] += 1
        return real_run(args, *a, **kw)

    for module in _digest_modules():
        if getattr(module, "read_regular", None) is real_read:
            monkeypatch.setattr(module, "read_regular", read_regular)
    monkeypatch.setattr(subprocess, "run", run)
    return counts


def _digest_modules() -> list[Any]:
    import sys
    return [m for name, m in sorted(sys.modules.items())
            if name == "digest" or name.startswith("digest.")]


@pytest.mark.parametrize("command", [["build", "--no-site"], ["check"]])
def test_a_command_reads_each_seed_once_and_asks_git_once(
    tmp_path: Path, counted: Counter[str], command: list[str]
) -> None:
    seeds = _seeds()
    project = make_project(tmp_path, seeds)
    commit_all(project)
    counted.clear()
    assert main(["-f", str(project / "mkdocs.yml"), *command]) == 0
    assert {name: counted[f"read {name}"] for name in seeds} == {name: 1 for name in seeds}
    assert counted["git log"] == 1


def test_one_writer_in_the_main_process_writes_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With rendering forced onto worker processes, every file of ``content/`` the digest
    owns still passes through the writer, in this process."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    writers: dict[str, int] = {}
    real = write.write_file

    def recorded(f: OutputFile, config: Any) -> bool:
        writers[f.dest] = os.getpid()
        return real(f, config)

    monkeypatch.setattr(write, "write_file", recorded)
    project = make_project(tmp_path, _seeds(), options={"topic_min_articles": 1})
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"]) == 0
    owned = {p.relative_to(project).as_posix() for d in ("articles", "topics", "tags")
             for p in (project / "content" / d).rglob("*") if p.is_file()}
    assert len(owned) > 20
    assert owned <= set(writers)
    assert set(writers.values()) == {os.getpid()}


FILE_WRITES = {"write_bytes", "write_text", "mkdir", "unlink", "rmdir", "touch", "write_file",
               "write_outputs", "write_streams", "rmtree", "copyfile"}
OS_WRITES = {"replace", "rename", "remove", "makedirs", "removedirs"}


def _writes(node: ast.AST) -> bool:
    """A call's target that writes or removes files (``os.replace``, ``path.write_bytes``)."""
    if not isinstance(node, ast.Attribute):
        return False
    owner = node.value.id if isinstance(node.value, ast.Name) else ""
    return node.attr in FILE_WRITES or (owner == "os" and node.attr in OS_WRITES)


def test_the_stages_between_gathering_and_writing_touch_no_disk() -> None:
    """No module of a stage package writes or removes a file, and none imports the writer:
    only ``write.py`` writes what the digest owns."""
    wrong = []
    for stage in ("read", "facts", "link", "pages"):
        for path in sorted((ROOT / "digest" / stage).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if _writes(node):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
                if isinstance(node, ast.ImportFrom) and node.module == "digest.write":
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports the writer")
    assert wrong == []


def test_the_recipe_hands_everything_to_one_writer() -> None:
    """``build.py`` takes nothing from the writer but the call that writes the whole site."""
    tree = ast.parse((ROOT / "digest" / "build.py").read_text(encoding="utf-8"))
    taken = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "digest.write" for a in node.names}
    assert taken == {"WriteReport", "write_outputs"}
