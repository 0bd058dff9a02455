"""Dates and amounts a journalist would sign, as a reader sees them in Chromium at 1280 and
390 px (issue 18, items 7 to 9): an agency byline dates its article (not the commit, and its
"Jänner" is that January), a restated amount reads as one fact with one euro value, and every
date a page prints is in that page's language.

The site: the fixture articles (German and English), the seed article (its restated amount),
and an Austrian agency report that ends with its byline, all committed at a fixed date in
November 2026.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import fixture_seeds

from .conftest import Site, committed_site, opened

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
BYLINE_SEED = (
    "Stahlwerk Donawitz erhält neuen Hochofen\n"
    "Die Voestalpine investiert 450 Millionen Euro in einen neuen Hochofen in Donawitz, teilte "
    "der Konzern am Mittwoch in Linz mit.\n"
    "Der Bau soll im Jänner beginnen und die Emissionen des Werks um 30 Prozent senken.\n"
    "(APA, 20.1.2016)\n")
BYLINE_PAGE = "articles/stahlwerk-donawitz-erhaelt-neuen-hochofen/"
SEED_PAGE = "articles/ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran/"
ENGLISH_PAGE = "articles/harbour-lines-signs-rotterdam-deal/"
GERMAN_DAY = re.compile(r"\d{1,2}\. (Jänner|Januar|Februar|März|April|Mai|Juni|Juli|August|"
                        r"September|Oktober|November|Dezember) \d{4}")
ENGLISH_DAY = re.compile(r"\d{1,2} (January|February|March|April|May|June|July|August|"
                         r"September|October|November|December) \d{4}")


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    seeds = {**fixture_seeds(), "06-donawitz.txt": BYLINE_SEED}
    with committed_site(tmp_path_factory.mktemp("dates-amounts"), seeds) as site:
        yield site


def shown_times(page: Any) -> list[tuple[str, str]]:
    """Every ``<time>`` a reader sees on the page: (machine value, text)."""
    return [tuple(pair) for pair in page.evaluate(
        "[...document.querySelectorAll('time')].filter(t => t.offsetParent !== null)"
        ".map(t => [t.getAttribute('datetime'), t.innerText.trim()])")]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_byline_dates_its_article(browser: Any, dated_site: Site, width: int) -> None:
    """Not the day it was committed: 20 January 2016, and its "Jänner" is January 2016."""
    with opened(browser, dated_site, BYLINE_PAGE, width) as page:
        dateline = page.locator(".digest-dateline time")
        assert dateline.get_attribute("datetime").startswith("2016-01-20")
        assert dateline.inner_text().strip() == "20. Jänner 2016"
        box = page.locator(".admonition.abstract").inner_text()
        assert "Jänner (2016)" in box and "2026" not in box


@pytest.mark.parametrize("width", WIDTHS)
def test_a_restated_amount_is_one_fact_with_one_euro_value(
        browser: Any, dated_site: Site, width: int) -> None:
    with opened(browser, dated_site, SEED_PAGE, width) as page:
        amounts = page.locator(".admonition.abstract li", has_text="CNY")
        assert amounts.count() == 1
        text = " ".join(amounts.inner_text().split())
        assert re.search(r"160 Mrd\. CNY \(≈ 23 Mrd\. USD, ≈ [\d,]+ Mrd\. €\*?\)", text), text
        assert text.count("€") == 1 and "umgerechnet" not in text and "converted" not in text
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"horizontal scrolling at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "style"), [
    ("archive/2026-11/", GERMAN_DAY), ("archive/2016-01/", GERMAN_DAY), ("", GERMAN_DAY),
    (BYLINE_PAGE, GERMAN_DAY), (ENGLISH_PAGE, ENGLISH_DAY), ("topics/places/linz/", GERMAN_DAY),
])
def test_every_date_reads_in_the_pages_language(
        browser: Any, dated_site: Site, width: int, path: str, style: re.Pattern[str]) -> None:
    with opened(browser, dated_site, path, width) as page:
        times = [(iso, text) for iso, text in shown_times(page) if text]
        assert times, path
        for iso, text in times:
            assert style.fullmatch(text), (path, iso, text)
            assert re.match(r"\d{4}-\d\d-\d\d", iso), (path, iso)
