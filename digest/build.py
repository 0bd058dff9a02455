"""The recipe: gather, read, extract, tag, link, render, write; the cache at the edges.

All seeds are read and checked before anything is written, so a seed that fails stops
nothing but itself, and ``--strict`` fails before the first byte is written. Only gathering
the sources and the one writer touch the disk; every stage between is a pure function.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from digest import cache, fingerprints, shards
from digest import facts as facts_mod
from digest.config import Config
from digest.errors import DigestError
from digest.facts import compounds
from digest.facts.corrections import apply_corrections
from digest.facts.entities import ner
from digest.link.entities import spell_entities
from digest.link.links import one_name_per_person
from digest.link.tags import entities_of, make_tags
from digest.model import Article, Entry, Facts, Problem, RenderMemo, Severity, Sources, Tag
from digest.pages.publish import render_site
from digest.parallel import PARALLEL_MIN, Progress, Standby, cores, fork_map_beside
from digest.paths import project_problems
from digest.read.checks import check_collisions
from digest.read.ingest import ReadResult, articles_of, internal_error
from digest.read.sources import gather_sources
from digest.read.stored import Reading, read_known
from digest.records import Analysis, entry_from, entry_to
from digest.shards import Shards
from digest.vocabulary import Vocabulary, load_vocabulary
from digest.write import WriteReport, write_outputs


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
    """The extractor's view of one article, before an editor's corrections, the extra words
    the search index needs for it and the vocabulary's topics its text names."""
    text = article.plain_text()
    facts = facts_mod.extract(text, lang=article.lang, published=article.date.date(), vocab=vocab)
    return facts, compounds.search_terms(text, article.lang), vocab.topics_in(text)


def make_entry(article: Article, vocab: Vocabulary, found: Analysis | None = None) -> Entry:
    """Extract (unless given) and tag one article: the pure heart of the digest."""
    facts, terms, topics = found if found is not None else extract_facts(article, vocab)
    # Names as the article's language writes them, before the editor's renames, which win.
    facts = apply_corrections(spell_entities(facts, article.lang, vocab), article.corrections)
    return Entry(article=article, facts=facts, tags=make_tags(article, facts, vocab, topics),
                 search_terms=terms, entities=entities_of(facts, article.lang, vocab))


def release_models() -> None:
    """Let go of the recognizers and the noun list (about 300 MB), which only extraction
    needs: loaded before forking for the workers, they would otherwise stay through the
    rendering and MkDocs' build, the peak of a cold build's memory."""
    ner.pipeline.cache_clear()
    compounds.release()
    gc.collect()


PRELOAD_MIN = 16
"""New articles from which the extractor's models are loaded before the workers start."""

Made = tuple[str, Analysis, Facts, tuple[Tag, ...], tuple[tuple[str, Tag], ...], str] | Problem
"""One article's analysis (cache key, the extractor's view, facts, tags, entities, the
entry's digest), or the problem an unexpected error in it became."""


@dataclass(frozen=True)
class Tagged:
    """One article extracted (or known) and tagged."""

    key: str
    """Its extraction key (``fingerprints.article_key``)."""
    found: Analysis | None
    """The extractor's view; ``None`` when the cache kept the whole entry."""
    entry: Entry
    digest: str
    """``fingerprints.entry_digest`` of the entry as made."""


def _analyse(vocab: Vocabulary, known: Mapping[str, Analysis],
             item: tuple[Article, str]) -> Made:
    article, k = item
    try:
        found = known.get(k) or extract_facts(article, vocab)
        entry = make_entry(article, vocab, found)
    except Exception as exc:  # one article's bug must not stop the others
        return internal_error(article.source, "extracting the facts of", exc)
    # the caller has the article
    return k, found, entry.facts, entry.tags, entry.entities, fingerprints.entry_digest(entry)


