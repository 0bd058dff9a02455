"""The key-facts box and the facts exports of a restated amount: one fact with one euro value,
"160 Mrd. CNY (≈ 23 Mrd. USD, ≈ 20,6 Mrd. €)", and no "umgerechnet"/"converted" label; the
restating rows of the exports carry no second euro value. Sentences of our own writing."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from digest.cli import facts_json
from digest.config import load_config
from digest.facts import extract
from digest.model import Money
from digest.pages.export import fact_records
from digest.pages.factbox import fact_rows, facts_box
from digest.vocabulary import load_vocabulary

from .conftest import make_project
from .factories import entry

VOCAB = load_vocabulary()
DAY = dt.date(2024, 3, 1)


def money(text: str, lang: str) -> tuple[Money, ...]:
    return extract("Titel\n" + text, lang=lang, published=DAY, vocab=VOCAB).money



def box_text(text: str, lang: str, locale: str) -> str:
    """The money row as a reader sees it: tags dropped, entities and spaces resolved."""
    facts = extract("Titel\n" + text, lang=lang, published=DAY, vocab=VOCAB)
    (_label, row), *_ = fact_rows(facts, locale, lang, as_html=True)
    plain = html.unescape(re.sub(r"<[^>]+>", "", row))
    return re.sub(r"[\u00a0\u202f]", " ", plain)


@pytest.mark.parametrize(
    ("lang", "locale", "sentence", "shown"),
    [
        ("de", "de_AT", "Geplant sind 160 Milliarden Yuan. Umgerechnet entspricht das etwa 23 "
                        "Milliarden US-Dollar.", "160 Mrd. CNY (≈ 23 Mrd. USD, ≈ 20,6 Mrd. €)"),
        ("de", "de", "Die Stadt zahlt 10 Millionen Franken (etwa 10,3 Millionen Euro).",
         "10 Mio. CHF (≈ 10,3 Mio. EUR)"),
        ("en", "en", "Profits were 77m euros (£53m; $100m) in the year.",
         "77M EUR (≈ 53M GBP, ≈ 100M USD)"),
        ("en", "en", "The plan costs 160bn yuan, or about $23bn.",
         "160B CNY (≈ 23B USD, ≈ 20.6B €)"),
        ("en", "en", "Sales were 5bn euros and profit $300m.",
         "5B EUR (5bn euros) · 300M USD ($300m) ≈ 277.4M €"),
    ],
)
def test_the_box_reads_a_restated_amount_as_one_fact(lang: str, locale: str, sentence: str,
                                                     shown: str) -> None:
    """One fact, one euro value, no "converted"/"umgerechnet" label; two amounts stay two."""
    assert box_text(sentence, lang, locale) == shown


def test_the_whole_box_has_one_euro_value_per_fact() -> None:
    """The box of an article with a restated amount: one euro figure, each text in a title."""
    text = ("Der Konzern investiert rund 160 Milliarden Yuan. Umgerechnet entspricht das etwa "
            "23 Milliarden US-Dollar.")
    facts = extract("Titel\n" + text, lang="de", published=DAY, vocab=VOCAB)
    box = "\n".join(facts_box(entry("yuan", text=text, money=facts.money), links={}))
    row = next(line for line in box.splitlines() if "Beträge" in line)
    assert row.count("€") == 1 and "umgerechnet" not in re.sub(r'title="[^"]*"', "", row)
    assert 'title="23 Milliarden US-Dollar"' in row


def test_exports_give_a_restatement_no_second_euro_value(tmp_path: Path) -> None:
    """facts.json/csv and `digest facts --format json`: the restating row has no euro value
    and names the amount it restates, whose row has the fact's one euro value."""
    config = load_config(make_project(tmp_path) / "mkdocs.yml")
    text = "Profits were 77m euros (£53m; $100m) in the year."
    e = entry("profits", text=text, money=money(text, "en"), lang="en")
    rows = [r for r in fact_records([e], config) if r["type"] == "money"]
    assert [(r["text"], r["eur"], r["restates"]) for r in rows] == [
        ("77m euros", "77000000.00", ""), ("£53m", "", "77m euros"), ("$100m", "", "77m euros")]
    cli = facts_json(e)["facts"]["money"]
    assert [(m["eur"], m["same_as"], m["restates"]) for m in cli] == [
        ("77000000.00", None, None), (None, 0, "77m euros"), (None, 0, "77m euros")]
