"""markup.Html: HTML escaped by construction, with the entities the pages always had."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from digest.markup import LINK, Html, escape_attr, html_text

HOSTILE = "<script>alert(\"x\" & 'y')</script> \\"


def test_format_escapes_every_argument_as_html_escape_does() -> None:
    out = Html('<a href="{}">{}</a> {} {name}').format(HOSTILE, HOSTILE, 3, name=None)
    assert out == f'<a href="{html.escape(HOSTILE)}">{html.escape(HOSTILE)}</a> 3 None'
    assert "&quot;" in out and "&#x27;" in out and "&#34;" not in out


def test_html_and_markup_arguments_are_not_escaped_again() -> None:
    inner = LINK.format("https://example.org/?a=1&b=2", HOSTILE)
    assert Html("<p>{}</p>").format(inner) == f"<p>{inner}</p>"
    assert Html("<p>{}</p>").format(Markup("<b>x</b>")) == "<p><b>x</b></p>"
    assert Html("<p>{}</p>").format(html_text('"quoted"')) == '<p>"quoted"</p>'
    assert Html("<p>{}</p>").format(escape_attr("a\\b")) == "<p>a&#92;b</p>"


def test_join_and_concatenation_escape_plain_text() -> None:
    assert Html(", ").join(["<a>", Html("<b>")]) == "&lt;a&gt;, <b>"
    assert Html("<p>") + "<x>" + Html("</p>") == "<p>&lt;x&gt;</p>"
    assert type(Html(", ").join(["a"])) is Html


@given(st.text())
def test_any_text_is_escaped_exactly_as_html_escape(text: str) -> None:
    assert Html("{}").format(text) == html.escape(text)
    assert Html.escape(text) == html.escape(text)
    assert Html("[{x}]").format(x=text) == f"[{html.escape(text)}]"
