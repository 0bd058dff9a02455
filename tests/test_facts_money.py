"""Money facts: figures, scales, currencies, ranges, conversions and exchange rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from digest.facts import extract
from digest.model import Money
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()


def money(text: str, lang: str, published: dt.date | None = None) -> tuple[Money, ...]:
    return extract("Titel\n" + text, lang=lang, published=published, vocab=VOCAB).money


D = Decimal

CASES = [
    # (lang, sentence, [(value, currency, value_to)])
    ("de", "Die Firma investiert 160 Milliarden Yuan in neue Werke.", [(D("160e9"), "CNY", None)]),
    ("de", "Der Umbau kostet 23 Milliarden US-Dollar.", [(D("23e9"), "USD", None)]),
    ("de", "Das Paket kostet 1,2 Mrd. Euro.", [(D("1.2e9"), "EUR", None)]),
    ("de", "Geplant sind 3,5 Mio. Euro für die Schule.", [(D("3.5e6"), "EUR", None)]),
    ("de", "Die Gemeinde erhält 250 Tausend Euro.", [(D("250000"), "EUR", None)]),
    ("de", "Der Staat schuldet 2 Billionen Euro.", [(D("2e12"), "EUR", None)]),
    ("de", "Ein Ticket kostet 1.500 Euro.", [(D("1500"), "EUR", None)]),
    ("de", "Der Preis liegt bei 12,90 Euro im Monat.", [(D("12.9"), "EUR", None)]),
    ("de", "Er verdiente zwölf Euro pro Stunde.", [(D("12"), "EUR", None)]),
    ("de", "Sie zahlte 45 Schweizer Franken.", [(D("45"), "CHF", None)]),
    ("de", "Der Kaffee kostet Fr. 4.50 in Zürich.", [(D("4.50"), "CHF", None)]),
    ("de", "Ein Bier kostet 5 CHF in Bern.", [(D("5"), "CHF", None)]),
    ("de", "Die Kosten liegen bei 30 Pfund.", [(D("30"), "GBP", None)]),
    ("de", "Das Spiel kostet 70 €.", [(D("70"), "EUR", None)]),
    ("de", "Die Marke kostet 80 Cent.", [(D("0.8"), "EUR", None)]),
    ("de", "Der Ausbau kostet 1 bis 2 Mrd. Euro.", [(D("1e9"), "EUR", D("2e9"))]),
    ("de", "Geplant sind zwischen 600 und 900 Euro.", [(D("600"), "EUR", D("900"))]),
    ("en", "The firm made a profit of $86m last year.", [(D("86e6"), "USD", None)]),
    ("en", "It raised £1,700 for charity.", [(D("1700"), "GBP", None)]),
    ("en", "Sales reached 77m euros in the quarter.", [(D("77e6"), "EUR", None)]),
    ("en", "The state spent 59.2 trillion rupiah on aid.", [(D("59.2e12"), "IDR", None)]),
    ("en", "The debt is close to half a trillion dollars.", [(D("5e11"), "USD", None)]),
    ("en", "Shares closed at 274.5 pence on Friday.", [(D("2.745"), "GBP", None)]),
    ("en", "Each stamp costs 50p now.", [(D("0.5"), "GBP", None)]),
    ("en", "The deal is worth US$ 5 billion.", [(D("5e9"), "USD", None)]),
    ("en", "The bank booked a 4bn-euro loss.", [(D("4e9"), "EUR", None)]),
    ("en", "Tickets cost between 250 and 600 euros.", [(D("250"), "EUR", D("600"))]),
    ("en", "Analysts expect $4bn-$5bn in sales.", [(D("4e9"), "USD", D("5e9")),
                                                (D("5e9"), "USD", None)]),
    ("en", "Fines of up to 10,000 Swiss francs apply.", [(D("10000"), "CHF", None)]),
    ("en", "It cost them one million dollars.", [(D("1e6"), "USD", None)]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES)
def test_amounts(lang: str, sentence: str, expected: list[tuple[Decimal, str, Decimal | None]]
                 ) -> None:
    """Each written amount becomes exact Decimal value, ISO currency and range end."""
    got = [(m.value, m.currency, m.value_to) for m in money(sentence, lang)]
    assert got == expected


HEDGED = [
    ("de", "Das kostet rund 160 Milliarden Yuan.", True),
    ("de", "Das kostet knapp 20 Euro.", True),
    ("de", "Das kostet mehr als 20 Euro.", True),
    ("de", "Das kostet 20 Euro.", False),
    ("en", "It costs about $20.", True),
    ("en", "It could cost up to £30m.", True),
    ("en", "It costs $20.", False),
]


@pytest.mark.parametrize(("lang", "sentence", "approx"), HEDGED)
def test_hedges_mark_approx_and_stay_out_of_text(lang: str, sentence: str, approx: bool) -> None:
    """Qualifiers like "rund" or "about" set approx and are not part of the amount's text."""
    (m,) = money(sentence, lang)
    assert m.approx is approx
    assert not m.text.lower().startswith(("rund", "knapp", "mehr", "about", "up to"))


