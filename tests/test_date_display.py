"""Dates print in one style per page language, wherever a reader meets them: German pages
"6. Dezember 2026", English pages "6 December 2026" (British, as ``og:locale`` en_GB), in
listings, the key-facts box, topic timelines and feeds alike; listings are pages of the
site's language, an article's page and feed item of the article's. Machine-readable dates
stay ISO in ``<time datetime>``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from digest.build import digest_stage
from digest.config import load_config
from digest.model import DateFact, Money
from digest.pages import display

from .conftest import BUILD_TIME, make_project

DE_MONTHS = ("Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
             "Dezember")
EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
             "December")
STYLE = {
    "de": re.compile(rf"\d{{1,2}}\. (?:{DE_MONTHS}) \d{{4}}"),
    "en": re.compile(rf"\d{{1,2}} (?:{EN_MONTHS}) \d{{4}}"),
}
"""A whole day as each page language prints it."""
SEEDS = {
    "gebuehren.txt": (
        "Graz erhöht die Gebühren\n"
        "Die Stadt Graz erhöht die Gebühren für Müll und Wasser ab dem 1. Jänner 2027 um "
        "4 Prozent, sagte die Bürgermeisterin Anna Berger.\n"
        "Der Gemeinderat stimmte dem Plan mit großer Mehrheit zu. (APA, 12.3.2026)\n"),
    "charges.txt": (
        "Leeds raises water charges\n"
        "LEEDS, March 5, 2026 (PA) - Yorkshire Water will raise its charges in Leeds by "
        "6 percent from September 14, 2026, the company said on Thursday.\n"
        "The regulator said it would review the rise in Leeds before the end of the year.\n"),
}


def _built(tmp_path: Path, site_lang: str) -> Path:
    project = make_project(tmp_path, dict(SEEDS), options={"topic_min_articles": 1})
    if site_lang != "de":
        yml = project / "mkdocs.yml"
        yml.write_text(yml.read_text().replace("  language: de\n", f"  language: {site_lang}\n",
                                               1))
    config = load_config(project / "mkdocs.yml")
    assert config.language == site_lang
    result = digest_stage(config, build_time=BUILD_TIME)
    assert not result.errors, result.errors
    return config.docs_path


def _times(text: str) -> list[tuple[str, str]]:
    return re.findall(r'<time datetime="([^"]+)">([^<]*)</time>', text)


@pytest.mark.parametrize("site_lang", ["de", "en"])
def test_listings_print_every_date_in_the_site_language(tmp_path: Path, site_lang: str) -> None:
    """Home, archive, editions, tags and topics are pages of the site's language: every
    article's date on them reads in that style, whatever the article's language; the topic
    timeline gives readers a day, not an ISO date, and keeps ISO for machines."""
    docs = _built(tmp_path, site_lang)
    other = {"de": "en", "en": "de"}[site_lang]
    listings = [p for p in docs.rglob("*.md")
                if p.relative_to(docs).parts[0] in ("archive", "editions", "tags", "topics")
                or p.name == "latest.md"]
    times = [t for p in listings for t in _times(p.read_text(encoding="utf-8"))]
    assert {shown for _, shown in times} >= {
        display.long_date(dt.date(2026, 3, 12), site_lang),
        display.long_date(dt.date(2026, 3, 5), site_lang)}
    for iso, shown in times:
        assert STYLE[site_lang].fullmatch(shown), (iso, shown)
        assert not STYLE[other].fullmatch(shown)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:]+[+-]\d\d:\d\d)?", iso)
    timeline = (docs / "topics" / "places" / "leeds" / "index.md").read_text(encoding="utf-8")
    assert "<td><time datetime=\"2026-03-05\">" in timeline
    assert not re.search(r"<td>\d{4}-\d\d-\d\d</td>", timeline)
    # its list of articles, which the tag "Leeds" leads to
    assert f"· {display.long_date(dt.date(2026, 3, 5), site_lang)}" in timeline
    archive = (docs / "archive" / "index.md").read_text(encoding="utf-8")
    assert {"de": "März 2026", "en": "March 2026"}[site_lang] in archive


def test_article_pages_and_feeds_print_dates_in_the_article_language(tmp_path: Path) -> None:
    """An article's page and its feed item are in its own language: the dateline, the box's
    dates and the euro-rate note in that language's one style, the same in the feeds."""
    docs = _built(tmp_path, "de")
    en = (docs / "articles" / "leeds-raises-water-charges.md").read_text(encoding="utf-8")
    de = (docs / "articles" / "graz-erhoeht-die-gebuehren.md").read_text(encoding="utf-8")
    assert _times(en)[0] == ("2026-03-05T00:00:00+01:00", "5 March 2026")
    assert _times(de)[0] == ("2026-03-12T00:00:00+01:00", "12. März 2026")
    assert ">14 September 2026</span>" in en and ">September 14, 2026<" not in en
    # an Austrian article's own page keeps its month names
    assert "<strong>Daten:</strong> 1. Jänner 2027 ·" in de
    items = json.loads((docs / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"]
    body = next(i["content_html"] for i in items if i["language"] == "en")
    assert ">14 September 2026</span>" in body and ">September 14, 2026<" not in body


@pytest.mark.parametrize(("fact", "lang", "shown"), [
    (DateFact("x", 2026, 12, 6), "de", "6. Dezember 2026"),
    (DateFact("x", 2026, 12, 6), "en", "6 December 2026"),
    (DateFact("x", 2027, 1, 6, inferred=("year",)), "de", "6. Januar (2027)"),
    (DateFact("x", 2027, 1, 6, inferred=("year",)), "en", "6 January (2027)"),
    (DateFact("x", None, 2, 29), "en", "29 February"),
    (DateFact("x", None, 2, 29), "de", "29. Februar"),
    (DateFact("x", 2026, 3), "en", "March 2026"),
    (DateFact("x", 2026, 3, 3, day_to=7), "en", "3\u2009–\u20097 March 2026"),
    (DateFact("x", 2026, 6, 3, month_to=7, day_to=7), "en", "3 June\u2009–\u20097 July 2026"),
    (DateFact("x", 2026, 9, 3, month_to=10, day_to=7), "de",
     "3. September\u2009–\u20097. Oktober 2026"),
])
def test_date_facts_in_the_page_style(fact: DateFact, lang: str, shown: str) -> None:
    """Days, days without a year, months and spans: one style per language, months written
    out (CLDR's span formats abbreviate them)."""
    assert display.date(fact, lang, lang) == shown


@pytest.mark.parametrize(("locale", "shown"), [
    ("de", "6. Januar 2027"), ("de_AT", "6. Jänner 2027"),
    ("de_CH", "6. Januar 2027"), ("en", "6 January 2027"), ("en_US", "6 January 2027"),
])
def test_one_style_per_language(locale: str, shown: str) -> None:
    """Every English page writes British dates; a German page its German ones, an Austrian
    article's page with the Austrian month names its text uses."""
    assert display.long_date(dt.date(2027, 1, 6), locale) == shown


def test_one_switch_for_the_english_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """``DATE_LOCALES`` is the one place the English style is chosen: American dates there
    give American dates everywhere, the article date and the box alike."""
    monkeypatch.setitem(display.DATE_LOCALES, "en", "en_US")
    assert display.long_date(dt.datetime(2026, 12, 6, 23, 30), "en") == "December 6, 2026"
    assert display.date(DateFact("x", 2026, 12, 6), "en", "en") == "December 6, 2026"
    assert display.date(DateFact("x", 2027, 1, 6, inferred=("year",)), "en", "en") == (
        "January 6 (2027)")


def test_rate_note_day_in_the_page_style() -> None:
    """The day of an earlier ECB rate reads like every other date on the page."""
    from decimal import Decimal

    m = Money("£5m", Decimal(5_000_000), "GBP", eur=Decimal(6_000_000),
              eur_note="latest ECB rate, of 2026-10-30 (article date 2026-11-20 is later)")
    assert display.rate_note(m, "en", "en") == (
        "Euro values at the ECB reference rate of 30 October 2026")
    assert display.rate_note(m, "de_AT", "de") == (
        "Euro-Werte zum EZB-Referenzkurs vom 30. Oktober 2026")
