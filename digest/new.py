"""``digest new``: a ready-to-edit ``.md`` seed with its front matter filled in."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError
from digest.read.decoding import clean_text
from digest.read.frontmatter import is_url
from digest.read.ingest import MAX_TITLE
from digest.read.names import derived_slug

BODY_HINT = (
    "<!-- Write the article here, then delete this comment. The first paragraph is the lead;\n"
    "     '## ' starts a subheading; raw HTML is cleaned. Check it with: digest check -->"
)


def seed_text(title: str, *, lang: str, source: str | None, today: dt.date) -> str:
    """The new seed's text: front matter with today's date, then a hint where the body goes."""
    title = _valid_title(title)
    if source is not None and not is_url(source):
        raise DigestError(f"source: expected an http(s) URL, got {source!r}")
    if lang not in ("de", "en"):
        raise DigestError(f"lang: expected 'de' or 'en', got {lang!r}")
    lines = [
        "---",
        # A JSON string is a YAML double-quoted string: quotes, colons and '#' stay text.
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {today.isoformat()}",
        f"lang: {lang}",
        f"source: {source}" if source else "# source: https://example.org/original-article",
        "tags: []",
        '# summary: "One sentence for the home page and the feeds (optional)."',
        "---",
        "",
        BODY_HINT,
        "",
    ]
    return "\n".join(lines)


def seed_name(title: str, taken: Iterable[str]) -> str:
    """A file name from the title's slug that no existing seed uses (``x.md``, ``x-2.md``)."""
    stems = {Path(name).stem for name in taken}
    base = derived_slug(_valid_title(title))[:60].rstrip("-")
    stem, n = base, 1
    while stem in stems:
        n += 1
        stem = f"{base}-{n}"
    return f"{stem}.md"


def create_seed(
    config: Config, title: str, *, lang: str, source: str | None, today: dt.date
) -> Path:
    """Write the new seed into the seeds folder, never over an existing file."""
    text = seed_text(title, lang=lang, source=source, today=today)
    folder = config.root / config.seeds_dir
    folder.mkdir(parents=True, exist_ok=True)
    taken = [p.name for p in folder.rglob("*")]
    while True:
        path = folder / seed_name(title, taken)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:  # written by someone else meanwhile: take the next name
            taken.append(path.name)
            continue
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        return path


def _valid_title(title: str) -> str:
    cleaned = " ".join(clean_text(title).split())
    if not cleaned:
        raise DigestError("title: expected a non-empty title")
    if len(cleaned) > MAX_TITLE:
        raise DigestError(f"title: {len(cleaned)} characters; expected at most {MAX_TITLE}")
    return cleaned