def test_conversion_stated_in_text_links_same_as() -> None:
    """ "Umgerechnet entspricht das ..." restates the previous amount: same_as points to it."""
    got = money("Geplant sind 100 Milliarden Yuan. Umgerechnet entspricht das etwa "
                "14 Milliarden US-Dollar.", "de")
    assert [m.currency for m in got] == ["CNY", "USD"]
    assert got[1].same_as == 0 and got[0].same_as is None


def test_parenthesised_conversions_link_to_first_amount() -> None:
    """ "77m euros (£53m; $100m)": both bracketed amounts restate the first."""
    got = money("Profits were 77m euros (£53m; $100m) in the year.", "en")
    assert [(m.currency, m.same_as) for m in got] == [("EUR", None), ("GBP", 0), ("USD", 0)]


@pytest.mark.parametrize(
    ("lang", "sentence", "value", "currency", "per"),
    [
        ("en", "The dollar hit $1.2871 against the euro.", D("1.2871"), "USD", "EUR"),
        ("en", "The peg held at 8.28 yuan to the dollar.", D("8.28"), "CNY", "USD"),
        ("de", "Der Euro kostete 1,08 Dollar je Euro.", D("1.08"), "USD", "EUR"),
    ],
)
def test_exchange_rates(lang: str, sentence: str, value: Decimal, currency: str, per: str
                        ) -> None:
    """Quotes against another currency are exchange rates, not amounts, and get no euro value."""
    (m,) = money(sentence, lang, dt.date(2015, 3, 2))
    assert (m.value, m.currency, m.kind, m.per) == (value, currency, "exchange_rate", per)
    assert m.eur is None and m.eur_note


def test_rate_quoted_in_same_sentence_inherits_kind() -> None:
    """ "reached $1.2871 against the euro, from $1.2974": both are rates."""
    got = money("The dollar reached $1.2871 against the euro, from $1.2974 on Thursday.", "en")
    assert [m.kind for m in got] == ["exchange_rate", "exchange_rate"]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("en", "Profit was 77m euros, up from 38m a year earlier.",
         [(D("77e6"), "EUR", False), (D("38e6"), "EUR", True)]),
        ("de", "Die Banken halten Kredite von 200 Milliarden Euro, davon 50 in Italien.",
         [(D("200e9"), "EUR", False), (D("50e9"), "EUR", True)]),
        ("de", "Der Gewinn lag bei 3,4 Millionen Euro nach 2,9 Millionen im Vorjahr.",
         [(D("3.4e6"), "EUR", False), (D("2.9e6"), "EUR", True)]),
        ("de", "Der Preis sinkt von 15 auf 14 bzw. zwölf Euro.",
         [(D("15"), "EUR", False), (D("14"), "EUR", False), (D("12"), "EUR", False)]),
    ],
)
def test_currency_implied_by_context(lang: str, sentence: str,
                                     expected: list[tuple[Decimal, str, bool]]) -> None:
    """Figures that share or imply a currency are amounts in that currency."""
    assert [(m.value, m.currency, m.implicit) for m in money(sentence, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "KI-Milliarden für die Forschung: Der Konzern plant groß."),
        ("de", "Der Tarif umfasst 1.000 Minuten und 4.000 MB Datenvolumen."),
        ("de", "Rund 2000 Menschen demonstrierten in Wien."),
        ("en", "A multi-billion dollar deal was signed by 300 people."),
        ("en", "Phones can be bought for just a few pounds."),
        ("en", "The company won 12 awards in 2004."),
    ],
)
def test_no_money_without_figure_and_currency(lang: str, sentence: str) -> None:
    """A bare number, or a currency word without a figure, is not money."""
    assert money(sentence, lang) == ()


def test_euro_equivalent_from_ecb_rate() -> None:
    """Every amount gets its value in euros at the article's date; euros stay as they are."""
    # two amounts: "100 US-Dollar oder 90 Euro" would be one, restated (test_facts_money_restated)
    got = money("Es kostet 100 US-Dollar, die Gebühr 90 Euro.", "de", dt.date(2015, 6, 15))
    assert got[0].eur is not None and Decimal("80") < got[0].eur < Decimal("100")
    assert got[0].eur_note is None
    assert got[1].eur == Decimal("90.00")


def test_euro_equivalent_weekend_falls_back_with_note() -> None:
    """A day without an ECB fixing takes the previous fixing and says so."""
    (m,) = money("Es kostet 100 US-Dollar.", "de", dt.date(2015, 6, 14))  # a Sunday
    assert m.eur is not None
    assert m.eur_note and "2015-06-12" in m.eur_note


def test_euro_equivalent_unknown_currency_is_explained() -> None:
    """A currency without an ECB reference rate gets no euro value and a reason."""
    (m,) = money("Sie zahlten 500 Naira.", "de", dt.date(2015, 6, 15))
    assert m.currency == "NGN" and m.eur is None
    assert m.eur_note and "NGN" in m.eur_note


def test_euro_equivalent_future_date_uses_latest_rate_with_note() -> None:
    """An article dated after the shipped rates uses the latest rate, never silently."""
    (m,) = money("Es kostet 100 US-Dollar.", "de", dt.date(2099, 1, 1))
    assert m.eur is not None and m.eur_note and "latest" in m.eur_note


def test_no_euro_equivalent_without_date() -> None:
    """Without a publication date there is no conversion and no note."""
    (m,) = money("Es kostet 100 US-Dollar.", "de")
    assert m.eur is None and m.eur_note is None
