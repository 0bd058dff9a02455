"""Runs MkDocs over ``content/`` and swaps the result in, one build at a time per project.

Only this module and the MkDocs plugin touch ``site_dir``. A build over the last site renders
only the pages whose Markdown changed; any other build goes into a fresh folder next to it
that replaces the old one only when complete, so a failed build leaves the last good site. A
lock keeps a second build from racing on the same files.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from digest import cache, fingerprints
from digest.config import Config
from digest.errors import DigestError
from digest.mkdocs_plugin import DigestPlugin
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


SITE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2",
                 "pagefind", "pagefind-bin")
"""Distributions whose version changes every page MkDocs writes."""


def build_site(config: Config, *, strict: bool = False, full: bool = False) -> bool:
    """Run MkDocs; True if only the pages whose Markdown changed were rendered.

    A build over the last site renders the pages whose Markdown the digest rewrote (MkDocs'
    dirty build: the digest keeps the mtime of every file whose bytes did not change),
    re-indexes search and removes what no page gives any more. It is taken only when
    nothing else every page depends on changed since a complete build (``site_fingerprint``)
    and is the same, byte for byte, as a build from scratch. Otherwise, or with ``full``,
    MkDocs builds into a fresh folder that replaces the old one only when complete, so a
    failed build leaves the last good site.
    """
    store = cache.open_cache(config)
    stamp = site_fingerprint(config)
    last, _ = cache.load_site_state(store)
    site = config.root / config.site_dir
    # Material's lunr index is made of the pages rendered in a build: only Pagefind's is
    # made again over every page, so only with it can a build render some pages.
    over_last = (not full and config.search == "pagefind" and last is not None
                 and last.complete and last.fingerprint == stamp
                 and site.is_dir() and not site.is_symlink())
    if over_last and last is not None:
        cache.save_site_state(store, cache.SiteState(stamp, last.indexed, complete=False))
        indexed = _mkdocs(config, site, strict=strict, indexed_before=last.indexed)
    else:
        indexed = _fresh_site(config, site, strict=strict)
    cache.save_site_state(store, cache.SiteState(stamp, indexed, complete=True))
    return over_last


def site_fingerprint(config: Config) -> str:
    """What every page depends on besides its own Markdown: ``mkdocs.yml`` (and the
    environment variables it reads), the theme overrides, the code that drives MkDocs and
    runs in it (the rest of the digest's code changes pages only through ``content/``) and
    the versions of MkDocs, the theme and the indexer."""
    h = hashlib.sha256(fingerprints.site_code_hash().encode())
    h.update(fingerprints.config_hash(config).encode())
    yml = (config.root / "mkdocs.yml").read_bytes()
    h.update(yml)
    for name in sorted(set(re.findall(rb"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", yml))):
        h.update(name + b"=" + os.environb.get(name, b"\0"))
    overrides = config.root / "overrides"
    if overrides.is_dir():
        h.update(fingerprints.tree_hash(overrides).encode())
    h.update(fingerprints.package_versions(SITE_PACKAGES).encode())
    return h.hexdigest()


def _fresh_site(config: Config, site: Path, *, strict: bool) -> tuple[tuple[str, str], ...]:
    """MkDocs into a fresh folder, swapped in when complete: a failed build leaves the old
    site."""
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    except OSError as exc:
        raise DigestError(f"site_dir: cannot create a folder next to {site} "
                          f"({exc.strerror})") from None
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site is readable by all
    try:
        indexed = _mkdocs(config, tmp, strict=strict)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    replace_dir(tmp, site)
    return indexed


def _mkdocs(config: Config, site_dir: Path, *, strict: bool,
            indexed_before: tuple[tuple[str, str], ...] | None = None,
            ) -> tuple[tuple[str, str], ...]:
    """One MkDocs build into ``site_dir``, over the site there when ``indexed_before`` (what
    its search index held) is given; the pages the search index holds now."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    try:
        # Snippet paths in mkdocs.yml are relative to the working folder, as with `mkdocs`.
        with contextlib.chdir(config.root), _quiet_dirty_warning():
            cfg = mkdocs_config(config_file=str(config.root / "mkdocs.yml"),
                                site_dir=str(site_dir), strict=strict)
            plugin = cfg.plugins.get("digest")
            over_last = indexed_before is not None and isinstance(plugin, DigestPlugin)
            if isinstance(plugin, DigestPlugin) and indexed_before is not None:
                plugin.over_last_site(indexed_before)
            mkdocs_build(cfg, dirty=over_last)
    except (MkDocsException, SystemExit) as exc:
        raise DigestError(f"mkdocs build failed: {exc}") from None
    return plugin.indexed if isinstance(plugin, DigestPlugin) else ()


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; the digest's is not (it
    renders every page whose inputs changed), and strict mode would count the warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextlib.contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)
