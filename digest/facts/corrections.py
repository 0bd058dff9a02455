"""An editor's front-matter corrections applied to what the extractor found."""

from __future__ import annotations

from dataclasses import replace

from digest.model import ENTITY_KINDS, FactCorrections, Facts
from digest.vocabulary import fold


def apply_corrections(facts: Facts, corrections: FactCorrections | None) -> Facts:
    """Remove, then rename, then add: the box shows what the editor asked for."""
    if corrections is None:
        return facts
    gone = {fold(r) for r in corrections.remove}
    rename = {fold(k): v for k, v in corrections.rename.items()}
    changes: dict[str, object] = {
        "money": tuple(m for m in facts.money if fold(m.text) not in gone),
        "percent": tuple(p for p in facts.percent if fold(p.text) not in gone),
        "dates": tuple(d for d in facts.dates if fold(d.text) not in gone),
    }
    for kind in ENTITY_KINDS:
        names = [rename.get(fold(n), n) for n in getattr(facts, kind) if fold(n) not in gone]
        for extra in corrections.add.get(kind, ()):
            if fold(extra) not in {fold(n) for n in names}:
                names.append(extra)
        changes[kind] = tuple(names)
    return replace(facts, **changes)  # type: ignore[arg-type]
