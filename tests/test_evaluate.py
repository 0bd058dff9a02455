"""The evaluation command: matching rules and exact figures on a tiny gold set."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.facts import evaluate
from digest.facts.evaluate import Score, names_match, score_kind
from digest.model import DateFact, Money, Percent
from digest.vocabulary import load_vocabulary

GOLD = Path(__file__).parent / "data" / "gold"


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer is under test, not the recognizer: its names stay out of the figures."""
    from digest.facts.entities import ner

    monkeypatch.setattr(ner, "mentions", lambda text, lang: ())


D = evaluate.Decimal


def test_scores_on_tiny_gold_set() -> None:
    """Per kind and language: matches, misses, false hits, and neutral predictions."""
    results = evaluate.run(evaluate.find_pairs([str(GOLD)], []), load_vocabulary())
    by = {r.name: r for r in results}
    de, en = by["de_demo.txt"], by["en_demo.txt"]
    # de: "5 Millionen Euro" is not in the text; APA is a byline entity (not expected)
    assert (de.scores["money"].tp, de.scores["money"].fp, de.scores["money"].fn) == (1, 0, 1)
    assert (de.scores["orgs"].tp, de.scores["orgs"].fp, de.scores["orgs"].fn) == (2, 0, 0)
    assert (de.scores["dates"].tp, de.scores["dates"].fn) == (3, 0)
    # en: "£8" is the upper end of a range and "46 million pounds" restates "£46m": neutral
    assert (en.scores["money"].tp, en.scores["money"].fp, en.scores["money"].fn) == (3, 0, 0)
    assert en.false_hits["orgs"] == ["Harbour Trust"]
    assert en.misses["persons"] == ["John Smith"]
    table = evaluate.report(results)
    assert "2 articles (1 de, 1 en)" in table
    numeric = next(line for line in table.splitlines() if line.startswith("NUMERIC"))
    assert numeric.split("|")[1].split() == ["1.000", "0.917", "0.957", "11/", "0/", "1"]
    entities = next(line for line in table.splitlines() if line.startswith("ENTITIES"))
    assert entities.split("|")[1].split() == ["0.857", "0.857", "0.857", "6/", "1/", "1"]


def test_main_prints_table_and_verbose_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """``main`` exits 0, prints the table, and with --verbose the misses and false hits."""
    assert evaluate.main([str(GOLD), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "miss      money    5 Millionen Euro" in out
    assert "false hit orgs     Harbour Trust" in out
    assert out.rstrip().splitlines()[-1].startswith("ENTITIES")


def test_main_accepts_explicit_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    """A gold file and its text given as GOLD=TEXT (positional or --pair) are evaluated."""
    pair = f"{GOLD / 'en_demo.facts.yaml'}={GOLD / 'en_demo.txt'}"
    assert evaluate.main([pair]) == 0
    assert "1 articles (0 de, 1 en)" in capsys.readouterr().out
    assert evaluate.main([str(GOLD / "de_demo.facts.yaml"), "--pair", pair]) == 0
    assert "2 articles (1 de, 1 en)" in capsys.readouterr().out


def test_main_reports_missing_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing text or an empty directory is an error (exit 2), not an empty table."""
    assert evaluate.main([str(tmp_path)]) == 2
    assert evaluate.main([f"{GOLD / 'en_demo.facts.yaml'}={tmp_path / 'nope.txt'}"]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [
        ("Österreich", "oesterreich", False),
        ("Société Générale", "Société Genérale", True),
        ("UNICREDIT", "Unicredit", True),
        ("Orange Smartphones", "Orange", True),
        ("Kaspersky", "Kaspersky Lab", True),
        ("BBC News", "BBC", False),
        ("US", "USA", False),
        ("Bank", "Bank of America", True),
    ],
)
def test_name_matching(pred: str, gold: str, ok: bool) -> None:
    """Case/accent-insensitive equality, or a whole-token run of at least 4 characters."""
    assert names_match(pred, gold) is ok


def test_money_tolerance_and_currency() -> None:
    """Money matches within 0.5 % in the same currency only."""
    gold = [{"value": 1000, "currency": "EUR"}]
    near = Money("x", D("1004"), "EUR")
    off = Money("x", D("1006"), "EUR")
    other = Money("x", D("1000"), "USD")
    assert score_kind("money", [near], gold, {}, [])[0].tp == 1
    assert score_kind("money", [off], gold, {}, [])[0].fp == 1
    assert score_kind("money", [other], gold, {}, [])[0].fn == 1


def test_ranges_match_by_lower_value_and_upper_is_neutral() -> None:
    """A gold range is matched by its lower value; its upper value counts neither way."""
    gold = [{"value": 20, "range": True, "value_to": 30}]
    s, _, _ = score_kind("percent", [Percent("x", D("20")), Percent("y", D("30"))], gold, {}, [])
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    dgold = [{"month": 1, "range": True, "month_to": 3}]
    s, _, _ = score_kind("dates", [DateFact("a", month=1), DateFact("b", month=3)], dgold, {}, [])
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_dates_need_every_gold_field() -> None:
    """A prediction matches when every field the gold item gives is equal; extra fields are fine."""
    gold = [{"month": 1}]
    assert score_kind("dates", [DateFact("x", year=2027, month=1)], gold, {}, [])[0].tp == 1
    assert score_kind("dates", [DateFact("x", year=2016)], [{"year": 2016, "month": 1}], {},
                      [])[0].fp == 1


def test_aliases_byline_and_repeats() -> None:
    """Aliases match; byline entities and already matched items are neutral."""
    s, misses, hits = score_kind(
        "orgs", ["EZB", "Europäische Zentralbank", "APA", "Foo"],
        ["EZB", "APA"], {"EZB": ["Europäischen Zentralbank", "Europäische Zentralbank"]},
        ["APA"],
    )
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert hits == ["Foo"] and misses == []


def test_score_arithmetic() -> None:
    """Precision, recall and F1 from counts; empty sides count as perfect."""
    s = Score(tp=3, fp=1, fn=2)
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == (0.75, 0.6, 0.667)
    assert Score().precision == 1.0 and Score().recall == 1.0