def _tagged(article: Article, made: Made) -> Tagged | Problem:
    if isinstance(made, Problem):
        return made
    k, found, facts, tags, entities, digest = made
    return Tagged(k, found, Entry(article=article, facts=facts, tags=tags,
                                  search_terms=found[1], entities=entities), digest)


def _kept(items: Sequence[tuple[Article, str]], stored: Shards) -> dict[int, Tagged]:
    """The entries an earlier build made of these articles with this code, that the cache
    has, by index."""
    at = {fingerprints.entry_key(k): i for i, (_, k) in enumerate(items)}
    out = {}
    tags: dict[str, Tag] = {}
    for ek, raw in stored.load(at):
        article, k = items[at[ek]]
        try:
            entry, digest = entry_from(raw, article, tags)
        except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError):
            stored.refuse(ek)
            continue
        out[at[ek]] = Tagged(k, None, entry, digest)
    return out


WARM_UP = {"de": "Die Nordwerk AG in Linz zahlte am 3. März 2026 rund 5 Mio. Dollar (12 %).",
           "en": "Nordwerk Ltd of Leeds paid about $5 million (12%) on March 3, 2026."}
"""A sentence per language that an extractor on standby reads once, so that the recognizer,
rate table and patterns an article needs are loaded before the article comes."""


def extractor(config: Config) -> Callable[[tuple[Article, str]], Made]:
    """``_analyse`` with the vocabulary and the extractor's data for the site's language
    loaded (another language's loads when an article needs it): what a standby worker
    makes ready while the seeds are read (``parallel.Standby``)."""
    vocab = vocabulary_for(config)
    lang = config.language if config.language in WARM_UP else "en"
    facts_mod.extract(WARM_UP[lang], lang=lang, published=dt.date(2026, 3, 3), vocab=vocab)
    compounds.search_terms(WARM_UP[lang], lang)
    return functools.partial(_analyse, vocab, {})


@contextlib.contextmanager
def standby_extractor(config: Config, seeds: int) -> Iterator[Standby | None]:
    """An extractor on standby (``extractor`` in a forked worker) for the length of the
    ``with``; none on a small site (its articles are extracted here, as in workers it would
    not pay), on one core, or beside other threads (``digest serve``: a lock one of them
    holds would stay held in the fork)."""
    standby = (Standby(functools.partial(extractor, config))
               if cores() > 1 and seeds >= PARALLEL_MIN and threading.active_count() == 1
               else None)
    try:
        yield standby
    finally:
        if standby is not None:
            standby.close()


def analyse_many(
    articles: Sequence[Article], vocab: Vocabulary, known: Mapping[str, Analysis],
    key: Callable[[Article], str], progress: Progress | None = None,
    stored: Shards | None = None, standby: Standby | None = None,
) -> tuple[list[Tagged], list[Problem]]:
    """Extract (unless known, in worker processes, or on ``standby`` when there are few)
    and tag (unless ``stored`` has the entry) every article, and a problem for each article
    that failed."""
    items = [(a, key(a)) for a in articles]
    fresh = [i for i, (_, k) in enumerate(items) if k not in known]
    new = [articles[i] for i in fresh]
    preloaded = len(articles) >= PARALLEL_MIN and cores() > 1 and len(new) >= PRELOAD_MIN
    if preloaded:
        # Load the extractor's and the noun list's data once, before forking: shared by the
        # workers. For a few new articles, the worker that meets one loads what it needs.
        with contextlib.suppress(Exception):
            extract_facts(new[0], vocab)
        for lang in sorted({a.lang for a in new}):  # each recognizer, shared by all
            with contextlib.suppress(Exception):
                ner.pipeline(lang)
        if any(a.lang == "de" for a in new):
            compounds.lexicon()
    job = functools.partial(_analyse, vocab, known)
    label, total = "analysing articles", len(items)
    seen = [i for i, (_, k) in enumerate(items) if k in known]

    def tag_known() -> list[Tagged | Problem]:
        # A known article is only tagged (a fraction of a millisecond), or its entry taken
        # from the cache: here, as a worker would have to send each result back, which cost
        # more than the tagging.
        kept = _kept([items[i] for i in seen], stored) if stored is not None else {}
        out = []
        for n, i in enumerate(seen, 1):
            out.append(kept.get(n - 1) or _tagged(articles[i], job(items[i])))
            if progress and (n % 256 == 0 or n == len(seen)):
                progress(label, n, total)
        return out

    if progress:
        progress(label, 0, total)
    if standby is not None and fresh and not preloaded and standby.send(
            [items[i] for i in fresh]):
        tagged = tag_known()
        made = standby.receive() or [job(items[i]) for i in fresh]  # failed: done here
    else:
        if standby is not None:
            standby.close()  # not needed: its core is the workers'
        made, tagged = fork_map_beside(job, [items[i] for i in fresh], tag_known, total)
    if preloaded:
        release_models()  # the workers are done: what follows renders, and MkDocs needs room
    done = ({i: _tagged(articles[i], m) for i, m in zip(fresh, made, strict=True)}
            | dict(zip(seen, tagged, strict=True)))
    if progress:
        progress(label, total, total)
    results = [done[i] for i in range(len(articles))]
    return ([r for r in results if not isinstance(r, Problem)],
            [r for r in results if isinstance(r, Problem)])


