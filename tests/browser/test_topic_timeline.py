"""A topic page on a 390 px phone: its timeline says what each figure is and fits the screen,
with no sideways scrolling of the page or of the table."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from digest.config import load_config
from tests.browser.conftest import Requests, Site, new_context, serve
from tests.conftest import make_project

pytestmark = pytest.mark.browser

_HEADLINE = ("Italiens Banken vergeben Rekordsummen an Kredite, während die Regierung in Rom "
             "über ein neues Konjunkturprogramm für den Mittelstand verhandelt")
_DE = f"""---
title: {_HEADLINE}
date: 2026-11-02
lang: de
---

Die Kredite der Banken in Italien stiegen im Oktober auf 200 Milliarden Euro.

Der Umsatz der italienischen Industrie sank in Italien um 3,5 Prozent.
"""
_EN = """---
title: Italy's economy minister announces a programme for small and medium-sized businesses
date: 2026-11-03
lang: en
---

Italy will spend €12bn on the programme, the minister said on Monday.

Unemployment in Italy fell to 6.5% in October.
"""


@pytest.fixture(scope="module")
def topic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from digest.cli import main

    project = make_project(tmp_path_factory.mktemp("timeline-site"),
                           {"de.md": _DE, "en.md": _EN}, options={"topic_min_articles": 1})
    with contextlib.chdir(project):
        assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    config = load_config(project / "mkdocs.yml")
    with serve(project / config.site_dir, urlsplit(config.site_url).path or "/") as base:
        yield Site(root=project, config=config, base_url=base)


def test_topic_timeline_fits_a_phone_and_names_each_figure(
        browser: Any, topic_site: Site) -> None:
    """At 390 px the page does not scroll sideways; each row is an article and reads
    "what: figure · what: figure", linking its article with the headline as tooltip, not as
    text."""
    requests = Requests(topic_site.base_url)
    context = new_context(browser, topic_site, requests,
                          viewport={"width": 390, "height": 844}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(topic_site.url("topics/places/italien/"))
        width, inner = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == 390
        assert width <= inner, f"the page scrolls sideways: {width} > {inner}"
        table = page.locator("article table").first
        # Material wraps a wide table in a box that scrolls sideways: none may scroll here.
        scrolling = table.evaluate("""t => {
            const out = [];
            for (let e = t; e && e !== document.body; e = e.parentElement) {
                if (e.scrollWidth > e.clientWidth + 1) out.push(e.tagName + '.' + e.className);
            }
            return out;
        }""")
        assert scrolling == [], f"the timeline scrolls sideways: {scrolling}"
        assert table.evaluate("t => t.getBoundingClientRect().right <= window.innerWidth")
        rows = [" ".join(t.split()) for t in table.locator("tbody tr").all_inner_texts()]
        assert len(rows) == 2  # a row per article, its figures on one line
        assert not any(_HEADLINE[:40] in row for row in rows)
        links = table.locator("tbody a")
        titles = {links.nth(i).inner_text(): links.nth(i).get_attribute("title")
                  for i in range(links.count())}
        assert titles["Kredite der Banken"] == _HEADLINE
        assert set(titles) == {"Kredite der Banken", "programme"}
        assert any("Kredite der Banken: 200 Mrd." in row and "· Umsatz: " in row
                   for row in rows), rows
        assert any("programme: " in row and "· Unemployment: 6,5 %" in row for row in rows), rows
    finally:
        context.close()
    assert not requests.outside()


def test_the_merged_topic_page_gathers_both_languages(topic_site: Site) -> None:
    """"Italien" and "Italy" are one topic page; the English spelling's URL redirects."""
    content = Path(topic_site.root) / "content" / "topics" / "places"
    assert (content / "italien" / "index.md").is_file()
    assert not (content / "italy" / "index.md").exists()
    assert "url=../italien/" in (content / "italy" / "index.html").read_text(encoding="utf-8")
