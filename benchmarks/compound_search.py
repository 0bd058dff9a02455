"""Compound search recall, measured in a real browser: before and after extra search terms.

Builds a fixture site from the invented example articles in ``tests/data/compounds/``, serves
it on 127.0.0.1, types every query of ``tests/data/compound_pairs.yml`` into Material's search
box key by key (headless Debian Chromium, driven by Playwright) and counts the queries whose
result list contains the expected article.

Variants, each a fresh build of the same project:

``before``            the pages as ``digest build`` writes them, without any search terms;
``compound-split``    plus the parts ``compound_split.char_split`` finds (PyPI compound-split);
``german-nouns``      plus the parts and lemmas of ``german_nouns.lookup.Nouns`` (PyPI
                      german-nouns, its own ``parse_compound``);
``digest``            plus :func:`digest.facts.compounds.search_terms` (german-nouns' noun list).

The terms go into each article page as :func:`terms_markup` at the end of the Markdown (in
place of any the build wrote), the markup ``digest.pages.render`` emits. A variant whose library is
not installed is skipped. Usage::

    .venv/bin/python -m benchmarks.compound_search                 # every variant
    .venv/bin/python -m benchmarks.compound_search before digest   # some of them
    .venv/bin/python -m benchmarks.compound_search --misses        # list the missed queries

With ``--search pagefind`` the project's own backend answers instead, and the variant ``built``
(the pages exactly as ``digest build`` writes them) is measured; each query's result teasers
are read too, and counted when they show a hidden term (a term that is no word of any
article). ``--names`` measures name queries on the test fixture site, whose articles have
related lists: how many results, and how many of them are about the name (an article whose
text has it, or its topic page). Usage::

    .venv/bin/python -m benchmarks.compound_search --search pagefind built
    .venv/bin/python -m benchmarks.compound_search --search pagefind --names
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import html
import importlib.util
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "compound_pairs.yml"
FIXTURES = ROOT / "tests" / "data" / "compounds"
BUILD_TIME = dt.datetime(2026, 1, 20, 9, 30, tzinfo=dt.UTC)
CHROMIUM = Path(os.environ.get("DIGEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

TERMS_CLASS = "digest-search-terms"
_TERMS_ELEMENT = re.compile(r'\n?<div class="digest-search-terms"[^>]*>.*?</div>\n?', re.DOTALL)
NAME_QUERIES = ("Anna Berger", "Berger", "Tom Reed", "Nordwerk", "Rotterdam", "Linz", "ByteDance")
"""Names in the test fixture site (tests/data/fixture_site/ and the seed) that related lists,
listings and the home page repeat: the issue's "Greenspan" on a small site."""

Terms = Callable[[str, str], tuple[str, ...]]


@dataclass(frozen=True)
class Pair:
    """A query and the article (fixture slug) whose compound ``word`` it should find."""

    query: str
    word: str
    article: str
    origin: str


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Pair(p["query"], p["word"], p["article"], p["from"]) for p in data["pairs"]]


