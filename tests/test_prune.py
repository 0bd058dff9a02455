"""One walk removes what a build no longer makes: files refused, folders left empty, links
as files (never what they point to)."""

from __future__ import annotations

from pathlib import Path

from digest.paths import prune


def test_prune_removes_what_is_not_kept_and_empty_folders(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for rel in ("a/index.html", "a/old.html", "b/c/gone.html", "keep.xml", "d/e/f.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("x")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    kept = {"a/index.html", "keep.xml", "d/e/f.txt"}
    removed = prune(root, kept.__contains__)
    assert removed == ["a/old.html", "b/c/gone.html", "linked"]
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert left == ["a", "a/index.html", "d", "d/e", "d/e/f.txt", "keep.xml"]
    assert (outside / "precious.txt").read_text() == "x"
    assert prune(root, lambda rel: False) and list(root.iterdir()) == [] and root.is_dir()


def test_write_if_changed_writes_new_bytes_only_and_never_through_a_link(
        tmp_path: Path) -> None:
    from digest.paths import write_if_changed

    path = tmp_path / "site" / "a" / "sprite.svg"
    assert write_if_changed(path, b"one") is True
    stamp = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False and path.stat().st_mtime_ns == stamp
    assert write_if_changed(path, b"two") is True and path.read_bytes() == b"two"
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"x")
    path.unlink()
    path.symlink_to(outside)
    assert write_if_changed(path, b"x") is True  # the same bytes, but behind a link
    assert not path.is_symlink() and path.read_bytes() == b"x"
    path.unlink()
    path.symlink_to(outside)
    assert write_if_changed(path, b"three") is True
    assert outside.read_bytes() == b"x" and path.read_bytes() == b"three"
