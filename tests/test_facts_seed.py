"""The seed article comes out exactly as labelled in tests/data/seed.facts.yaml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from digest.facts import extract
from digest.model import Facts
from digest.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c9f697076553e962.txt"
GOLD = Path(__file__).parent / "data" / "seed.facts.yaml"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def facts() -> Facts:
    if not SEED.exists():
        pytest.skip("seed article not in this checkout")
    return extract(SEED.read_text(encoding="utf-8"), lang="de", published=None,
                   vocab=load_vocabulary())


def test_seed_money(facts: Facts, gold: dict[str, Any]) -> None:
    """Exactly the two labelled amounts, the second restating the first (same_as=0)."""
    got = [(m.text, m.value, m.currency) for m in facts.money]
    want = [(g["text"], Decimal(str(g["value"])), g["currency"]) for g in gold["money"]]
    assert got == want
    assert facts.money[1].same_as == 0
    assert all(m.approx for m in facts.money)  # "rund", "etwa"


def test_seed_percent(facts: Facts, gold: dict[str, Any]) -> None:
    """Exactly the labelled percentage."""
    assert [(p.text, p.value) for p in facts.percent] == [
        (g["text"], Decimal(str(g["value"]))) for g in gold["percent"]
    ]


def test_seed_dates(facts: Facts, gold: dict[str, Any]) -> None:
    """The year 2026 and the month Jänner, nothing else."""
    got = [(d.year, d.month, d.day) for d in facts.dates]
    want = [(g.get("year"), g.get("month"), g.get("day")) for g in gold["dates"]]
    assert got == want
    assert facts.dates[0].text in ("2026", "im Jahr 2026")
    assert facts.dates[1].text == "Jänner"


@pytest.mark.parametrize("kind", ["orgs", "places", "persons"])
def test_seed_entities(facts: Facts, gold: dict[str, Any], kind: str) -> None:
    """Organisations, places and persons exactly as labelled, in order."""
    assert list(getattr(facts, kind)) == list(gold[kind])
