"""Extra search terms for German compounds: the parts and lemma forms lunr's stemmer cannot see.

Material's search stems German with the Snowball stemmer, which never splits a compound and
does not know irregular plurals: a query for ``Investition`` does not find
``Milliardeninvestitionen``, nor ``Rechenzentrum`` the word ``Rechenzentren``. For every
capitalised word of a German text, :func:`search_terms` looks up its lemma and, for long
words, splits it into head and modifier (recursively, with the linking ``-s``, ``-es``,
``-n``, ``-en``, ``-er``, ``-e``, ``-ens`` handled), and returns the parts and lemmas that
the text does not already contain. The pages carry them invisibly for the search index.

The noun list is the one of the ``german-nouns`` package (about 100,000 nouns with their
inflected forms, compiled from the German Wiktionary, CC BY-SA 4.0 - see
https://github.com/gambolputty/german-nouns and https://de.wiktionary.org). This is the only
module that reads it. It is read once per process, on first use, from the installed package;
nothing is downloaded and nothing is written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = ["Lexicon", "lexicon", "load_lexicon", "search_terms", "word_terms"]

MIN_COMPOUND = 8
"""Words at least this long are split into parts; shorter ones only get their lemma."""
MIN_LOOSE_COMPOUND = 10
"""Words at least this long may also be cut after a modifier that is no noun (``Mindest-``)."""
MIN_STRICT_PART = 4
"""The shortest part of a word shorter than ``MIN_LOOSE_COMPOUND``."""
MIN_LEMMA = 4
"""Words at least this long get their lemma forms."""
MIN_PART = 3
"""The shortest head or modifier a compound is split into."""
MIN_LOOSE_MODIFIER = 5
"""The shortest modifier that is no noun (``Mindest-``, ``Digital-``) a head may be cut from."""

# Linking elements between modifier and head, longest first: Verfassung-s-dokument,
# Gesetz-es-vorschlag, Bank-en-branche, Kind-er-garten, Maßnahme-n-paket, Herz-ens-brecher.
LINKS = ("ens", "es", "en", "er", "e", "n", "s")
# Endings a modifier may have lost: Such-maschine (Suche), Schad-software (Schaden). Such a
# stem allows the cut but is no term itself: Halb-leiter is no Halbe.
LOST_ENDINGS = ("e", "en")

# Rows of these kinds are names, abbreviations or phrases, never parts of a common noun.
_SKIP_KINDS = frozenset({
    "Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung", "Buchstabe",
    "Symbol", "Affix", "Suffix", "Gebundenes Lexem", "Wortverbindung", "Redewendung",
    "Grußformel", "Geflügeltes Wort", "Zahlklassifikator", "Partikel",
})
# Nouns in the list that are, inside a word, nearly always something else: particles and
# prefixes (Aus-, Bei-, Unter-), derivational endings (-schaft, -ion) and rare homographs
# (Hau, User, Volum) that would cut ordinary words into nonsense.
_NOT_PARTS = frozenset({
    "aus", "bei", "er", "es", "gege", "ober", "unter", "ur", "vor", "hau", "ion", "ionen",
    "schaft", "schaften", "tum", "user", "volum", "ende", "enden", "ale", "ei", "ien", "ten",
    "ische", "ischen", "tran", "trans", "inter", "ster",
})

# Words beginning with an inseparable verb prefix are derivations, not compounds, when the
# cut leaves only a short modifier: Ent|scheidung, Ver|braucher, Zer|setzung.
_PREFIXES = ("ver", "ent", "emp", "zer", "miss")
_SHORT_PREFIXED = 5

# A row: lemma, part of speech, genus, genus 1..4, then the inflected forms.
_HEADER = "lemma,pos,genus,genus 1,genus 2,genus 3,genus 4,"
_GENUS_FIELDS = 5
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Lexicon:
    """Lower-case noun forms mapped to their lemmas, the genders of the lemmas, and names."""

    lemmas: dict[str, tuple[str, ...]]
    """Every form of every common noun (lower case) -> its lemmas, as written."""
    genders: dict[str, frozenset[str]]
    """Lemma -> its grammatical genders (``m``, ``f``, ``n``); none for plural-only nouns."""
    names: frozenset[str]
    """Lower-case place and person names that are no common noun (Deutschland, Österreich)."""

    def __contains__(self, form: object) -> bool:
        return form in self.lemmas and form not in _NOT_PARTS

    def lemmas_of(self, form: str) -> tuple[str, ...]:
        """The lemmas of a lower-case form, or () if it is no known noun.

        A form that is a lemma itself stands for that lemma only: ``Daten`` (plural-only) is
        not read as a plural of ``Datum``, nor ``Reise`` as the old dative of ``Reis``."""
        lemmas = self.all_lemmas(form)
        own = tuple(lemma for lemma in lemmas if lemma.lower() == form)
        return own or lemmas

    def all_lemmas(self, form: str) -> tuple[str, ...]:
        """Every lemma a lower-case form belongs to (``werken``: Werk, Werken)."""
        if form in _NOT_PARTS:
            return ()
        return tuple(
            lemma for lemma in self.lemmas.get(form, ()) if lemma.lower() not in _NOT_PARTS)

    def genders_of(self, form: str) -> frozenset[str]:
        """Every gender any lemma of a lower-case form has."""
        return frozenset().union(*(self.genders.get(lemma, ()) for lemma in self.all_lemmas(form)))


def _noun_list() -> Path:
    from german_nouns.config import CSV_FILE_PATH  # type: ignore[import-untyped]

    return Path(CSV_FILE_PATH)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the noun list (``german-nouns``' CSV file): every form of every common noun.

    The file is CSV whose only quoted field is the part of speech; a plain split is several
    times faster than the csv module, and fields that would need quoting (forms with a comma
    or a space) are dropped anyway, as only alphabetic forms are kept.
    """
    found: dict[str, list[str]] = {}
    genders: dict[str, set[str]] = {}
    names: set[str] = set()
    source = path or _noun_list()
    with open(source, encoding="utf-8") as handle:
        if not next(handle, "").startswith(_HEADER):
            raise ValueError(f"{source}: not the german-nouns table (expected {_HEADER}...)")
        for line in handle:
            lemma, _, rest = line.partition(",")
            if not lemma.isalpha():
                continue
            if rest.startswith('"'):
                kinds, _, rest = rest[1:].partition('",')
            else:
                kinds, _, rest = rest.partition(",")
            fields = rest.rstrip("\r\n").split(",")
            forms = {lemma, *fields[_GENUS_FIELDS:]}
            forms.discard("")
            if not _SKIP_KINDS.isdisjoint(kinds.split(",")):
                names.update(form.lower() for form in forms)
                continue
            genders.setdefault(lemma, set()).update(g for g in fields[:_GENUS_FIELDS] if g)
            for form in forms:
                if form.isalpha():
                    known = found.setdefault(form.lower(), [])
                    if lemma not in known:
                        known.append(lemma)
    return Lexicon(
        lemmas={form: tuple(lemmas) for form, lemmas in found.items()},
        genders={lemma: frozenset(g) for lemma, g in genders.items()},
        names=frozenset(names - found.keys()),
    )