def fixture_seeds(folder: Path = FIXTURES) -> dict[str, str]:
    """The example articles, by file name (their slug is the file name without ``.md``)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


# ------------------------------------------------------------------------- term sources

_NOUN = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+\b")
_WORD = re.compile(r"[^\W\d_]+")
MIN_COMPOUND = 10
MIN_LEMMA = 4


def _terms_with(word_terms: Callable[[str], Sequence[str]]) -> Terms:
    """A ``search_terms`` from a per-word function: same nouns, same rule against repeats."""
    cache: dict[str, tuple[str, ...]] = {}

    def terms(text: str, lang: str) -> tuple[str, ...]:
        if lang != "de":
            return ()
        present = {w.lower() for w in _WORD.findall(text)}
        found: dict[str, str] = {}
        for noun in set(_NOUN.findall(text)):
            if noun not in cache:
                cache[noun] = tuple(word_terms(noun))
            for term in cache[noun]:
                if term.lower() not in present:
                    found.setdefault(term.lower(), term)
        return tuple(sorted(found.values()))

    return terms


def compound_split_terms(threshold: float = 0.0) -> Terms:
    """Recursive char_split cuts scoring above ``threshold``; the linking -s cut off as the
    library does. The library has no lemmas, so parts stay as written."""
    from compound_split import char_split  # type: ignore[import-untyped]

    def parts(word: str) -> list[str]:
        if len(word) < MIN_COMPOUND:
            return []
        score, modifier, head = char_split.split_compound(word)[0]
        if score <= threshold or "-" in word:
            return []
        modifier = char_split.cut_off_fugen_s(modifier.lower()).capitalize()
        return [modifier, head, *parts(modifier), *parts(head)]

    return _terms_with(parts)


def german_nouns_terms() -> Terms:
    """german-nouns' own ``parse_compound`` (lemmas of the parts) plus the word's lemma."""
    from german_nouns.lookup import Nouns  # type: ignore[import-untyped]

    nouns = Nouns()

    def word_terms(word: str) -> list[str]:
        found: list[str] = []
        if len(word) >= MIN_LEMMA:
            found += [r["lemma"] for r in nouns[word][:1] if r["lemma"] != word]
        if len(word) >= MIN_COMPOUND:
            found += [p for p in nouns.parse_compound(word) if p.lower() != word.lower()]
        return found

    return _terms_with(word_terms)


def digest_terms() -> Terms:
    from digest.facts.compounds import search_terms

    return search_terms


SOURCES: dict[str, tuple[str | None, Callable[[], Terms | None]]] = {
    "before": (None, lambda: None),
    "compound-split": ("compound_split", compound_split_terms),
    "german-nouns": ("german_nouns", german_nouns_terms),
    "digest": ("german_nouns", digest_terms),
    "built": (None, lambda: None),
}


# ------------------------------------------------------------------------------- builds


def make_fixture_project(tmp: Path, *, site: bool = False, search: str = "lunr",
                         seeds: dict[str, str] | None = None) -> Path:
    """The project skeleton with the example articles (or ``seeds``), built by ``digest build``
    into ``content/`` (and ``site/`` if ``site``), with Material's lunr search by default: the
    compound measurement is of lunr's stemmer, and it reads lunr's index."""
    from digest.cli import main
    from tests.conftest import make_project

    tmp.mkdir(parents=True, exist_ok=True)
    project = make_project(tmp, dict(seeds or fixture_seeds()), search=search)
    with contextlib.chdir(project):
        status = main(["-f", str(project / "mkdocs.yml"), "build",
                       *([] if site else ["--no-site"])])
    if status != 0:
        raise SystemExit("digest build failed in the fixture project")
    return project


def article_texts(project: Path) -> dict[str, tuple[str, str]]:
    """Slug -> (plain text, language) of every article, as the pipeline reads them."""
    from digest.build import collect
    from digest.config import load_config
    from digest.read.sources import gather_sources

    config = load_config(project / "mkdocs.yml")
    entries = collect(config, gather_sources(config), build_time=BUILD_TIME).entries
    return {e.article.slug: (e.article.plain_text(), e.article.lang) for e in entries}


def terms_markup(terms: Sequence[str]) -> str:
    """The hidden element with the terms, one paragraph each, as ``digest.pages.render`` emits it.

    Material's search indexes it (its parser keeps the text of every element but script,
    style and object, and ignores ``hidden``); readers never see it on the page. Placed
    after the article's closing ``</div>`` it belongs to the page's first section, so a hit
    lists the page itself. One ``<p>`` per term makes each term a block of its own, and a
    search result's teaser shows only the matching blocks: the term that matched, not the
    whole list.
    """
    paragraphs = "".join(f"<p>{html.escape(term)}</p>" for term in terms)
    return (f'<div class="{TERMS_CLASS}" hidden data-pagefind-ignore data-pagefind-meta="terms">'
            f"{paragraphs}</div>")


def inject_terms(project: Path, terms: Terms | None) -> dict[str, tuple[str, ...]]:
    """Put the hidden terms at the end of every article page, in place of any the build
    wrote (``None``: remove them); returns the terms per slug."""
    from digest.config import load_config

    config = load_config(project / "mkdocs.yml")
    folder = project / config.docs_dir / config.articles_dir
    added = {}
    for slug, (text, lang) in article_texts(project).items():
        page = folder / f"{slug}.md"
        found = terms(text, lang) if terms else ()
        added[slug] = found
        markdown = _TERMS_ELEMENT.sub("\n", page.read_text(encoding="utf-8"))
        if found:
            markdown += "\n" + terms_markup(found) + "\n"
        page.write_text(markdown, encoding="utf-8")
    return added


def build_site(project: Path) -> Path:
    """``mkdocs build`` of the project as it is now; returns ``site/``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with contextlib.chdir(project):
        build(load_config(config_file=str(project / "mkdocs.yml")))
    return project / "site"


