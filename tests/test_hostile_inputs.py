"""Inputs that used to pass the check and then break the build, or crash it outright: extreme
figures, impossible dates, very repetitive text, odd suffixes, legacy encodings, odd tags and
relative links. Each reads, extracts and renders, or is one problem naming file and line."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import facts as facts_mod
from digest.build import make_entry, vocabulary_for
from digest.cli import facts_json, main
from digest.config import Config
from digest.model import Entry, Severity
from digest.pages import display
from digest.pages.export import fact_chunk
from digest.pages.factbox import fact_rows
from digest.pages.render import article_html, render_article
from digest.read.ingest import UNCOMMITTED, SeedContext, read_seed
from digest.vocabulary import load_vocabulary

from .conftest import BUILD_TIME, make_project

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
VOCAB = load_vocabulary(None)


def read(config: Config, name: str, data: str | bytes) -> Any:
    raw = data.encode() if isinstance(data, str) else data
    return read_seed(f"seeds/{name}", raw, SeedContext(config, None, BUILD_TIME))


def published(config: Config, name: str, data: str | bytes) -> Entry:
    """Read, extract and render one seed the way the build does; the entry."""
    result = read(config, name, data)
    assert result.article is not None, result.problems
    entry = make_entry(result.article, vocabulary_for(config))
    render_article(entry, config)
    article_html(entry)
    facts_json(entry)
    fact_chunk(entry, config, {})
    return entry


def shown(facts: facts_mod.Facts, lang: str) -> None:
    """Everything the box and listings show of the facts, in every locale of the site."""
    for locale in ("de", "de_AT", "de_CH", "en"):
        fact_rows(facts, locale, lang, as_html=True)
        for m in facts.money:
            display.money(m, locale, lang)
            display.euro(m, locale, lang)


def digest(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------------------- huge figures

DIGITS = "123456789012345678901234567890123456789"


@pytest.mark.parametrize(("sentence", "scale"), [
    (f"Der Konzern zahlt {DIGITS} Euro an die Aktionäre.", 0),
    (f"Der Konzern zahlt {DIGITS} Billionen Dollar an die Aktionäre.", 12),
    (f"Der Konzern zahlt {DIGITS} Mrd. Yen an die Aktionäre.", 9),
    (f"The company paid ${DIGITS} trillion to its shareholders.", 12),
    (f"The company paid £{DIGITS}bn to its shareholders.", 9),
])
def test_amount_with_dozens_of_digits_is_published_exactly(
    config: Config, sentence: str, scale: int
) -> None:
    """An amount longer than the decimal context's 28 digits is extracted with its exact
    value, converted to euros and formatted in every locale."""
    entry = published(config, "a.txt", f"Titel\n{sentence}\n")
    (money,) = entry.facts.money
    assert money.value == Decimal(DIGITS + "0" * scale)
    shown(entry.facts, entry.article.lang)


@pytest.mark.parametrize("sentence", [
    f"Die Inflation stieg um {DIGITS} Prozent im Jahr.",
    f"Inflation rose by {DIGITS} per cent a year.",
    f"Der Anteil sank um 0,{'0' * 36}1 Prozentpunkte.",
])
def test_huge_and_tiny_percentages_are_published(config: Config, sentence: str) -> None:
    entry = published(config, "a.txt", f"Titel\n{sentence}\n")
    (percent,) = entry.facts.percent
    figure = re.search(r"[\d,]+", sentence)
    assert figure is not None
    assert percent.value == Decimal(figure.group(0).replace(",", "."))


@FUZZ
@given(digits=st.from_regex(r"[1-9][0-9]{0,79}", fullmatch=True),
       unit=st.sampled_from(["Euro", "Dollar", "Yen", "Millionen Euro", "Milliarden Yuan",
                             "Billionen Dollar", "Prozent"]),
       grouped=st.booleans(), lang=st.sampled_from(["de", "en"]),
       day=st.dates(dt.date(1999, 1, 1), dt.date(2030, 12, 31)))
def test_any_figure_extracts_and_displays(digits: str, unit: str, grouped: bool, lang: str,
                                          day: dt.date) -> None:
    """Figures of any length, grouped or not, with any scale word: never an exception."""
    figure = f"{int(digits):,}".replace(",", ".") if grouped else digits
    facts = facts_mod.extract(f"Der Konzern meldet {figure} {unit} Umsatz.", lang=lang,
                              published=day, vocab=VOCAB)
    shown(facts, lang)
    for m in facts.money:
        if m.eur is not None:
            assert m.eur.as_tuple().exponent == -2  # in cents, however many digits


# ---------------------------------------------------------------------------- impossible dates


@pytest.mark.parametrize(("text", "lang", "month"), [
    ("Am 30. Februar 2026 wurde der Vertrag unterzeichnet, sagte er.", "de", 2),
    ("Am 29. Februar 2025 wurde der Vertrag unterzeichnet, sagte er.", "de", 2),
    ("Bis zum 31. April will der Konzern entscheiden, sagte er.", "de", 4),
    ("Der Vertrag vom 31.6.2026 gilt, sagte er.", "de", 6),
    ("Vom 30. bis 31. September 2026 tagt der Rat, sagte er.", "de", 9),
    ("The deal was signed on 31 April, he said.", "en", 4),
    ("The deal was signed on February 30, 2026, he said.", "en", 2),
    ("The deal was signed on 2026-11-31, he said.", "en", 11),
])
def test_impossible_date_is_kept_at_month_level(config: Config, text: str, lang: str,
                                                month: int) -> None:
    """A day the calendar does not have is no day-level fact, and the page shows the month."""
    title = "Titel" if lang == "de" else "Title"
    entry = published(config, "a.txt", f"{title}\n{text}\n")
    (date,) = entry.facts.dates
    assert (date.month, date.day, date.day_to) == (month, None, None)


def test_leap_day_without_a_year_gets_a_leap_year_or_none(config: Config) -> None:
    """"29. Februar" in an article of a year without one: no year that lacks the day."""
    entry = published(config, "a.txt", "Titel\nAm 29. Februar wird gewählt, sagte er.\n")
    (date,) = entry.facts.dates
    assert date.day == 29
    if date.year is not None:
        dt.date(date.year, date.month or 0, date.day)


@FUZZ
@given(day=st.integers(0, 39), month=st.integers(1, 12), year=st.integers(1900, 2099),
       with_year=st.booleans(), lang=st.sampled_from(["de", "en"]),
       form=st.sampled_from(["words", "figures"]),
       on=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_any_written_date_extracts_and_displays(day: int, month: int, year: int,
                                                with_year: bool, lang: str, form: str,
                                                on: dt.date) -> None:
    """Whatever day and month a text writes, every day-level fact is a real calendar day
    and every date displays in every locale."""
    from babel.dates import get_month_names

    name = get_month_names("wide", locale=lang)[month]
    if form == "figures":
        written = f"{day}.{month}.{year}"
    elif lang == "de":
        written = f"{day}. {name}" + (f" {year}" if with_year else "")
    else:
        written = f"{name} {day}" + (f", {year}" if with_year else "")
    facts = facts_mod.extract(f"Es geschah am {written} in Wien." if lang == "de" else
                              f"It happened on {written} in London.", lang=lang,
                              published=on, vocab=VOCAB)
    for d in facts.dates:
        if d.year and d.month and d.day:
            dt.date(d.year, d.month, d.day)
        for locale in ("de", "de_AT", "en"):
            display.date(d, locale, lang)


# ---------------------------------------------------------------------------- repetitive text


@pytest.mark.parametrize("line", ["Kurz", "Ja", "1", "Mehr dazu"])
def test_thousands_of_short_lines_read_as_alternating_headings(config: Config,
                                                               line: str) -> None:
    """A very repetitive article (one short line thousands of times) reads and renders;
    of two heading-shaped lines in a row only the first is a heading."""
    lines = 20_000
    entry = published(config, "a.txt", "Titel\nErster Absatz mit Text.\n" +
                      f"{line}\n" * lines + "Letzter Absatz.\n")
    kinds = [b.kind for b in entry.article.blocks]
    assert len(kinds) == lines + 1
    assert "hh" not in "".join(kinds)
    assert kinds[0] == "h" and kinds[-1] == "p"


# ---------------------------------------------------------------------------- suffixes


@pytest.mark.parametrize("name", ["a.MD", "a.TXT", "a.Md", "a.markdown", "a"])
def test_facts_names_a_file_that_is_no_seed(tmp_path: Path, name: str) -> None:
    """``digest facts`` takes what ``digest build`` takes: another suffix (or another case
    of one) is one problem naming the file, not a traceback."""
    project = make_project(tmp_path)
    path = project / "seeds" / name
    path.write_text("Titel\nDer Konzern zahlt 5 Millionen Euro.\n", encoding="utf-8")
    code, out, err = digest("-f", str(project / "mkdocs.yml"), "facts", "--format", "json",
                            str(path))
    assert code == 1
    assert f"{path}: not a seed: expected a .txt or .md file" in err.splitlines()
    assert json.loads(out) == []
    result = read(load_config_of(project), name, "Titel\nText.\n")
    assert result.article is None
    assert [p.message for p in result.problems] == ["not a seed: expected a .txt or .md file"]


def load_config_of(project: Path) -> Config:
    from digest.config import load_config

    return load_config(project / "mkdocs.yml")


# ---------------------------------------------------------------------------- legacy encodings

WESTERN_TEXTS = {
    "de short": "Müller gewinnt\nGrüße aus Köln, sagte er.\n",
    "de quotes": "Bäcker Müller klagt\nDer Bäcker Hans Müller aus Köln sagte: „Wir sind froh.“"
                 " Die Preise stiegen um 5 € – auf 12,50 €.\n",
    "de euro only": "Preise\n„5 €“ – „10 €“ – „20 €“ … „100 €“ — ‚so teuer‘, sagte er.\n",
    "de long": "Österreichs Wirtschaft wächst\n" + (
        "Die Österreichische Nationalbank erwartet für 2026 ein Wachstum von 1,5 Prozent. "
        "„Die Lage bleibt schwierig“, sagte Gouverneur Jürgen Müller am Dienstag in Wien. "
        "Die Exporte in die Schweiz und nach Übersee stiegen um 3 Prozent auf 12 Mrd. €. "
        "Größere Sorgen bereiten die Löhne: Sie stiegen stärker als die Produktivität.\n") * 40,
    "de plain": "Straßenbahn in Zürich\nDie Straßenbahn fährt künftig öfter über die Brücke.\n",
    "en short": "Naïve plan\nThe naïve plan cost £5m, officials said.\n",
    "en quotes": "Café prices soar\nThe café’s owner said “prices rose by €5” – a record, "
                 "he said.\n",
    "en long": "Pound falls\n" + (
        "The pound fell 2% against the euro on Tuesday, the Bank of England’s governor said. "
        "“We don’t expect a recession,” she told reporters in London – a view that analysts "
        "at the café-lined City did not share, citing €4.5bn of outflows.\n") * 40,
    "en accents": "Résumé of the Zürich summit\nThe délégués met in Genève and São Paulo, "
                  "and the señor from España agreed.\n",
}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


CASES = [(name, enc) for name, text in WESTERN_TEXTS.items()
         for enc in ("cp1252", "latin-1", "iso8859_15") if _encodable(text, enc)]


def result_encoding(message: str) -> str:
    found = re.search(r"read as (\S+),", message)
    assert found is not None, message
    return found.group(1)


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_western_legacy_text_is_read_exactly(config: Config, name: str,
                                             encoding: str) -> None:
    """German and English news saved as Windows-1252, Latin-1 or Latin-9 reads as written,
    with the slug of its UTF-8 twin; the check asks for UTF-8 and the page says nothing."""
    text = WESTERN_TEXTS[name]
    result = read(config, "a.txt", text.encode(encoding))
    twin = read(config, "a.txt", text).article
    assert result.article is not None
    assert result.article.title == twin.title
    assert result.article.plain_text() == twin.plain_text()
    assert result.article.slug == twin.slug
    (warning,) = [p for p in result.problems if p.message != UNCOMMITTED]
    assert warning.message == f"not UTF-8; read as {result_encoding(warning.message)}, please "\
        "save as UTF-8" and warning.severity is Severity.WARNING
    page = render_article(make_entry(result.article, vocabulary_for(config)), config)
    body = page.content.decode()
    assert "UTF-8" not in body and "\ufffd" not in body and encoding not in body


@pytest.mark.parametrize(("text", "encoding"), [
    ("Привет мир\nЭто тестовый текст на русском языке, сказал он в Москве.\n", "cp1251"),
    ("Γειά σου κόσμε\nΑυτό είναι ένα κείμενο στα ελληνικά από την Αθήνα.\n", "cp1253"),
    ("Zażółć gęślą jaźń\nPolski tekst z ogonkami, powiedział minister w Łodzi.\n", "cp1250"),
    ("Türkiye'de seçim\nİstanbul'da yaşayan Ağaoğlu, şunu söyledi: çok güzel.\n", "cp1254"),
    ("Grüße aus Köln\nDer Preis stieg um 5 € – „endlich“, sagte er.\n", "utf-16"),
])
def test_other_encodings_keep_working(config: Config, text: str, encoding: str) -> None:
    """Text in another alphabet, or with a byte-order mark, is not taken for
    Windows-1252."""
    result = read(config, "a.txt", text.encode(encoding))
    assert result.article is not None
    assert result.article.plain_text() == read(config, "a.txt", text).article.plain_text()


# ---------------------------------------------------------------------------- tags

HOSTILE_TAGS = ["..", ".", "/", "\\", "😀" * 300, "2", "2026", "1-2", "con", "Nul", "index",
                "tags", "Ä" * 300, "ß", "🚀", "a" * 61, "a" * 60, "feeds", "-", "_", "x" * 300]
_SLUG = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)(?:--[0-9a-f]{10})?")


@given(name=st.one_of(st.sampled_from(HOSTILE_TAGS), st.text(min_size=1, max_size=400)))
@FUZZ
def test_tag_slug_is_a_short_safe_name_no_page_number_can_take(name: str) -> None:
    """Whatever the tag, its slug is ASCII words joined by single hyphens, maybe with a
    ``--hash`` suffix, short in bytes, and never only digits (the tag index's pages 2, 3...
    are named by their numbers) nor a Windows device name."""
    from digest.link.tags import tag_slug

    slug = tag_slug(name)
    assert _SLUG.fullmatch(slug), slug
    assert len(f"{slug}.atom.xml".encode()) <= 100
    assert not slug.isdigit()
    assert slug not in ("con", "prn", "aux", "nul")
    assert tag_slug(name) == slug


def test_tag_slugs_of_different_tags_that_need_a_hash_differ() -> None:
    from digest.link.tags import tag_slug

    names = ["😀", "😀😀", "🚀", "2", "02", "3", "a" * 61, "a" * 62, "con", "CON", ".", ".."]
    hashed = {tag_slug(n) for n in names if "--" in tag_slug(n)}
    assert len(hashed) == len({n.casefold() for n in names if "--" in tag_slug(n)})


def test_punctuation_tags_are_reported_and_dropped(config: Config) -> None:
    """A tag of punctuation only ('..', '/') names nothing a reader follows: a warning on the
    tags line, the tag dropped, the article and its other tags kept."""
    result = read(config, "a.md", "---\ntitle: T\ndate: 2026-03-04\n"
                  'tags: ["..", ".", "/", "\\\\", "…", "Budget", "🚀"]\n---\n\nText.\n')
    assert result.article is not None
    assert result.article.tags == ("Budget", "🚀")
    assert [(p.line, p.message) for p in result.problems] == [
        (4, f"tags: {t!r} has no letter, digit or symbol; dropped")
        for t in ["..", ".", "/", "\\", "…"]]
    assert all(p.severity is Severity.WARNING for p in result.problems)


def _seed(title: str, tags: list[str], body: str = "") -> str:
    return (f"---\ntitle: {title}\ndate: 2026-03-04\nlang: de\n"
            f"tags: {json.dumps(tags, ensure_ascii=False)}\n---\n\n"
            "Der Konzern investiert 5 Millionen Euro in Wien, sagte die Sprecherin am Montag."
            f"\n\n{body}\n")


def _small_pages(project: Path) -> None:
    """Four tags per tag-index page, so the index has pages 2, 3, ..."""
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("    feed_items: 50\n",
                                           "    feed_items: 50\n    page_size: 1\n"))


def test_odd_tags_build_strictly_and_never_take_a_site_path(tmp_path: Path) -> None:
    """Tags named like the tag index's pages, emoji hundreds long, device names: the check
    and the strict build (MkDocs included) pass, and each tag has its own page apart from
    the index's pages."""
    from digest.link.tags import tag_slug

    tags = ["2", "3", "😀" * 300, "con", "Budget", "Ä" * 300, "index", "tags"]
    project = make_project(tmp_path, {"a.md": _seed("Erster Artikel", tags[:4]),
                                      "b.md": _seed("Zweiter Artikel", tags[4:])},
                           search="lunr", options={"topic_min_articles": 1})
    _small_pages(project)
    cfg = str(project / "mkdocs.yml")
    assert digest("-f", cfg, "check", "--base", "")[0] == 0
    code, _, err = digest("-f", cfg, "build", "--strict")
    assert code == 0, err
    site = project / "site" / "tags"
    assert "2" in (site / "2" / "index.html").read_text()  # the index's page 2
    slugs = {tag_slug(t) for t in tags}
    assert len(slugs) == len(tags)
    for i, tag in enumerate(tags):
        page = (site / tag_slug(tag) / "index.html").read_text()
        mine, other = ("Erster", "Zweiter") if i < 4 else ("Zweiter", "Erster")
        assert f"{mine} Artikel" in page and f"{other} Artikel" not in page, tag
        assert (project / "site" / "feeds" / "tags" / f"{tag_slug(tag)}.atom.xml").is_file()


