"""Helpers that several test modules share: running git and ``digest check`` in a scratch
project, telling live HTML from text, building the site with a search backend, and recording
what is on disk so a rebuild can be shown to have left every file alone.

Test modules import helpers from here (or from ``conftest``), never from one another."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import random
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from lxml import html as lxml_html

from digest.cli import main
from digest.model import Article

from .conftest import DATA, ROOT, SEED, make_project
from .factories import entry

# ---------------------------------------------------------------------------- git and check

GIT_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+01:00",
           "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00"}
PROSE = ("Der Konzern investiert in diesem Jahr deutlich mehr Geld in neue Rechenzentren, "
         "sagte die Sprecherin am Montag in Wien, und die Aktionäre sind zufrieden.")


def check(project: Path, *args: str) -> tuple[int, list[str], str]:
    """Run ``digest check`` in a project: exit code, stderr lines, stdout."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-f", str(project / "mkdocs.yml"), "check", *args])
    return code, err.getvalue().splitlines(), out.getvalue()


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={**GIT_ENV, "HOME": str(project)})


def commit_all(project: Path, message: str = "seeds") -> None:
    """Commit the seeds (in a new repository if there is none), dated 2026-11-20 10:00."""
    if not (project / ".git").exists():
        git(project, "init", "-q")
    git(project, "add", "-A", "seeds")
    git(project, "commit", "-qm", message)


# ---------------------------------------------------------------------------- live HTML

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../", "tag:")

# Tags and attributes the page template itself writes around an article's text (render.py,
# display.py): a tag the template starts to write belongs here too.
TEMPLATE_TAGS = frozenset({"h1", "h2", "p", "div", "time", "span", "a", "ul", "li", "strong",
                           "small"})
TEMPLATE_ATTRIBUTES = frozenset({"id", "class", "href", "title", "datetime", "lang", "hidden",
                                 "data-pagefind-body", "data-pagefind-ignore",
                                 "data-pagefind-meta"})
# What a Markdown seed may add: the sanitiser's allow-list and Markdown's own elements.
MARKDOWN_TAGS = TEMPLATE_TAGS | {
    "abbr", "b", "blockquote", "br", "code", "em", "i", "ol", "pre", "q", "s", "small", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "h3", "h4", "h5", "h6",
}
MARKDOWN_ATTRIBUTES = TEMPLATE_ATTRIBUTES | {"rel", "align"}


def live_html(text: str, *, tags: frozenset[str] | None = None,
              attributes: frozenset[str] | None = None) -> list[str]:
    """What in an HTML fragment could run or load something: scripts, frames, images,
    event handlers, ``javascript:`` links, and (when given) any tag or attribute not allowed."""
    if not text.strip():
        return []
    found = []
    root = lxml_html.fragment_fromstring(text, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el is not root and (el.tag in ("script", "iframe", "img", "object", "embed", "style",
                                          "form", "svg", "math", "base", "link", "meta")
                               or (tags is not None and el.tag not in tags)):
            found.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            if (name.startswith("on") or name in ("style", "src", "srcdoc", "formaction")
                    or (attributes is not None and name not in attributes)):
                found.append(f"<{el.tag} {name}>")
            if name in ("href", "action", "xlink:href") and not (
                value.startswith(SAFE_SCHEMES) or ":" not in value.split("/")[0]
            ):
                found.append(f"<{el.tag} {name}={value!r}>")
    return found


def text_of(fragment: str) -> str:
    """An HTML fragment's text, whitespace collapsed."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(root.text_content().split())


def paragraphs(article: Article) -> list[str]:
    return [article.title, article.lead, *(b.text for b in article.blocks)]


@functools.cache
def _markdown_setup() -> tuple[list[Any], dict[str, Any]]:
    from mkdocs.config import load_config as mkdocs_config

    cfg = mkdocs_config(config_file=str(ROOT / "mkdocs.yml"))
    return list(cfg["markdown_extensions"]), dict(cfg["mdx_configs"])


def page_html(page: bytes) -> str:
    """A generated page's Markdown as MkDocs renders it: front matter off, same extensions."""
    from mkdocs.utils.meta import get_data

    body, _ = get_data(page.decode())
    extensions, configs = _markdown_setup()
    with contextlib.chdir(ROOT):  # pymdownx.snippets resolves its base_path from here
        return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)


# ---------------------------------------------------------------------------- sites


def fixture_seeds() -> dict[str, str | bytes]:
    """The fixture site's articles (several weeks, shared entities, one in English) and the
    seed article."""
    seeds: dict[str, str | bytes] = {
        p.name: p.read_text() for p in sorted((DATA / "fixture_site").glob("0*.md"))}
    seeds[SEED.name] = SEED.read_text()
    return seeds


