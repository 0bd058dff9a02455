"""Topic pages: an entity's articles and a timeline of the figures reported beside it, the
indexes of topics by kind, and redirects from the pages of spellings that merged."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from digest.config import Config
from digest.link.links import (
    Topic,
    merged_tag_slugs,
    merged_topic_slugs,
    tag_groups,
    timeline,
)
from digest.markup import Html, escape_text, html_text
from digest.model import ENTITY_KINDS, DateFact, Entry, Money, OutputFile, Percent
from digest.pages import display
from digest.pages.factbox import money_text, span
from digest.pages.listings import (
    UNSEARCHED,
    WORDS,
    describe,
    feed_links,
    title_pages,
)
from digest.pages.render import (
    clip,
    front_matter,
    newest_first,
    output_file,
    pager,
    redirect_page,
)
from digest.pages.urls import (
    doc_url,
    page_doc,
    page_url,
    rel_link,
    tag_doc,
    tag_home,
    topic_doc,
    up_to_root,
)
from digest.vocabulary import fold

# A timeline row is one article: what its first figure is, linked to the article, whose
# title is the link's tooltip (a headline on every row made the table wider than a phone),
# then its other figures on the same line.
_TIMELINE_ROW = Html('<tr><td><time datetime="{}">{}</time></td>'
                     '<td><a href="{}" title="{}">{}</a>: {}{}</td></tr>')
_MORE_FACT, _MORE_FIGURE = Html(" · {}: {}"), Html(" · {}")


def topic_title(name: str, kind: str, lang: str) -> str:
    """A topic page's title says what kind of thing it is named after, "Linz (Ort)", so it
    never reads like the tag page of the same name ("Tag: Linz")."""
    words = WORDS.get(lang, WORDS["en"])
    return words["topic"].format(name=name, kind=words[kind])


def render_topic(topic: Topic, config: Config, feed: str | None = None) -> list[OutputFile]:
    """One entity's pages: the newest facts reported about it, then its articles, paginated;
    with ``feed``, the slug of the tag it stands for, linked to that tag's feeds."""
    lang = config.language
    words = display.labels(lang)
    folder = f"{config.topics_dir}/{topic.kind}/{topic.slug}"
    doc = page_doc(folder, 1)
    line = f"{words[topic.kind]} · {words['count'].format(n=len(topic.entries))}"
    if feed is not None:
        line += f" · {feed_links(config, feed, doc)}"
    intro = [line, ""]
    # Only the first page's worth of facts is shown: look no further than that.
    rows_of = list(itertools.islice(
        ((e, f, label) for e in topic.entries for f, label in timeline(topic, e)),
        config.page_size))
    if rows_of:
        # An HTML table, made here: as a Markdown table of spans and links it was the most
        # expensive part of the site for MkDocs.
        up = up_to_root(doc)
        rows = []
        for _, group in itertools.groupby(rows_of, key=lambda row: id(row[0])):
            (e, fact, label), *more = group
            rows.append(_TIMELINE_ROW.format(
                e.article.date.date().isoformat(), display.long_date(e.article.date, lang),
                up + page_url(config, e.article.slug), e.article.title,
                label or clip(e.article.title, 40), _fact_html(fact, e, lang),
                Html("").join(_MORE_FACT.format(other, _fact_html(f, e, lang)) if other
                              else _MORE_FIGURE.format(_fact_html(f, e, lang))
                              for _, f, other in more)))
        intro += [f"## {words['timeline']}", "",
                  Html('<table class="digest-timeline"><thead><tr><th>{}</th><th>{}</th>'
                       "</tr></thead><tbody>").format(words["date"], words["fact"]),
                  *rows, "</tbody></table>", "", f"## {words['articles_heading']}", ""]
    return title_pages(config, folder, topic.name, topic.entries, intro, name_searchable=True,
                       page_title=topic_title(topic.name, topic.kind, lang))


