"""Inputs that used to pass the check and then break the build, or crash it outright: extreme
figures, impossible dates, very repetitive text, odd suffixes, legacy encodings, odd tags and
relative links. Each reads, extracts and renders, or is one problem naming file and line."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import display
from digest import facts as facts_mod
from digest.build import make_entry, vocabulary_for
from digest.cli import facts_json, main
from digest.config import Config
from digest.export import fact_chunk
from digest.ingest import SeedContext, read_seed
from digest.model import Entry
from digest.render import article_html, fact_rows, render_article
from digest.vocabulary import load_vocabulary

from .conftest import BUILD_TIME, make_project

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
VOCAB = load_vocabulary(None)


def read(config: Config, name: str, data: str | bytes) -> Any:
    raw = data.encode() if isinstance(data, str) else data
    return read_seed(f"seeds/{name}", raw, SeedContext(config, None, BUILD_TIME))


def published(config: Config, name: str, data: str | bytes) -> Entry:
    """Read, extract and render one seed the way the build does; the entry."""
    result = read(config, name, data)
    assert result.article is not None, result.problems
    entry = make_entry(result.article, vocabulary_for(config))
    render_article(entry, config)
    article_html(entry)
    facts_json(entry)
    fact_chunk(entry, config)
    return entry


def shown(facts: facts_mod.Facts, lang: str) -> None:
    """Everything the box and listings show of the facts, in every locale of the site."""
    for locale in ("de", "de_AT", "de_CH", "en"):
        fact_rows(facts, locale, lang, as_html=True)
        for m in facts.money:
            display.money(m, locale, lang)
            display.euro(m, locale, lang)


def digest(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------------------- huge figures

DIGITS = "123456789012345678901234567890123456789"


@pytest.mark.parametrize(("sentence", "scale"), [
    (f"Der Konzern zahlt {DIGITS} Euro an die Aktionäre.", 0),
    (f"Der Konzern zahlt {DIGITS} Billionen Dollar an die Aktionäre.", 12),
    (f"Der Konzern zahlt {DIGITS} Mrd. Yen an die Aktionäre.", 9),
    (f"The company paid ${DIGITS} trillion to its shareholders.", 12),
    (f"The company paid £{DIGITS}bn to its shareholders.", 9),
])
def test_amount_with_dozens_of_digits_is_published_exactly(
    config: Config, sentence: str, scale: int
) -> None:
    """An amount longer than the decimal context's 28 digits is extracted with its exact
    value, converted to euros and formatted in every locale."""
    entry = published(config, "a.txt", f"Titel\n{sentence}\n")
    (money,) = entry.facts.money
    assert money.value == Decimal(DIGITS + "0" * scale)
    shown(entry.facts, entry.article.lang)


@pytest.mark.parametrize("sentence", [
    f"Die Inflation stieg um {DIGITS} Prozent im Jahr.",
    f"Inflation rose by {DIGITS} per cent a year.",
    f"Der Anteil sank um 0,{'0' * 36}1 Prozentpunkte.",
])
def test_huge_and_tiny_percentages_are_published(config: Config, sentence: str) -> None:
    entry = published(config, "a.txt", f"Titel\n{sentence}\n")
    (percent,) = entry.facts.percent
    figure = re.search(r"[\d,]+", sentence)
    assert figure is not None
    assert percent.value == Decimal(figure.group(0).replace(",", "."))


@FUZZ
@given(digits=st.from_regex(r"[1-9][0-9]{0,79}", fullmatch=True),
       unit=st.sampled_from(["Euro", "Dollar", "Yen", "Millionen Euro", "Milliarden Yuan",
                             "Billionen Dollar", "Prozent"]),
       grouped=st.booleans(), lang=st.sampled_from(["de", "en"]),
       day=st.dates(dt.date(1999, 1, 1), dt.date(2030, 12, 31)))
def test_any_figure_extracts_and_displays(digits: str, unit: str, grouped: bool, lang: str,
                                          day: dt.date) -> None:
    """Figures of any length, grouped or not, with any scale word: never an exception."""
    figure = f"{int(digits):,}".replace(",", ".") if grouped else digits
    facts = facts_mod.extract(f"Der Konzern meldet {figure} {unit} Umsatz.", lang=lang,
                              published=day, vocab=VOCAB)
    shown(facts, lang)
    for m in facts.money:
        if m.eur is not None:
            assert m.eur == m.eur.quantize(Decimal("0.01"))
