"""Pages that list articles: archive, tags and editions, and the teaser every listing shows
(home and topic pages in ``home.py`` and ``topics.py``), paginated so that no page grows
with the archive. Pure functions from entries to Markdown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from digest.config import Config
from digest.link.links import (
    Edition,
    tag_groups,
)
from digest.markup import LINK, Html, escape_text
from digest.model import DateFact, Entry, Money, OutputFile, Percent, Tag
from digest.pages import display
from digest.pages.render import (
    ListingPage,
    clip,
    front_matter,
    listing_pager,
    newest_first,
    output_file,
    page_range,
    pager,
    paginate,
)
from digest.pages.urls import (
    article_doc,
    doc_url,
    page_doc,
    page_url,
    rel_link,
    tag_feed_url,
    tag_home,
    tag_page,
    up_to_root,
)
from digest.vocabulary import fold

# A brief depends only on the entry and how deep the listing page is, and an article appears
# in many listings (archive, edition, one topic per entity): render each variant once. The
# cache holds the entry itself, so an id is never reused for another entry while cached.
_BRIEFS: dict[tuple[int, str, str], tuple[Entry, tuple[str, ...]]] = {}
_BRIEF = Html('<div class="digest-brief">\n'
              '<{level}><a href="{url}">{title}</a></{level}>\n'
              '<p><time datetime="{iso}">{day}</time>{tags}</p>\n'
              "{facts}"
              "<p>{description}</p>\n"
              "</div>")
_TAGS = Html(" · {}")
_FACTS = Html("<p><strong>{}:</strong> {}</p>\n")
# Listings are lists, not documents: no table of contents of their briefs and no sidebar
# holding the one navigation entry of their tab.
LISTING: dict[str, object] = {"hide": ["navigation", "toc"]}
# Indexes of listings hold names and counts only: out of Material's lunr index (Pagefind
# indexes only what a page marks with data-pagefind-body).
UNSEARCHED: dict[str, object] = {"search": {"exclude": True}, **LISTING}
# What share cards and search engines read of a listing: its name, then what it holds.
WORDS = {
    "de": {"tag": "Tag: {name}", "topic": "{name} ({kind})", "orgs": "Organisation",
           "places": "Ort", "persons": "Person"},
    "en": {"tag": "Tag: {name}", "topic": "{name} ({kind})", "orgs": "organisation",
           "places": "place", "persons": "person"},
}


def brief(entry: Entry, config: Config, from_doc: str, *, heading: str = "###") -> list[str]:
    """An article in a listing: linked title, date (in the listing's language, as every
    date on the page), tags and its key facts in one line.

    HTML, made here in the digest's worker processes: listings hold 50 briefs a page, and
    as Markdown their links and spans made a topic page cost MkDocs ten article pages.
    """
    return list(_brief(entry, config, up_to_root(from_doc), heading))


def _brief(entry: Entry, config: Config, up: str, heading: str) -> tuple[str, ...]:
    key = (id(entry), up, heading)
    cached = _BRIEFS.get(key)
    if cached is not None and cached[0] is entry:
        return cached[1]
    a = entry.article
    shown = entry.tags[:6]
    tags = tag_links(shown, config, up)
    facts = teaser_facts(entry, shown, config.language)
    block = _BRIEF.format(
        level=f"h{len(heading)}", url=up + page_url(config, a.slug), title=a.title,
        iso=a.date.isoformat(), day=display.long_date(a.date, config.language),
        tags=_TAGS.format(tags) if tags else "",
        facts=_FACTS.format(display.labels(config.language)["box"], facts) if facts else "",
        description=clip(a.description, 240))
    # One raw HTML block per brief: a blank line ends it for Markdown.
    result = (block, "")
    if len(_BRIEFS) > 200_000:
        _BRIEFS.clear()
    _BRIEFS[key] = (entry, result)
    return result


def tag_links(tags: Sequence[Tag], config: Config, up: str) -> Html:
    """Tag chips of a listing, named in the listing's (the site's) language; a tag without
    a page is its name."""
    return Html(", ").join(
        LINK.format(up + doc_url(page), t.name_in(config.language))
        if (page := tag_page(config, t)) else Html.escape(t.name_in(config.language))
        for t in tags)


def figures(entry: Entry) -> list[Money | Percent]:
    """The amounts an article states (not their restatements in other currencies, not
    exchange rates), then its percentages: the figures a teaser leads with."""
    f = entry.facts
    return [*(m for m, _ in display.restatements(f.money) if m.kind == "amount"), *f.percent]


def teaser_facts(entry: Entry, shown: Sequence[Tag], lang: str) -> str:
    """A teaser's line of key facts in the listing's language ``lang``: figures, then only
    the names its tag line lacks, so nothing is said twice."""
    f = entry.facts
    tagged = {fold(n) for t in shown for n in (t.name, *(name for _, name in t.names))}
    money = [x for x in figures(entry) if isinstance(x, Money)][:3]
    bits = [*(display.money(m, lang, lang) for m in money),
            *(display.percent(p, lang, lang) for p in f.percent[:2]),
            *(n for n in (*f.orgs[:3], *f.places[:2], *f.persons[:2])
              if fold(n) not in tagged)]
    return " · ".join(bits)


def edition_title(edition: Edition, lang: str) -> str:
    return display.labels(lang)["edition"].format(week=edition.week, year=edition.year)


def render_archive(entries: Sequence[Entry], config: Config) -> list[OutputFile]:
    """Month index plus one paginated page per month."""
    months = archive_months(entries)
    return [*(f for month, items in months.items()
              for f in render_archive_month(month, items, config)),
            render_archive_index(months, config)]


def archive_months(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """``YYYY-MM`` -> its articles, newest month and article first."""
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in newest_first(entries):
        months[entry.article.date.strftime("%Y-%m")].append(entry)
    return months


def _month_label(month: str, lang: str) -> str:
    year, mon = month.split("-")
    return display.date(DateFact(text=month, year=int(year), month=int(mon)), lang, lang)


def render_archive_month(month: str, items: Sequence[Entry], config: Config) -> list[OutputFile]:
    """One month's paginated list of articles."""
    return listing_pages(config, f"{config.archive_dir}/{month}",
                         _month_label(month, config.language), items, config.language)


