"""Every generated page passes the Nu HTML checker (npm vnu-jar), in one Java run.

Only messages that stock mkdocs-material writes are filtered, each by its exact text and the
exact markup it points at; anything from our templates (overrides/) or content is an error.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Upstream:
    """A checker message that stock Material produces, matched exactly."""

    message: str
    extract: str
    """A piece of the markup the message points at; the filter matches both."""
    why: str


UPSTREAM = (
    Upstream(
        message="Attribute “autocomplete” is only allowed when the input type is “color”, "
        "“date”, “datetime-local”, “email”, “hidden”, “month”, “number”, “password”, "
        "“range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
        extract='type="checkbox" id="__',
        why="Material's base.html puts autocomplete=\"off\" on its hidden drawer and search "
        "toggles (input type=checkbox id=__drawer / __search) on every page, so browsers do "
        "not restore their state on back navigation; HTML allows autocomplete on text-like "
        "inputs only.",
    ),
    Upstream(
        message="The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        extract='<label class="md-nav__title" for="__toc">',
        why="Material's partials/toc.html always writes the table of contents title as a "
        "label for the __toc checkbox, but partials/nav-item.html writes that checkbox only "
        "for pages in the navigation. Articles, archive months, editions and topics are "
        "deliberately outside the nav (not_in_nav), so on those pages the label points at "
        "nothing; it has no effect for readers (axe reports nothing there).",
    ),
)


def run_vnu(jar: Path, pages: list[Path]) -> list[dict[str, Any]]:
    """All pages in one Java start; vnu writes its JSON report to stderr."""
    proc = subprocess.run(
        ["java", "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json",
         *map(str, pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    try:
        report = json.loads(proc.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    messages: list[dict[str, Any]] = report["messages"]
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not messages):
        pytest.fail(f"vnu failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return messages


def is_upstream(message: dict[str, Any]) -> bool:
    return any(message.get("message") == u.message and u.extract in message.get("extract", "")
               for u in UPSTREAM)


def describe(message: dict[str, Any], site: Site) -> str:
    where = message.get("url", "").split(f"{site.dir.as_posix()}/", 1)[-1]
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{line}: {message.get('message')}\n    {extract}"


@pytest.fixture(scope="module")
def vnu_messages(site: Site, vnu_jar: Path) -> list[dict[str, Any]]:
    pages = site.html_pages()
    assert len(pages) >= 6, pages
    return run_vnu(vnu_jar, pages)


def test_every_page_is_valid_html(site: Site, vnu_messages: list[dict[str, Any]]) -> None:
    ours = [m for m in vnu_messages if not is_upstream(m)]
    if ours:
        pytest.fail(f"{len(ours)} HTML error(s):\n" + "\n".join(describe(m, site) for m in ours),
                    pytrace=False)


def test_upstream_filters_are_still_needed(vnu_messages: list[dict[str, Any]]) -> None:
    """A Material release that fixes one of them makes this fail: then drop that filter."""
    for upstream in UPSTREAM:
        used = any(m.get("message") == upstream.message and upstream.extract in m.get("extract", "")
                   for m in vnu_messages)
        assert used, f"no longer produced, drop the filter: {upstream.message}"
