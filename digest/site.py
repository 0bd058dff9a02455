"""Runs MkDocs over ``content/`` and swaps the result in, one build at a time per project.

Only this module and the MkDocs plugin touch ``site_dir``: a new site is built in a fresh folder
next to it and replaces the old one only when complete, so a failed build leaves the last good
site; a lock keeps a second build from racing on the same files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError
from digest.write import replace_dir

LOCK_FILE = ".digest-build.lock"


@contextlib.contextmanager
def build_lock(config: Config) -> Iterator[None]:
    """One build at a time per project: a second one stops with a message instead of racing
    on the same files; the leftovers of a killed build are removed once the lock is held."""
    path = config.root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise DigestError(f"{LOCK_FILE}: cannot open the build lock ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise DigestError(f"another digest build is running in this project (process "
                              f"{holder}, lock {LOCK_FILE}); wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        remove_leftovers(config)
        yield
    finally:
        os.close(fd)


def remove_leftovers(config: Config) -> None:
    """Temporary folders of builds that were killed (their names are unique per run)."""
    site = config.root / config.site_dir
    stale = [*site.parent.glob(f".{site.name}-build-*"), site.with_name(f".{site.name}-old"),
             *config.root.glob(".site-*"), *config.root.glob(".pagefind-*")]
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def build_site(config: Config, *, strict: bool = False) -> None:
    """Run MkDocs into a fresh folder and swap it in: a failed build leaves the old site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    site = config.root / config.site_dir
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    except OSError as exc:
        raise DigestError(f"site_dir: cannot create a folder next to {site} "
                          f"({exc.strerror})") from None
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site is readable by all
    try:
        # Snippet paths in mkdocs.yml are relative to the working folder, as with `mkdocs`.
        with contextlib.chdir(config.root):
            cfg = mkdocs_config(config_file=str(config.root / "mkdocs.yml"),
                                site_dir=str(tmp), strict=strict)
            mkdocs_build(cfg)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise DigestError(f"mkdocs build failed: {exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    replace_dir(tmp, site)
