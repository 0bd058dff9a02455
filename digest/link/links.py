"""What ties articles together: related articles, entity topics and weekly editions (pure)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from digest.link.labels import figure_label
from digest.link.tags import tag_slug
from digest.model import ENTITY_KINDS, DateFact, Entry, Money, Percent, Tag
from digest.vocabulary import fold

RELATED_MAX = 5
# Candidates per shared feature: the nearest articles in time only, so popular tags
# ("USA") cost O(N) instead of O(N^2).
_NEIGHBOURS = 12
_HALF_LIFE_DAYS = 60.0
_SCORE_DIGITS = 9
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"'])")


@dataclass(frozen=True)
class Topic:
    """An organisation, person or place with the articles that mention it, newest first."""

    kind: str
    name: str
    """In the language of the site's listings when the vocabulary or gazetteer knows it."""
    slug: str
    entries: tuple[Entry, ...]
    spellings: tuple[str, ...] = ()
    """Every name of the entity: as its articles write it and per language, sorted."""
    written: tuple[str, ...] = ()
    """The names its articles write, sorted: the pages it had before entities merged."""

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.slug}"


@dataclass(frozen=True)
class Edition:
    """The articles of one ISO week."""

    year: int
    week: int
    entries: tuple[Entry, ...]

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def features(entry: Entry) -> set[str]:
    """What makes two articles related: their tags and entities, folded."""
    f = {f"t:{fold(t.name)}" for t in entry.tags}
    for kind in ENTITY_KINDS:
        f |= {f"e:{fold(n)}" for n in getattr(entry.facts, kind)}
    return f


@dataclass(frozen=True)
class RelatedIndex:
    """What scoring related articles needs of the whole archive, built once."""

    ordered: tuple[Entry, ...]
    """Oldest first (date, then seed path)."""
    position: Mapping[str, int]
    feats: Mapping[str, tuple[str, ...]]
    """Each article's features, sorted: scores are float sums, and a sum's last bits depend
    on the order of its terms, so set order would break ties by hash seed."""
    postings: Mapping[str, list[int]]
    """Feature -> the positions (in ``ordered``) of the articles that have it, ascending."""
    idf: Mapping[str, float]
    days: Sequence[float]
    """Each article's date in days since the epoch, in ``ordered`` order."""


def related_index(entries: Sequence[Entry]) -> RelatedIndex:
    ordered = tuple(sorted(entries, key=lambda e: (e.article.date, e.article.source)))
    position = {e.article.source: i for i, e in enumerate(ordered)}
    feats = {e.article.source: tuple(sorted(features(e))) for e in ordered}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ordered):
        for f in feats[e.article.source]:
            postings[f].append(i)
    n = len(ordered)
    idf = {f: math.log(1 + n / len(p)) for f, p in postings.items()}
    days = [e.article.date.timestamp() / 86400 for e in ordered]
    return RelatedIndex(ordered, position, feats, postings, idf, days)


def related_sources(index: RelatedIndex, entry: Entry, limit: int = RELATED_MAX) -> tuple[str, ...]:
    """The seed paths of up to ``limit`` articles related to ``entry``, best first."""
    src = entry.article.source
    postings, idf, ordered = index.postings, index.idf, index.ordered
    here = index.position[src]
    # Articles by position, not by object: the scoring loop is every build's hottest.
    scores: dict[int, float] = defaultdict(float)
    for f in index.feats[src]:
        plist = postings[f]
        if len(plist) < 2:
            continue
        i = bisect_left(plist, here)
        weight = idf[f]
        for other in plist[max(0, i - _NEIGHBOURS): i + _NEIGHBOURS + 1]:
            if other != here:
                scores[other] += weight
    ranked = []
    day, days = index.days[here], index.days
    for other, score in scores.items():
        closeness = 0.5 + 0.5 * 0.5 ** (abs(days[other] - day) / _HALF_LIFE_DAYS)
        # Rounded, so scores equal but for the sum's rounding error tie and the seed path
        # decides, as documented.
        ranked.append((-round(score * closeness, _SCORE_DIGITS), ordered[other].article.source))
    ranked.sort()
    return tuple(r[1] for r in ranked[:limit])


def related(entries: Sequence[Entry], limit: int = RELATED_MAX) -> dict[str, tuple[Entry, ...]]:
    """Up to ``limit`` related articles per seed: shared features weighted by rarity (IDF)
    and by closeness in time; ties broken by seed path, so the result is deterministic."""
    index = related_index(entries)
    return related_from(index, [related_sources(index, e, limit) for e in index.ordered])


