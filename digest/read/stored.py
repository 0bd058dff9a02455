"""Seeds as read by an earlier build, kept in the build cache by their bytes: reading (decoding,
front matter, sanitising, language detection) is most of what an unchanged seed costs.

A record is rebuilt field by field and type-checked like the cache's other records; one that
does not match is read again from the seed. Only committed seeds are kept: an uncommitted
one takes the build time as its date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from digest.config import Config
from digest.fingerprints import article_key, read_salt
from digest.model import Article, Block, FactCorrections, Sources
from digest.parallel import Progress
from digest.read.datelines import OwnDate
from digest.read.ingest import ReadResult, read_results
from digest.records import (
    as_bool,
    as_int,
    as_list,
    as_mapping,
    as_opt_int,
    as_str,
    problem_from,
    problem_to,
)
from digest.shards import Shards

Stored = tuple[ReadResult, str]
"""A seed as read, and its article's extraction key (``fingerprints.article_key``)."""


_REFUSED = (ValueError, TypeError, KeyError, OSError, ArithmeticError, RecursionError)
"""What a damaged or foreign record raises while it is rebuilt: its seed is read again."""


@dataclass(frozen=True)
class Reading:
    """Every seed as read, with the article keys the cache knew."""

    results: dict[str, ReadResult]
    """Each seed as read, by path, in the seeds' order."""
    keys: dict[str, tuple[Article, str]]
    """The extraction key of each article read, by path, with the article it belongs to."""
    paths: dict[str, str]
    """The path of each committed seed by its ``seed_key``, what the cache keeps it by."""

    def record(self, key: str) -> Any:
        """The cache's record of the seed whose ``seed_key`` is ``key``."""
        path = self.paths[key]
        return stored_to(self.results[path], self.keys.get(path, (None, ""))[1])


def read_known(config: Config, sources: Sources, build_time: dt.datetime,
               stored: Shards | None, progress: Progress | None = None) -> Reading:
    """Every seed of ``sources`` read, each unchanged one from its ``stored`` record (seed
    bytes, git date, code, config and reading libraries the same) instead of its bytes."""
    salt = read_salt(config)
    seed_keys = {}
    for path, (data, _) in sources.seeds.items():
        k = None if data is None else seed_key(salt, path, data, sources.dates.get(path))
        if k is not None:
            seed_keys[path] = k
    path_of = {k: p for p, k in seed_keys.items()}
    results: dict[str, ReadResult] = {}
    keys: dict[str, tuple[Article, str]] = {}
    for k, raw in stored.load(path_of) if stored is not None else ():
        path = path_of[k]
        try:
            result, akey = stored_from(raw)
            if result.article is not None and result.article.source != path:
                raise ValueError("another seed's record")  # never served
        except _REFUSED:
            if stored is not None:
                stored.refuse(k)
            continue
        results[path] = result
        if result.article is not None:
            keys[path] = (result.article, akey)
    fresh = read_results(config, sources, build_time, progress,
                         [p for p in sources.seeds if p not in results])
    for path, result in fresh.items():
        if result.article is not None:
            keys[path] = (result.article, article_key(result.article, config))
    results |= fresh
    return Reading({p: results[p] for p in sources.seeds}, keys, path_of)


def seed_key(salt: str, path: str, data: bytes, git_date: dt.datetime | None) -> str | None:
    """The key of one seed's reading: what it depends on besides ``salt`` (code, config and
    the reading libraries). ``None`` for an uncommitted seed, dated by the build."""
    if git_date is None:
        return None
    h = hashlib.sha256(salt.encode())
    h.update(path.encode("utf-8", "surrogateescape") + b"\0")
    h.update(hashlib.sha256(data).digest())
    h.update(repr(git_date).encode())
    return h.hexdigest()


def stored_to(result: ReadResult, key: str) -> list[Any]:
    a, own = result.article, result.own_date
    return [
        None if a is None else _article_to(a),
        [problem_to(p) for p in result.problems],
        dict(result.meta_lines),
        None if own is None else [_when_to(own.when), own.text, own.kind, own.paragraph,
                                  own.alone, own.line],
        key,
    ]


def stored_from(raw: Any) -> Stored:
    """One record as ``stored_to`` wrote it; raises ``ValueError``, ``TypeError`` or
    ``KeyError`` for anything else."""
    article, problems, meta_lines, own, key = as_list(raw)
    lines = {as_str(k): as_int(v) for k, v in as_mapping(meta_lines).items()}
    own_date = None
    if own is not None:
        when, text, kind, paragraph, alone, line = as_list(own)
        own_date = OwnDate(_when_from(when), as_str(text), as_str(kind), as_int(paragraph),
                           as_bool(alone), as_opt_int(line))
    return (ReadResult(None if article is None else _article_from(article),
                       tuple(problem_from(p) for p in as_list(problems)), lines, own_date),
            as_str(key))


def _article_to(a: Article) -> list[Any]:
    c = a.corrections
    return [a.source, a.title, a.lead, [[b.kind, b.text, b.plain] for b in a.blocks], a.lang,
            a.locale, _when_to(a.date), a.date_origin, a.slug, list(a.tags), a.source_url,
            a.source_name, a.author, a.summary,
            None if c is None else [{k: list(v) for k, v in c.add.items()}, list(c.remove),
                                    dict(c.rename)],
            list(a.old_slugs)]


def _article_from(raw: Any) -> Article:
    (source, title, lead, blocks, lang, locale, date, origin, slug, tags, url, name, author,
     summary, corrections, old_slugs) = as_list(raw)
    fixes = None
    if corrections is not None:
        add, remove, rename = as_list(corrections)
        fixes = FactCorrections(
            {as_str(k): _strs(v) for k, v in as_mapping(add).items()}, _strs(remove),
            {as_str(k): as_str(v) for k, v in as_mapping(rename).items()})
    return Article(
        as_str(source), as_str(title), as_str(lead), tuple(_block(b) for b in as_list(blocks)),
        as_str(lang), as_str(locale), _when_from(date), as_str(origin), as_str(slug),
        _strs(tags), _opt_str(url), _opt_str(name), _opt_str(author), _opt_str(summary), fixes,
        _strs(old_slugs))


def _block(raw: Any) -> Block:
    kind, text, plain = as_list(raw)
    return Block(as_str(kind), as_str(text), _opt_str(plain))


def _when_to(when: dt.datetime) -> list[Any]:
    """A time with its zone: a named zone by its name (its rules, not only its offset, are
    part of the value), any other by the offset the ISO form carries."""
    zone = when.tzinfo
    return [when.isoformat(), zone.key if isinstance(zone, ZoneInfo) else None]


def _when_from(raw: Any) -> dt.datetime:
    text, zone = as_list(raw)
    when = dt.datetime.fromisoformat(as_str(text))
    if when.tzinfo is None:
        raise ValueError("a time without its zone")
    return when if zone is None else when.astimezone(ZoneInfo(as_str(zone)))


def _strs(raw: Any) -> tuple[str, ...]:
    return tuple(as_str(x) for x in as_list(raw))


def _opt_str(raw: Any) -> str | None:
    return None if raw is None else as_str(raw)
