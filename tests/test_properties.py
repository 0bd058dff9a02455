"""Random seeds through every stage: nothing crashes, no page gets live HTML from a seed,
plain text shows literally, and the feeds stay well-formed XML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from digest.build import make_entry, vocabulary_for
from digest.config import Config, load_config
from digest.markup import escape_text, sanitize_markdown
from digest.model import Severity
from digest.new import seed_text
from digest.pages.feeds import build_feeds
from digest.pages.render import render_article
from digest.read.decoding import clean_text
from digest.read.frontmatter import FRONT_MATTER_KEYS, parse_front_matter
from digest.read.ingest import SeedContext, read_seed
from digest.vocabulary import Vocabulary

from .conftest import BUILD_TIME, make_project
from .support import (
    MARKDOWN_ATTRIBUTES,
    MARKDOWN_TAGS,
    TEMPLATE_ATTRIBUTES,
    TEMPLATE_TAGS,
    live_html,
    page_html,
    paragraphs,
    text_of,
)

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that mean something to HTML, Markdown, its extensions, YAML or Jinja, mixed into
# random text so the examples hit them far more often than chance would.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=x>", "</div>",
    "<div markdown=\"1\">", "<!--", "-->", "<a href='javascript:alert(1)'>", "javascript:",
    "[x](javascript:alert(1))", "[x]: javascript:alert(1)", "![i](x.png)", "<https://e.org>",
    "---", "===", "***", "!!! danger", "??? note", "# ", "## ", "> ", "- ", "1. ", "    ",
    "| a | b |", "{: .x onclick=alert(1) }", "{{ x }}", "{% x %}", "--8<--", '"index.md"',
    "[TOC]", "&amp;", "&lt;", "&#", "\\", "`", "*", "_", "~~~", "```", ":", "'", '"', "&",
    "\x00", "\x07", "\x0b", "\x1b", "\x7f", "\ufeff", "\u202e", "\u2028", "\x85", "\ufffe",
    "\r", "\r\n", "\t", "\u00a0", "€", "ä", "ß", "💶", "ℌ", "\u0301",
]
piece = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
line = st.lists(piece, max_size=8).map("".join)
body_text = st.lists(line, min_size=1, max_size=8).map("\n".join)


def yaml_values(depth: int = 2) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-10**6, 10**6), line, st.sampled_from(HOSTILE),
        st.dates(min_value=dt.date(1, 1, 1)).map(str), st.sampled_from(["de", "en", "fr"]),
    )
    if depth == 0:
        return scalars
    inner = yaml_values(depth - 1)
    return st.one_of(scalars, st.lists(inner, max_size=3),
                     st.dictionaries(st.sampled_from(["add", "remove", "rename", "orgs", "x"]),
                                     inner, max_size=3))


front_matter = st.dictionaries(
    st.one_of(st.sampled_from(FRONT_MATTER_KEYS), st.sampled_from(["titel", "x", "<b>"])),
    yaml_values(), max_size=8)


class Site(tuple[Config, Vocabulary]):
    """The project's config and vocabulary, with a short repr for Hypothesis' reports."""

    def __repr__(self) -> str:
        return "Site(...)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(tmp_path_factory.mktemp("props"), {})
    config = load_config(project / "mkdocs.yml")
    return Site((config, vocabulary_for(config)))


def through_every_stage(site: Site, name: str, data: bytes) -> Any:
    """Read, extract, render and write feeds; check the page and the feeds; the article."""
    config, vocab = site
    result = read_seed(f"seeds/{name}", data, SeedContext(config, None, BUILD_TIME))
    for problem in result.problems:
        assert problem.path == f"seeds/{name}" and problem.message
    if result.article is None:
        assert any(p.severity is Severity.ERROR for p in result.problems)
        return None
    entry = make_entry(result.article, vocab)
    page = render_article(entry, config)
    rendered = page_html(page.content)
    tags, attributes = ((TEMPLATE_TAGS, TEMPLATE_ATTRIBUTES) if name.endswith(".txt")
                        else (MARKDOWN_TAGS, MARKDOWN_ATTRIBUTES))
    assert live_html(rendered, tags=tags, attributes=attributes) == []
    for feed in build_feeds([entry], config):
        if feed.dest.endswith(".xml"):
            tree = etree.fromstring(feed.content)
            # The elements readers take as HTML: RSS descriptions, content:encoded, and Atom
            # content or summary of type html.
            for content in tree.iter("{*}content", "{*}encoded", "description", "{*}summary"):
                if content.tag.endswith(("content", "summary")) and content.get("type") != "html":
                    continue
                assert live_html(content.text or "") == []
    return entry, rendered


@SETTINGS
@given(text=body_text)
def test_plain_text_seed_shows_literally(site: Site, text: str) -> None:
    """Any .txt seed: no crash; the page has only the template's tags and shows every
    paragraph as written; the feeds parse as XML with no live HTML in them."""
    out = through_every_stage(site, "a.txt", text.encode("utf-8", "surrogatepass"))
    if out is None:
        return
    entry, rendered = out
    shown = text_of(rendered)
    for paragraph in paragraphs(entry.article):
        assert " ".join(paragraph.split()) in shown


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_never_crash(site: Site, data: bytes) -> None:
    """Random bytes as a .txt or .md seed are read or refused with a problem, never a crash."""
    through_every_stage(site, "a.txt", data)
    through_every_stage(site, "a.md", data)


@SETTINGS
@given(meta=front_matter, body=body_text)
def test_markdown_seed_with_random_front_matter(
    site: Site, meta: dict[str, Any], body: str
) -> None:
    """Any front matter and any Markdown body: no crash, only allow-listed HTML on the page,
    well-formed feeds; every problem names the file."""
    raw = yaml.safe_dump(meta, allow_unicode=True)
    through_every_stage(site, "a.md", f"---\n{raw}---\n\n{body}\n".encode("utf-8",
                                                                           "surrogatepass"))


@SETTINGS
@given(raw=st.lists(st.one_of(line, st.sampled_from(
    ["title: x", "- a", "? a", ": b", "&a x", "*a", "!!binary x", "!!python/name:os.system",
     "<<: {a: 1}", "  nested: [", "date: 2026-02-30", "tags: [a, {b: c}]"])), max_size=8)
    .map("\n".join), body=body_text)
def test_markdown_seed_with_random_yaml_text(
    site: Site, raw: str, body: str
) -> None:
    """Front matter that is not even YAML: a problem with a line inside the front matter."""
    through_every_stage(site, "a.md", f"---\n{raw}\n---\n\n{body}\n".encode("utf-8",
                                                                             "surrogatepass"))
    (_, _), problems = parse_front_matter("seeds/a.md", raw)
    for problem in problems:
        assert problem.line is None or 1 <= problem.line <= raw.count("\n") + 3


@SETTINGS
@given(text=line)
def test_escape_text_is_one_inert_line(text: str) -> None:
    """Escaped text renders as one paragraph with no markup of its own."""
    escaped = escape_text("x" + text)
    assert "\n" not in escaped
    assert live_html(page_html(f"{escaped}\n".encode()), tags=frozenset({"p"}),
                     attributes=frozenset()) == []


@SETTINGS
@given(text=body_text)
def test_sanitised_markdown_stays_inside_its_block(text: str) -> None:
    """A sanitised block adds no heading, box, script, handler or unsafe link to a page."""
    html = page_html(f"# Title\n\n{sanitize_markdown(text)}\n".encode())
    assert live_html(html, tags=MARKDOWN_TAGS, attributes=MARKDOWN_ATTRIBUTES) == []
    assert html.count("<h1") == 1 and "admonition" not in html


@SETTINGS
@given(title=st.text(min_size=1, max_size=120), lang=st.sampled_from(["de", "en"]))
def test_new_seed_reads_back(site: Site, title: str, lang: str) -> None:
    """Whatever the title, `digest new`'s front matter reads back to the same title."""
    config, _ = site
    expected = " ".join(clean_text(title).split())
    assume(expected)
    text = seed_text(title, lang=lang, source=None, today=dt.date(2026, 1, 2))
    result = read_seed("seeds/a.md", (text + "\nSome text.\n").encode(),
                       SeedContext(config, None, BUILD_TIME))
    assert result.article is not None, result.problems
    assert (result.article.title, result.article.lang) == (expected, lang)
