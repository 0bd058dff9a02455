"""MkDocs plugin ``digest``: per-page language and the optional Pagefind search backend.

Material writes the site language into every page's ``<html lang>`` and frames every page
with its words in that language; articles in another language get their own, in both, so
readers, browsers, screen readers and hyphenation treat them right.

With ``extra.digest.search: pagefind`` the site keeps Material's search box and result list,
but the worker behind them answers from a Pagefind index that browsers fetch in small chunks,
instead of one lunr index of every page that every reader downloads.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from digest import pagefind
from digest.config import DIGEST_DEFAULTS, generated_dirs
from digest.frame import ICONS, PALETTE, palette_script, share_icons, squeeze_html, write_icons
from digest.paths import escaping_links, prune, write_if_changed
from digest.sitemap import SITEMAP, gzipped, sitemap_xml, source_date

WORKER = Path(__file__).parent / "assets" / "pagefind-worker.js"
SEARCH_BACKENDS = ("lunr", "pagefind")
PAGE_LANGUAGES = ("de", "en")
"""Languages a page may name in its front matter (``lang:``), as articles do."""
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_BODY = re.compile(r"<[a-z][^<>]*\sdata-pagefind-body[\s=>]")


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language a page is written in: its own (``lang:`` of an article), else the site's.
    Material's interface words follow it too (overrides/partials/language.html)."""
    lang = page.meta.get("lang")
    return lang if lang in PAGE_LANGUAGES else str(config.theme["language"])


def _digest_option(config: MkDocsConfig, key: str, default: Any) -> Any:
    """A setting under ``extra: digest:`` as written, or ``default``: the plugin also runs in
    a plain `mkdocs build`, before the digest's own validation."""
    extra = config.extra.get("digest") or {}
    return extra.get(key, default) if isinstance(extra, dict) else default


def search_backend(config: MkDocsConfig) -> str:
    backend = _digest_option(config, "search", "lunr")
    if backend not in SEARCH_BACKENDS:
        raise PluginError(f"extra.digest.search: expected one of {', '.join(SEARCH_BACKENDS)}, "
                          f"got {backend!r}")
    return str(backend)


@dataclass(frozen=True)
class TagLink:
    """What Material's tag chips need of a tag."""

    name: str
    url: str
    hidden: bool = False


class DigestPluginConfig(Config):  # type: ignore[no-untyped-call]
    """No options of its own: the digest's settings live under ``extra: digest:``."""