# ---------------------------------------------------------------------------- relative links


def test_relative_links_are_reported_and_shown_as_text(config: Config) -> None:
    """A link relative to the seed cannot work on its page: a warning with its line, and
    the page shows the link's text; web, mail and #section links stay."""
    text = ("---\ntitle: T\ndate: 2026-03-04\n---\n\nThe lead [with](other.md) a link.\n\n"
            "See [the report](other.md) and [the index](../index.md).\n\n"
            "Also ![a chart](img/chart.png), <a href=\"notes.html\">notes</a>,\n"
            "[the web](https://example.org), [mail](mailto:a@example.org) and [up](#top).\n\n"
            "[ref]: ./ref.md\n")
    result = read(config, "a.md", text)
    assert result.article is not None
    assert [(p.line, p.message.split(" shown")[0], p.severity) for p in result.problems] == [
        (8, "link 'other.md'", Severity.WARNING), (8, "link '../index.md'", Severity.WARNING),
        (10, "link 'notes.html'", Severity.WARNING),
        (10, "link 'img/chart.png'", Severity.WARNING),
        (13, "link './ref.md'", Severity.WARNING)]
    body = "\n".join(b.text for b in result.article.blocks)
    assert "See the report and the index." in body
    assert ".md" not in body and "chart.png" not in body and "notes.html" not in body
    for kept in ("(https://example.org)", "(mailto:a@example.org)", "(#top)"):
        assert kept in body


