"""Hand-made entries for stage tests, independent of the extractor's current rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from digest.model import Article, Block, DateFact, Entry, Facts, Money, Percent, Tag
from digest.text import slugify

ZONE = dt.timezone(dt.timedelta(hours=1))


def entry(
    name: str,
    *,
    day: int = 1,
    month: int = 11,
    orgs: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    text: str = "",
    money: tuple[Money, ...] = (),
    percent: tuple[Percent, ...] = (),
    lang: str = "de",
    tags: tuple[str, ...] = (),
) -> Entry:
    """An entry dated 2026-<month>-<day> whose tags are its orgs and places, then ``tags``
    (subjects, as an editor or the vocabulary's topics give them)."""
    lead = text or f"{name} lead paragraph."
    article = Article(
        source=f"seeds/{name}.txt", title=name.title(), lead=lead,
        blocks=(Block("p", "Body paragraph."),), lang=lang, locale=lang,
        date=dt.datetime(2026, month, day, 12, tzinfo=ZONE), date_origin="front matter",
        slug=slugify(name),
    )
    facts = Facts(money=money, percent=percent, orgs=orgs, places=places, persons=persons,
                  dates=(DateFact(text="2026", year=2026),))
    return Entry(article=article, facts=facts,
                 tags=tuple(Tag(n, slugify(n)) for n in (*orgs, *places, *tags)))


def money(text: str, value: str, currency: str, **kw: object) -> Money:
    return Money(text=text, value=Decimal(value), currency=currency, **kw)  # type: ignore[arg-type]
