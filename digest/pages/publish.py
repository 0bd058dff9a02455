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
import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from digest.config import Config
from digest.link.links import (
    Topic,
    editions,
    related_from,
    related_index,
    related_sources,
    tag_groups,
    topics,
)
from digest.model import (
    ENTITY_KINDS,
    Entry,
    KeptFile,
    Output,
    OutputFile,
    Problem,
    Rendered,
    RenderMemo,
)
from digest.pages.about import render_about
from digest.pages.export import export_files, export_parts, fact_chunk
from digest.pages.feeds import (
    build_edition_feeds,
    build_feeds,
    feeds_sitemap,
    json_feed,
    tag_feed_docs,
)
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
    entries: Sequence[Entry], config: Config, progress: Progress | None = None,
    memo: RenderMemo | None = None,
) -> Iterator[Output]:
    """Pages, exports, topics, listings and feeds, in the order the writer takes them.

    The writer writes each output before it asks for the next, so the problems met while
    exporting are known when the last month's files are written. With a ``memo`` of the last
    build, an article page or topic whose inputs are the same is kept, not rendered: one new
    article renders the pages it is on, not every page of the site.
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
    keys = _Keys(memo, entries)
    left_out: list[Problem] = []
    pages = [(f"article:{e.article.source}", keys.article(e, site), e) for e in entries]
    yield from keys.kept(pages)
    todo = [e for unit, key, e in pages if keys.stale(unit, key)]
    made = fork_imap(guarded(functools.partial(render_article, config=config, site=site)),
                     todo, progress, "rendering articles")
    for (unit, key, _), page in zip([p for p in pages if keys.stale(p[0], p[1])], made,
                                    strict=True):
        if isinstance(page, Problem):
            left_out.append(page)
        else:
            yield from keys.made(unit, key, [page])
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
    units = [(f"topic:{t.kind}/{t.slug}", keys.topic(t), t) for t in entity_topics]
    yield from keys.kept(units)
    stale = [u for u in units if keys.stale(u[0], u[1])]
    for (unit, key, _), files in zip(stale, fork_imap(
            functools.partial(render_topic, config=config), [t for _, _, t in stale],
            progress, "rendering topics"), strict=True):
        yield from files
        yield from keys.made(unit, key, files)
    if progress:
        progress("listings and feeds", 0, 1)
    texts = {k: v for k, v in bodies.items() if not isinstance(v, Problem)}
    feeds = [(f"feed:{slug}", keys.feed(slug, name, items[: config.tag_feed_items]), slug)
             for slug, (name, items) in tag_groups(newest, config.language).items()]
    kept_feeds = {slug for unit, key, slug in feeds if not keys.stale(unit, key)}
    yield from keys.kept(feeds)
    for unit, key, slug in feeds:
        if slug not in kept_feeds:
            yield from keys.made_docs(unit, key, tag_feed_docs(config, slug))
    files = [
        render_home(entries, weeks, config),
        render_about(config),
        *render_archive(entries, config),
        *render_topic_indexes(entity_topics, config),
        *render_editions(weeks, config),
        *render_tags(entries, config),
        *render_redirects(entries, config),
        *render_merged_redirects(entries, entity_topics, config),
        *build_feeds(entries, config, texts, kept_feeds),
        *build_edition_feeds(weeks, config),
        json_feed(entries, config, texts),
    ]
    yield from files
    yield feeds_sitemap(files, config)
    if progress:  # the writer has taken them all
        progress("listings and feeds", 1, 1)


class _Keys:
    """The key of each unit's inputs: the build's salt (code, config), then the digests of
    the entries it shows and what else of the site it links to."""

    def __init__(self, memo: RenderMemo | None, entries: Sequence[Entry]) -> None:
        self.memo = memo
        self.digests = ({e.article.source: _digest(repr(e)) for e in entries}
                        if memo is not None else {})

    def article(self, entry: Entry, site: SiteLinks) -> str:
        if self.memo is None:
            return ""
        source = entry.article.source
        links = [(kind, name, site.topics.get((kind, fold(name))))
                 for kind in ENTITY_KINDS for name in getattr(entry.facts, kind)]
        return _digest(repr((self.memo.salt, self.digests[source],
                             [self.digests[o.article.source] for o in site.related.get(source, ())],
                             links, site.compound_terms.get(source))))

    def topic(self, topic: Topic) -> str:
        if self.memo is None:
            return ""
        return _digest(repr((self.memo.salt, topic.kind, topic.name, topic.slug,
                             topic.spellings, topic.written,
                             [self.digests[e.article.source] for e in topic.entries])))

    def feed(self, slug: str, name: str, items: Sequence[Entry]) -> str:
        if self.memo is None:
            return ""
        return _digest(repr((self.memo.salt, slug, name,
                             [self.digests[e.article.source] for e in items])))

    def stale(self, unit: str, key: str) -> bool:
        return self.memo is None or self.memo.kept(unit, key) is None

    def kept(self, units: Sequence[tuple[str, str, object]]) -> Iterator[Output]:
        """The files of the units the last build made from the same inputs, kept."""
        if self.memo is None:
            return
        for unit, key, _ in units:
            dests = self.memo.kept(unit, key)
            if dests is not None:
                yield from (KeptFile(d) for d in dests)
                yield Rendered(unit, key, dests)

    def made(self, unit: str, key: str, files: Sequence[OutputFile]) -> Iterator[Output]:
        yield from self.made_docs(unit, key, tuple(f.dest for f in files))

    def made_docs(self, unit: str, key: str, dests: tuple[str, ...]) -> Iterator[Output]:
        if self.memo is not None:
            yield Rendered(unit, key, dests)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


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