def test_check_and_build_agree_on_tags_and_links(tmp_path: Path) -> None:
    """What the build refuses or changes, the check has said first, line for line; the
    non-strict build publishes the article and MkDocs' strict build passes; the strict
    build stops with the digest's own messages."""
    from digest.config import load_config
    from digest.site import build_site

    body = "See [the report](other.md) and [the index](../missing.md).\n\n[x](/abs/page.md)"
    project = make_project(tmp_path, {
        "a.md": _seed("Erster Artikel", ["..", "/", "Budget"], body),
        "b.md": _seed("Zweiter Artikel", ["Budget"])}, search="lunr")
    cfg = str(project / "mkdocs.yml")
    code, _, checked = digest("-f", cfg, "check", "--base", "")
    assert code == 0
    found = set(checked.splitlines())
    assert digest("-f", cfg, "check", "--base", "", "--strict")[0] == 1
    code, _, built = digest("-f", cfg, "build", "--no-site")
    assert code == 0
    said = [line for line in built.splitlines() if line.startswith("seeds/")]
    assert len(said) == 5 and set(said) <= found
    build_site(load_config(project / "mkdocs.yml"), strict=True)
    page = next((project / "site" / "articles").glob("erster-artikel/index.html")).read_text()
    assert "the report" in page and "other.md" not in page and "missing.md" not in page
    code, _, strict = digest("-f", cfg, "build", "--strict", "--no-site")
    assert code == 1
    assert [line for line in strict.splitlines() if line.startswith("seeds/")] == said
