"""The tree shows the pipeline: each stage package imports only earlier stages and the shared
modules, and only the recipe and the commands put stages together (docs/architecture.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read", "facts", "link", "pages")
"""The stage packages in pipeline order."""
ASSEMBLERS = {"build", "check", "cli", "new", "preview", "serve", "serve_hook"}
"""Top-level modules allowed to import any stage: the recipe and the commands."""


def _digest_imports(path: Path) -> set[str]:
    """The ``digest.*`` modules a file imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digest"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("digest")}
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for stage in STAGES:
        for path in sorted((ROOT / "digest" / stage).glob("*.py")):
            for module in _digest_imports(path):
                other = _stage(module)
                if other and STAGES.index(other) > STAGES.index(stage):
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_shared_modules_import_no_stage() -> None:
    wrong = []
    for path in sorted((ROOT / "digest").glob("*.py")):
        if path.stem in ASSEMBLERS:
            continue
        wrong += [f"{path.relative_to(ROOT)} imports {m}" for m in _digest_imports(path)
                  if _stage(m)]
    assert wrong == []


def test_the_map_names_every_module_and_only_those() -> None:
    """Every module the architecture map names exists, and every module is on the map."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "digest").rglob("*.py")
               if p.name != "__init__.py" or p.parent.name == "facts"}
    named = set(re.findall(r"digest/[\w/]+\.py", text))
    for pattern in re.findall(r"digest/facts/(\w+)\*\.py", text):
        named |= {m for m in modules if m.startswith(f"digest/facts/{pattern}")}
    assert sorted(named - modules) == []
    assert sorted(modules - named) == []
