"""Amounts in the styles of publishers the digest has not read: one table per class of the
key-facts rules (currency from context, rate notes and currency names, spelled-out numbers,
from-to changes, headline and wire style), each case of our own writing, in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from digest.facts import extract
from digest.model import Money
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
D = Decimal
Row = tuple[str, Decimal, str, bool]
"""An amount as (text, value, currency, implicit)."""


def money(text: str, lang: str) -> tuple[Money, ...]:
    return extract("Titel\n" + text, lang=lang, published=None, vocab=VOCAB).money


def rows(text: str, lang: str) -> list[Row]:
    return [(m.text, m.value, m.currency, m.implicit) for m in money(text, lang)]


# 1. The currency is not next to the figure: the nearest written currency of the article
# (before, else after), the currency the article names ("reports in euros"), euros in a
# German article that names none; never dollars by default.
IMPLICIT = [
    ("de", "Die Reederei setzte 2,3 Milliarden Euro um. Unterm Strich verlor sie 410 Millionen.",
     [("2,3 Milliarden Euro", D("2300000000"), "EUR", False),
      ("410 Millionen", D("410000000"), "EUR", True)]),
    ("de", "Der Versicherer verdiente 90 Millionen Franken. Im Jahr davor waren es 75 Millionen.",
     [("90 Millionen Franken", D("90000000"), "CHF", False),
      ("75 Millionen", D("75000000"), "CHF", True)]),
    ("de", "Das Land investiert weitere 1,5 Milliarden in Schienen.",
     [("1,5 Milliarden", D("1500000000"), "EUR", True)]),
    ("de", "Die Stadt zahlte 12 Millionen. Der Bau kostete am Ende 20 Millionen Euro.",
     [("12 Millionen", D("12000000"), "EUR", True),
      ("20 Millionen Euro", D("20000000"), "EUR", False)]),
    ("de", "Der Fonds hält 800 Millionen Dollar. Zusätzlich flossen 50 Millionen.",
     [("800 Millionen Dollar", D("800000000"), "USD", False),
      ("50 Millionen", D("50000000"), "USD", True)]),
    ("de", "Die Sanierung kostet 3 Mrd., sagt der Minister.",
     [("3 Mrd.", D("3000000000"), "EUR", True)]),
    ("de", "Der Händler machte 5 Millionen Pfund Verlust, nach 2 Millionen im Vorjahr.",
     [("5 Millionen Pfund", D("5000000"), "GBP", False),
      ("2 Millionen", D("2000000"), "GBP", True)]),
    ("de", "Die Brauerei nahm 40 Millionen Euro ein. Der Gewinn lag bei 4 Millionen.",
     [("40 Millionen Euro", D("40000000"), "EUR", False),
      ("4 Millionen", D("4000000"), "EUR", True)]),
    ("de", "Die Gemeinde hat 1,8 Millionen Einwohner.", []),
    ("de", "Die Firma zählt 2,5 Millionen Kunden und 300 Millionen Euro Umsatz.",
     [("300 Millionen Euro", D("300000000"), "EUR", False)]),
    ("en", "The Hamburg-based shipper, which reports in euros, lost 2.1 billion last year.",
     [("2.1 billion", D("2100000000"), "EUR", True)]),
    ("en", "Sales rose to $3.2bn and a further 40 million went to buybacks.",
     [("$3.2bn", D("3200000000"), "USD", False), ("40 million", D("40000000"), "USD", True)]),
    ("en", "The club paid £60m for the striker. It also spent 25m on a defender.",
     [("£60m", D("60000000"), "GBP", False), ("25m", D("25000000"), "GBP", True)]),
    ("en", "Profit was 310 million, on sales of 2.4 billion euros.",
     [("310 million", D("310000000"), "EUR", True),
      ("2.4 billion euros", D("2400000000"), "EUR", False)]),
    ("en", "The lender raised 500 million Swiss francs and borrowed another 200 million.",
     [("500 million Swiss francs", D("500000000"), "CHF", False),
      ("200 million", D("200000000"), "CHF", True)]),
    ("en", "The app has 40 million users and earned $12m.",
     [("$12m", D("12000000"), "USD", False)]),
    ("en", "The firm lost 2 billion last year.", []),
    ("en", "Revenue was £2.1bn, up from 1.9bn a year earlier.",
     [("£2.1bn", D("2100000000"), "GBP", False), ("1.9bn", D("1900000000"), "GBP", True)]),
    ("en", "The state budget is 80 billion rupees; the deficit was 9 billion.",
     [("80 billion rupees", D("80000000000"), "INR", False),
      ("9 billion", D("9000000000"), "INR", True)]),
    ("en", "The city counted 1.2 million visitors after spending €30m on the fair.",
     [("€30m", D("30000000"), "EUR", False)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), IMPLICIT)
def test_currency_from_the_article(lang: str, text: str, expected: list[Row]) -> None:
    assert rows(text, lang) == expected


# 2. Rate notes are rates; every currency babel names, in full, in German and English.
RATE_NOTES = [
    ("en", "Shares fell. ($1 = 0.9120 euros)", D("0.912"), "EUR", "USD"),
    ("en", "The bid values the group at $4bn. ($1 = 7.2450 Chinese yuan renminbi)",
     D("7.245"), "CNY", "USD"),
    ("en", "(1 euro = $1.0850)", D("1.085"), "USD", "EUR"),
    ("en", "(£1 = $1.2710)", D("1.271"), "USD", "GBP"),
    ("en", "($1 = 149.50 yen)", D("149.5"), "JPY", "USD"),
    ("de", "Die Aktie fiel. (1 Dollar = 0,92 Euro)", D("0.92"), "EUR", "USD"),
    ("de", "(1 Euro = 0,94 Schweizer Franken)", D("0.94"), "CHF", "EUR"),
    ("de", "(1 Euro = 1,08 US-Dollar)", D("1.08"), "USD", "EUR"),
    ("de", "(1 Pfund = 1,17 Euro)", D("1.17"), "EUR", "GBP"),
    ("de", "(1 Euro = 11,45 norwegische Kronen)", D("11.45"), "NOK", "EUR"),
]


@pytest.mark.parametrize(("lang", "text", "value", "currency", "per"), RATE_NOTES)
def test_rate_notes_are_rates_not_amounts(
    lang: str, text: str, value: Decimal, currency: str, per: str
) -> None:
    rates = [m for m in money(text, lang) if m.value == value]
    assert [(m.kind, m.currency, m.per) for m in rates] == [("exchange_rate", currency, per)]
    assert not [m for m in money(text, lang) if m.value == 1]


def test_a_stated_rate_converts_the_articles_amounts() -> None:
    """The wire's rate, not the ECB's of the day, gives the euro value of the dollar amount."""
    facts = extract("Titel\nThe deal is worth $2bn. ($1 = 0.9000 euros)", lang="en",
                    published=dt.date(2024, 3, 1), vocab=VOCAB)
    (deal,) = [m for m in facts.money if m.kind == "amount"]
    assert (deal.eur, deal.eur_note) == (D("1800000000.00"), "at the rate the article states")


NAMED = [
    ("en", "The fine came to 4.2 million Turkish lira.", D("4200000"), "TRY"),
    ("en", "Tickets cost 300 Swiss francs.", D("300"), "CHF"),
    ("en", "He was paid 12 Norwegian crowns.", D("12"), "NOK"),
    ("en", "Loans of 3 million Kenyan shillings were approved.", D("3000000"), "KES"),
    ("en", "The tower cost 800 million Hong Kong dollars.", D("800000000"), "HKD"),
    ("en", "A meal costs 90,000 Vietnamese dong.", D("90000"), "VND"),
    ("en", "Wages rose to 1,200 Ghanaian cedis.", D("1200"), "GHS"),
    ("en", "It sold for 5 billion South Korean won.", D("5000000000"), "KRW"),
    ("en", "The bond raised 2 billion Brazilian reais.", D("2000000000"), "BRL"),
    ("en", "Rent is 40 New Zealand dollars a night.", D("40"), "NZD"),
    ("de", "Der Eintritt kostet 300 Schweizer Franken.", D("300"), "CHF"),
    ("de", "Sie zahlten zwölf norwegische Kronen.", D("12"), "NOK"),
    ("de", "Er bezahlte mit 50 polnischen Zloty.", D("50"), "PLN"),
    ("de", "Der Kredit über 3 Millionen Kenia-Schilling ist bewilligt.", D("3000000"), "KES"),
    ("de", "Das Essen kostet 90.000 vietnamesische Dong.", D("90000"), "VND"),
    ("de", "Die Strafe beträgt 2 Millionen Türkische Lira.", D("2000000"), "TRY"),
    ("de", "Das Ticket kostet 70 ägyptische Pfund.", D("70"), "EGP"),
    ("de", "Der Turm kostete 800 Millionen Hongkong-Dollar.", D("800000000"), "HKD"),
    ("de", "Der Lohn stieg auf 1.200 ghanaische Cedi.", D("1200"), "GHS"),
    ("de", "Es wurden 40 Milliarden indische Rupien investiert.", D("40000000000"), "INR"),
]


@pytest.mark.parametrize(("lang", "text", "value", "currency"), NAMED)
def test_currencies_named_in_full(lang: str, text: str, value: Decimal, currency: str) -> None:
    assert [(m.value, m.currency) for m in money(text, lang)] == [(value, currency)]


# 3. Spelled-out and mixed numbers.
SPELLED = [
    ("de", "Das Porto steigt um drei Cent.", "drei Cent", D("0.03"), "EUR"),
    ("de", "Der Bund gibt eine halbe Milliarde Euro.", "eine halbe Milliarde Euro",
     D("500000000"), "EUR"),
    ("de", "Der Umbau kostet fünfeinhalb Millionen Euro.", "fünfeinhalb Millionen Euro",
     D("5500000"), "EUR"),
    ("de", "Das Werk kostete zweieinhalb Milliarden Dollar.", "zweieinhalb Milliarden Dollar",
     D("2500000000"), "USD"),
    ("de", "Sie erhielt anderthalb Millionen Euro.", "anderthalb Millionen Euro",
     D("1500000"), "EUR"),
    ("de", "Der Verein zahlt eineinhalb Millionen Franken.", "eineinhalb Millionen Franken",
     D("1500000"), "CHF"),
    ("de", "Zwanzig Millionen Euro flossen ab.", "Zwanzig Millionen Euro", D("20000000"), "EUR"),
    ("de", "Das Los kostet zwölf Euro.", "zwölf Euro", D("12"), "EUR"),
    ("de", "Die Miete steigt um einen halben Euro.", "einen halben Euro", D("0.5"), "EUR"),
    ("de", "Das Ticket kostet dreißig Pfund.", "dreißig Pfund", D("30"), "GBP"),
    ("en", "The firm paid a billion dollars.", "a billion dollars", D("1000000000"), "USD"),
    ("en", "They raised one and a half billion euros.", "one and a half billion euros",
     D("1500000000"), "EUR"),
    ("en", "It cost two and a half million pounds.", "two and a half million pounds",
     D("2500000"), "GBP"),
    ("en", "Stamps rise by three pence.", "three pence", D("0.03"), "GBP"),
    ("en", "The fund holds half a billion dollars.", "half a billion dollars",
     D("500000000"), "USD"),
    ("en", "Fifty million euros were lost.", "Fifty million euros", D("50000000"), "EUR"),
    ("en", "A coffee now costs twelve dollars.", "twelve dollars", D("12"), "USD"),
    ("en", "The club spent forty-five million pounds.", "forty-five million pounds",
     D("45000000"), "GBP"),
    ("en", "Each share pays seventy cents.", "seventy cents", D("0.7"), "USD"),
    ("en", "The bill came to a thousand euros.", "a thousand euros", D("1000"), "EUR"),
]


@pytest.mark.parametrize(("lang", "text", "shown", "value", "currency"), SPELLED)
def test_spelled_out_amounts(lang: str, text: str, shown: str, value: Decimal,
                             currency: str) -> None:
    assert [(m.text, m.value, m.currency) for m in money(text, lang)] == [
        (shown, value, currency)]


# 4. From-to changes: both values are facts, the unit and currency carry over to the first.
CHANGES = [
    ("de", "Der Umsatz stieg von fünf auf sechs Milliarden Euro.",
     [(D("5000000000"), "EUR"), (D("6000000000"), "EUR")]),
    ("de", "Der Gewinn sank von 1,2 Milliarden auf 900 Millionen Euro.",
     [(D("1200000000"), "EUR"), (D("900000000"), "EUR")]),
    ("de", "Die Gebühr steigt von 300 auf 450 Euro im Monat.",
     [(D("300"), "EUR"), (D("450"), "EUR")]),
    ("de", "Das Ticket wird von 2,50 Euro auf drei Euro teurer.",
     [(D("2.5"), "EUR"), (D("3"), "EUR")]),
    ("de", "Die Abgabe steigt von zwei auf drei Cent.", [(D("0.02"), "EUR"), (D("0.03"), "EUR")]),
    ("de", "Der Preis fiel von 80 auf 60 Franken.", [(D("80"), "CHF"), (D("60"), "CHF")]),
    ("de", "Das Budget wächst von 4 auf 4,5 Millionen Pfund.",
     [(D("4000000"), "GBP"), (D("4500000"), "GBP")]),
    ("de", "Der Verlust wuchs von 80 Millionen Euro auf 120 Millionen Euro.",
     [(D("80000000"), "EUR"), (D("120000000"), "EUR")]),
    ("de", "Die Prämie stieg von zehn auf zwölf Dollar.", [(D("10"), "USD"), (D("12"), "USD")]),
    ("de", "Die Kosten sanken von 1,1 Mrd. auf 950 Mio. Euro.",
     [(D("1100000000"), "EUR"), (D("950000000"), "EUR")]),
    ("en", "Revenue grew from $1.2bn to $1.5bn.",
     [(D("1200000000"), "USD"), (D("1500000000"), "USD")]),
    ("en", "Profit fell from £300m to £250m.", [(D("300000000"), "GBP"), (D("250000000"), "GBP")]),
    ("en", "The fee rises from 2.50 to 3 dollars.", [(D("2.5"), "USD"), (D("3"), "USD")]),
    ("en", "Costs rose from 40 million to 55 million euros.",
     [(D("40000000"), "EUR"), (D("55000000"), "EUR")]),
    ("en", "The price went up from five to six dollars.", [(D("5"), "USD"), (D("6"), "USD")]),
    ("en", "Fares climb from 20 to 25 pence.", [(D("0.2"), "GBP"), (D("0.25"), "GBP")]),
    ("en", "Its value dropped from 4 billion to 3.5 billion Swiss francs.",
     [(D("4000000000"), "CHF"), (D("3500000000"), "CHF")]),
    ("en", "Pay rose from €900 to €1,100 a month.", [(D("900"), "EUR"), (D("1100"), "EUR")]),
    ("en", "The deficit narrowed from 12 to 9 billion rupees.",
     [(D("12000000000"), "INR"), (D("9000000000"), "INR")]),
    ("en", "Sales climbed to $4.1bn from $3.8bn.",
     [(D("4100000000"), "USD"), (D("3800000000"), "USD")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CHANGES)
def test_changes_from_to_are_two_amounts(
    lang: str, text: str, expected: list[tuple[Decimal, str]]
) -> None:
    found = money(text, lang)
    assert [(m.value, m.currency) for m in found] == expected
    assert all(m.value_to is None for m in found)


# 5. Headline and wire style.
HEADLINES = [
    ("en", "Chipmaker Seals $1 Billion Deal", "$1 Billion", D("1000000000"), "USD"),
    ("en", "Startup Raises $5M In Seed Round", "$5M", D("5000000"), "USD"),
    ("en", "Insurer Agrees $1.2B Takeover", "$1.2B", D("1200000000"), "USD"),
    ("en", "EU Fines Search Giant 2.4 Billion Euros", "2.4 Billion Euros", D("2400000000"),
     "EUR"),
    ("en", "BERLIN (Reuters) - The group posted a loss of 1.2 bln euros.", "1.2 bln euros",
     D("1200000000"), "EUR"),
    ("en", "The bank set aside 5 mln euros.", "5 mln euros", D("5000000"), "EUR"),
    ("en", "Retailer Posts $90 Million Quarterly Loss", "$90 Million", D("90000000"), "USD"),
    ("en", "Shares worth $500K changed hands.", "$500K", D("500000"), "USD"),
    ("en", "Miner Writes Down £3 Billion", "£3 Billion", D("3000000000"), "GBP"),
    ("en", "Bank Fined 40 Million Pounds", "40 Million Pounds", D("40000000"), "GBP"),
    ("de", "Drei Milliarden Euro Verlust", "Drei Milliarden Euro", D("3000000000"), "EUR"),
    ("de", "Konzern kauft Rivalen für 2 Mrd Euro", "2 Mrd Euro", D("2000000000"), "EUR"),
    ("de", "Bahn investiert 5 Mio Euro in Bahnhöfe", "5 Mio Euro", D("5000000"), "EUR"),
    ("de", "Zwei Millionen Euro Schaden nach Brand", "Zwei Millionen Euro", D("2000000"), "EUR"),
    ("de", "Milliardenloch: 4,5 Mrd. Euro fehlen", "4,5 Mrd. Euro", D("4500000000"), "EUR"),
    ("de", "Land zahlt 300 Mio. Franken", "300 Mio. Franken", D("300000000"), "CHF"),
    ("de", "WIEN - Der Konzern verdiente 1,1 Mrd. Euro.", "1,1 Mrd. Euro", D("1100000000"),
     "EUR"),
    ("de", "Rekordstrafe von 1 Milliarde Dollar", "1 Milliarde Dollar", D("1000000000"), "USD"),
    ("de", "Fünf Euro mehr pro Monat", "Fünf Euro", D("5"), "EUR"),
    ("de", "Bund gibt 10 Milliarden Euro frei", "10 Milliarden Euro", D("10000000000"), "EUR"),
]


@pytest.mark.parametrize(("lang", "text", "shown", "value", "currency"), HEADLINES)
def test_headline_and_wire_amounts(lang: str, text: str, shown: str, value: Decimal,
                                   currency: str) -> None:
    assert [(m.text, m.value, m.currency) for m in money(text, lang)] == [
        (shown, value, currency)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Updated: March 12, 2026 2:05 p.m."),
    ("en", "The vote is at 5 p.m. today."),
    ("de", "Stand: 12.03.2026 14:05 Uhr"),
    ("de", "Die Sitzung beginnt um 9:30 Uhr."),
])
def test_clock_times_are_no_amounts(lang: str, text: str) -> None:
    """A stand-first's time is neither pence nor any other amount."""
    assert money(text, lang) == ()
