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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from digest.config import Config
from digest.fingerprints import entry_digest, text_digest
from digest.link.links import (
    Edition,
    Topic,
    editions,
    related_from,
    related_index,
    related_sources,
    tag_groups,
    tag_topics,
    topics,
    with_tag_pages,
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
from digest.pages.export import (
    export_files,
    export_groups,
    fact_chunk,
    facts_docs,
)
from digest.pages.feeds import (
    build_edition_feeds,
    build_feeds,
    feeds_sitemap,
    json_feed,
    tag_feed_docs,
)
from digest.pages.home import render_home
from digest.pages.listings import (
    archive_months,
    render_archive_index,
    render_archive_month,
    render_edition,
    render_edition_index,
    render_tag,
    render_tag_index,
)
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

TOPICS_PARALLEL_MIN = 8
"""Topics to render from which workers pay: each of a big entity scans hundreds of articles
for its timeline."""
T = TypeVar("T")
U = TypeVar("U")


def render_site(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None,
    memo: RenderMemo | None = None, digests: Mapping[str, tuple[Entry, str]] | None = None,
) -> Iterator[Output]:
    """Pages, exports, topics, listings and feeds, in the order the writer takes them.

    The writer writes each output before it asks for the next, so the problems met while
    exporting are known when the last month's files are written. With a ``memo`` of the last
    build, a unit (an article page, a topic, a tag page or feed, an archive month, a week, a
    month of the facts export) whose inputs give the same key is kept, not rendered: one new
    article renders the pages it is on, not every page of the site.
    """
    entity_topics = topics(entries, config.topic_min_articles, config.language)
    # One entity, one page: a tag whose topic page lists all its articles links there. A
    # tag of fewer articles than a topic needs has no page (it would list one article).
    tagged = tag_groups(newest_first(entries), config.language)
    homes = tag_topics(tagged, entity_topics)
    pages = {slug: topic_doc(config, t) for slug, t in homes.items()}
    unlisted = {slug for slug, (_, items) in tagged.items()
                if slug not in homes and len(items) < config.topic_min_articles}
    bases = _made_digests(entries, digests or {}) if memo is not None else {}
    entries = with_tag_pages(entries, pages, unlisted)
    current = {e.article.source: e for e in entries}
    entity_topics = [replace(t, entries=tuple(current[e.article.source] for e in t.entries))
                     for t in entity_topics]
    feed_of = {t.key: slug for slug, t in homes.items()}
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
    keys = _Keys(memo, entries, bases)
    left_out: list[Problem] = []
    kept, todo = keys.split([(f"article:{e.article.source}", keys.article(e, site), e)
                             for e in entries])
    yield from kept
    made = fork_imap(guarded(functools.partial(render_article, config=config, site=site)),
                     [e for _, _, e in todo], progress, "rendering articles")
    for (unit, key, _), page in zip(todo, made, strict=True):
        if isinstance(page, Problem):
            left_out.append(page)
        else:
            yield from keys.made(unit, key, (page.dest,))
        yield page
    newest = newest_first(entries)
    # Feeds show the newest articles in full; each is rendered to HTML once.
    bodies = {e.article.source: guarded(article_html)(e) for e in newest[: config.feed_items]}
    left_out += [b for b in bodies.values() if isinstance(b, Problem)]
    groups = export_groups(newest)
    kept, parts = keys.split([(f"export:{g.name}", keys.listing(g.name, g.entries), g)
                              for g in groups])
    yield from kept
    for unit, key, g in parts:
        yield from keys.made(unit, key, facts_docs(config, g.name))
    part_of = {e.article.source: g.part for g in groups for e in g.entries}
    chunks = fork_imap(guarded(functools.partial(fact_chunk, config=config, parts=part_of)),
                       [e for _, _, g in parts for e in g.entries], progress, "exporting facts")
    exported: list[Problem] = []
    yield from export_files(groups, _good(chunks, exported), config,
                            {g.name for g in groups} - {g.name for _, _, g in parts})
    yield from (*(b for b in bodies.values() if isinstance(b, Problem)), *exported)
    if left_out or exported:
        return
    kept, stale = keys.split([
        (f"topic:{t.kind}/{t.slug}",
         keys.listing(f"{t.kind}/{t.slug}", t.entries,
                      (t.name, t.spellings, t.written, feed_of.get(t.key))), t)
        for t in entity_topics])
    yield from kept
    for (unit, key, _), files in zip(stale, fork_imap(
            functools.partial(_render_topic, config=config),
            [(t, feed_of.get(t.key)) for _, _, t in stale],
            progress, "rendering topics", minimum=TOPICS_PARALLEL_MIN), strict=True):
        yield from files
        yield from keys.made(unit, key, tuple(f.dest for f in files))
    if progress:
        progress("listings and feeds", 0, 1)
    texts = {k: v for k, v in bodies.items() if not isinstance(v, Problem)}
    # A tag that a topic page stands for lists, and its feeds carry, the topic's articles.
    # (Its listings and feeds show the entries' articles only: the groups made above serve.)
    by_tag = {slug: (name, list(homes[slug].entries) if slug in homes else items)
              for slug, (name, items) in tagged.items() if slug not in unlisted}
    kept, feeds = keys.split([
        (f"feed:{slug}",
         keys.listing(f"{slug}|{name}|{pages.get(slug, '')}", items[: config.tag_feed_items]),
         slug)
        for slug, (name, items) in by_tag.items()])
    yield from kept
    for unit, key, slug in feeds:
        yield from keys.made(unit, key, tag_feed_docs(config, slug))
    yield from _listings(entries, weeks, by_tag, pages, config, keys)
    files = [
        render_home(entries, weeks, config),
        render_about(config),
        *render_topic_indexes(entity_topics, config),
        *render_redirects(entries, config),
        *render_merged_redirects(entries, entity_topics, config, pages, unlisted),
        *build_feeds(entries, config, texts, {slug: by_tag[slug] for _, _, slug in feeds},
                     pages),
        *build_edition_feeds(weeks, config),
        json_feed(entries, config, texts),
    ]
    yield from files
    yield feeds_sitemap(files, config)
    if progress:  # the writer has taken them all
        progress("listings and feeds", 1, 1)


def _render_topic(job: tuple[Topic, str | None], config: Config) -> list[OutputFile]:
    """A topic's pages, with the feeds of the tag it stands for (if any)."""
    topic, feed = job
    return render_topic(topic, config, feed)


def _listings(entries: Sequence[Entry], weeks: Sequence[Edition],
              by_tag: Mapping[str, tuple[str, Sequence[Entry]]], pages: Mapping[str, str],
              config: Config, keys: _Keys) -> Iterator[Output]:
    """Archive months, weeks and tags (those no topic page stands for, see ``pages``): each
    a unit of the memo, made again only when the articles it lists (or, for a week, its
    neighbours) changed; then their indexes."""
    months = archive_months(entries)
    units: list[tuple[str, str, Callable[[], list[OutputFile]]]] = [
        (f"archive:{month}", keys.listing(month, items),
         functools.partial(render_archive_month, month, items, config))
        for month, items in months.items()]
    units += [(f"edition:{w.key}",
               keys.listing(w.key, w.entries, [n.key for n in weeks[max(i - 1, 0): i + 2]]),
               functools.partial(render_edition, weeks, i, config))
              for i, w in enumerate(weeks)]
    units += [(f"tag:{slug}", keys.listing(f"{slug}|{name}", items),
               functools.partial(render_tag, slug, name, items, config))
              for slug, (name, items) in by_tag.items() if slug not in pages]
    kept, todo = keys.split(units)
    yield from kept
    for unit, key, make in todo:
        files = make()
        yield from files
        yield from keys.made(unit, key, tuple(f.dest for f in files))
    yield render_archive_index(months, config)
    yield render_edition_index(weeks, config)
    yield from render_tag_index(by_tag, config, pages)


class _Keys:
    """The key of each unit's inputs: the build's salt (code, config), then the digests of
    the entries it shows and what else of the site it links to."""

    def __init__(self, memo: RenderMemo | None, entries: Sequence[Entry],
                 made: Mapping[str, str]) -> None:
        """``made``: the digest of each entry before its tags were placed on pages (the
        placing is cheap to add, the digest of a whole entry is not)."""
        self.memo = memo
        self.digests = ({e.article.source: text_digest(repr((
                            made[e.article.source], [(t.page, t.listed) for t in e.tags])))
                         for e in entries} if memo is not None else {})

    def article(self, entry: Entry, site: SiteLinks) -> str:
        """The entry (its search terms included), its related articles and topic links."""
        if self.memo is None:
            return ""
        source = entry.article.source
        links = [(kind, name, site.topics.get((kind, fold(name))))
                 for kind in ENTITY_KINDS for name in getattr(entry.facts, kind)]
        return text_digest(repr((self.memo.salt, self.digests[source],
                             [self.digests[o.article.source] for o in site.related.get(source, ())],
                             links)))

    def listing(self, name: str, items: Sequence[Entry], extra: object = ()) -> str:
        """The key of a unit that shows ``items`` (a topic, tag page or feed, month, week,
        export part) under ``name``, with whatever else it shows (``extra``)."""
        if self.memo is None:
            return ""
        return text_digest(repr((self.memo.salt, name, extra,
                             [self.digests[e.article.source] for e in items])))

    def split(self, units: Sequence[tuple[str, str, U]]
              ) -> tuple[list[Output], list[tuple[str, str, U]]]:
        """What the units the last build made from the same inputs give (their files, kept,
        and their records), and the units to render."""
        if self.memo is None:
            return [], list(units)
        kept: list[Output] = []
        todo = []
        for unit, key, item in units:
            dests = self.memo.kept(unit, key)
            if dests is None:
                todo.append((unit, key, item))
            else:
                kept += [*(KeptFile(d) for d in dests), Rendered(unit, key, dests)]
        return kept, todo

    def made(self, unit: str, key: str, dests: tuple[str, ...]) -> Iterator[Output]:
        """The record of a unit rendered now."""
        if self.memo is not None:
            yield Rendered(unit, key, dests)


def _made_digests(entries: Sequence[Entry],
                  known: Mapping[str, tuple[Entry, str]]) -> dict[str, str]:
    """Each entry's digest: the one it was made with where it is that entry still, else
    computed (on every core: a digest of all of an entry's facts is dear)."""
    out = {}
    todo = []
    for e in entries:
        made = known.get(e.article.source)
        if made is not None and made[0] is e:
            out[e.article.source] = made[1]
        else:
            todo.append(e)
    out.update(zip((e.article.source for e in todo), fork_map(entry_digest, todo), strict=True))
    return out




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

