"""Markdown safety: plain text made inert, Markdown seeds sanitised by an allow-list."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Self

import markdown
import nh3
from markupsafe import Markup

# Characters that Python-Markdown and the enabled extensions give meaning to inside a line:
# those it can backslash-escape get a backslash, the others an entity.
# '#' too: a heading's trailing '#'s are its closing sequence ("C#" would lose its '#').
_INLINE = re.compile(r"[\\`*_{}\[\]<>&|#]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;"}
_LINE_START = set("#>-+=!?:~*_")
# One converter for the process: building Python-Markdown's parser costs more than converting.
_MARKDOWN = markdown.Markdown()
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre", "q",
    "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}


def escape_text(text: str) -> str:
    """Plain text as Markdown that renders literally: no HTML, links, emphasis or blocks.

    The result is one line: a line break in the text would let its next line start a block.
    """
    escaped = _INLINE.sub(_escape_char, " ".join(text.replace("\r", "\n").split("\n")).strip())
    if escaped[:1] in _LINE_START:
        # Block markers (#, >, -, +, =, !!!) only act at the start of a line.
        escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
    # A line that starts like an ordered list item ("1. ") would become a list.
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ENTITIES.get(ch) or "\\" + ch


class Html(Markup):
    """HTML escaped by construction: ``Html('<a href="{}">{}</a>').format(url, text)`` escapes
    each argument that is not HTML already, and so do ``+`` and ``join``. Escaped as
    ``html.escape`` does (``&quot;`` and ``&#x27;``, where markupsafe writes ``&#34;`` and
    ``&#39;``), so the pages keep the bytes they had when they were built by hand."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Self:
        return s if type(s) is cls else str.__new__(cls, _escaped(s))

    def format(self, *args: Any, **kwargs: Any) -> Self:
        """``Markup.format`` for plain fields (``{}``, ``{0}``, ``{name}``; no conversion, format
        spec or attribute): the arguments are escaped, then ``str.format`` places them.
        markupsafe's own formatter, which works field by field in Python, made the listings'
        HTML take well over twice as long as f-strings did."""
        escaped = [a if type(a) is Html else _escaped(a) for a in args]
        if kwargs:
            named = {k: v if type(v) is Html else _escaped(v) for k, v in kwargs.items()}
            return str.__new__(type(self), str.format(self, *escaped, **named))
        return str.__new__(type(self), str.format(self, *escaped))


def _escaped(value: Any) -> str:
    """A value as HTML: as it is when it is HTML already, else escaped as html.escape does."""
    if type(value) is str:
        return html.escape(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


LINK = Html('<a href="{}">{}</a>')
"""A link: its address and its text, each escaped."""


def escape_attr(text: str) -> Html:
    """Text inside a double-quoted attribute or admonition title."""
    return Html(html.escape(text, quote=True).replace("\\", "&#92;"))


def html_text(text: str) -> Html:
    """Text between tags: only ``&``, ``<`` and ``>`` escaped (quotes are text there)."""
    return Html(html.escape(text, quote=False))


# Where a line's own content starts: after indentation, blockquote markers and a list marker.
_PREFIX = r"^((?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d+\.)[ \t]+)?)"
# The links a page can hold: to another site, an e-mail address or a section of the page. A
# relative link was written from the seed file, but the page lives elsewhere, so it breaks.
_KEPT_URL = r"(?:(?i:https?|mailto):|#)"
_KEPT = re.compile(rf"\s*<?{_KEPT_URL}")
_INLINE_LINK = re.compile(rf"!?\[([^\[\]]*)\]\(\s*(?!<?{_KEPT_URL})([^)]*)\)")


@dataclass(frozen=True)
class DroppedLink:
    """A link of a Markdown block that the page shows as its text only."""

    line: int
    """Line in the block, from 0."""
    target: str


def sanitize_markdown(text: str) -> str:
    """A Markdown block from a seed, made safe (see ``sanitize_block``)."""
    return sanitize_block(text)[0]


def sanitize_block(text: str) -> tuple[str, list[DroppedLink]]:
    """A Markdown block from a seed: raw HTML cleaned by nh3, dangerous links and
    template, admonition, heading and rule syntax neutralised, so it can change nothing
    outside itself: no script, no event handler, no ``javascript:`` link, no box, heading,
    table of contents, included file or attribute list of its own. Links other than http(s),
    mailto and #section ones become their text, and are returned so the seed's author hears
    of them."""
    dropped: list[DroppedLink] = []

    def drop(target: str, at: int, within: str) -> None:
        if target.strip():  # "[x]()" links nowhere and breaks nothing
            dropped.append(DroppedLink(within.count("\n", 0, max(at, 0)), target.strip()))

    def keep_href(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href" and not _KEPT.match(value):
            drop(value, text.find(value), text)
            return None
        return value

    # Autolinks (<https://...>) would look like tags to nh3: make them Markdown links first.
    text = re.sub(r"<((?:https?|mailto):[^<>\s\[\]]+)>", r"[\1](\1)", text)
    cleaned = nh3.clean(
        text,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        attribute_filter=keep_href,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    # nh3 escapes what it drops; it returns '&gt;' for blockquote markers, restore those.
    cleaned = re.sub(r"^(?:[ \t]*&gt;)+",
                     lambda m: m.group(0).replace("&gt;", ">"), cleaned, flags=re.M)
    # ATX headings wherever a line's content starts: the page keeps its one title.
    cleaned = re.sub(rf"{_PREFIX}#", r"\1\\#", cleaned, flags=re.M)

    # Inline links and images to anywhere else show their text; what is left of one (its
    # text had brackets) and reference definitions ("[id]: url", maybe on the next line)
    # point to the top of the page.
    def unlink(m: re.Match[str]) -> str:
        drop(m.group(2), m.start(), m.string)
        return m.group(1)

    def to_top(m: re.Match[str]) -> str:
        drop(m.group("url"), m.start("url"), m.string)
        return m.group("before") + "#" + m.group("after")

    cleaned = _INLINE_LINK.sub(unlink, cleaned)
    cleaned = re.sub(rf"(?P<before>\]\(\s*)(?!<?{_KEPT_URL})(?P<url>[^)]*)(?P<after>\))",
                     to_top, cleaned)
    cleaned = re.sub(
        rf"(?P<before>{_PREFIX}\[[^\[\]\n]*\]:[ \t]*\n?[ \t]*)<?(?!{_KEPT_URL})"
        r"(?P<url>\S+)(?P<after>)", to_top, cleaned, flags=re.M)
    # Images load from anywhere: they become links to the picture.
    cleaned = cleaned.replace("![", "&#33;[")
    # Admonitions and details (!!!, ???) wherever a block could start, and [TOC].
    cleaned = cleaned.replace("!!!", "&#33;&#33;&#33;").replace("???", "&#63;&#63;&#63;")
    cleaned = cleaned.replace("[TOC]", "\\[TOC\\]")
    # Setext underlines and horizontal rules: a line of only '-', '=', '*' or '_'.
    cleaned = re.sub(rf"{_PREFIX}([-=*_])(?=(?:[ \t]*\2)*[ \t]*$)",
                     lambda m: f"{m.group(1)}&#{ord(m.group(2))};", cleaned, flags=re.M)
    # Attribute lists ({: onclick=...}) and template syntax ({{ }}, {% %}) are braces.
    cleaned = cleaned.replace("{", "&#123;").replace("}", "&#125;")
    return cleaned, sorted(dropped, key=lambda d: d.line)


_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TAG = re.compile(r"<[^>]*>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_BLOCK_MARK = re.compile(r"^\s{0,3}(?:[>#]+|[-*+]|\d+\.)\s+", re.M)
_NOT_PLAIN = re.compile(r"[<>&\[\]*_`\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\ud800-\udfff\ufeff]")
"""What nh3 or an inline rule below would change (nh3 writes a no-break space as an entity,
which the join of words then keeps, and drops a leading byte-order mark): a line without any
is plain text (most lines of a seed, which this is run on line by line)."""


def strip_markdown(text: str) -> str:
    """Plain text of a Markdown snippet, for summaries, feeds and fact extraction.

    Tags go with nh3, which also drops what a script or style element holds; autolinks
    (``<https://...>``) keep their address.
    """
    s = text
    if _NOT_PLAIN.search(s):
        s = _AUTOLINK.sub(r"\1", s)
        s = nh3.clean(s, tags=set(), clean_content_tags={"script", "style"})
        s = _TAG.sub("", s)
        s = _IMAGE.sub(r"\1", s)
        s = _LINK.sub(r"\1", s)
        s = _EMPHASIS.sub(r"\2", s)
    s = _BLOCK_MARK.sub("", s)
    return html.unescape(" ".join(s.split()))


_ITEM = re.compile(r"\s{0,3}(?:[-*+>|]|\d+\.)\s")
"""A line that starts a list item, a quote or a table row: its own line of plain text."""
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")


def strip_markdown_lines(text: str) -> str:
    """Plain text of a Markdown block: a paragraph's wrapped lines joined, each list item, quote
    line and table row on a line of its own, as the extractor reads paragraphs."""
    units: list[str] = []
    for line in text.splitlines():
        if units and not _ITEM.match(line):
            units[-1] += " " + line
        else:
            units.append(line)
    # a quote's ">" first: ``strip_markdown`` escapes it before it would strip the marker
    return "\n".join(s for u in units if (s := strip_markdown(_QUOTE.sub("", u))))


def markdown_to_html(text: str, *, inline: bool = False) -> Html:
    """Markdown we rendered or sanitised, as clean HTML for feeds (allow-listed again)."""
    rendered = _MARKDOWN.reset().convert(text)
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return Html(nh3.clean(
        rendered,
        tags={*_ALLOWED_TAGS, "h2", "h3", "h4", "span"},
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "span": {"title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ))
