"""Value objects that cross every stage boundary: frozen, typed, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import PurePosixPath


class Severity(Enum):
    """How bad a problem is: errors skip a seed, warnings only inform, notes concern the
    build itself (its cache) or say what the digest chose (which date a seed took), and
    never fail ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located like a compiler message."""

    path: str
    """Project-relative path of the file the problem is in."""
    line: int | None
    """1-based line number, when the problem has one."""
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""
    """A stable name of the kind of problem (``title-too-long``): what code filters on,
    never the message text."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True)
class Block:
    """One block of an article body: a paragraph of plain text or a run-in subheading."""

    kind: str
    """``"p"`` for a paragraph, ``"h"`` for a subheading, ``"md"`` for sanitised Markdown."""
    text: str
    plain: str | None = None
    """An ``md`` block's words without Markdown syntax, a line per paragraph or list item:
    what facts, tags and word counts read (never a link's address)."""


@dataclass(frozen=True)
class Article:
    """A seed as read from disk: text and metadata, nothing derived yet."""

    source: str
    """Project-relative POSIX path of the seed, e.g. ``seeds/000_x.txt``; the stable identity."""
    title: str
    lead: str
    """The first paragraph: the summary on the page, in the feeds and in the head."""
    blocks: tuple[Block, ...]
    """Body after the lead, in order."""
    lang: str
    """ISO 639-1 code, ``de`` or ``en``."""
    locale: str
    """Babel locale for numbers and month names, e.g. ``de_AT`` when the text is Austrian."""
    date: dt.datetime
    """Publication time, timezone-aware."""
    date_origin: str
    """Where the date came from: ``front matter``, ``text`` (a byline, dateline or
    stand-first of the article's own), ``git`` or ``build``."""
    slug: str
    tags: tuple[str, ...] = ()
    """Tags the editor gave in front matter."""
    source_url: str | None = None
    source_name: str | None = None
    """Who the text credits as its source, from its last line ("Quelle: APA"): shown in
    the source line, never read as body text."""
    author: str | None = None
    summary: str | None = None
    """An editor's summary from front matter; wins over the lead in the head and feeds."""
    corrections: FactCorrections | None = None
    old_slugs: tuple[str, ...] = ()
    """Earlier slugs whose URLs must keep working (redirects)."""

    @property
    def stem(self) -> str:
        return PurePosixPath(self.source).stem

    @property
    def description(self) -> str:
        return self.summary or self.lead

    def plain_text(self) -> str:
        """The text facts are extracted from: title, lead and body, one paragraph per line."""
        parts = [self.title, self.lead,
                 *(b.plain if b.plain is not None else b.text for b in self.blocks)]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Money:
    """An amount of money as written, with its exact value and ISO 4217 currency."""

    text: str
    value: Decimal
    currency: str
    value_to: Decimal | None = None
    kind: str = "amount"
    """``amount`` or ``exchange_rate`` (value units of ``currency`` per one ``per``)."""
    per: str | None = None
    """For exchange rates: the currency one unit of which the rate is quoted against."""
    approx: bool = False
    """The text hedges the amount (``rund``, ``about``)."""
    same_as: int | None = None
    """Index of an earlier money fact this one restates in another currency."""
    eur: Decimal | None = None
    """The value in euros at the article's date (ECB reference rate), when known."""
    eur_note: str | None = None
    """Why ``eur`` is missing or approximate (rate from an earlier day, unknown currency)."""
    implicit: bool = False
    """The currency is implied by context, not written next to the figure."""


@dataclass(frozen=True)
class Percent:
    """A percentage or a change in percentage points."""

    text: str
    value: Decimal
    value_to: Decimal | None = None
    unit: str = "percent"
    """``percent`` or ``percentage_point``."""


