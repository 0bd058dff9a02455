"""The key-facts box: each fact as the article's locale writes it, with the text it came from,
and entities linked to their topic pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from digest.markup import LINK, Html, escape_attr, escape_text, html_text
from digest.model import ENTITY_KINDS, Entry, Facts, Money
from digest.pages import display
from digest.vocabulary import fold

_SPAN = Html('<span title="{}">{}</span>')
_DOT, _COMMA = Html(" · "), Html(", ")


def fact_rows(
    facts: Facts, locale: str, lang: str, *, links: Mapping[str, str] | None = None,
    as_html: bool = False,
) -> list[tuple[str, str]]:
    """(label, Markdown or, with ``as_html``, HTML) per fact kind; the as-written text is
    kept in a title attribute."""
    words = display.labels(lang)
    esc = html_text if as_html else escape_text
    # HTML parts are joined as HTML (Html.join), Markdown parts as text.
    dot, comma = (_DOT, _COMMA) if as_html else (" · ", ", ")
    rows: list[tuple[str, str]] = []
    if facts.money:
        rows.append((words["money"], dot.join(
            money_text(m, locale, lang, as_html=as_html, restated=r)
            for m, r in display.restatements(facts.money))))
    if facts.percent:
        rows.append((words["percent"], dot.join(
            span(p.text, display.percent(p, locale, lang), esc) for p in facts.percent)))
    if facts.dates:
        rows.append((words["dates"], dot.join(
            span(d.text, display.date(d, locale, lang), esc) for d in facts.dates)))
    for kind in ENTITY_KINDS:
        names: tuple[str, ...] = getattr(facts, kind)
        if names:
            rows.append((words[kind], comma.join(
                entity_link(n, (links or {}).get(f"{kind}:{fold(n)}"), as_html=as_html)
                for n in names)))
    return rows


def span(written: str, shown: str, esc: Callable[[str], str] = escape_text) -> Html:
    """``shown`` with the as-written text in its title, unless ``shown`` already holds it
    ("2024", "März (2026)": a tooltip repeating the text was a twentieth of a topic page);
    ``esc`` makes ``shown`` HTML (``html_text``) or Markdown that renders literally
    (``escape_text``)."""
    if not written or written in shown:
        return Html(esc(shown))
    return _SPAN.format(escape_attr(written), Html(esc(shown)))


def money_text(m: Money, locale: str, lang: str, *, as_html: bool = False,
               restated: Sequence[Money] = ()) -> Html:
    """Normalised, then as written (readers check the figure against the text at a glance),
    then the euro value; a euro value from another day's rate is starred (see rate_notes).
    An amount the text restates reads as one fact, "160 Mrd. CNY (≈ 23 Mrd. USD, ≈ 21,5 Mrd.
    €)", each figure's as-written text in its title. Markdown, or HTML with ``as_html``."""
    esc = html_text if as_html else escape_text
    shown = display.money(m, locale, lang)
    # The as-written text shows in brackets after a figure it differs from (below), so the
    # title then holds only the note on the euro rate.
    bracketed = bool(m.text) and m.text != shown and not restated
    written = "" if bracketed else m.text
    note = " — ".join(x for x in (written, m.eur_note) if x)
    text = span(note, shown, esc)
    eur = display.euro(m, locale, lang)
    star = ("*" if as_html else r"\*") if display.rate_note(m, locale, lang) else ""
    if restated:
        parts = [Html("≈ {}").format(span(r.text, display.money(r, locale, lang), esc))
                 for r in restated]
        if eur and all(r.currency != "EUR" for r in restated):  # stated euros are the value
            parts.append(Html("{}{}").format(Html(esc(eur.strip("()"))), Html(star)))
        return text + Html(" ({})").format(_COMMA.join(parts))
    if bracketed:
        text += Html(" ({})").format(Html(esc(m.text)))
    if eur:
        text += Html(" {}{}").format(Html(esc(eur)), Html(star))
    return text


def rate_notes(facts: Facts, locale: str, lang: str) -> list[str]:
    """The footnotes the stars in the money row point to, one per distinct rate day, as
    plain text."""
    return sorted({n for m in facts.money if (n := display.rate_note(m, locale, lang))})


def entity_link(name: str, target: str | None, *, as_html: bool = False) -> str:
    if as_html:
        text = html_text(name)
        return LINK.format(escape_attr(target), text) if target else text
    return f"[{escape_text(name)}]({target})" if target else escape_text(name)


def fact_brief(entry: Entry) -> str:
    """The key facts in one line for listings, previews and descriptions."""
    a, f = entry.article, entry.facts
    bits = [
        *(display.money(m, a.locale, a.lang) for m in f.money[:3] if m.same_as is None),
        *(display.percent(p, a.locale, a.lang) for p in f.percent[:2]),
        *(n for n in (*f.orgs[:3], *f.places[:2], *f.persons[:2])),
    ]
    return " · ".join(bits)


def facts_box(entry: Entry, links: Mapping[str, str]) -> list[str]:
    """The key-facts box, Material's "abstract" admonition: every kind with something in it,
    in a fixed order. Rendered to HTML here, in the digest's worker processes: as Markdown
    it was more than half of MkDocs' time per article page (dozens of spans and links)."""
    a = entry.article
    rows = fact_rows(entry.facts, a.locale, a.lang, links=links, as_html=True)
    if not rows:
        return []
    title = display.labels(a.lang)["box"]
    notes = rate_notes(entry.facts, a.locale, a.lang)
    return ['<div class="admonition abstract">',
            Html('<p class="admonition-title">{}</p>').format(title), "<ul>",
            *(Html("<li><strong>{}:</strong> {}</li>").format(k, v) for k, v in rows),
            "</ul>", *(Html("<p><small>* {}</small></p>").format(n) for n in notes),
            "</div>", ""]