def related_from(
    index: RelatedIndex, sources: Sequence[tuple[str, ...]]
) -> dict[str, tuple[Entry, ...]]:
    """``related_sources`` of every entry of ``index.ordered`` as entries, by seed path."""
    return {e.article.source: tuple(index.ordered[index.position[s]] for s in found)
            for e, found in zip(index.ordered, sources, strict=True)}


def tag_groups(newest: Sequence[Entry],
               lang: str | None = None) -> dict[str, tuple[str, list[Entry]]]:
    """Tag slug -> (the tag's name, its articles), for entries given newest first; a tag's
    name is its name in ``lang`` where the vocabulary or gazetteer knows it, else its
    spelling on the newest article."""
    groups: dict[str, tuple[str, list[Entry]]] = {}
    for entry in newest:
        for tag in entry.tags:
            name = tag.name_in(lang) if lang else tag.name
            groups.setdefault(tag.slug, (name, []))[1].append(entry)
    return groups


def tag_topics(groups: Mapping[str, tuple[str, Sequence[Entry]]],
               found: Sequence[Topic]) -> dict[str, Topic]:
    """Tag slug -> the topic page that stands for the tag: the one topic of that slug, when
    it lists every article of the tag. One entity, one page: an entity's tag page listed a
    subset of its topic page's articles, and tag pages were a ninth of the site's bytes."""
    by_slug: dict[str, list[Topic]] = defaultdict(list)
    for topic in found:
        by_slug[topic.slug].append(topic)
    out: dict[str, Topic] = {}
    for slug, (_, items) in groups.items():
        same = by_slug.get(slug, [])
        if len(same) != 1:  # no topic, or an organisation and a place of one name
            continue
        held = {e.article.source for e in same[0].entries}
        if all(e.article.source in held for e in items):
            out[slug] = same[0]
    return out


def with_tag_pages(entries: Sequence[Entry], pages: Mapping[str, str],
                   unlisted: Collection[str] = ()) -> list[Entry]:
    """``entries`` with each tag of ``pages`` (slug -> docs-relative page) pointing there,
    and each tag of ``unlisted`` (slugs) marked as having no page."""
    if not pages and not unlisted:
        return list(entries)

    done: dict[Tag, Tag] = {}  # a tag is on many articles: placed once

    def placed(tag: Tag) -> Tag:
        found = done.get(tag)
        if found is None:
            found = done[tag] = (replace(tag, page=pages[tag.slug]) if tag.slug in pages else
                                 replace(tag, listed=False) if tag.slug in unlisted else tag)
        return found

    return [replace(e, tags=tuple(placed(t) for t in e.tags))
            if any(t.slug in pages or t.slug in unlisted for t in e.tags) else e
            for e in entries]


def merged_tag_slugs(newest: Sequence[Entry]) -> dict[str, str]:
    """Slug an entity's tag had under another name its articles write ("italy") -> its
    slug now ("italien"), unless a tag uses that slug."""
    live = {t.slug for e in newest for t in e.tags}
    out: dict[str, str] = {}
    for entry in newest:
        for tag in entry.tags:
            old = tag_slug(tag.name)
            if old not in live:
                out.setdefault(old, tag.slug)
    return out


def merged_topic_slugs(found: Sequence[Topic]) -> dict[str, Topic]:
    """``kind/slug`` a topic had under another name its articles write ("places/us") -> the
    topic that now gathers its articles, unless a topic uses that slug."""
    live = {t.key for t in found}
    out: dict[str, Topic] = {}
    for topic in found:
        for name in topic.written:
            old = f"{topic.kind}/{tag_slug(name)}"
            if old not in live:
                out.setdefault(old, topic)
    return out


