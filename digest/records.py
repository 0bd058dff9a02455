"""The cache's JSON records, rebuilt field by field and type-checked.

A record that does not match its dataclass exactly is damaged or foreign, and is refused as a
whole (``ValueError``, ``TypeError`` or ``KeyError``); nothing in it is ever run.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from digest.model import Article, DateFact, Entry, Facts, Money, Percent, Problem, Severity, Tag

Analysis = tuple[Facts, tuple[str, ...], tuple[str, ...]]
"""What extraction yields per article: its facts, its extra search terms and the vocabulary's
topics its text names (a scan of the whole text, as dear as tagging the article)."""


_FACT_KINDS: dict[str, type[Any]] = {"money": Money, "percent": Percent, "dates": DateFact}
_FACTS_FIELDS = tuple(f.name for f in dataclasses.fields(Facts))
_SCALARS = frozenset((str, int, bool, type(None)))


@dataclass(frozen=True)
class _Layout:
    """How one kind of fact is stored: a row of its fields in order, decimals as strings,
    tuples as lists (a row is a quarter of the size of an object and quick to rebuild)."""

    fields: tuple[str, ...]
    decimals: tuple[int, ...]
    tuples: tuple[int, ...]
    plain: Callable[[list[Any]], tuple[Any, ...]]
    """The other values of a row (strings, numbers, booleans, ``None``)."""
    get: Callable[[Any], tuple[Any, ...]]
    kind: type[Any]

    def build(self, raw: Any) -> Any:
        """One stored row as its fact, checked for its length and value types, with its
        decimals and tuples rebuilt; a value the dataclass does not expect makes the whole
        file foreign. (Called for each of a large site's 400,000 facts: kept lean.)"""
        if type(raw) is not list:
            raise TypeError(f"expected a list, got {type(raw).__name__}")
        if len(raw) != len(self.fields):
            raise ValueError(f"a row of {len(raw)} values, expected {len(self.fields)}")
        row = raw.copy()  # the stored record is saved again as it was
        for i in self.tuples:
            row[i] = tuple(as_str(v) for v in as_list(row[i]))
        for i in self.decimals:
            if row[i] is not None:
                row[i] = _decimal(row[i])
        if not _SCALARS.issuperset(map(type, self.plain(row))):
            raise TypeError("a value of an unexpected type")
        return self.kind(*row)


def _layout(kind: type[Any]) -> _Layout:
    hints = typing.get_type_hints(kind)
    names = tuple(f.name for f in dataclasses.fields(kind))

    def has(i: int, wanted: Any) -> bool:
        hint = hints[names[i]]
        parts = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        return any(p is wanted or typing.get_origin(p) is wanted for p in parts)

    decimals = tuple(i for i in range(len(names)) if has(i, Decimal))
    tuples = tuple(i for i in range(len(names)) if has(i, tuple))
    plain = [i for i in range(len(names)) if i not in decimals + tuples]
    return _Layout(names, decimals, tuples, operator.itemgetter(*plain, plain[0]),
                   operator.attrgetter(*names), kind)


_LAYOUTS = {name: _layout(kind) for name, kind in _FACT_KINDS.items()}


class StoredAnalyses(Mapping[str, Analysis]):
    """The cached analyses by key, each decoded and type-checked when asked for (in the worker
    that needs it, not all at once in the main process). A stored one that does not decode is
    missing: its article is analysed again."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, key: str) -> Analysis:
        try:
            entry = as_mapping(self._raw[key], {"facts", "terms", "topics"})
            return (_facts_from(entry["facts"]),
                    tuple(as_str(t) for t in as_list(entry["terms"])),
                    tuple(as_str(t) for t in as_list(entry["topics"])))
        except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError):
            raise KeyError(key) from None

    def __contains__(self, key: object) -> bool:
        return key in self._raw  # without decoding it

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def stored(self, key: str) -> Any:
        """The record as stored: saved again as it is, without encoding it again."""
        return self._raw.get(key)


def facts_map_to(keys: Iterable[str], facts: Mapping[str, Analysis],
                 known: StoredAnalyses | None = None) -> dict[str, Any]:
    """The cache's record of the analyses of ``keys``: what ``known`` holds is copied as it
    was stored, the others are taken from ``facts``."""
    stored = known.stored if known is not None else (lambda key: None)

    def record(key: str) -> Any:
        f, terms, topics = facts[key]
        return {"facts": _facts_to(f), "terms": list(terms), "topics": list(topics)}

    return {
        "fields": {name: list(layout.fields) for name, layout in _LAYOUTS.items()},
        "facts": {key: stored(key) or record(key) for key in keys},
    }


def entry_to(entry: Entry, digest: str) -> dict[str, Any]:
    """An entry as tagged (its article aside, which the cache keeps with the seed) and the
    digest of all of it that the render memo's keys are made of."""
    return {"facts": _facts_to(entry.facts), "tags": [_tag_to(t) for t in entry.tags],
            "terms": list(entry.search_terms),
            "entities": [[name, _tag_to(t)] for name, t in entry.entities], "digest": digest}


def entry_from(raw: Any, article: Article,
               tags: dict[str, Tag] | None = None) -> tuple[Entry, str]:
    """One stored entry; ``tags`` (the record of a tag -> the tag) is shared by the calls
    of one load: the same entity's tag is on many articles, and is rebuilt once."""
    obj = as_mapping(raw, {"facts", "tags", "terms", "entities", "digest"})
    made = {} if tags is None else tags

    def tag(record: Any) -> Tag:
        key = repr(record)
        found = made.get(key)
        if found is None:
            found = made[key] = _tag_from(record)
        return found

    entities = []
    for item in as_list(obj["entities"]):
        name, record = as_list(item)
        entities.append((as_str(name), tag(record)))
    return (Entry(article, _facts_from(obj["facts"]),
                  tuple(tag(t) for t in as_list(obj["tags"])),
                  tuple(as_str(t) for t in as_list(obj["terms"])), tuple(entities)),
            as_str(obj["digest"]))


def _tag_to(t: Tag) -> list[Any]:
    return [t.name, t.slug, [list(pair) for pair in t.names], t.key, t.page, t.listed]


def _tag_from(raw: Any) -> Tag:
    name, slug, names, key, page, listed = as_list(raw)
    pairs = []
    for pair in as_list(names):
        lang, written = as_list(pair)
        pairs.append((as_str(lang), as_str(written)))
    return Tag(as_str(name), as_str(slug), tuple(pairs), as_str(key), as_str(page),
               as_bool(listed))


def _facts_to(facts: Facts) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _FACTS_FIELDS:
        values = getattr(facts, name)
        layout = _LAYOUTS.get(name)
        if layout is None:
            out[name] = list(values)
            continue
        rows = []
        for x in values:
            row = list(layout.get(x))
            for i in layout.decimals:
                if row[i] is not None:
                    row[i] = str(row[i])
            rows.append(row)
        out[name] = rows
    return out


def facts_map_from(raw: Any) -> StoredAnalyses:
    obj = as_mapping(raw, {"fields", "facts"})
    if obj["fields"] != {name: list(layout.fields) for name, layout in _LAYOUTS.items()}:
        raise ValueError("facts stored with other fields")
    stored = as_mapping(obj["facts"])
    if not all(isinstance(k, str) for k in stored):
        raise TypeError("a key that is not a string")
    return StoredAnalyses(stored)


_FACTS_KEYS = frozenset(_FACTS_FIELDS)


def _facts_from(raw: Any) -> Facts:
    obj = as_mapping(raw, _FACTS_KEYS)
    values: dict[str, Any] = {}
    for name, value in obj.items():
        layout = _LAYOUTS.get(name)
        if layout is None:
            values[name] = tuple(as_str(x) for x in as_list(value))
        else:
            values[name] = tuple(map(layout.build, as_list(value)))
    return Facts(**values)


def _decimal(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise TypeError(f"expected a decimal string, got {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("expected a finite number")
    return number


def as_mapping(raw: Any, keys: Set[str] | None = None) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise TypeError(f"expected an object, got {type(raw).__name__}")
    if keys is not None and set(raw) != keys:
        raise KeyError(f"fields {sorted(raw)}, expected {sorted(keys)}")
    return raw


def as_list(raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise TypeError(f"expected a list, got {type(raw).__name__}")
    return raw


def as_str(raw: Any) -> str:
    if not isinstance(raw, str):
        raise TypeError(f"expected a string, got {type(raw).__name__}")
    return raw


def as_bool(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise TypeError(f"expected true or false, got {type(raw).__name__}")
    return raw


def as_int(raw: Any) -> int:
    if type(raw) is not int:
        raise TypeError(f"expected an integer, got {type(raw).__name__}")
    return raw


def as_opt_int(raw: Any) -> int | None:
    return None if raw is None else as_int(raw)



def problem_to(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "message": p.message, "severity": p.severity.value,
            "code": p.code}


def problem_from(raw: Any) -> Problem:
    p = as_mapping(raw, {"path", "line", "message", "severity", "code"})
    return Problem(as_str(p["path"]), as_opt_int(p["line"]), as_str(p["message"]),
                   Severity(p["severity"]), as_str(p["code"]))
