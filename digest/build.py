"""The recipe: discover, read, extract, tag, render, write feeds, write files, build the site.

All seeds are read and checked before anything is written, so a seed that fails stops
nothing but itself, and ``--strict`` fails before the first byte is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from digest import cache
from digest import facts as facts_mod
from digest.config import Config
from digest.errors import DigestError
from digest.facts import compounds, ner
from digest.facts.corrections import apply_corrections
from digest.link.links import (
    editions,
    one_name_per_person,
    related_from,
    related_index,
    related_sources,
    topics,
)
from digest.link.tags import make_tags
from digest.model import Article, Entry, Facts, OutputFile, Problem, Severity, Tag
from digest.pages.export import fact_chunk, facts_export_dests, facts_export_parts
from digest.pages.feeds import build_edition_feeds, build_feeds, feeds_sitemap, json_feed
from digest.pages.listings import (
    render_archive,
    render_editions,
    render_home,
    render_tags,
    render_topic,
    render_topic_indexes,
)
from digest.pages.render import (
    SiteLinks,
    article_html,
    newest_first,
    render_article,
    render_redirects,
)
from digest.pages.urls import topic_doc
from digest.parallel import PARALLEL_MIN, Progress, cores, fork_imap, fork_map
from digest.paths import project_problems
from digest.read.checks import check_collisions
from digest.read.history import git_add_dates
from digest.read.ingest import (
    Preread,
    discover,
    ignored_files,
    internal_error,
    read_all,
    seed_bytes,
)
from digest.records import Analysis
from digest.vocabulary import Vocabulary, fold, load_vocabulary
from digest.write import WriteReport, write_file, write_outputs, write_streams

T = TypeVar("T")


@dataclass(frozen=True)
class StageResult:
    """What the digest stage produced and what it had to say about the seeds."""

    entries: tuple[Entry, ...]
    """The entries built this time; empty when nothing changed and the stage was skipped."""
    problems: tuple[Problem, ...]
    report: WriteReport | None
    articles: int
    """How many articles the site holds."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def seed_problems(self) -> list[Problem]:
        """What fails ``--strict``: any problem in a seed (notes on the cache do not)."""
        return [p for p in self.problems if p.severity is not Severity.NOTE]


def vocabulary_for(config: Config) -> Vocabulary:
    return load_vocabulary(config.root / config.vocabulary if config.vocabulary else None)


def extract_facts(article: Article, vocab: Vocabulary) -> Analysis:
    """The extractor's view of one article, before an editor's corrections, and the extra
    words the search index needs for it."""
    facts = facts_mod.extract(
        article.plain_text(), lang=article.lang, published=article.date.date(), vocab=vocab)
    return facts, compounds.search_terms(article.plain_text(), article.lang)


def make_entry(article: Article, vocab: Vocabulary, found: Analysis | None = None) -> Entry:
    """Extract (unless given) and tag one article: the pure heart of the digest."""
    facts, terms = found if found is not None else extract_facts(article, vocab)
    facts = apply_corrections(facts, article.corrections)
    return Entry(article=article, facts=facts, tags=make_tags(article, facts, vocab),
                 search_terms=terms)


Analysed = tuple[str, Analysis, Facts, tuple[Tag, ...]] | Problem
"""One article's analysis (cache key, the extractor's view, facts, tags), or the problem
an unexpected error in it became."""


def _analyse(vocab: Vocabulary, known: Mapping[str, Analysis], key: Callable[[Article], str],
             article: Article) -> Analysed:
    try:
        k = key(article)
        found = known.get(k) or extract_facts(article, vocab)
        entry = make_entry(article, vocab, found)
    except Exception as exc:  # one article's bug must not stop the others
        return internal_error(article.source, "extracting the facts of", exc)
    return k, found, entry.facts, entry.tags  # not the article: the caller has it


def analyse_many(
    articles: Sequence[Article], vocab: Vocabulary, known: Mapping[str, Analysis],
    key: Callable[[Article], str], progress: Progress | None = None,
) -> tuple[list[tuple[str, Analysis, Entry]], list[Problem]]:
    """Extract (unless known) and tag every article, on every core: (cache key, the
    extractor's view, the entry), and a problem for each article that failed."""
    if len(articles) >= PARALLEL_MIN and cores() > 1 and len(known) < len(articles):
        # Load the extractor's and the noun list's data once, before forking.
        with contextlib.suppress(Exception):
            extract_facts(articles[0], vocab)
        for lang in sorted({a.lang for a in articles}):  # each recognizer, shared by all
            with contextlib.suppress(Exception):
                ner.pipeline(lang)
        if any(a.lang == "de" for a in articles):
            compounds.lexicon()
    done = fork_map(functools.partial(_analyse, vocab, known, key), articles, progress,
                    "analysing articles")
    entries, problems = [], []
    for a, result in zip(articles, done, strict=True):
        if isinstance(result, Problem):
            problems.append(result)
            continue
        k, found, facts, tags = result
        entries.append((k, found, Entry(article=a, facts=facts, tags=tags,
                                        search_terms=found[1])))
    return entries, problems


