"""Editors' corrections from front matter: remove, rename, add, in that order."""

from __future__ import annotations

from decimal import Decimal

from digest.facts.corrections import apply_corrections
from digest.model import FactCorrections, Facts, Percent

FACTS = Facts(
    percent=(Percent("2 Prozent", Decimal(2)), Percent("45 %", Decimal(45))),
    orgs=("Casag", "ByteDance"),
    places=("Essen", "Wien"),
)


def test_no_corrections_is_identity() -> None:
    """Without corrections the extractor's facts are shown as they are."""
    assert apply_corrections(FACTS, None) is FACTS


def test_remove_rename_add() -> None:
    """Removals match names and fact texts case-insensitively; renames keep the position."""
    fixed = apply_corrections(FACTS, FactCorrections(
        add={"persons": ("Anna Berger",), "orgs": ("casinos austria",)},
        remove=("essen", "2 PROZENT"),
        rename={"Casag": "Casinos Austria"},
    ))
    assert fixed.places == ("Wien",)
    assert [p.text for p in fixed.percent] == ["45 %"]
    assert fixed.orgs == ("Casinos Austria", "ByteDance")
    assert fixed.persons == ("Anna Berger",)