def build_with_search(tmp: Path, search: str) -> Path:
    """The fixture site built by ``digest build`` with the given search backend: its site/."""
    project = make_project(tmp, fixture_seeds(), search=search)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    return project / "site"


def related_of_random_entries() -> str:
    """Related articles of entries that share equal-weight features in many ways, as text."""
    from digest.link.links import related

    rng = random.Random(4)
    names = [f"Org {i}" for i in range(8)]
    entries = [entry(f"a{i:02d}", orgs=tuple(rng.sample(names, rng.randint(2, 6))), day=1)
               for i in range(12)]
    found = related(entries)
    return repr({src: [e.article.source for e in items] for src, items in sorted(found.items())})


# ---------------------------------------------------------------------------- files on disk

NOT_OUTPUT = (".digest-cache", ".digest-build.lock", ".git", "site")
"""What a rebuild may rewrite: the build cache, the lock, git's own files and the MkDocs site
(built afresh in a new folder every time). Everything else in a project is either the digest's
output or hand-written, and a rebuild with nothing changed leaves all of it alone."""

SETTLED_NS = 1_000_000_000_000_000_000
"""The modification time :func:`settle` gives every file (2001-09-09): far from any clock a
write stamps, however coarse the file system's clock is."""


@dataclass(frozen=True)
class FileState:
    """One file as found on disk (``data`` is ``None`` for a folder)."""

    data: bytes | None
    mtime_ns: int


Tree = Mapping[str, FileState]


def disk_state(root: Path, skip: Iterable[str] = ()) -> dict[str, FileState]:
    """Every file and folder under ``root`` (relative path -> bytes and ``st_mtime_ns``),
    but not the top-level names in ``skip``; links are recorded, never followed."""
    skipped = set(skip)
    found: dict[str, FileState] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in skipped:
            continue
        st = path.lstat()
        if path.is_symlink():
            found[rel.as_posix()] = FileState(os.readlink(path).encode(), st.st_mtime_ns)
        elif path.is_dir():
            found[f"{rel.as_posix()}/"] = FileState(None, st.st_mtime_ns)
        else:
            found[rel.as_posix()] = FileState(path.read_bytes(), st.st_mtime_ns)
    return found


def settle(root: Path, skip: Iterable[str] = ()) -> dict[str, FileState]:
    """Set every file's modification time under ``root`` to :data:`SETTLED_NS`, then record
    the tree: a file written after this, even with the same bytes in the same clock tick,
    shows as a new ``mtime_ns``."""
    skipped = set(skip)
    for path in root.rglob("*"):
        if (path.relative_to(root).parts[0] not in skipped and path.is_file()
                and not path.is_symlink()):
            os.utime(path, ns=(SETTLED_NS, SETTLED_NS))
    return disk_state(root, skip)


def changes(before: Tree, after: Tree) -> dict[str, str]:
    """What happened to each path between two records: appeared, disappeared, rewritten with
    other bytes, or rewritten with the same bytes (a new mtime). Folders count only by being
    there: writing or removing a file inside one changes the folder's own mtime."""
    found = {name: "disappeared" for name in before.keys() - after.keys()}
    found |= {name: "appeared" for name in after.keys() - before.keys()}
    for name in before.keys() & after.keys():
        old, new = before[name], after[name]
        if old.data is None and new.data is None:
            continue
        if old.data != new.data:
            found[name] = "rewritten with other bytes"
        elif old.mtime_ns != new.mtime_ns:
            found[name] = f"rewritten with the same bytes (mtime_ns {old.mtime_ns} -> " \
                          f"{new.mtime_ns})"
    return dict(sorted(found.items()))


def assert_untouched(before: Tree, after: Tree) -> None:
    """No file was rewritten (same bytes and same mtime_ns), none appeared or disappeared."""
    found = changes(before, after)
    if found:
        raise AssertionError(f"{len(found)} path(s) touched by a build that should have "
                             "written nothing:\n" + "\n".join(f"  {name}: {what}"
                                                             for name, what in found.items()))


# ---------------------------------------------------------------------------- facts exports


def facts_export(feeds: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Every month's facts exports under a feeds folder, in the index's order: the JSON
    flattened to one record per fact (the columns of ``fact_records``), and the CSV rows."""
    import csv
    import json

    from digest.pages.export import FACT_COLUMNS

    index = json.loads((feeds / "facts" / "index.json").read_text(encoding="utf-8"))
    records: list[dict[str, str]] = []
    rows: list[dict[str, str]] = []
    for month in index["months"]:
        for article in json.loads((feeds / "facts" / month["json"]).read_text(encoding="utf-8")):
            base = {"article": article["article"], "article_title": article["title"],
                    "article_date": article["date"], "lang": article["lang"]}
            records += [{c: {**base, **fact}.get(c, "") for c in FACT_COLUMNS}
                        for fact in article["facts"]]
        with (feeds / "facts" / month["csv"]).open(newline="", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return records, rows