def collect(
    config: Config, *, build_time: dt.datetime, progress: Progress | None = None,
    store: cache.Cache | None = None, dates: Mapping[str, dt.datetime] | None = None,
    preread: Preread | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """Read every seed and turn the good ones into entries; problems are gathered, not raised."""
    store = store if store is not None else cache.open_cache(config)
    dates = git_add_dates(config) if dates is None else dates
    articles, problems = read_all(config, build_time, progress=progress, dates=dates,
                                  preread=preread)
    problems += [Problem(p, None, "ignored: a symbolic link, not followed; seeds are regular "
                         f"files in {config.seeds_dir}/" if (config.root / p).is_symlink()
                         else "ignored: expected a .txt or .md seed", Severity.WARNING,
                         code="ignored-file")
                 for p in ignored_files(config)]
    articles, collisions = check_collisions(articles, dates)
    problems += collisions
    vocab = vocabulary_for(config)
    known, notes = cache.load_facts(store)
    key = functools.partial(cache.article_key, config=config)
    done, failed = analyse_many(articles, vocab, known, key, progress)
    problems += failed
    fresh = {k: found for k, found, _ in done}
    if fresh.keys() != known.keys():
        notes += cache.save_facts(store, fresh)
    return one_name_per_person([entry for _, _, entry in done]), [*problems, *notes]


class ArticlesFailed(Exception):
    """Rendering failed for some articles: the pass is redone without them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} article(s) failed")
        self.problems = problems


def render_and_write(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None
) -> tuple[WriteReport, list[Problem]]:
    """Every file the digest owns, and a problem for each article whose pages could not be
    made: the site is then made again without it, so no listing, feed or related list
    links to a page that is not there."""
    problems: list[Problem] = []
    while True:
        try:
            return _render_and_write(entries, config, progress), problems
        except ArticlesFailed as failed:
            problems += failed.problems
            bad = {p.path for p in failed.problems}
            entries = [e for e in entries if e.article.source not in bad]


def _render_and_write(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None
) -> WriteReport:
    """Pages, listings, topics, editions, feeds and exports.

    What grows with the archive (article pages, related articles, topic pages, the facts
    exports) is made on every core, and the pages are written by the worker that rendered
    them, so no process holds them all; listings and feeds hold a page or ``feed_items``
    each and are written last, with the sweep of stale files.
    """
    entity_topics = topics(entries, config.topic_min_articles)
    weeks = editions(entries)
    index = related_index(entries)
    site = SiteLinks(
        topics={(t.kind, fold(t.name)): topic_doc(config, t) for t in entity_topics},
        related=related_from(index, fork_map(
            functools.partial(related_sources, index, limit=config.related_items),
            index.ordered, progress, "finding related articles")),
        compound_terms={e.article.source: e.search_terms for e in entries if e.search_terms},
    )
    pages = fork_map(functools.partial(_write_article, config, site=site), entries, progress,
                     "rendering articles")
    newest = newest_first(entries)
    # Feeds show the newest articles in full; each is rendered to HTML once.
    bodies = {e.article.source: _guarded(article_html, e) for e in newest[: config.feed_items]}
    _raise_failed([*pages, *bodies.values()])
    done = [written for batch in pages if not isinstance(batch, Problem) for written in batch]
    dests = facts_export_dests(config)
    failed: list[Problem] = []
    chunks = fork_imap(functools.partial(_guarded, functools.partial(fact_chunk, config=config)),
                       newest, progress, "exporting facts")
    parts = facts_export_parts(_keep_good(chunks, failed))
    done += zip(dests, write_streams(dests, parts, config), strict=True)
    _raise_failed(failed)
    done += [written for batch in fork_map(
        functools.partial(_write_rendered, render_topic, config), entity_topics,
        progress, "rendering topics") for written in batch]
    texts = {k: v for k, v in bodies.items() if not isinstance(v, Problem)}
    files = [
        render_home(entries, weeks, config),
        *render_archive(entries, config),
        *render_topic_indexes(entity_topics, config),
        *render_editions(weeks, config),
        *render_tags(entries, config),
        *render_redirects(entries, config),
        *build_feeds(entries, config, texts),
        *build_edition_feeds(weeks, config),
        json_feed(entries, config, texts),
    ]
    files.append(feeds_sitemap(files, config))
    return write_outputs(files, config, progress, done)


def render_problems(entries: Sequence[Entry], config: Config) -> list[Problem]:
    """What rendering would refuse, found without writing: ``digest check`` reports every
    article the build would skip."""
    def trial(entry: Entry) -> Problem | None:
        for make in (functools.partial(render_article, config=config), article_html,
                     functools.partial(fact_chunk, config=config)):
            made = _guarded(make, entry)
            if isinstance(made, Problem):
                return made
        return None

    return [p for p in fork_map(trial, entries) if p is not None]


def _raise_failed(results: Sequence[object]) -> None:
    failed = [r for r in results if isinstance(r, Problem)]
    if failed:
        raise ArticlesFailed(list({p.path: p for p in failed}.values()))


def _keep_good(results: Iterator[T | Problem], failed: list[Problem]) -> Iterator[T]:
    """The results that are not problems; the problems go to ``failed`` as they pass."""
    for result in results:
        if isinstance(result, Problem):
            failed.append(result)
        else:
            yield result


def _guarded(make: Callable[[Entry], T], entry: Entry) -> T | Problem:
    """``make(entry)``, or the problem an unexpected error in it became."""
    try:
        return make(entry)
    except Exception as exc:  # one article's bug must not stop the others
        return internal_error(entry.article.source, "rendering", exc)


def _write_article(
    config: Config, entry: Entry, *, site: SiteLinks
) -> list[tuple[str, bool]] | Problem:
    """Render one article's page and write it; a failure in the article is a problem (a
    failure to write is not the article's fault and stops the build)."""
    page = _guarded(functools.partial(render_article, config=config, site=site), entry)
    if isinstance(page, Problem):
        return page
    return [(page.dest, write_file(page, config))]


def _write_rendered(
    render: Callable[..., OutputFile | list[OutputFile]], config: Config, item: Any,
    **context: Any,
) -> list[tuple[str, bool]]:
    """Render one item's files and write them: (destination, whether its bytes changed)."""
    made = render(item, config, **context)
    return [(f.dest, write_file(f, config)) for f in (made if isinstance(made, list) else [made])]


def digest_stage(
    config: Config, *, build_time: dt.datetime, strict: bool = False,
    progress: Progress | None = None,
) -> StageResult:
    """Seeds to ``content/``: the part of the build that is ours.

    Nothing is read from a seed or written before every path the build touches is known to
    stay inside the project. When seeds (by content), git dates, config and code are all
    unchanged since the last run, the stage replays that run's messages and writes nothing.
    """
    refused = project_problems(config)
    if refused:
        raise DigestError("\n".join(str(p) for p in refused))
    store = cache.open_cache(config)
    dates = git_add_dates(config)
    seeds = {rel: seed_bytes(config, rel) for rel in discover(config)}
    stamp = cache.fingerprint(config, {rel: data for rel, (data, _) in seeds.items()},
                              dict(dates))
    last, loaded = cache.load_snapshot(store)
    notes = [*store.notes, *loaded]
    # Skipping needs the outputs too: someone may have deleted the generated folders.
    outputs_there = all((config.docs_path / d).is_dir() for d in config.owned_dirs)
    if last is not None and last.fingerprint == stamp and outputs_there:
        replayed = (*last.problems, *notes)
        if strict and last.problems:
            return StageResult((), replayed, None, last.articles)
        return StageResult((), replayed, WriteReport((), (), 0), last.articles)
    found, problems = collect(config, build_time=build_time, progress=progress, store=store,
                              dates=dates, preread=seeds)
    del seeds
    entries = tuple(found)
    if strict and any(p.severity is not Severity.NOTE for p in problems):
        return StageResult(entries, (*problems, *notes), None, len(entries))
    report, failed = render_and_write(entries, config, progress)
    problems += failed
    count = len(entries) - len(failed)
    seed_problems = tuple(p for p in problems if p.severity is not Severity.NOTE)
    notes += cache.save_snapshot(store, cache.Snapshot(stamp, seed_problems, count))
    return StageResult(entries, (*problems, *notes), report, count)
