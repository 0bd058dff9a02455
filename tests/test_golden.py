"""End to end: the seed's generated pages and feeds equal the committed golden files."""

from __future__ import annotations

from pathlib import Path

from .golden import GOLDEN, generate


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_output_matches_golden(tmp_path: Path) -> None:
    """Any change of output is deliberate: regenerate with `make golden` and review the diff."""
    generate(tmp_path / "out")
    got, want = _tree(tmp_path / "out"), _tree(GOLDEN)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name].decode() == want[name].decode(), name
