"""A seed names its source: front matter ``source:`` (an address) or a last line "Quelle: …" /
"Source: …", which the page shows as its source line and never as body text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from digest.config import Config
from digest.pages.render import article_html, render_article
from digest.read import datelines
from digest.read.ingest import SeedContext, read_seed

from .factories import entry

NOW = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
BODY = ("Die Stadtwerke investieren 40 Millionen Euro in das Stromnetz, teilte das Unternehmen "
        "am Montag in Linz mit.\nDer Ausbau soll bis 2028 abgeschlossen sein.\n")


def _read(config: Config, name: str, text: str):  # type: ignore[no-untyped-def]
    result = read_seed(f"seeds/{name}", text.encode(), SeedContext(config, NOW, NOW))
    assert result.article is not None, result.problems
    return result.article


def _page(config: Config, article) -> str:  # type: ignore[no-untyped-def]
    e = replace(entry("x"), article=article)
    return render_article(e, config).content.decode()


@pytest.mark.parametrize("line, name", [
    ("Quelle: APA", "APA"),
    ("Quellen: APA, dpa", "APA, dpa"),
    ("QUELLE: Statistik Austria.", "Statistik Austria"),
    ("Source: Reuters", "Reuters"),
])
def test_a_plain_text_source_line_is_the_pages_source_line_not_body_text(
        config: Config, line: str, name: str) -> None:
    article = _read(config, "netz.txt", f"Stadtwerke bauen aus\n{BODY}{line}\nKommentare\n")
    assert article.source_name == name
    assert all(line not in b.text for b in article.blocks)
    assert line not in article.plain_text()  # facts are not read from it
    page = _page(config, article)
    source = next(ln for ln in page.splitlines() if 'class="digest-source"' in ln)
    assert f"{'Quelle' if article.lang == 'de' else 'Source'}: {name}" in source
    assert page.count(name) == 1


def test_a_source_line_with_an_address_links_it(config: Config) -> None:
    text = ("Calder Freight opens a terminal\nCalder Freight Group will invest £85 million in "
            "a rail terminal, the company said on Tuesday.\nWork starts in the spring.\n"
            "Source: https://www.example.org/news/calder\n")
    article = _read(config, "calder.txt", text)
    assert (article.source_url, article.source_name) == ("https://www.example.org/news/calder",
                                                         None)
    page = _page(config, article)
    assert "Source: [www.example.org](<https://www.example.org/news/calder>)" in page
    assert 'Source: <a href="https://www.example.org/news/calder">www.example.org</a>' in (
        article_html(replace(entry("x"), article=article)))


def test_front_matter_address_and_a_named_source_read_as_one_line(config: Config) -> None:
    text = ("---\ntitle: Stadtwerke bauen aus\nsource: https://example.org/netz\n---\n\n"
            f"{BODY.replace(chr(10), chr(10) * 2)}\nQuelle: *APA*\n")
    article = _read(config, "netz.md", text)
    assert (article.source_name, article.source_url) == ("APA", "https://example.org/netz")
    assert "Quelle: [APA](<https://example.org/netz>)" in _page(config, article)
    feed = article_html(replace(entry("x"), article=article))
    assert 'Quelle: <a href="https://example.org/netz">APA</a>' in feed


@pytest.mark.parametrize("text", [
    # The only paragraph after the title: it stays the lead.
    "Titel\nQuelle: APA\n",
    # A paragraph that merely starts with the word, longer than a credit line.
    "Titel\n" + BODY + "Quelle: " + "Die Zahlen stammen aus dem Jahresbericht " * 5 + "\n",
    # Not the last paragraph.
    "Titel\n" + BODY.replace("Der Ausbau", "Quelle: APA\nDer Ausbau"),
])
def test_other_paragraphs_stay_text(config: Config, text: str) -> None:
    article = _read(config, "t.txt", text)
    assert article.source_name is None
    assert "Quelle" in article.plain_text()


def test_a_byline_before_the_source_line_still_dates_the_article(config: Config) -> None:
    """The two readers of a text's last lines agree: what ingest takes as a source line,
    datelines takes as a credit line, so a byline right before it is the article's date."""
    article = _read(config, "b.txt", f"Stadtwerke bauen aus\n{BODY.rstrip()} (APA, 20.1.2016)\n"
                                     "Quelle: APA\n")
    assert (article.date.date(), article.date_origin) == (dt.date(2016, 1, 20), "text")
    assert article.source_name == "APA"
    from digest.read.ingest import SOURCE_LINE

    for line in ("Quelle: APA", "Quellen: APA, dpa", "Source: Reuters", "sources: AP"):
        assert SOURCE_LINE.fullmatch(line)
        assert datelines._CREDIT.match(line), line


def test_the_readme_documents_the_source_line() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert '("Quelle: APA", "Quellen: APA, dpa", "Source: Reuters"' in " ".join(readme.split())
