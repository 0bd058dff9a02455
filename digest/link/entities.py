"""One entity, one spelling, one page: the canonical entity behind a name in any language.

A name resolves to its entity through the vocabulary (canonical names, aliases and the names
per language of its ``languages`` section) and the gazetteer (a country by its ISO code,
with its German and English name). The entity's canonical name gives its tag and topic URL,
whatever the language of the article that names it; readers see its name in the page's
language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from digest.facts.entities.gazetteer import load as load_gazetteer
from digest.facts.entities.gazetteer import strip_accents
from digest.model import Facts
from digest.vocabulary import Vocabulary, fold

NAMED_KINDS = ("orgs", "places")
"""The kinds the vocabulary and gazetteer name per language; a person's name is one name."""


@dataclass(frozen=True)
class Entity:
    """What a name stands for: its canonical name and its name per language."""

    canonical: str
    """The vocabulary's canonical name, for a country the gazetteer's German name: the URL."""
    names: tuple[tuple[str, str], ...] = ()
    """(language, name) where a language spells the entity otherwise than ``canonical``."""

    @property
    def key(self) -> str:
        return fold(self.canonical)

    def name_in(self, lang: str) -> str:
        for language, name in self.names:  # a few pairs: no dict built on every call
            if language == lang:
                return name
        return self.canonical


def resolve(name: str, vocab: Vocabulary, kind: str | None = None) -> Entity:
    """The entity ``name`` stands for; a name nobody lists is an entity of its own.

    Countries are looked up only for places and kind-less names (editor tags): an
    organisation called "Georgia" is no country.
    """
    found = vocab.memo.get((name, kind))
    if isinstance(found, Entity):
        return found
    entity = _resolve(name, vocab, kind)
    vocab.memo[(name, kind)] = entity
    return entity


def _resolve(name: str, vocab: Vocabulary, kind: str | None) -> Entity:
    canonical = vocab.entity(name)
    gaz = load_gazetteer()
    if kind in (None, "places"):
        for form in (canonical, name):
            place = gaz.places.get(strip_accents(form))
            if place is not None and place.kind == "country":
                code = place.key
                return Entity(gaz.country_names["de"][code], tuple(
                    (lang, names[code]) for lang, names in sorted(gaz.country_names.items())))
    names = dict(vocab.languages.get(canonical, ()))
    if names:  # the canonical name is the other languages' name
        names = {lang: canonical for lang in gaz.country_names} | names
    return Entity(canonical, tuple(sorted(names.items())))


def shown(name: str, lang: str, vocab: Vocabulary, kind: str | None = None) -> str:
    """How a page in ``lang`` writes the entity ``name`` stands for; a name that differs
    from that only by case, umlauts or full stops ("U.S.") stays as the article wrote it."""
    display = resolve(name, vocab, kind).name_in(lang)
    return name if fold(name) == fold(display) else display


def spell_entities(facts: Facts, lang: str, vocab: Vocabulary) -> Facts:
    """The facts with every organisation and place named as a page in ``lang`` names it,
    each entity once: "Britain" and "UK" are one "UK" in an English article."""
    def spell(kind: str, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(shown(n, lang, vocab, kind) for n in names))

    return replace(facts, orgs=spell("orgs", facts.orgs), places=spell("places", facts.places))
