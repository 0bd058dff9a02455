"""Pages lose the templates' indentation and blank lines, never a word or a space a reader
sees: text shown as written (pre, code, textarea, scripts, styles) keeps every character."""

from __future__ import annotations

import re

import lxml.html
import pytest

from digest.frame import squeeze_html

PAGE = """<!doctype html>
<html lang="de">
  <head>
    <title>Titel</title>

    <script>
      const a = `zwei
          Zeilen`;
    </script>
    <style>
      p   { margin: 0 }
    </style>
  </head>
  <body>
    <p>Ein
        Absatz mit <a href="x">Link</a>
        <code>  x =   1
    y</code> und
        <kbd>Strg  +  C</kbd></p>


    <pre><code>  eingerückt
      bleibt</code></pre>
    <textarea>
  roh
    </textarea>
  </body>
</html>
"""


def _seen(html: str) -> str:
    """The words a browser shows, with runs of white space as one space (outside pre)."""
    return re.sub(r"\s+", " ", lxml.html.fromstring(html).text_content()).strip()


def test_indentation_goes_and_what_a_reader_sees_stays() -> None:
    out = squeeze_html(PAGE)
    assert len(out) < len(PAGE) - 50
    assert "\n  " not in re.sub(r"(?s)<(pre|textarea|script|style|code|kbd)\b.*?</\1>", "", out)
    assert "\n\n" not in out
    for verbatim in re.findall(r"(?s)<(?:pre|textarea|script|style|code|kbd)\b.*?</\w+>", PAGE):
        assert verbatim in out
    assert _seen(out) == _seen(PAGE)


@pytest.mark.parametrize("html", ["", "<p>a</p>", "a\n   \n   b", "<PRE>\n  x</PRE>\n   y"])
def test_squeezing_twice_changes_nothing_more(html: str) -> None:
    once = squeeze_html(html)
    assert squeeze_html(once) == once
    assert "<PRE>\n  x</PRE>" in once or "PRE" not in html
