"""Every file the digest owns, made from the entries as one stream for the one writer.

Rendering touches no disk: it yields ``OutputFile``s in an order that lets the writer hold
little: what grows with the archive (article pages, the monthly facts exports, topic pages)
is made on every core and handed over page by page (month by month); listings and feeds come
last. An article that cannot be rendered is a ``Problem`` in
the stream, which then ends before the listings, so the recipe renders the site again
without it and no listing, feed or related list links to a page that is not there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from digest.config import Config
from digest.link.links import editions, related_from, related_index, related_sources, topics
from digest.model import Entry, Output, Problem
from digest.pages.about import render_about
from digest.pages.export import export_files, export_parts, fact_chunk
from digest.pages.feeds import build_edition_feeds, build_feeds, feeds_sitemap, json_feed
from digest.pages.home import render_home
from digest.pages.listings import render_archive, render_editions, render_tags
from digest.pages.render import (
    SiteLinks,
    article_html,
    newest_first,
    render_article,
    render_redirects,
)
from digest.pages.topics import render_merged_redirects, render_topic, render_topic_indexes
from digest.pages.urls import topic_doc
from digest.parallel import Progress, fork_imap, fork_map
from digest.read.ingest import internal_error
from digest.vocabulary import fold

T = TypeVar("T")


def render_site(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None
) -> Iterator[Output]:
    """Pages, exports, topics, listings and feeds, in the order the writer takes them.

    The writer writes each output before it asks for the next, so the problems met while
    exporting are known when the last month's files are written.
    """
    entity_topics = topics(entries, config.topic_min_articles, config.language)
    weeks = editions(entries)
    index = related_index(entries)
    site = SiteLinks(
        topics={(t.kind, fold(n)): topic_doc(config, t)
                for t in entity_topics for n in t.spellings or (t.name,)},
        related=related_from(index, fork_map(
            functools.partial(related_sources, index, limit=config.related_items),
            index.ordered, progress, "finding related articles")),
        compound_terms={e.article.source: e.search_terms for e in entries if e.search_terms},
    )
    left_out: list[Problem] = []
    for page in fork_imap(guarded(functools.partial(render_article, config=config, site=site)),
                          entries, progress, "rendering articles"):
        if isinstance(page, Problem):
            left_out.append(page)
        yield page
    newest = newest_first(entries)
    # Feeds show the newest articles in full; each is rendered to HTML once.
    bodies = {e.article.source: guarded(article_html)(e) for e in newest[: config.feed_items]}
    left_out += [b for b in bodies.values() if isinstance(b, Problem)]
    chunks = fork_imap(guarded(functools.partial(fact_chunk, config=config,
                                                 parts=export_parts(newest))),
                       newest, progress, "exporting facts")
    exported: list[Problem] = []
    yield from export_files(_good(chunks, exported), config)
    yield from (*(b for b in bodies.values() if isinstance(b, Problem)), *exported)
    if left_out or exported:
        return
    for files in fork_imap(functools.partial(render_topic, config=config), entity_topics,
                           progress, "rendering topics"):
        yield from files
    if progress:
        progress("listings and feeds", 0, 1)
    texts = {k: v for k, v in bodies.items() if not isinstance(v, Problem)}
    files = [
        render_home(entries, weeks, config),
        render_about(config),
        *render_archive(entries, config),
        *render_topic_indexes(entity_topics, config),
        *render_editions(weeks, config),
        *render_tags(entries, config),
        *render_redirects(entries, config),
        *render_merged_redirects(entries, entity_topics, config),
        *build_feeds(entries, config, texts),
        *build_edition_feeds(weeks, config),
        json_feed(entries, config, texts),
    ]
    yield from files
    yield feeds_sitemap(files, config)
    if progress:  # the writer has taken them all
        progress("listings and feeds", 1, 1)


def render_problems(entries: Sequence[Entry], config: Config) -> list[Problem]:
    """What rendering would refuse, found without writing: ``digest check`` reports every
    article the build would skip."""
    makers: tuple[Callable[[Entry], object], ...] = (
        functools.partial(render_article, config=config), article_html,
        functools.partial(fact_chunk, config=config, parts={}))

    def trial(entry: Entry) -> Problem | None:
        for make in makers:
            made = guarded(make)(entry)
            if isinstance(made, Problem):
                return made
        return None

    return [p for p in fork_map(trial, entries) if p is not None]


def guarded(make: Callable[[Entry], T]) -> Callable[[Entry], T | Problem]:
    """``make``, with an unexpected error in one article turned into the problem that
    leaves that article out (a bug to report; the other articles are published)."""
    return functools.partial(_guarded, make)


def _guarded(make: Callable[[Entry], T], entry: Entry) -> T | Problem:
    try:
        return make(entry)
    except Exception as exc:  # one article's bug must not stop the others
        return internal_error(entry.article.source, "rendering", exc)


def _good(results: Iterator[T | Problem], failed: list[Problem]) -> Iterator[T]:
    """The results that are not problems; the problems go to ``failed`` as they pass."""
    for result in results:
        if isinstance(result, Problem):
            failed.append(result)
        else:
            yield result