# ------------------------------------------------------------------------------ browser


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """``site/`` on a free port of 127.0.0.1 under the path of ``site_url``."""
    from tests.browser.conftest import serve

    with serve(site, "/digest/") as base_url:
        yield base_url


_TEASERS = """() => [
  ...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
  .map(a => [a.href, (a.querySelector('h1, h2') || {textContent: ''}).textContent.trim(),
             [...a.querySelectorAll('p')].map(p => p.textContent).join(' ')])"""
_RESULTS = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result a.md-search-result__link')];
  return [meta ? meta.textContent.trim() : '', links.map(a => a.href)];
}"""
_PLACEHOLDER = re.compile(r"Suchbegriff|Type to start", re.IGNORECASE)


def _settled(page: Any, *, timeout: float = 15.0, quiet: float = 0.5) -> tuple[str, list[str]]:
    """The result list once it stopped changing for ``quiet`` seconds after a real answer."""
    deadline = time.monotonic() + timeout
    last: tuple[str, list[str]] | None = None
    since = time.monotonic()
    while time.monotonic() < deadline:
        meta, links = page.evaluate(_RESULTS)
        now = (meta, links)
        if now != last:
            last, since = now, time.monotonic()
        elif meta and not _PLACEHOLDER.search(meta) and "initiali" not in meta.lower() \
                and time.monotonic() - since >= quiet:
            return now
        page.wait_for_timeout(50)
    raise TimeoutError(f"search results did not settle: {last}")


def search(page: Any, base_url: str, queries: Sequence[str],
           teasers: dict[str, list[tuple[str, str, str]]] | None = None) -> dict[str, list[str]]:
    """Type each query into Material's search box; the result links (site paths) per query.
    With ``teasers``, each query's results (site path, heading, teaser text) go there too."""
    page.goto(base_url)
    page.locator("[data-md-component=header]").wait_for()
    box = page.locator("input.md-search__input")
    box.click()
    found: dict[str, list[str]] = {}
    for query in queries:
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && /Suchbegriff|Type to start/i.test(m.textContent); }")
        box.press_sequentially(query, delay=30)
        _, links = _settled(page)
        found[query] = [link.split("?")[0].split("#")[0].removeprefix(base_url) for link in links]
        if teasers is not None:
            teasers[query] = [(href.split("?")[0].removeprefix(base_url), title, text)
                              for href, title, text in page.evaluate(_TEASERS)]
    return found


def hits(pairs: Sequence[Pair], results: dict[str, list[str]]) -> list[bool]:
    return [f"articles/{p.article}/" in results[p.query] for p in pairs]