_lexicon: Lexicon | None = None
_lock = threading.Lock()


class Copies(Protocol):
    """Where a copy of the read noun list is kept between builds (the build cache's
    ``NounListCopies``): this module reads and parses; the cache reads and writes files."""

    def load(self, key: str) -> bytes | None: ...

    def save(self, key: str, data: bytes) -> None: ...


_copies: Copies | None = None

COPY_FORMAT = 1
"""The version of the noun list's copy: raise it when ``Lexicon`` or ``load_lexicon``
changes what a copy holds."""


def keep_copy_in(copies: Copies | None) -> None:
    """Keep a copy of the read noun list in ``copies`` (the build cache): reading the copy
    takes a quarter of the time of reading the CSV, which a build with one new article pays."""
    global _copies
    _copies = copies


def lexicon() -> Lexicon:
    """The noun list, read on first use and kept for the life of the process."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = _read_or_copy(_copies)
    return _lexicon


def release() -> None:
    """Forget the noun list (and what is made of it) until it is needed again."""
    global _lexicon
    from digest.facts.entities import merge

    with _lock:
        _lexicon = None
    merge.german_nouns.cache_clear()
    merge.german_names.cache_clear()


def _read_or_copy(copies: Copies | None) -> Lexicon:
    """The noun list from its copy when there is a good one for this CSV file, else from the
    CSV file, then copied; a missing or damaged copy only costs time."""
    source = _noun_list()
    if copies is None:
        return load_lexicon(source)
    # By the CSV's bytes (30 ms), not its path and time: a deploy installs it anew each run.
    digest = hashlib.sha256(f"{COPY_FORMAT}\n".encode())
    digest.update(source.read_bytes())
    key = digest.hexdigest()[:16]
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        data = copies.load(key)
        if data is not None:
            return decode_copy(data)
    found = load_lexicon(source)
    with contextlib.suppress(ValueError):
        copies.save(key, encode_copy(found))
    return found


_COPY_HEADER = f"digest noun list {COPY_FORMAT}\n"
_SEPARATORS = re.compile(r"[\t\n\f]")


def encode_copy(lexicon: Lexicon) -> bytes:
    """The noun list as text: a line per form (form, then its lemmas), a section
    of lemmas with their genders, one of names; tabs, lines and form feeds divide them, so a
    word holding one of those is refused (``ValueError``)."""
    sections = [
        "\n".join("\t".join((form, *lemmas)) for form, lemmas in lexicon.lemmas.items()),
        "\n".join("\t".join((lemma, *sorted(g))) for lemma, g in lexicon.genders.items()),
        "\n".join(sorted(lexicon.names)),
    ]
    words = (w for section in (lexicon.lemmas.items(), lexicon.genders.items())
             for key, values in section for w in (key, *values))
    if any(_SEPARATORS.search(w) for w in (*words, *lexicon.names)):
        raise ValueError("a word of the noun list holds a tab, line break or form feed")
    return (_COPY_HEADER + "\f".join(sections)).encode()


def decode_copy(data: bytes) -> Lexicon:
    """The noun list from ``encode_copy``'s data: plain text, parsed, never
    run; anything but that text is refused (``ValueError``)."""
    text = data.decode("utf-8")
    if not text.startswith(_COPY_HEADER):
        raise ValueError("not a copy of the noun list")
    sections = text[len(_COPY_HEADER):].split("\f")
    if len(sections) != 3:
        raise ValueError("not a copy of the noun list")
    rows = [[line.split("\t") for line in section.split("\n")] if section else []
            for section in sections[:2]]
    if any(not row[0] for table in rows for row in table):
        raise ValueError("not a copy of the noun list")
    return Lexicon(lemmas={row[0]: tuple(row[1:]) for row in rows[0]},
                   genders={row[0]: frozenset(row[1:]) for row in rows[1]},
                   names=frozenset(sections[2].split("\n")) if sections[2] else frozenset())


def search_terms(text: str, lang: str) -> tuple[str, ...]:
    """Sorted extra search terms for the compounds and inflected nouns of a German text.

    Parts and lemmas of every capitalised word, minus every word the text already has
    (compared case-insensitively). Any language but German (``de``, ``de-AT``) gives ``()``.
    """
    if re.split(r"[-_]", lang.lower(), maxsplit=1)[0] != "de":
        return ()
    words = _WORD.findall(text)
    present = {word.lower() for word in words}
    terms: dict[str, str] = {}
    for word in set(words):
        if len(word) < MIN_LEMMA or not word[0].isupper() or not word[1:].islower():
            continue
        for term in word_terms(word):
            key = term.lower()
            if key not in present and (key not in terms or term < terms[key]):
                terms[key] = term
    return tuple(sorted(terms.values()))


@functools.lru_cache(maxsize=1 << 16)
def word_terms(word: str) -> tuple[str, ...]:
    """Parts and lemmas of one word (the word itself excluded), sorted; cached per word."""
    low = word.lower()
    terms: set[str] = set()
    if len(low) >= MIN_LEMMA:
        terms.update(lexicon().lemmas_of(low))
    if len(low) >= MIN_COMPOUND:
        terms.update(_parts(low))
    return tuple(sorted(t for t in terms if t.lower() != low))


def _parts(low: str) -> Iterator[str]:
    """Head and modifier of a lower-case compound, their lemmas, and the parts of long parts."""
    split = _split(low)
    if split is None:
        return
    lex = lexicon()
    for part in split:
        if part in lex:
            yield part.capitalize()
            yield from lex.lemmas_of(part)
        if len(part) >= MIN_COMPOUND:
            yield from _parts(part)


@functools.lru_cache(maxsize=1 << 16)
def _split(low: str) -> tuple[str, str] | None:
    """The best (modifier, head) cut of a lower-case word, or None if it is no compound.

    The longest known head wins among cuts whose modifier is a known noun (after dropping a
    linking element) or itself a compound of known nouns. Failing that, a long word the list
    does not know may keep a modifier that is no noun (``Mindest|pensionen``). A word the list
    knows is only cut where its lemma ends in a lemma of the head and has its gender, so an
    inflected simplex is never cut at its ending (``Ergebnis|sen``, ``Mod|elle``). Words
    shorter than ``MIN_LOOSE_COMPOUND`` are only cut into two nouns of four letters or more
    (``Bahn|höfe``, not ``Par|allel``).
    """
    lex = lexicon()
    if low in lex.names:
        return None
    strict = len(low) < MIN_LOOSE_COMPOUND
    shortest = MIN_STRICT_PART if strict else MIN_PART
    lemmas = tuple(lemma.lower() for lemma in lex.all_lemmas(low))
    genders = lex.genders_of(low)
    loose: tuple[str, str] | None = None
    for cut in range(shortest, len(low) - shortest + 1):
        head = low[cut:]
        if head not in lex or (low.startswith(_PREFIXES) and cut <= _SHORT_PREFIXED):
            continue
        if lemmas and not _same_noun(lemmas, genders, head, lex):
            continue
        modifier = _modifier(low[:cut], strict=strict)
        if modifier is not None:
            return modifier, head
        if loose is None and not strict and cut >= MIN_LOOSE_MODIFIER and len(head) > MIN_PART:
            loose = low[:cut], head
    if loose is not None and not lemmas:
        return loose
    return None


def _same_noun(lemmas: tuple[str, ...], genders: frozenset[str], head: str, lex: Lexicon) -> bool:
    """A known word ends in the head's lemma and shares its gender (Rechenzentrum, Zentrum)."""
    if not any(lemma.endswith(h.lower()) for lemma in lemmas for h in lex.all_lemmas(head)):
        return False
    head_genders = lex.genders_of(head)
    return not genders or not head_genders or bool(genders & head_genders)


def _modifier(raw: str, *, strict: bool = False) -> str | None:
    """The noun form a modifier stands for (linking element dropped), or None.

    ``strict`` admits only a noun, with or without its linking element."""
    lex = lexicon()
    if raw in lex:
        return raw
    shortest = MIN_STRICT_PART if strict else MIN_PART
    for link in LINKS:
        if raw.endswith(link) and len(raw) - len(link) >= shortest:
            stem = raw[: -len(link)]
            if stem in lex:
                return stem
    if strict:
        return None
    if len(raw) > MIN_PART and any(raw + ending in lex for ending in LOST_ENDINGS):
        return raw  # a stem (Such-, Schad-): cut there, but no search term of its own
    if len(raw) >= 2 * MIN_PART:
        inner = _split(raw)
        if inner is not None and inner[0] in lex:
            return raw
    return None
