"""The home page: the newest story leads with its headline figures, then the next newest as
cards under their weekly edition."""

from __future__ import annotations

from collections.abc import Sequence

from digest.config import Config
from digest.link.links import (
    Edition,
)
from digest.markup import LINK, Html, html_text
from digest.model import Entry, Money, OutputFile, Percent
from digest.pages import display
from digest.pages.factbox import span
from digest.pages.listings import (
    brief,
    edition_title,
    figures,
    tag_links,
)
from digest.pages.render import (
    GENERATED,
    clip,
    newest_first,
    output_file,
)
from digest.pages.urls import (
    doc_url,
    page_doc,
    page_url,
    rel_link,
    up_to_root,
)

_LEAD = Html('<div class="digest-lead">\n'
             '<p class="digest-kicker"><time datetime="{iso}">{day}</time>{edition}</p>\n'
             '<h2><a href="{url}">{title}</a></h2>\n'
             '<p class="digest-summary">{summary}</p>\n'
             "{figures}"
             "{tags}"
             "</div>")
_FIGURE = Html('<li class="digest-figure"><strong>{}</strong>{}</li>\n')


def headline_figures(entry: Entry, limit: int = 3) -> list[Money | Percent]:
    """Two amounts and a share before any third amount: a lead story shows both kinds."""
    found = figures(entry)
    money = [x for x in found if isinstance(x, Money)]
    shares = [x for x in found if isinstance(x, Percent)]
    return (money[:2] + shares[:2] + money[2:])[:limit]


def _figure_html(fact: Money | Percent, lang: str) -> Html:
    """A headline figure as the page's language ``lang`` writes it, the as-written text in
    its title; an amount in another currency with its euro value under it."""
    if isinstance(fact, Percent):
        return _FIGURE.format(span(fact.text, display.percent(fact, lang, lang), html_text), "")
    eur = display.euro(fact, lang, lang)
    return _FIGURE.format(span(fact.text, display.money(fact, lang, lang), html_text),
                          Html(" <small>{}</small>").format(eur) if eur else "")


def _lead(entry: Entry, edition: Edition | None, config: Config, doc: str) -> list[str]:
    """The newest story, told at a glance: date and edition, title, summary, its headline
    figures and tags."""
    a = entry.article
    up = up_to_root(doc)
    edition_link = Html("")
    if edition is not None:
        target = up + doc_url(page_doc(f"{config.editions_dir}/{edition.key}", 1))
        edition_link = Html(" · {}").format(
            LINK.format(target, edition_title(edition, config.language)))
    shown = [_figure_html(f, config.language) for f in headline_figures(entry)]
    figure_list = (Html('<ul class="digest-figures">\n{}</ul>\n').format(Html("").join(shown))
                   if shown else "")
    tags = tag_links(entry.tags[:6], config, up)
    block = _LEAD.format(
        iso=a.date.isoformat(), day=display.long_date(a.date, config.language),
        edition=edition_link, url=up + page_url(config, a.slug), title=a.title,
        summary=clip(a.description, 400), figures=figure_list,
        tags=Html('<p class="digest-tags">{}</p>\n').format(tags) if tags else "")
    return [block, ""]


def render_home(entries: Sequence[Entry], editions: Sequence[Edition],
                config: Config) -> OutputFile:
    """The home page partial: the newest story leads with its headline figures; the next
    newest follow as cards under their weekly edition, newest first (``home_items`` in all).
    """
    words = display.labels(config.language)
    doc = "index.md"
    lines = [GENERATED.format(source=config.seeds_dir), ""]
    edition_of = {e.article.source: ed for ed in editions for e in ed.entries}
    newest = newest_first(entries)[: config.home_items]
    if newest:
        lines += _lead(newest[0], edition_of.get(newest[0].article.source), config, doc)
    groups: dict[str, list[Entry]] = {}
    for entry in newest[1:]:
        edition = edition_of.get(entry.article.source)
        groups.setdefault(edition.key if edition else "", []).append(entry)
    by_key = {ed.key: ed for ed in editions}
    for key, items in groups.items():
        edition = by_key.get(key)
        if edition is None:
            lines += [f"## {words['latest']}", ""]
        else:
            edition_doc = page_doc(f"{config.editions_dir}/{edition.key}", 1)
            title = edition_title(edition, config.language)
            lines += [f"## [{title}]({rel_link(edition_doc, doc)})", ""]
        # One raw HTML block: the cards sit in a grid (content/stylesheets/digest.css).
        lines.append('<div class="digest-cards">')
        for entry in items:
            lines += brief(entry, config, doc)
        lines += ["</div>", ""]
    if not entries:
        lines += [words["none"], ""]
    lines += [
        f"[{words['editions']} →]({rel_link(f'{config.editions_dir}/index.md', doc)}) · "
        f"[{words['archive']} →]({rel_link(f'{config.archive_dir}/index.md', doc)}) · "
        f"[{words['topics']} →]({rel_link(f'{config.topics_dir}/index.md', doc)})",
    ]
    return output_file(config, f"{config.articles_dir}/_partials/latest.md", lines)