def render_archive_index(months: Mapping[str, Sequence[Entry]], config: Config) -> OutputFile:
    """Every month with its count of articles, newest first."""
    lang = config.language
    words = display.labels(lang)
    index_doc = f"{config.archive_dir}/index.md"
    index: list[str] = []
    held: list[str] = []
    for month, items in months.items():
        label = _month_label(month, lang)
        folder = f"{config.archive_dir}/{month}"
        index.append(f"- [{label}]({rel_link(page_doc(folder, 1), index_doc)}) ({len(items)})")
        held.append(f"{label} ({len(items)})")
    if not months:
        index.append(words["none"])
    head = front_matter({"title": words["archive"], "description": describe(
        words["archive"], held or [words["none"]]), **UNSEARCHED})
    return output_file(config, index_doc, [head, f"# {words['archive']}", "", *index])


def describe(name: str, held: Sequence[str], limit: int = 200) -> str:
    """A listing's description for search engines and share cards: its name, then what it
    holds, newest first, as far as the limit allows."""
    return clip(f"{name}: {' · '.join(held)}", limit)


def describe_page(name: str, items: Sequence[Entry], page: ListingPage, lang: str) -> str:
    """One page of a listing: on its first page how many articles it holds, on the others
    which ones (a description that stays true as the listing grows); then the titles."""
    words = display.labels(lang)
    head = (f"{name} · {words['count'].format(n=len(items))}" if page.landing
            else f"{name} · {page_range(page, lang)}")
    return describe(head, [e.article.title for e in page.entries])


def tag_title(name: str, lang: str) -> str:
    return WORDS.get(lang, WORDS["en"])["tag"].format(name=name)


def listing_pages(config: Config, folder: str, title: str, items: Sequence[Entry], lang: str,
                  intro: Sequence[str] = ()) -> list[OutputFile]:
    """A paginated list of briefs under ``folder``; no page holds more than page_size.

    Listings repeat the articles' titles and leads, so they stay out of the search index:
    with them in it, the index grew with articles times tags, not with articles.
    """
    files = []
    for page in paginate(folder, items, config.page_size):
        meta: dict[str, object] = {
            "title": title, "search": {"exclude": True}, **LISTING,
            "description": describe_page(title, items, page, lang)}
        lines = [front_matter(meta), f"# {escape_text(title)}", ""]
        if page.landing:
            lines += intro
        lines += listing_pager(page, lang)
        for entry in page.entries:
            lines += brief(entry, config, page.doc, heading="##")
        lines += listing_pager(page, lang)
        files.append(output_file(config, page.doc, lines))
    return files


def render_tags(entries: Sequence[Entry], config: Config) -> list[OutputFile]:
    """One page per tag listing its articles, newest first, with the tag's feeds, and an
    index of all tags; both paginated (four times ``page_size`` lines), so no page grows
    with the archive the way a single tags page would."""
    by_tag = tag_groups(newest_first(entries), config.language)
    return [*(f for slug, (name, items) in by_tag.items()
              for f in render_tag(slug, name, items, config)),
            *render_tag_index(by_tag, config)]


def render_tag(slug: str, name: str, items: Sequence[Entry], config: Config) -> list[OutputFile]:
    """One tag's pages: its articles (``items``, newest first) and its feeds."""
    lang = config.language
    words = display.labels(lang)
    folder = f"{config.tags_dir}/{slug}"
    intro = [f"{words['tags']} · {words['count'].format(n=len(items))} · "
             f"{feed_links(config, slug, page_doc(folder, 1))}", ""]
    return title_pages(config, folder, name, items, intro, page_title=tag_title(name, lang))


def feed_links(config: Config, slug: str, doc: str) -> str:
    """"Feed (Atom)" of the tag ``slug``, linked from the page ``doc``."""
    words = display.labels(config.language)
    return f"[{words['feed']}]({rel_link(tag_feed_url(config, slug), doc)}) (Atom)"


