"""The maintained vocabulary: canonical names, aliases, known entities and topic keywords."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from digest.errors import DigestError
from digest.model import ENTITY_KINDS

DEFAULT_PATH = Path(__file__).parent / "data" / "vocabulary.yml"


@dataclass(frozen=True)
class Vocabulary:
    """Names that the extractor and the tags share, so one entity has one spelling."""

    aliases: dict[str, str] = field(default_factory=dict)
    """Folded alias -> canonical name."""
    topics: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """Topic tag -> pattern that finds it in an article's text."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Canonical name -> ``orgs``, ``places`` or ``persons``."""
    names: tuple[tuple[str, str], ...] = ()
    """Every spelling as written in the file (canonical names and aliases) -> canonical name."""
    never: frozenset[str] = frozenset()
    """Folded names never to report: page furniture, words a recognizer takes for names."""
    languages: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Canonical name -> (language, name) where a language spells it otherwise: what tags,
    topics and the key-facts box show; extraction never reads it."""
    language_names: dict[str, str] = field(default_factory=dict)
    """Folded name of ``languages`` -> its canonical name, so "Europe" finds "Europa"."""
    memo: dict[tuple[str | None, ...], object] = field(
        default_factory=dict, compare=False, repr=False)
    """What ``digest.link.entities.resolve`` found for (name, kind), and the tag
    ``digest.link.tags.entity_tag`` made for ("tag", name, lang, kind): the same few
    thousand names come back in every article."""

    def canonical(self, name: str) -> str:
        return self.aliases.get(fold(name), name)

    def topics_in(self, text: str) -> tuple[str, ...]:
        return tuple(tag for tag, pattern in self.topics if pattern.search(text))

    def entity(self, name: str) -> str:
        """The canonical name of an entity spelled in any language the vocabulary knows."""
        canonical = self.canonical(name)
        return self.language_names.get(fold(canonical), canonical)

    def kind_of(self, name: str) -> str | None:
        """The entity kind of a known name or alias, ``None`` when the name is not listed."""
        return self.kinds.get(self.canonical(name))


_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
"""An abbreviation written with full stops ("u.s.", "u.n"), folded without them."""


@functools.lru_cache(maxsize=1 << 18)
def fold(name: str) -> str:
    """Case- and umlaut-insensitive key: ``Österreich`` and ``oesterreich`` fold alike."""
    s = name.casefold().strip()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", s)
    if "." in s and _DOTTED.fullmatch(s):
        s = s.replace(".", "")  # "U.S." and "US" are one name
    return s


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the packaged vocabulary, then the project's file on top of it."""
    aliases: dict[str, str] = {}
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    topics: list[tuple[str, re.Pattern[str]]] = []
    never: set[str] = set()
    languages: dict[str, dict[str, str]] = {}
    for p in (DEFAULT_PATH, path):
        if p is None or not p.exists():
            continue
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise DigestError(f"{p}: expected a mapping of sections (orgs, places, persons, "
                              f"topics, never, languages), got {type(data).__name__}")
        for kind in ENTITY_KINDS:
            section = data.get(kind) or {}
            if not isinstance(section, dict):
                raise DigestError(f"{p}: {kind}: expected a mapping of canonical names to "
                                  f"their other spellings, got {type(section).__name__}")
            for canonical, spellings in section.items():
                canonical = str(canonical)
                aliases[fold(canonical)] = canonical
                kinds[canonical] = kind
                names[canonical] = canonical
                for alias in spellings or ():
                    aliases[fold(str(alias))] = canonical
                    names[str(alias)] = canonical
        listed = data.get("never") or []
        if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
            raise DigestError(f"{p}: never: expected a list of names, got {listed!r}")
        never.update(fold(name) for name in listed)
        for canonical, spelled in (data.get("languages") or {}).items():
            if not isinstance(spelled, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in spelled.items()):
                raise DigestError(f"{p}: languages: {canonical}: expected a mapping of "
                                  f"language to name, got {spelled!r}")
            languages.setdefault(str(canonical), {}).update(spelled)
        for tag, patterns in (data.get("topics") or {}).items():
            topics.append((tag, re.compile("|".join(f"(?:{p})" for p in patterns))))
    return Vocabulary(
        aliases=aliases, topics=tuple(topics), kinds=kinds, names=tuple(names.items()),
        never=frozenset(never),
        languages={c: tuple(sorted(spelled.items())) for c, spelled in languages.items()},
        language_names={fold(n): c for c, spelled in languages.items()
                        for n in (c, *spelled.values())},
    )