class DigestPlugin(BasePlugin[DigestPluginConfig]):  # type: ignore[no-untyped-call]
    """Runs inside MkDocs, so `mkdocs build` and `digest build` give the same site."""

    _over_last: tuple[tuple[str, str], ...] | None = None
    indexed: tuple[tuple[str, str], ...] = ()
    """After a build: the pages (site-relative) the search index holds, each with its group
    (an article's year; ``""`` for the other pages)."""

    def over_last_site(self, indexed_before: Sequence[tuple[str, str]]) -> None:
        """This build renders only the pages whose Markdown changed, over the last site
        (whose search index held ``indexed_before``): what the other pages gave is kept, a
        search bundle none of whose pages changed stays as it is, and what no page gives any
        more is removed after the build."""
        self._over_last = tuple(indexed_before)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The digest's one rule for paths, also for a plain `mkdocs build`: nothing the site
        # publishes may come from outside the project through a symbolic link.
        root = Path(config.config_file_path).parent
        folders = [Path(config.docs_dir)]
        custom = config.theme.custom_dir
        if custom:
            folders.append(Path(custom))
        found = [f"{p}: {reason}" for p, reason in escaping_links(folders, root)]
        if found:
            raise PluginError("refusing to publish what lies outside the project: "
                              + "; ".join(found))
        config.theme.static_templates.discard(SITEMAP)  # the digest writes it (sitemap.py)
        if search_backend(config) == "pagefind":
            # Material's search plugin stays for its search box and result list, but its
            # lunr index of every page would be thrown away: skip building it (about a
            # tenth of the build's time, and all the site's text held in memory).
            searches = [p for name, p in config.plugins.items()
                        if name in ("search", "material/search")]
            handlers = config.plugins.events["page_context"]
            handlers[:] = [h for h in handlers
                           if not any(getattr(h, "__self__", None) is p for p in searches)]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._files = files
        self._generated = tuple(
            f"{d}/" for d in generated_dirs(dict(config.extra or {}).get("digest")))
        self._deferred: set[str] = set()
        self._indexed: dict[str, str] = {}
        self._rendered: set[str] = set()
        self._rewritten: dict[str, Path] = {}
        """Indexed pages rendered again with other bytes -> their last version, kept aside
        until the build knows which bundles it indexes anew anyway."""
        self._aside: tempfile.TemporaryDirectory[str] | None = None
        self._was_indexed = {p for p, _ in self._over_last or ()}
        self._icons: dict[str, str] = {}
        self._compare: pagefind.Service | None = None
        if self._over_last is not None:
            # Hand-written pages include generated snippets (the home page's latest
            # articles): always rendered again, as their own Markdown may not have changed.
            for f in files.documentation_pages():
                if not f.src_uri.startswith(self._generated):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f.abs_dest_path)
        return files

    @event_priority(-100)  # after every other plugin has seen the page's Markdown
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # MkDocs converts every page before it writes the first one, so a 10,000-article
        # site would hold all its HTML at once. Generated pages (titled in their front
        # matter, no Material listing in them) are converted only when written, below.
        if (page.file.src_uri.startswith(self._generated) and "title" in page.meta
                and "<!-- material/tags" not in markdown):
            self._deferred.add(page.file.src_uri)
            return ""
        return markdown

    @event_priority(100)  # before any other plugin (lunr's index) reads the content
    def on_page_context(
        self, context: Any, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        if page.file.src_uri in self._deferred:
            page.read_source(config)
            page.render(config, self._files)
        context["digest_lang"] = page_language(page, config)
        # Tag chips link to the digest's paginated tag pages; Material's tags plugin, which
        # fills ``tags`` only where it is still unset, would link one page listing them all.
        digest = page.meta.get("digest")
        names, urls = page.meta.get("tags"), isinstance(digest, dict) and digest.get("tag_urls")
        if isinstance(names, list) and isinstance(urls, list) and len(names) == len(urls):
            context["tags"] = [TagLink(str(n), str(u)) for n, u in zip(names, urls, strict=True)]
        return context

    @event_priority(-100)  # after any other plugin: what is written is what is indexed
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self._deferred:
            page.content = page.markdown = None  # written: nothing needs them any more
        if page.meta.get("lang") in PAGE_LANGUAGES:
            output = _HTML_LANG.sub(f'<html lang="{page_language(page, config)}"', output,
                                    count=1)
        output = squeeze_html(output)
        output = share_icons(output, get_relative_url(ICONS, page.url), self._icons)
        # Pagefind gets the pages that mark what it may index (an article's lead and body, a
        # topic's name); the rest of every page, and every other page, stays out of it.
        self._rendered.add(page.file.dest_uri)
        if search_backend(config) == "pagefind" and _BODY.search(output):
            self._indexed[page.file.dest_uri] = _search_group(page, config)
            if page.file.dest_uri in self._was_indexed:
                self._set_aside(page.file.dest_uri, output, Path(config.site_dir))
        return output

    def _set_aside(self, rel: str, html: str, site: Path) -> None:
        """Keep the last version of a page rendered again (still on disk: MkDocs writes the
        page after this event) when its bytes change, to compare what it gives search."""
        old = site / rel
        try:
            if old.read_text(encoding="utf-8") == html:
                return
        except (OSError, UnicodeDecodeError):
            pass
        if self._aside is None:
            self._aside = tempfile.TemporaryDirectory(prefix="digest-search-")
        kept = Path(self._aside.name) / f"{len(self._rewritten)}.html"
        try:
            shutil.copyfile(old, kept)
        except OSError:
            kept = Path(self._aside.name) / "missing"  # no last version: it differs
        self._rewritten[rel] = kept

    def _search_differs(self, rel: str, site: Path, language: str) -> bool:
        """Whether a page rendered again gives search other than its last version did. A
        new related article changes many pages, but only outside what Pagefind reads, so
        their bundles stay."""
        try:
            old = self._rewritten[rel].read_text(encoding="utf-8")
            new = (site / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return True
        if pagefind.search_view(old) == pagefind.search_view(new):
            return False  # the change is where Pagefind does not read: no need to ask it
        if self._compare is None:
            self._compare = pagefind.Service(site)
        return (pagefind.contribution(self._compare, rel, old, language)
                != pagefind.contribution(self._compare, rel, new, language))

    def _close_compare(self, *, failed: bool = False) -> None:
        compare, self._compare = self._compare, None
        if compare is not None and failed:
            compare.kill()
        elif compare is not None:
            compare.close()
        aside, self._aside = self._aside, None
        if aside is not None:
            aside.cleanup()

    def on_build_error(self, error: Exception) -> None:
        self._close_compare(failed=True)

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        groups = dict(self._indexed)
        if self._over_last is not None:
            # Pages not rendered again keep their place in the index; gone pages leave it.
            current = {f.dest_uri for f in self._files.documentation_pages()}
            groups |= {p: g for p, g in self._over_last
                       if p in current and p not in self._rendered}
        self.indexed = tuple(sorted(groups.items()))
        if search_backend(config) == "pagefind":
            self._write_pagefind(config, site, groups)
        self._close_compare()
        write_icons(site / ICONS, self._icons, keep_old=self._over_last is not None)
        write_if_changed(site / PALETTE, palette_script().encode())
        pages = [f.page for f in self._files.documentation_pages()]
        xml = sitemap_xml((p.canonical_url or p.abs_url or "",
                           p.meta.get("date") if p.markdown is not None
                           else source_date(p.file.abs_src_path))
                          for p in pages if p is not None and (p.canonical_url or p.abs_url))
        write_if_changed(site / SITEMAP, xml)
        write_if_changed(site / f"{SITEMAP}.gz", gzipped(xml))
        if self._over_last is not None:
            _sweep(site, self._files, config)

    def _write_pagefind(self, config: MkDocsConfig, site: Path, groups: dict[str, str]) -> None:
        size = bundle_pages(config)
        # Pagefind holds everything it indexes in memory (about 0.3 MB per article page) and
        # cannot add a page to an index, so articles are indexed in bundles by year (of at
        # most ``search_bundle_pages`` pages), which the search worker merges: a new article
        # costs its year's bundle, not the site's. A bundle none of whose pages changed since
        # the last build is kept as it is.
        bundles = search_bundles(groups, size)
        language = str(config.theme.get("language", "de"))
        kept: set[str] = set()
        if self._over_last is not None:
            # A bundle whose pages are the same keeps its files unless one of its pages
            # rendered again gives search something else; pages of a bundle indexed anew
            # anyway (a new article's) are not compared.
            before = search_bundles(dict(self._over_last), size)
            kept = {name for name, pages in bundles.items()
                    if before.get(name) == pages
                    and (site / name).is_dir() and not (site / name).is_symlink()
                    and not any(self._search_differs(rel, site, language)
                                for rel in pages if rel in self._rewritten)}
        for old in (*site.glob("pagefind"), *site.glob("pagefind-*")):
            if old.is_symlink() or not old.is_dir():
                old.unlink()
            elif old.name not in bundles:
                shutil.rmtree(old)
        for name, pages in bundles.items():
            if name not in kept:
                # A service per bundle: Pagefind holds what it indexes in memory.
                with pagefind.Service(site) as service:
                    files = pagefind.index(service, [
                        (rel, (site / rel).read_text(encoding="utf-8")) for rel in pages],
                        language)
                pagefind.write_bundle(site / name, files)
        # The worker loads Pagefind from a bundle that holds pages (an empty one has no
        # language index to start from) and merges the others that hold any.
        holding = [name for name, pages in bundles.items() if pages] or ["pagefind"]
        worker_js = WORKER.read_text(encoding="utf-8").replace(
            'const BUNDLES = ["pagefind"]', f"const BUNDLES = {json.dumps(holding)}")
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
        if not workers:
            raise PluginError("pagefind search needs Material's search plugin enabled")
        for worker in workers:
            if worker.suffix == ".js" and not worker.name.endswith(".map"):
                worker.write_text(worker_js, encoding="utf-8")
        for stale in (site / "assets" / "javascripts" / "workers").glob("search.*.map"):
            stale.unlink()
        index = site / "search" / "search_index.json"
        data: dict[str, Any] = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps({"config": data.get("config", {}), "docs": []}),
                         encoding="utf-8")


def bundle_pages(config: MkDocsConfig) -> int:
    value = _digest_option(config, "search_bundle_pages", DIGEST_DEFAULTS["search_bundle_pages"])
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PluginError("extra.digest.search_bundle_pages: expected a whole number of pages "
                          f"of at least 1, got {value!r}")
    return value


def _sweep(site: Path, files: Files, config: MkDocsConfig) -> None:
    """After a build over the last site: remove every file no page, asset or template of
    this build wrote (an article deleted, a page no longer made), and emptied folders."""
    keep = {f.dest_uri for f in files}
    keep |= {t for t in config.theme.static_templates}
    keep |= {f"{t}.gz" for t in config.theme.static_templates if t.endswith(".xml")}
    keep.add("search/search_index.json")
    keep |= {ICONS, PALETTE, SITEMAP, f"{SITEMAP}.gz"}
    bundles = ("pagefind/", "pagefind-")
    prune(site, lambda rel: rel in keep or rel.startswith(bundles))


def _search_group(page: Page, config: MkDocsConfig) -> str:
    """Where a page goes in the search index: an article to its year's bundle, placed by
    its date (``2026|2026-03-02T09:00:00+01:00``), every other indexed page (a topic's
    name) to the first bundle (``""``)."""
    folder = _digest_option(config, "articles_dir", DIGEST_DEFAULTS["articles_dir"])
    date = str(page.meta.get("date", ""))
    if page.file.src_uri.startswith(f"{folder}/") and date[:4].isdigit():
        return f"{date[:4]}|{date}"
    return ""


TAIL_PARTS = 4
"""Pieces the newest year's growing part is indexed in until it is full."""


def search_bundles(groups: dict[str, str], size: int) -> dict[str, list[str]]:
    """Bundle name -> its pages: ``pagefind`` for the pages of no year (always there, so the
    worker has one to start from), ``pagefind-2026`` for an article year, each split in
    parts of at most ``size`` pages counted from the year's oldest article
    (``pagefind-2026-2``), so a new article changes the newest part only; newest year
    first. ``groups``: page -> ``_search_group``.

    The newest year's last part, the one new articles join, is indexed in pieces of
    ``size // TAIL_PARTS`` pages (``pagefind-2026-2``, ``pagefind-2026-2-t2``, ...) until it
    is full, when it becomes one bundle: a new article costs a small bundle, and the search
    merges at most ``TAIL_PARTS - 1`` more."""
    by_group: dict[str, list[str]] = {"": []}
    for page, place in sorted(groups.items(), key=lambda item: (item[1], item[0])):
        by_group.setdefault(place.partition("|")[0], []).append(page)
    newest = max(by_group)
    step = max(1, size // TAIL_PARTS)
    bundles: dict[str, list[str]] = {}
    for group in sorted(by_group):
        pages = by_group[group]
        base = f"pagefind-{group}" if group else "pagefind"
        parts = [pages[i: i + size] for i in range(0, len(pages), size)] or [[]]
        for k, part in enumerate(parts, 1):
            name = base if k == 1 else f"{base}-{k}"
            if group and group == newest and k == len(parts) and len(part) < size:
                for j in range(0, len(part), step):
                    bundles[name if j == 0 else f"{name}-t{j // step + 1}"] = part[j: j + step]
            else:
                bundles[name] = part
    first = {"pagefind": bundles.pop("pagefind")}
    return first | dict(sorted(bundles.items(), reverse=True))
