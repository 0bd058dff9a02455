"""The as-written text of a fact is a tooltip only where the page does not already show it:
a title repeating the figure ("2024" over "2024") or the bracketed source text was bytes on
every page and nothing for a reader."""

from __future__ import annotations

import pytest

from digest.markup import html_text
from digest.pages.factbox import money_text, span

from .factories import money


@pytest.mark.parametrize(("written", "shown", "html"), [
    ("47 Prozent", "47 %", '<span title="47 Prozent">47 %</span>'),
    ("12.3.2026", "12. März 2026", '<span title="12.3.2026">12. März 2026</span>'),
    ("2024", "2024", "2024"),
    ("März", "März (2026)", "März (2026)"),
    ("4,2 %", "4,2 %", "4,2 %"),
    ("", "5 %", "5 %"),
    ('"x" <b>', "5 %", '<span title="&quot;x&quot; &lt;b&gt;">5 %</span>'),
])
def test_a_title_holds_only_what_the_page_does_not_show(written: str, shown: str,
                                                        html: str) -> None:
    assert str(span(written, shown, html_text)) == html


@pytest.mark.parametrize(("fact", "html"), [
    (money("240 Millionen Euro", "240000000", "EUR"), "240 Mio. EUR (240 Millionen Euro)"),
    (money("240 Mio. EUR", "240000000", "EUR"), "240 Mio. EUR"),
    (money("£85 million", "85000000", "GBP", eur_note="ECB rate of 2026-10-30"),
     '<span title="ECB rate of 2026-10-30">85 Mio. GBP</span> (£85 million)'),
])
def test_an_amount_brackets_its_source_text_and_keeps_only_the_rate_note_as_title(
        fact: object, html: str) -> None:
    shown = str(money_text(fact, "de", "de", as_html=True))  # type: ignore[arg-type]
    assert shown.replace("\xa0", " ").startswith(html), shown
