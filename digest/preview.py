"""A pull request's seeds as they will look: Markdown for the CI job summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from digest import display
from digest.build import collect
from digest.config import Config
from digest.model import Severity
from digest.render import fact_rows, page_url


def preview(config: Config, paths: Sequence[str], *, build_time: dt.datetime) -> str:
    """Title, date, URL, key facts, tags and warnings of each given seed."""
    entries, problems = collect(config, build_time=build_time)
    by_source = {e.article.source: e for e in entries}
    out = ["## Article preview", ""]
    if not paths:
        out.append("No seeds added or changed.")
    for path in paths:
        entry = by_source.get(path)
        notes = [p for p in problems if p.path == path]
        if entry is None:
            out += [f"### ❌ `{path}`", "", *(f"- {p}" for p in notes), ""]
            continue
        a = entry.article
        out += [
            f"### {a.title}",
            "",
            f"- **Seed:** `{a.source}`",
            f"- **Date:** {a.date.isoformat()} ({a.date_origin})",
            f"- **URL:** {config.site_url}{page_url(config, a.slug)}",
            f"- **Language:** {a.lang}",
            f"- **Tags:** {', '.join(t.name for t in entry.tags) or '(none)'}",
            "",
            f"**{display.labels(a.lang)['box']}**",
            "",
        ]
        rows = fact_rows(entry.facts, a.locale, a.lang)
        out += [f"- **{label}:** {value}" for label, value in rows] or ["- (no key facts found)"]
        warnings = [p for p in notes if p.severity is Severity.WARNING]
        if entry.facts.is_empty():
            out.append("- ⚠️ no key facts found")
        out += [f"- ⚠️ {p}" for p in warnings]
        out.append("")
    return "\n".join(out)