@dataclass(frozen=True)
class Collected:
    """The seeds read, analysed and tagged: what the later stages and ``digest check`` use."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    analyses: Mapping[str, Analysis] = field(hash=False)
    """The extractor's view of each article analysed or decoded, by cache key."""
    reading: Reading = field(hash=False)
    """The seeds read, with what the cache keeps them by."""
    keys: tuple[str, ...]
    """The extraction key of every entry's article, in the entries' order."""
    digests: Mapping[str, tuple[Entry, str]] = field(hash=False)
    """Each entry as made, by seed, with its digest (``publish``'s keys are made of it)."""

    @property
    def read(self) -> Mapping[str, ReadResult]:
        """Each seed as read, by path, for the advice ``digest check`` gives."""
        return self.reading.results

    def save(self, reads: Shards, entries: Shards) -> list[Problem]:
        """Keep the seeds as read and the entries as made in the cache."""
        made = {fingerprints.entry_key(k): self.digests[e.article.source]
                for k, e in zip(self.keys, self.entries, strict=True)}
        return [*reads.save(self.reading.paths, self.reading.record),
                *entries.save(made, lambda k: entry_to(*made[k]))]


def collect(
    config: Config, sources: Sources, *, build_time: dt.datetime,
    known: Mapping[str, Analysis] | None = None, progress: Progress | None = None,
    stored_reads: Shards | None = None, stored_entries: Shards | None = None,
    standby: Standby | None = None,
) -> Collected:
    """Read every seed and turn the good ones into entries; problems are gathered, not
    raised. ``known`` (by cache key) spares the extraction of articles seen before,
    ``stored_reads`` the reading of seeds read before and ``stored_entries`` the tagging."""
    reading = read_known(config, sources, build_time, stored_reads, progress)
    articles, problems = articles_of(reading.results)
    problems += sources.ignored
    articles, collisions = check_collisions(articles, sources.dates)
    problems += collisions

    def key(article: Article) -> str:  # known for an article as read (not one changed since)
        read, k = reading.keys.get(article.source, (None, ""))
        return k if read is article else fingerprints.article_key(article, config)

    vocab = vocabulary_for(config)
    done, failed = analyse_many(articles, vocab, known or {}, key, progress, stored_entries,
                                standby)
    problems += failed
    entries = one_name_per_person([t.entry for t in done])
    return Collected(
        tuple(entries), tuple(problems),
        {t.key: t.found for t in done if t.found is not None}, reading,
        tuple(t.key for t in done), {t.entry.article.source: (t.entry, t.digest) for t in done})


