"""One amount, one euro value: an amount the text restates in another currency ("160
Milliarden Yuan … umgerechnet etwa 23 Milliarden US-Dollar", "77m euros (£53m)") links to the
amount it restates and carries no euro value of its own (the box: test_money_restated_box.py).
Sentences of our own writing, German and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from digest.facts import extract, fx
from digest.model import Money
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
DAY = dt.date(2024, 3, 1)
"""A day with ECB fixings for every currency below but the naira."""
D = Decimal


def money(text: str, lang: str, published: dt.date | None = DAY) -> tuple[Money, ...]:
    return extract("Titel\n" + text, lang=lang, published=published, vocab=VOCAB).money


# (lang, sentence, same_as of each amount in text order)
RESTATED = [
    # German: "umgerechnet", "entspricht", hedges, the euros in parentheses, chains
    ("de", "Geplant sind 160 Milliarden Yuan. Umgerechnet entspricht das etwa 23 Milliarden "
           "US-Dollar.", [None, 0]),
    ("de", "Der Konzern investiert 160 Milliarden Yuan, umgerechnet rund 21 Milliarden Euro.",
     [None, 0]),
    ("de", "Die Stadt zahlt 10 Millionen Franken (etwa 10,3 Millionen Euro) für das Stadion.",
     [None, 0]),
    ("de", "Die Stadt zahlt 10 Millionen Franken, was rund 10,3 Millionen Euro entspricht.",
     [None, 0]),
    ("de", "Die 5 Millionen Pfund entsprechen knapp 5,8 Millionen Euro.", [None, 0]),
    ("de", "Die Versicherung zahlt 50 Millionen Euro (rund 54 Millionen Dollar) aus.", [None, 0]),
    ("de", "Die Reederei setzte 2,3 Milliarden Dollar (2,1 Milliarden Euro; 1,8 Milliarden "
           "Pfund) um.", [None, 0, 0]),
    ("de", "Der Fonds hält 4 Milliarden Franken bzw. 4,2 Milliarden Euro.", [None, 0]),
    # English: "or about", "equivalent to", the pounds in parentheses, chains
    ("en", "The plan costs 160bn yuan, or about $23bn.", [None, 0]),
    ("en", "The plan costs 160bn yuan ($23bn).", [None, 0]),
    ("en", "Profits were 77m euros (£53m; $100m) in the year.", [None, 0, 0]),
    ("en", "It paid £53m, equivalent to about 61m euros.", [None, 0]),
    ("en", "Revenue rose to $86m (£46m) in the quarter.", [None, 0]),
    # two amounts, not one restated: another fact, a list, another worth
    ("de", "Umsatz 5 Mrd. Euro, Gewinn 300 Mio. Dollar.", [None, None]),
    ("de", "Der Umsatz lag bei 5 Milliarden Euro, der Gewinn bei 300 Millionen Dollar.",
     [None, None]),
    ("de", "Die Bank erhielt 5 Millionen Franken, 3 Millionen Dollar und 2 Millionen Pfund.",
     [None, None, None]),
    ("de", "Die Firma zahlte 10 Millionen Euro (Vorjahr: 8 Millionen Dollar).", [None, None]),
    ("de", "Der Konzern verdiente 5 Milliarden Euro (300 Millionen Dollar davon in Asien).",
     [None, None]),
    ("en", "Sales were 5bn euros and profit $300m.", [None, None]),
    ("en", "The fund holds $10bn, or 9bn euros, and £2bn.", [None, 0, None]),
    ("en", "It earned $2bn (£50m of it in the UK).", [None, None]),
]


@pytest.mark.parametrize(("lang", "sentence", "links"), RESTATED)
def test_which_amount_restates_which(lang: str, sentence: str, links: list[int | None]) -> None:
    """A restatement links to the first amount of its chain; two amounts stay two."""
    assert [m.same_as for m in money(sentence, lang)] == links


@pytest.mark.parametrize(("lang", "sentence", "links"), RESTATED)
def test_a_restatement_has_no_euro_value_of_its_own(
    lang: str, sentence: str, links: list[int | None]
) -> None:
    """Every amount of a restated fact but the first has no euro value (nor a note)."""
    for m in money(sentence, lang):
        if m.same_as is not None:
            assert (m.eur, m.eur_note) == (None, None), m.text


def test_a_foreign_amount_keeps_its_own_euro_value() -> None:
    """160 Mrd. CNY restated in dollars: the yuan's euro value at the ECB rate, once."""
    yuan, dollars = money("Geplant sind 160 Milliarden Yuan. Umgerechnet entspricht das etwa "
                          "23 Milliarden US-Dollar.", "de")
    assert yuan.eur == fx.to_eur(D("160e9"), "CNY", DAY)[0]
    assert dollars.eur is None


@pytest.mark.parametrize(
    ("lang", "sentence", "eur"),
    [
        ("de", "Die Stadt zahlt 10 Millionen Franken (etwa 10,3 Millionen Euro).", D("10.3e6")),
        ("de", "Die Stadt zahlt 10 Millionen Franken, was rund 10,3 Millionen Euro entspricht.",
         D("10.3e6")),
        ("de", "Die Reederei setzte 2,3 Milliarden Dollar (2,1 Milliarden Euro; 1,8 Milliarden "
               "Pfund) um.", D("2.1e9")),
        ("en", "It paid £53m, equivalent to about 61m euros.", D("61e6")),
    ],
)
def test_euros_the_text_states_are_the_euro_value(lang: str, sentence: str, eur: Decimal
                                                  ) -> None:
    """A foreign amount restated in euros takes the stated euros, not a recomputation, even
    without an article date."""
    for published in (DAY, None):
        first = money(sentence, lang, published)[0]
        assert first.eur == eur
        assert first.eur_note == "as the article states in euros"


def test_a_euro_amount_restated_abroad_is_its_own_euro_value() -> None:
    """77m euros (£53m; $100m): the euros are the value; pounds and dollars add none."""
    got = money("Profits were 77m euros (£53m; $100m) in the year.", "en")
    assert [m.eur for m in got] == [D("77000000.00"), None, None]


def test_an_amount_without_an_ecb_rate_takes_its_restatements() -> None:
    """Naira has no ECB rate: the dollars that restate it give the fact its euro value."""
    naira, dollars = money("Nigeria investiert 500 Milliarden Naira (umgerechnet rund 300 "
                           "Millionen Dollar).", "de")
    assert naira.eur == fx.to_eur(D("300e6"), "USD", DAY)[0]
    assert naira.eur_note and naira.eur_note.startswith("from the amount in USD")
    assert dollars.eur is None
