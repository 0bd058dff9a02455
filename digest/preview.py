"""A pull request's seeds as they will look: Markdown for the CI job summary.

GitHub renders the summary, so every piece of seed text (file name, title, tags, facts,
problem messages quoting front-matter keys) goes through ``markdown_text`` and shows as
itself; only the digest's own headings, bullets and labels are Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from digest.build import collect
from digest.config import Config
from digest.escape import markdown_text as md
from digest.model import ENTITY_KINDS, Facts, Money, Severity
from digest.pages import display
from digest.pages.urls import page_url
from digest.read.sources import gather_sources


def preview(config: Config, paths: Sequence[str], *, build_time: dt.datetime) -> str:
    """Title, date, URL, key facts, tags and warnings of each given seed."""
    collected = collect(config, gather_sources(config), build_time=build_time)
    entries, problems = collected.entries, collected.problems
    by_source = {e.article.source: e for e in entries}
    out = ["## Article preview", ""]
    if not paths:
        out.append("No seeds added or changed.")
    for path in paths:
        entry = by_source.get(path)
        notes = [p for p in problems if p.path == path]
        if entry is None:
            out += [f"### ❌ {_code(path)}", "", *(f"- {md(str(p))}" for p in notes), ""]
            continue
        a = entry.article
        tags = ", ".join(md(t.name) for t in entry.tags)
        out += [
            f"### {md(a.title)}",
            "",
            f"- **Seed:** {_code(a.source)}",
            f"- **Date:** {md(a.date.isoformat())} ({md(a.date_origin)})",
            f"- **URL:** {md(config.site_url + page_url(config, a.slug))}",
            f"- **Language:** {md(a.lang)}",
            f"- **Tags:** {tags or '(none)'}",
            "",
            f"**{md(display.labels(a.lang)['box'])}**",
            "",
        ]
        rows = _fact_rows(entry.facts, a.locale, a.lang)
        out += [f"- **{md(label)}:** {md(value)}" for label, value in rows] or [
            "- (no key facts found)"]
        warnings = [p for p in notes if p.severity is Severity.WARNING]
        if entry.facts.is_empty():
            out.append("- ⚠️ no key facts found")
        out += [f"- ⚠️ {md(str(p))}" for p in warnings]
        out.append("")
    return "\n".join(out)


def _code(text: str) -> str:
    """Monospace that holds any text: a code span would end at the text's first backtick."""
    return f"<code>{md(text)}</code>"


def _fact_rows(facts: Facts, locale: str, lang: str) -> list[tuple[str, str]]:
    """(label, plain text) per fact kind, as the page's key-facts box shows them."""
    words = display.labels(lang)
    rows = []
    if facts.money:
        rows.append((words["money"], " · ".join(
            _money(m, r, locale, lang) for m, r in display.restatements(facts.money))))
    if facts.percent:
        rows.append((words["percent"], " · ".join(
            display.percent(p, locale, lang) for p in facts.percent)))
    if facts.dates:
        rows.append((words["dates"], " · ".join(
            display.date(d, locale, lang) for d in facts.dates)))
    for kind in ENTITY_KINDS:
        names: tuple[str, ...] = getattr(facts, kind)
        if names:
            rows.append((words[kind], ", ".join(names)))
    return rows


def _money(m: Money, restated: tuple[Money, ...], locale: str, lang: str) -> str:
    """As the box writes it (``factbox.money_text``), without the titles."""
    shown = display.money(m, locale, lang)
    eur = display.euro(m, locale, lang)
    star = "*" if display.rate_note(m, locale, lang) else ""
    if restated:
        parts = [f"≈ {display.money(r, locale, lang)}" for r in restated]
        if eur and all(r.currency != "EUR" for r in restated):
            parts.append(eur.strip("()") + star)
        return f"{shown} ({', '.join(parts)})"
    if m.text and m.text != shown:
        shown += f" ({m.text})"
    if eur:
        shown += f" {eur}{star}"
    return shown
