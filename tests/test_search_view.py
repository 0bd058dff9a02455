"""What of a page Pagefind may read: a page rendered again whose view is the same keeps its
search bundle without asking Pagefind; any change Pagefind could see is a difference."""

from __future__ import annotations

import pytest

from digest.pagefind import search_view

PAGE = """<!doctype html><html lang="de"><head><title>Nordwerk - Digest</title>
<meta data-pagefind-meta="date:2026-11-02" content="x"></head><body>
<nav><a href="../a/">Archiv</a></nav>
<article><h1 id="nordwerk">Nordwerk investiert</h1>
<div class="digest-article" data-pagefind-body lang="de"><p>Die Nordwerk AG investiert
120 Millionen Euro in Linz.</p><div><p>Zweiter &amp; letzter Absatz<br>mit Umbruch.</p></div>
<img src="../x.png" alt="Werk"><div data-pagefind-ignore>Teilen</div></div>
<h2>Verwandte Artikel</h2><ul><li><a href="../b/">Ein Artikel</a></li></ul>
</article><footer>Über diese Seite</footer></body></html>"""


@pytest.mark.parametrize(("old", "new"), [
    ('<li><a href="../b/">Ein Artikel</a></li>',
     '<li><a href="../c/">Ein neuer Artikel</a></li><li><a href="../b/">Ein Artikel</a></li>'),
    ('<a href="../a/">Archiv</a>', '<a href="../../a/">Archiv</a><span>Neu</span>'),
    ("Über diese Seite", "About"),
])
def test_a_change_outside_what_search_reads_keeps_the_view(old: str, new: str) -> None:
    assert search_view(PAGE.replace(old, new)) == search_view(PAGE)


@pytest.mark.parametrize(("old", "new"), [
    ("120 Millionen Euro", "130 Millionen Euro"),  # the body's text
    ("&amp; letzter", "&amp;  letzter"),
    ("<br>mit", "<br><b>mit</b>"),  # the body's markup
    ("data-pagefind-ignore>Teilen", "data-pagefind-ignore>Teilen!"),  # ignored, but inside
    ("date:2026-11-02", "date:2026-11-03"),  # a mark outside the body
    ("Nordwerk investiert</h1>", "Nordwerk baut</h1>"),  # the default title
    ("<title>Nordwerk", "<title>Nordwerk AG"),
    ('src="../x.png"', 'src="../y.png"'),  # the default image
])
def test_a_change_search_could_see_changes_the_view(old: str, new: str) -> None:
    assert old in PAGE
    assert search_view(PAGE.replace(old, new)) != search_view(PAGE)


def test_an_image_outside_the_body_is_in_the_view() -> None:
    """Pagefind's default image is the page's first, wherever it is."""
    page = PAGE.replace("<nav>", '<nav><img src="../logo.png">')
    assert search_view(page) != search_view(PAGE)