def render_merged_redirects(entries: Sequence[Entry], found: Sequence[Topic],
                            config: Config, pages: Mapping[str, str] | None = None,
                            unlisted: Collection[str] = ()) -> list[OutputFile]:
    """Tag and topic pages that merged into their entity's one page ("tags/italy" into
    "tags/italien"), and the tag pages of entities whose topic page stands for them
    (``pages``: tag slug -> topic page), send readers there, so links to the old URLs keep
    working; a tag with no page (``unlisted``) has nowhere to send them."""
    lang = config.language
    pages = pages or {}
    newest = newest_first(entries)
    by_tag = tag_groups(newest, lang)
    moved = {old: slug for old, slug in merged_tag_slugs(newest).items()
             if slug not in unlisted}
    moved.update((slug, slug) for slug in pages)
    files = []
    for old, slug in sorted(moved.items()):
        doc = tag_home(config, slug, pages)
        files.append(OutputFile(
            f"{config.docs_dir}/{config.tags_dir}/{old}/index.html",
            redirect_page(lang, by_tag[slug][0], up_to_root(tag_doc(config, old)) + doc_url(doc),
                          config.site_url + doc_url(doc), "→")))
    for old, topic in sorted(merged_topic_slugs(found).items()):
        files.append(OutputFile(
            f"{config.docs_dir}/{config.topics_dir}/{old}/index.html",
            redirect_page(lang, topic.name, f"../{topic.slug}/",
                          config.site_url + doc_url(topic_doc(config, topic)), "→")))
    return files


def render_topic_indexes(topics: Sequence[Topic], config: Config) -> list[OutputFile]:
    """The index of all topics and one paginated index per kind, biggest topics first."""
    lang = config.language
    words = display.labels(lang)
    files = []
    by_kind: dict[str, list[Topic]] = defaultdict(list)
    for topic in topics:
        by_kind[topic.kind].append(topic)
    index_doc = f"{config.topics_dir}/index.md"
    index = [f"# {words['topics']}", ""]
    held: list[str] = []
    for kind in ENTITY_KINDS:
        items = sorted(by_kind.get(kind, []), key=lambda t: (-len(t.entries), fold(t.name)))
        if not items:
            continue
        folder = f"{config.topics_dir}/{kind}"
        index.append(f"- [{words[kind]}]({rel_link(page_doc(folder, 1), index_doc)}) "
                     f"({len(items)})")
        held.append(f"{words[kind]} ({len(items)})")
        chunks = [items[i: i + config.page_size * 4]
                  for i in range(0, len(items), config.page_size * 4)]
        for number, chunk in enumerate(chunks, 1):
            doc = page_doc(folder, number)
            names = [f"{t.name} ({len(t.entries)})" for t in chunk]
            if len(chunks) > 1:
                names.insert(0, words["page"].format(n=number, total=len(chunks)))
            meta = {"title": words[kind], "description": describe(words[kind], names),
                    **UNSEARCHED}
            lines = [front_matter(meta), f"# {words[kind]}", ""]
            lines += pager(folder, number, len(chunks), lang)
            lines += [f"- [{escape_text(t.name)}]({rel_link(topic_doc(config, t), doc)}) "
                      f"({len(t.entries)})" for t in chunk]
            lines += pager(folder, number, len(chunks), lang)
            files.append(output_file(config, doc, lines))
    if not topics:
        index.append(words["none"])
    head = front_matter({"title": words["topics"], "description": describe(
        words["topics"], held or [words["none"]]), **UNSEARCHED})
    files.append(output_file(config, index_doc, [head, *index]))
    return files


def _fact_html(fact: Money | Percent | DateFact, entry: Entry, lang: str) -> Html:
    """A timeline's fact in the page's language ``lang``, as the date beside it."""
    if isinstance(fact, Money):
        return money_text(fact, lang, lang, as_html=True)
    if isinstance(fact, Percent):
        return span(fact.text, display.percent(fact, lang, lang), html_text)
    return span(fact.text, display.date(fact, lang, lang), html_text)