def publish(
    entries: Sequence[Entry], config: Config, progress: Progress | None = None,
    memo: RenderMemo | None = None, digests: Mapping[str, tuple[Entry, str]] | None = None,
) -> tuple[WriteReport, list[Problem]]:
    """Render every file the digest owns (keeping those the ``memo`` says were made from the
    same inputs) and write it, and a problem for each article whose pages could not be made:
    the site is then made again without it, so no listing, feed or related list links to a
    page that is not there."""
    report = write_outputs(render_site(entries, config, progress, memo, digests), config)
    left_out: dict[str, Problem] = {}
    while report.problems:
        for p in report.problems:
            left_out.setdefault(p.path, p)
        kept = [e for e in entries if e.article.source not in left_out]
        if len(kept) == len(entries):  # every problem names an article: cannot happen
            raise DigestError(f"rendering failed: {report.problems[0]}")
        entries = kept
        report = report.then(write_outputs(
            render_site(entries, config, progress, memo, digests), config))
    return report, list(left_out.values())


def digest_stage(
    config: Config, *, build_time: dt.datetime, strict: bool = False,
    progress: Progress | None = None, full: bool = False,
) -> StageResult:
    """Seeds to ``content/``: the part of the build that is ours.

    Nothing is read from a seed or written before every path the build touches is known to
    stay inside the project. The cache sits at the edges: what is known is loaded first,
    what is new is saved last. When seeds (by content), git dates, config and code are all
    unchanged since the last run, the stage replays that run's messages and writes nothing
    (unless ``full``: then every file is made again, and written where its bytes differ).
    """
    refused = project_problems(config)
    if refused:
        raise DigestError("\n".join(str(p) for p in refused))
    sources = gather_sources(config)
    store = cache.open_cache(config)
    compounds.keep_copy_in(cache.noun_list_copies(store))
    stamp = fingerprints.fingerprint(config, sources)
    last, notes = cache.load_snapshot(store)
    notes = [*store.notes, *notes]
    # Skipping needs the outputs too: someone may have deleted the generated folders.
    outputs_there = all((config.docs_path / d).is_dir() for d in config.owned_dirs)
    if not full and last is not None and last.fingerprint == stamp and outputs_there:
        replayed = (*last.problems, *notes)
        if strict and last.problems:
            return StageResult((), replayed, None, last.articles)
        return StageResult((), replayed, WriteReport((), (), 0), last.articles)
    # An extractor on standby loads its models on another core while the cache and the
    # seeds are read: a new article is then analysed without waiting for them.
    with standby_extractor(config, len(sources.seeds)) as standby:
        known, loaded = cache.load_facts(store)
        notes += loaded
        reads, tagged = Shards(store, shards.READS), Shards(store, shards.ENTRIES)
        collected = collect(config, sources, build_time=build_time, known=known,
                            progress=progress, stored_reads=reads, stored_entries=tagged,
                            standby=standby)
    # the standby is gone: its models are not needed again, and rendering and MkDocs need room
    notes += reads.notes + tagged.notes
    del sources
    entries, problems = collected.entries, list(collected.problems)
    notes += collected.save(reads, tagged)
    notes += cache.save_facts(store, collected.keys, collected.analyses, known)
    # Saved: the stored facts (a large site's, as loaded) need not stay in memory through
    # rendering and MkDocs.
    collected = replace(collected, analyses={})
    del known
    if strict and any(p.severity is not Severity.NOTE for p in problems):
        return StageResult(entries, (*problems, *notes), None, len(entries))
    if full:
        memo = RenderMemo(fingerprints.render_salt(config))
    else:
        memo, loaded = cache.load_rendered(store, config)
        notes += loaded
    report, failed = publish(entries, config, progress, memo, collected.digests)
    notes += cache.save_rendered(store, config, report.units)
    problems += failed
    count = len(entries) - len(failed)
    seed_problems = tuple(p for p in problems if p.severity is not Severity.NOTE)
    notes += cache.save_snapshot(store, cache.Snapshot(stamp, seed_problems, count))
    return StageResult(entries, (*problems, *notes), report, count)