def measure(browser: Any, site: Path, pairs: Sequence[Pair],
            teasers: dict[str, list[tuple[str, str, str]]] | None = None) -> list[bool]:
    """Serve ``site`` and count, per pair, whether its query lists its article."""
    with served(site) as base_url:
        context = browser.new_context(
            locale="de-AT", viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            page = context.new_page()
            results = search(page, base_url, [p.query for p in pairs], teasers)
        finally:
            context.close()
    return hits(pairs, results)


def hidden_terms(project: Path) -> set[str]:
    """Every article's search terms that are no word of any article: what a reader would
    only ever see if the hidden list leaked into a teaser."""
    from digest.facts.compounds import search_terms

    texts = article_texts(project).values()
    words = {w.lower() for text, _ in texts for w in _WORD.findall(text)}
    return {t for text, lang in texts for t in search_terms(text, lang) if t.lower() not in words}


def leaked(teaser: str, terms: set[str]) -> list[str]:
    """The hidden terms a teaser shows, as whole words."""
    return sorted({w for w in _WORD.findall(teaser) if w in terms})


def measure_names(browser: Any, tmp: Path, backend: str) -> list[tuple[str, int, int]]:
    """Per name query on the fixture site: results, and results about the name (an article
    whose text has the name, or the name's topic page)."""
    from tests.support import fixture_seeds as site_seeds

    seeds = {k: v for k, v in site_seeds().items() if isinstance(v, str)}
    project = make_fixture_project(tmp / "names", site=True, search=backend, seeds=seeds)
    texts = article_texts(project)
    rows = []
    with served(project / "site") as base_url:
        context = browser.new_context(
            locale="de-AT", viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            page = context.new_page()
            results = search(page, base_url, NAME_QUERIES)
        finally:
            context.close()
    for query in NAME_QUERIES:
        paths = list(dict.fromkeys(results[query]))
        about = [p for p in paths
                 if (p.startswith("articles/") and query in texts.get(p.split("/")[1], ("",))[0])
                 or (p.startswith("topics/") and query.lower() in p.replace("-", " "))]
        rows.append((query, len(paths), len(about)))
    return rows


# --------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="*", choices=[*SOURCES, []],
                        help="what to measure (default: all)")
    parser.add_argument("--misses", action="store_true", help="list the queries each missed")
    parser.add_argument("--terms", action="store_true", help="print the terms per article")
    parser.add_argument("--cs-threshold", type=float, default=0.0,
                        help="minimum char_split score of a cut (compound-split)")
    parser.add_argument("--search", choices=("lunr", "pagefind"), default="lunr",
                        help="the search backend that answers (default: lunr)")
    parser.add_argument("--names", action="store_true",
                        help="measure name queries on the fixture site instead")
    args = parser.parse_args(argv)
    variants = args.variants or (["built"] if args.search == "pagefind" else
                                 [v for v in SOURCES if v != "built"])
    pairs = load_pairs()
    rows = []
    with tempfile.TemporaryDirectory(prefix="compound-search-") as tmp:
        if args.names:
            with chromium() as browser:
                named = measure_names(browser, Path(tmp), args.search)
            print(f"{'query':15} {'results':>7} {'about it':>8}")
            for query, n, about in named:
                print(f"{query:15} {n:7d} {about:8d}")
            print(f"{'all':15} {sum(r[1] for r in named):7d} {sum(r[2] for r in named):8d}")
            return 0
        pristine = make_fixture_project(Path(tmp) / "pristine", search=args.search)
        terms_anywhere = hidden_terms(pristine)
        with chromium() as browser:
            for variant in variants:
                module, factory = SOURCES[variant]
                if module and importlib.util.find_spec(module) is None:
                    print(f"{variant}: skipped, {module} is not installed", file=sys.stderr)
                    continue
                project = Path(tmp) / variant
                shutil.copytree(pristine, project)
                started = time.perf_counter()
                source = (compound_split_terms(args.cs_threshold) if variant == "compound-split"
                          else factory())
                if variant == "built":
                    added = {slug: digest_terms()(text, lang)
                             for slug, (text, lang) in article_texts(project).items()}
                else:
                    added = inject_terms(project, source)
                site = build_site(project)
                teasers: dict[str, list[tuple[str, str, str]]] = {}
                result = measure(browser, site, pairs, teasers)
                took = time.perf_counter() - started
                # Hidden terms live on article pages only (a topic page's teaser is its name).
                showing = [q for q, items in teasers.items()
                           if any(leaked(text, terms_anywhere) for path, _, text in items
                                  if path.startswith("articles/"))]
                rows.append((variant, sum(result), sum(len(t) for t in added.values()), took))
                print(f"{variant:15} {sum(result):3d}/{len(pairs)} hits"
                      f"  ({sum(len(t) for t in added.values())} terms, {took:.0f} s);"
                      f" {len(showing)}/{len(teasers)} queries show hidden terms in a teaser",
                      flush=True)
                if args.misses:
                    for query in showing:
                        shown = [leaked(text, terms_anywhere) for path, _, text in teasers[query]
                                 if path.startswith("articles/")]
                        print(f"    {query}: " + "; ".join(" ".join(s) for s in shown if s))
                if args.terms:
                    for slug, found in sorted(added.items()):
                        print(f"    {slug}: {' '.join(found)}")
                if args.misses:
                    missed = [f"{p.query}->{p.word}" for p, ok in zip(pairs, result, strict=True)
                              if not ok]
                    print("    missed: " + (", ".join(missed) or "none"))
    print()
    print(f"{'variant':15} {'hits':>7} {'terms':>6}")
    for variant, n, terms, _ in rows:
        print(f"{variant:15} {n:3d}/{len(pairs):<3} {terms:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
