"""Packaged name lists (countries, places, first names), loaded once and cached."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_KEEP = frozenset("äöüÄÖÜß")


@lru_cache(maxsize=100_000)
def strip_accents(s: str) -> str:
    """``Société Genérale`` -> ``Societe Generale``; German umlauts and ß stay (``Über`` is
    not ``Uber``)."""
    if s.isascii():
        return s
    return "".join(
        c if c in _KEEP else "".join(
            d for d in unicodedata.normalize("NFD", c) if unicodedata.category(d) != "Mn"
        )
        for c in s
    )


@dataclass(frozen=True)
class Place:
    kind: str
    """``country``, ``city``, ``region`` or ``continent``."""
    key: str
    """ISO code for countries, else the name itself."""


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]
    """Accent-stripped spelling -> place."""
    country_names: dict[str, dict[str, str]]
    """Language -> ISO code -> preferred name."""
    first_names: frozenset[str]


def _read(name: str) -> list[str]:
    text = resources.files("digest").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def load() -> Gazetteer:
    places: dict[str, Place] = {}
    for line in _read("places.tsv"):
        name, kind = line.split("\t")
        places[strip_accents(name)] = Place(kind, name)
    names: dict[str, dict[str, str]] = {"de": {}, "en": {}}
    for line in _read("countries.tsv"):
        code, de_name, en_name, others = line.split("\t")
        names["de"][code] = de_name
        names["en"][code] = en_name
        for form in (de_name, en_name, *others.split("|")):
            if form:
                places[strip_accents(form)] = Place("country", code)
                if form.endswith("."):
                    places[strip_accents(form.rstrip("."))] = Place("country", code)
    firsts = frozenset(_read("first_names.txt"))
    return Gazetteer(places, names, firsts)
