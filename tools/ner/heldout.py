"""A stand-in for articles nobody here has read: ``make eval`` with every vocabulary entry
that names something in the labelled articles removed (a few world institutions and news
agencies kept), so names are found the way they are in a new article.

    python -m tools.ner.heldout CORPUS_DIR SEED [rules|model|digest ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

import digest.vocabulary as vocabulary
from digest import facts
from digest.facts import evaluate
from digest.facts.entities import finder, ner

KEEP = frozenset({"EU", "UN", "EZB", "ECB", "IMF", "IWF", "OECD", "Nato", "NATO", "WHO",
                  "Reuters", "APA", "AFP", "dpa", "BBC"})


def reduced(texts: str) -> tuple[dict[str, Any], int]:
    """The packaged vocabulary without the entries ``texts`` name, and how many went."""
    data = yaml.safe_load(vocabulary.DEFAULT_PATH.read_text(encoding="utf-8"))
    removed = 0
    for kind in ("orgs", "places", "persons"):
        for name, aliases in list((data.get(kind) or {}).items()):
            spellings = [str(name), *(str(a) for a in aliases or ())]
            if str(name) not in KEEP and any(
                    re.search(rf"(?<!\w){re.escape(s)}(?!\w)", texts) for s in spellings):
                del data[kind][name]
                removed += 1
    return data, removed


def _model_only(ctx: Any) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"orgs": [], "places": [], "persons": []}
    for m in ner.mentions(ctx.text, ctx.lang):
        if m.text not in out[m.kind]:
            out[m.kind].append(m.text)
    return {k: tuple(v) for k, v in out.items()}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    corpus, seed, *predictors = [a for a in argv if a != "-v"]
    texts = "\n".join(p.read_text(encoding="utf-8")
                      for p in sorted(Path(corpus, "articles").glob("*.txt")))
    texts += Path(seed).read_text(encoding="utf-8")
    data, removed = reduced(texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "vocabulary.yml")
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        vocabulary.DEFAULT_PATH = path
        vocab = vocabulary.load_vocabulary(None)
        pairs = evaluate.find_pairs([f"{corpus}/articles"], [f"{corpus}/seed.facts.yaml={seed}"])
        for name in predictors or ["digest"]:
            find = {"rules": finder.rules, "model": _model_only}.get(name, finder.extract)
            facts.EXTRACTORS = tuple((n, find if n == "entities" else fn)
                                     for n, fn in facts.EXTRACTORS)
            report = evaluate.report(evaluate.run(pairs, vocab), verbose=verbose)
            if verbose:
                print(report)
            line = next(r for r in report.splitlines() if r.startswith("ENTITIES"))
            print(f"held-out stand-in ({removed} vocabulary entries removed) {name:6s} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