def topics(entries: Sequence[Entry], min_articles: int = 1,
           lang: str | None = None) -> list[Topic]:
    """One topic per entity named in at least ``min_articles`` articles, in a stable order:
    the articles of every language that name it, under its name in ``lang`` (the listings'
    language) where the vocabulary or gazetteer knows one."""
    found: dict[tuple[str, str], dict[str, Entry]] = defaultdict(dict)
    entities: dict[tuple[str, str], Tag] = {}
    written: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entries:
        known = dict(e.entities)
        for kind in ENTITY_KINDS:
            for name in getattr(e.facts, kind):
                tag = known.get(f"{kind}:{fold(name)}") or Tag(name, tag_slug(name))
                key = (kind, tag.key or fold(name))
                entities.setdefault(key, tag)
                written[key].add(name)
                found[key].setdefault(e.article.source, e)
    result = []
    used: set[str] = set()
    for key in sorted(found):
        items = found[key].values()
        if len(items) < min_articles:
            continue
        kind, _ = key
        tag = entities[key]
        name = tag.name_in(lang) if lang else tag.name
        # Safe by construction, as for tags: a topic "2" never takes the index's page 2.
        slug = tag.slug
        while f"{kind}/{slug}" in used:
            slug += "-2"
        used.add(f"{kind}/{slug}")
        newest = sorted(items, key=lambda e: (e.article.date, e.article.source), reverse=True)
        spellings = sorted({name, *written[key], *(n for _, n in tag.names)})
        result.append(Topic(kind=kind, name=name, slug=slug, entries=tuple(newest),
                            spellings=tuple(spellings), written=tuple(sorted(written[key]))))
    return result


def mentions(topic: Topic, entry: Entry) -> list[Money | Percent | DateFact]:
    """The numeric facts of an article stated in a sentence that names the topic, in any
    of its spellings."""
    return [fact for fact, _ in timeline(topic, entry)]


def timeline(topic: Topic, entry: Entry) -> list[tuple[Money | Percent | DateFact, str]]:
    """``mentions`` with what each figure is, from its sentence (see ``figure_label``)."""
    facts: list[Money | Percent | DateFact] = [*entry.facts.money, *entry.facts.percent]
    if not facts:
        return []
    named = _named(topic.spellings or (topic.name,))
    out: list[tuple[Money | Percent | DateFact, str]] = []
    seen: set[Money | Percent | DateFact] = set()
    for sentence, _ in _sentences(entry.article.plain_text()):
        if not named.search(sentence):  # most sentences: no need to look at the figures
            continue
        stated = [f for f in facts if f.text and f.text in sentence and f not in seen]
        rest = sentence
        for f in stated:  # "23 Milliarden US-Dollar" names a currency, not the USA
            rest = rest.replace(f.text, " ")
        if stated and named.search(rest):
            seen.update(stated)
            out += [(f, figure_label(sentence, f.text, entry.article.lang)) for f in stated]
    return out


@lru_cache(maxsize=4096)
def _named(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names as a word, with a genitive ending ("Italiens", "Britain's");
    an acronym only in capitals, so "US" is not "us"."""
    ending = r"(?:s|es|['’]s)?(?!\w)"
    parts = [(rf"(?<!\w){re.escape(n)}{ending}" if n.isupper()
              else rf"(?<!\w)(?i:{re.escape(n)}){ending}") for n in spellings if n]
    return re.compile("|".join(parts) or r"(?!)")


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[str, str], ...]:
    """Sentences with their case-folded form; an article is split once for all its topics."""
    return tuple((s, s.casefold()) for s in _SENTENCE.split(text))


def editions(entries: Sequence[Entry]) -> list[Edition]:
    """Articles grouped by ISO week of their date, oldest week first."""
    weeks: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for e in entries:
        iso = e.article.date.isocalendar()
        weeks[(iso.year, iso.week)].append(e)
    return [
        Edition(year=y, week=w, entries=tuple(sorted(
            items, key=lambda e: (e.article.date, e.article.source), reverse=True)))
        for (y, w), items in sorted(weeks.items())
    ]


def full_names(entries: Sequence[Entry]) -> dict[str, str]:
    """Folded surname -> the one person's full name the site has for it ("merkel" ->
    "Angela Merkel"); a surname two people of the site share maps to neither."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in entries:
        for name in entry.facts.persons:
            words = name.split()
            if len(words) > 1:
                found[fold(words[-1])].setdefault(fold(name), name)
    return {surname: next(iter(names.values()))
            for surname, names in found.items() if len(names) == 1}


def one_name_per_person(entries: Sequence[Entry]) -> list[Entry]:
    """Entries whose people named by surname alone ("Merkel") carry the full name the rest of
    the site knows, so one person has one topic page, one box entry and one related link."""
    full = full_names(entries)
    out = []
    for entry in entries:
        persons = entry.facts.persons
        named = tuple(dict.fromkeys(
            full.get(fold(p), p) if len(p.split()) == 1 else p for p in persons))
        out.append(entry if named == persons else
                   replace(entry, facts=replace(entry.facts, persons=named)))
    return out