@dataclass(frozen=True)
class DateFact:
    """A calendar reference: year, month, day as far as the text (or inference) gives them."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_to: int | None = None
    month_to: int | None = None
    day_to: int | None = None
    quarter: int | None = None
    half: int | None = None
    inferred: tuple[str, ...] = ()
    """Fields that were not in the text but resolved from the article date, e.g. ``("year",)``."""


@dataclass(frozen=True)
class Facts:
    """Everything the key-facts box shows, in text order within each kind."""

    money: tuple[Money, ...] = ()
    percent: tuple[Percent, ...] = ()
    dates: tuple[DateFact, ...] = ()
    orgs: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(
            (self.money, self.percent, self.dates, self.orgs, self.places, self.persons)
        )


ENTITY_KINDS = ("orgs", "places", "persons")


@dataclass(frozen=True)
class FactCorrections:
    """An editor's corrections from front matter: what to add, drop and rename."""

    add: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Entity kind -> names to add."""
    remove: tuple[str, ...] = ()
    """Names or fact texts to drop, whatever their kind."""
    rename: dict[str, str] = field(default_factory=dict)
    """Name as extracted -> name to show."""


@dataclass(frozen=True)
class Tag:
    """A tag with one canonical spelling and the slug its pages and feeds use."""

    name: str
    """As the page that carries it writes it (its language)."""
    slug: str
    names: tuple[tuple[str, str], ...] = ()
    """(language, name) where a language writes the entity otherwise: listings show theirs."""
    key: str = ""
    """The folded canonical name of the entity, one per thing in every language."""
    page: str = ""
    """Docs-relative page its chips link when that is not its own tag page: the topic page
    of its entity, which lists every article of the tag (``links.tag_topics``)."""
    listed: bool = True
    """False for a tag of fewer articles than a page needs (``topic_min_articles``): its
    page would list the one article its chip is on, so it has none, and no feed."""

    def name_in(self, lang: str) -> str:
        for language, name in self.names:  # a few pairs: no dict built on every call
            if language == lang:
                return name
        return self.name


@dataclass(frozen=True)
class Entry:
    """An article after extraction and tagging: what render and feeds consume."""

    article: Article
    facts: Facts
    tags: tuple[Tag, ...]
    search_terms: tuple[str, ...] = ()
    """Extra words for the search index only (German compound parts and lemmas)."""
    entities: tuple[tuple[str, Tag], ...] = ()
    """``kind:folded name`` of each organisation and place -> its entity (slug, names per
    language), so one topic gathers an entity's articles in every language."""


SeedBytes = tuple[bytes | None, Problem | None]
"""A seed's bytes, or ``None`` and the problem that kept it unread."""


@dataclass(frozen=True)
class Sources:
    """The build's inputs from the disk and git; nothing after this reads a seed."""

    seeds: Mapping[str, SeedBytes] = field(hash=False)
    """Each seed by project-relative path, in sorted order."""
    ignored: tuple[Problem, ...] = ()
    """A warning for each file of the seeds folder that no reader takes."""
    dates: Mapping[str, dt.datetime] = field(default_factory=dict, hash=False)
    """When git first saw each seed (following renames); absent when not committed."""


@dataclass(frozen=True)
class OutputFile:
    """A file the digest owns, with its bytes; ``dest`` is relative to the project root."""

    dest: str
    content: bytes


@dataclass(frozen=True)
class KeptFile:
    """A file the last build made from the same inputs: the writer keeps it as it is."""

    dest: str


@dataclass(frozen=True)
class Rendered:
    """One unit of the site (an article's page, a topic's pages) with the key of what it was
    made from: a later build whose inputs give the same key keeps its files."""

    unit: str
    key: str
    dests: tuple[str, ...]


@dataclass(frozen=True)
class RenderMemo:
    """What the last build rendered, by unit (its key and files, still as written), and the
    salt of this build's keys (the code and config that render)."""

    salt: str
    units: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict, hash=False)

    def kept(self, unit: str, key: str) -> tuple[str, ...] | None:
        """The files of ``unit`` if the last build made them from inputs with this key."""
        last = self.units.get(unit)
        return last[1] if last is not None and last[0] == key else None


Output = OutputFile | KeptFile | Rendered | Problem
"""What rendering hands the writer: a file, a file kept as it is, which unit made which
files, or an article left out."""
