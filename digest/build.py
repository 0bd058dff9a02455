"""The recipe: discover, read, extract, tag, render, write feeds, write files, build the site.

All seeds are read and checked before anything is written, so a seed that fails stops
nothing but itself, and ``--strict`` fails before the first byte is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest import cache, compounds
from digest import facts as facts_mod
from digest.config import Config
from digest.corrections import apply_corrections
from digest.errors import DigestError
from digest.export import fact_chunk, facts_export_dests, facts_export_parts, json_feed
from digest.feeds import build_edition_feeds, build_feeds, feeds_sitemap
from digest.ingest import discover, git_add_dates, ignored_files, read_all
from digest.links import editions, related_from, related_index, related_sources, topics
from digest.model import Article, Entry, Facts, OutputFile, Problem, Severity, Tag
from digest.parallel import PARALLEL_MIN, Progress, cores, fork_imap, fork_map
from digest.render import (
    SiteLinks,
    article_html,
    newest_first,
    render_archive,
    render_article,
    render_editions,
    render_home,
    render_redirects,
    render_tags,
    render_topic,
    render_topic_indexes,
    topic_doc,
)
from digest.tags import make_tags
from digest.vocabulary import Vocabulary, fold, load_vocabulary
from digest.write import WriteReport, replace_dir, write_file, write_outputs, write_streams

Analysis = tuple[Facts, tuple[str, ...]]
"""What extraction yields per article: its facts and its extra search terms."""


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


def _analyse(vocab: Vocabulary, known: Mapping[str, Analysis], key: Callable[[Article], str],
             article: Article) -> tuple[str, Analysis, Facts, tuple[Tag, ...]]:
    k = key(article)
    found = known.get(k) or extract_facts(article, vocab)
    entry = make_entry(article, vocab, found)
    return k, found, entry.facts, entry.tags  # not the article: the caller has it


def analyse_many(
    articles: Sequence[Article], vocab: Vocabulary, known: Mapping[str, Analysis],
    key: Callable[[Article], str], progress: Progress | None = None,
) -> list[tuple[str, Analysis, Entry]]:
    """Extract (unless known) and tag every article, on every core: (cache key, the
    extractor's view, the entry)."""
    if len(articles) >= PARALLEL_MIN and cores() > 1 and len(known) < len(articles):
        # Load the extractor's and the noun list's data once, before forking.
        extract_facts(articles[0], vocab)
        if any(a.lang == "de" for a in articles):
            compounds.lexicon()
    done = fork_map(functools.partial(_analyse, vocab, known, key), articles, progress,
                    "analysing articles")
    return [(k, found, Entry(article=a, facts=facts, tags=tags, search_terms=found[1]))
            for a, (k, found, facts, tags) in zip(articles, done, strict=True)]


def check_collisions(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    """Two seeds may not share a URL: the first (in path order) keeps it, the other is refused."""
    owner: dict[str, Article] = {}
    kept: list[Article] = []
    problems: list[Problem] = []
    for article in articles:
        for slug in (article.slug, *article.old_slugs):
            if slug in owner and owner[slug] is not article:
                problems.append(Problem(
                    article.source, None,
                    f"slug '{slug}' is already used by {owner[slug].source}; "
                    "set a different 'slug:' or title"))
                break
        else:
            for slug in (article.slug, *article.old_slugs):
                owner[slug] = article
            kept.append(article)
    return kept, problems


def collect(
    config: Config, *, build_time: dt.datetime, progress: Progress | None = None
) -> tuple[list[Entry], list[Problem]]:
    """Read every seed and turn the good ones into entries; problems are gathered, not raised."""
    articles, problems = read_all(config, build_time, progress=progress)
    problems += [Problem(p, None, "ignored: expected a .txt or .md seed", Severity.WARNING)
                 for p in ignored_files(config)]
    articles, collisions = check_collisions(articles)
    problems += collisions
    vocab = vocabulary_for(config)
    known = cache.load_facts(config)
    key = functools.partial(cache.article_key, config=config)
    done = analyse_many(articles, vocab, known, key, progress)
    fresh = {k: found for k, found, _ in done}
    if fresh.keys() != known.keys():
        cache.save_facts(config, fresh)
    return [entry for _, _, entry in done], problems


def render_and_write(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None
) -> WriteReport:
    """Every file the digest owns: pages, listings, topics, editions, feeds and exports.

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
    batches = [
        *fork_map(functools.partial(_write_rendered, render_article, config, site=site),
                  entries, progress, "rendering articles"),
        *fork_map(functools.partial(_write_rendered, render_topic, config), entity_topics,
                  progress, "rendering topics"),
    ]
    done = [written for batch in batches for written in batch]
    newest = newest_first(entries)
    dests = facts_export_dests(config)
    chunks = fork_imap(functools.partial(fact_chunk, config=config), newest, progress,
                       "exporting facts")
    done += zip(dests, write_streams(dests, facts_export_parts(chunks), config), strict=True)
    # Feeds show the newest articles in full; each is rendered to HTML once.
    bodies = {e.article.source: article_html(e) for e in newest[: config.feed_items]}
    files = [
        render_home(entries, weeks, config),
        *render_archive(entries, config),
        *render_topic_indexes(entity_topics, config),
        *render_editions(weeks, config),
        *render_tags(entries, config),
        *render_redirects(entries, config),
        *build_feeds(entries, config, bodies),
        *build_edition_feeds(weeks, config),
        json_feed(entries, config, bodies),
    ]
    files.append(feeds_sitemap(files, config))
    return write_outputs(files, config, progress, done)


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

    When seeds, git dates, config and code are all unchanged since the last run, the
    stage replays that run's messages and writes nothing.
    """
    stamp = cache.fingerprint(config, discover(config), dict(git_add_dates(config)))
    last = cache.load_snapshot(config)
    # Skipping needs the outputs too: someone may have deleted the generated folders.
    outputs_there = all((config.docs_path / d).is_dir() for d in config.owned_dirs)
    if last is not None and last.fingerprint == stamp and outputs_there:
        if strict and last.problems:
            return StageResult((), last.problems, None, last.articles)
        return StageResult((), last.problems, WriteReport((), (), 0), last.articles)
    entries, problems = collect(config, build_time=build_time, progress=progress)
    if strict and problems:
        return StageResult(tuple(entries), tuple(problems), None, len(entries))
    report = render_and_write(entries, config, progress)
    cache.save_snapshot(config, cache.Snapshot(stamp, tuple(problems), len(entries)))
    return StageResult(tuple(entries), tuple(problems), report, len(entries))


def build_site(config: Config, *, strict: bool = False) -> None:
    """Run MkDocs into a fresh folder and swap it in: a failed build leaves the old site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    site = config.root / config.site_dir
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=config.root))
    tmp.chmod(0o755)  # mkdtemp's 0700 would become site/'s mode: a web server could not read it
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