def title_pages(config: Config, folder: str, title: str, items: Sequence[Entry],
                intro: Sequence[str], *, page_title: str, name_searchable: bool = False,
                ) -> list[OutputFile]:
    """A paginated list of titles and dates under ``folder`` (four times page_size a page):
    the list of an entity's or a tag's articles, whose summaries are one click away. As
    briefs, these lists made up a quarter of the site's bytes."""
    lang = config.language
    files = []
    for page in paginate(folder, items, config.page_size * 4):
        meta: dict[str, object] = {
            "title": page_title, "search": {"exclude": True}, **LISTING,
            "description": describe_page(page_title, items, page, lang)}
        mark = ' { data-pagefind-body="" }' if name_searchable and page.landing else ""
        lines = [front_matter(meta), f"# {escape_text(title)}{mark}", ""]
        lines += intro if page.landing else []
        lines += listing_pager(page, lang)
        lines += [f"- [{escape_text(e.article.title)}]"
                  f"({rel_link(article_doc(config, e.article.slug), page.doc)}) · "
                  f"{Html.escape(display.long_date(e.article.date, lang))}"
                  for e in page.entries]
        lines += ["", *listing_pager(page, lang)]
        files.append(output_file(config, page.doc, lines))
    return files


def render_tag_index(by_tag: Mapping[str, tuple[str, Sequence[Entry]]],
                     config: Config, pages: Mapping[str, str] | None = None,
                     ) -> list[OutputFile]:
    """Every tag with its count of articles, by name, paginated; a tag of ``pages`` (slug ->
    page) links the topic page that stands for it."""
    lang = config.language
    words = display.labels(lang)
    size = config.page_size * 4
    files = []
    ordered = sorted(by_tag.items(), key=lambda kv: (fold(kv[1][0]), kv[0]))
    chunks = [ordered[i: i + size] for i in range(0, len(ordered), size)] or [[]]
    for number, tags in enumerate(chunks, 1):
        here = page_doc(config.tags_dir, number)
        held = [f"{name} ({len(items)})" for _, (name, items) in tags] or [words["none"]]
        if len(chunks) > 1:
            held.insert(0, words["page"].format(n=number, total=len(chunks)))
        meta = {"title": words["tags"], "search": {"exclude": True}, **LISTING,
                "description": describe(words["tags"], held)}
        lines = [front_matter(meta), f"# {words['tags']}", "", words["tags_intro"], ""]
        lines += pager(config.tags_dir, number, len(chunks), lang)
        lines += [f"- [{escape_text(name)}]"
                  f"({rel_link(tag_home(config, slug, pages), here)}) "
                  f"({len(items)})" for slug, (name, items) in tags]
        if not by_tag:
            lines.append(words["none"])
        lines += ["", *pager(config.tags_dir, number, len(chunks), lang)]
        files.append(output_file(config, here, lines))
    return files


def render_editions(editions: Sequence[Edition], config: Config) -> list[OutputFile]:
    """One page per ISO week with previous/next links, and an index of all weeks."""
    return [*(f for i in range(len(editions)) for f in render_edition(editions, i, config)),
            render_edition_index(editions, config)]


def render_edition(editions: Sequence[Edition], i: int, config: Config) -> list[OutputFile]:
    """The pages of week ``editions[i]``, linked to the weeks before and after it."""
    lang = config.language
    words = display.labels(lang)
    edition = editions[i]
    folder = f"{config.editions_dir}/{edition.key}"
    doc = page_doc(folder, 1)
    nav = []
    if i > 0:
        prev = editions[i - 1]
        nav.append(f"[← {edition_title(prev, lang)}]"
                   f"({rel_link(page_doc(f'{config.editions_dir}/{prev.key}', 1), doc)})")
    if i + 1 < len(editions):
        nxt = editions[i + 1]
        nav.append(f"[{edition_title(nxt, lang)} →]"
                   f"({rel_link(page_doc(f'{config.editions_dir}/{nxt.key}', 1), doc)})")
    intro = [words["count"].format(n=len(edition.entries)), ""]
    if nav:
        intro += [" · ".join(nav), ""]
    return listing_pages(config, folder, edition_title(edition, lang), edition.entries, lang,
                         intro)


def render_edition_index(editions: Sequence[Edition], config: Config) -> OutputFile:
    """Every week with its count of articles, newest first."""
    lang = config.language
    words = display.labels(lang)
    index_doc = f"{config.editions_dir}/index.md"
    index: list[str] = []
    for edition in reversed(editions):
        doc = page_doc(f"{config.editions_dir}/{edition.key}", 1)
        index.append(f"- [{edition_title(edition, lang)}]({rel_link(doc, index_doc)}) "
                     f"({len(edition.entries)})")
    if not editions:
        index.append(words["none"])
    held = [f"{edition_title(e, lang)} ({words['count'].format(n=len(e.entries))})"
            for e in reversed(editions)] or [words["none"]]
    head = front_matter({"title": words["editions"],
                         "description": describe(words["editions"], held), **UNSEARCHED})
    return output_file(config, index_doc, [head, f"# {words['editions']}", "", *index])
