"""The extractor's fast paths give exactly what the plain regex or string search gives.

Each helper replaces a slow, obviously correct operation by a faster one that relies on a
property of its patterns; these tests compare both on many generated texts (fixed seeds).
"""

from __future__ import annotations

import random

import pytest

from digest.datewords import MONTH_WORDS, QUARTER_CUES
from digest.facts import dates, money, money_figures, money_implicit, percent
from digest.facts.context import (
    _DIGITS,
    SP_CHARS,
    Context,
    _digit_runs,
    ends_with_connector,
    find_words,
    finditer_from,
    scan_words,
    search_tail,
    starts_after_figure,
)
from digest.facts.entities import lexicon
from digest.vocabulary import Vocabulary

SPACES = [" ", " ", " ", "  ", "", "\u00a0", "\u202f", "\n", "\t"]


def _texts(pieces: list[str], n: int, seed: int, most: int = 10) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(pieces) + rnd.choice(SPACES) for _ in range(rnd.randint(1, most)))
        for _ in range(n)
    ]


def test_digit_runs_match_the_unicode_digit_pattern() -> None:
    pieces = ["1", "23", "٣", "٤٥", "０", "²", "³", "½", "?", "„", "“", "–", "a", "é", "१", "9"]
    for text in _texts(pieces, 3000, 1, 15):
        assert _digit_runs(text) == [m.span() for m in _DIGITS.finditer(text)], repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_chain_searches_from_the_tail_find_the_leftmost_match(lang: str) -> None:
    pieces = ["5", "12,5", "1.000", "1\u00a0000", "zwölf", "zweiund", "twenty-one", "a",
              "Mio.", "Millionen", "bn", "m", "bis", "-", "–", "to", "and", "und", "auf", "bzw.",
              "oder", "or", ",", "statt", "anstelle von", "instead of", "zwischen", "von",
              "from", "plus", "minus", "+", "−", "(", ")", "Text", "der"]
    cases = [(money_figures.patterns(lang)["chain"], 4), (percent._patterns(lang)["chain"], 5)]
    for text in _texts(pieces, 3000, 2, 9):
        for rx, words in cases:
            tail = search_tail(rx, text, words + 1 if text.endswith("\n") else words)
            full = rx.search(text)
            assert (tail and (tail.span(), tail.groups())) == (
                full and (full.span(), full.groups())
            ), repr(text)


def test_connector_test_is_necessary_for_a_chain_match() -> None:
    pieces = ["5", "bis", "und", "auf", "Text", "-", "oder", "x"]
    rx = money_figures.patterns("de")["chain"]
    for text in _texts(pieces, 2000, 3, 6):
        if rx.search(text):
            assert ends_with_connector(text, money._CHAIN_CONNECTORS), repr(text)


def test_literal_started_patterns_iterate_as_finditer() -> None:
    pieces = ["um", "zum", "by", "auf", "to", "1,5", "2.75", "statt", "anstatt", "instead of",
              "wie", "die", "Zeitung", "Der Standard", "berichtet", "according to", "BBC",
              "told", "Reuters", "website", "news agency", "x"]
    cases = [(percent._PAIR, percent._PAIR_STARTS)] + [
        (lexicon.SOURCE_CUE[lang], lexicon.SOURCE_CUE_STARTS[lang])
        for lang in ("de", "en")
    ]
    for text in _texts(pieces, 3000, 4, 14):
        for rx, starts in cases:
            fast = [(m.span(), m.groups()) for m in finditer_from(rx, text, starts)]
            assert fast == [(m.span(), m.groups()) for m in rx.finditer(text)], repr(text)


def test_word_scan_finds_what_find_words_finds() -> None:
    pieces = ["Juli", "Jänner", "Jän.", "Sept.", "Mai", "Mainz", "May", "Quartal", "Quartals",
              "Q1", "Q3-Zahlen", "H3", "Euro", "Mio.", "Prozentpunkte", "Millionen", "-", ".",
              "'", "_", "&", "x", "é", "1", "abcJuli", "U.S.Juli"]
    lists = (MONTH_WORDS["de"], MONTH_WORDS["en"], tuple(w for w in QUARTER_CUES if w[0].isupper()))
    for text in _texts(pieces, 3000, 5, 12):
        found = scan_words(text, lists)
        assert found == [sorted(find_words(text, words)) for words in lists], repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_context_word_positions(lang: str) -> None:
    pieces = ["Juli", "May", "March", "quarter", "half", "Halbjahr", "H1", "Euro", "euros", "x",
              "zwölf", "percent", "per cent", "Prozent", "1", "-"]
    for text in _texts(pieces, 1500, 6, 12):
        ctx = Context(text=text, lang=lang, published=None, vocab=Vocabulary())
        assert ctx.month_starts == sorted(find_words(text, MONTH_WORDS[lang]))
        assert ctx.quarter_starts == sorted(find_words(text, QUARTER_CUES))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_unit_and_scale_tests_are_necessary(lang: str) -> None:
    pieces = ["5", "12,5", "1.000", "1\u00a0000", "1'000", "%", "Prozent", "%-Punkte", "v. H.",
              "percent", "per cent", "pct", "Mio.", "Millionen", "Mrd.", "bn", "m", "million",
              "x", ",", ".", "-"]
    one, scaled = percent._patterns(lang)["one"], money_figures.patterns(lang)["scaled"]
    series = money_implicit._SCALED[lang]
    firsts = money_implicit._SCALE_FIRSTS[lang]
    for text in _texts(pieces, 3000, 7, 8):
        for pos, end in _digit_runs(text):
            if one.match(text, pos):
                assert starts_after_figure(text, end, percent._UNIT_FIRSTS[lang]), repr(text)
            if scaled.match(text, pos) or series.match(text, pos):
                assert starts_after_figure(text, end, firsts), repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hedge_test_is_necessary(lang: str) -> None:
    pieces = ["rund", "RUND", "ca.", "mehr als", "ÜBER", "bis zu", "about", "More than",
              "as much as", "approx.", "von", "of", "THE", "x", "(", "5", "faſt", "ſome",
              "mİndestens", "\u212aNAPP", "$", ","]
    rx, last_words = money_figures.patterns(lang)["hedge"], money._hedge_last_words(lang)
    for text in _texts(pieces, 5000, 8, 6):
        if rx.search(text):
            end = text[:-1] if text.endswith("\n") else text
            assert end and end[-1] in SP_CHARS, repr(text)
            rest = end.rstrip(SP_CHARS)
            word = rest[max(rest.rfind(" "), rest.rfind("\u00a0"), rest.rfind("\u202f")) + 1 :]
            assert word.lower() in last_words or not money._PLAIN.fullmatch(word), repr(text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_quarter_test_is_necessary(lang: str) -> None:
    pieces = ["first", "2.", "ersten", "Quartal", "quarter", "half", "Halbjahr", "des Jahres",
              "of the year", "2015", "15", "Q1", "H2", "h1", "x", "77m"]
    rx = dates._patterns(lang)["quarter"]
    for text in _texts(pieces, 3000, 9, 8):
        if rx.search(text):
            assert dates._QUARTER_FIGURE.search(text), repr(text)
