"""Mention-level precision, recall and F1 per kind of both recognizers on the development
splits (GermEval 2014 dev for German, UNER English EWT dev for English), labels mapped to the
box's kinds by ``digest.facts.entities.ner.LABEL_KINDS``: a mention counts when its
characters and kind equal a gold mention's.

    python -m tools.ner.mention_eval de|en
"""

from __future__ import annotations

import sys

from digest.facts.entities import ner
from digest.facts.evaluate import Score
from tools.ner.convert import germeval_tsv
from tools.ner.doc_eval import KINDS, SHARED, detokenize, spans


def sentences(lang: str) -> list[list[tuple[str, str]]]:
    if lang == "de":
        return list(germeval_tsv(SHARED / "germeval2014" / "NER-de-dev.tsv"))
    return list(germeval_tsv(SHARED / "uner" / "en_ewt-ud-dev.iob2"))


def gold_mentions(sentence: list[tuple[str, str]]) -> tuple[str, set[tuple[str, str]]]:
    """The sentence's text (detokenised) and its (kind, mention text) pairs."""
    return detokenize([w for w, _ in sentence]), set(spans(sentence))


def main(argv: list[str]) -> int:
    lang = argv[0]
    scores = {k: Score() for k in (*KINDS.values(), "all")}
    for sentence in sentences(lang):
        text, gold = gold_mentions(sentence)
        pred = {(m.kind, m.text) for m in ner.mentions(text, lang)}
        for kind in KINDS.values():
            g = {x for x in gold if x[0] == kind}
            p = {x for x in pred if x[0] == kind}
            for s in (scores[kind], scores["all"]):
                s.tp += len(g & p)
                s.fp += len(p - g)
                s.fn += len(g - p)
    for kind, s in scores.items():
        print(f"{lang} mention-level {kind:8s} P {s.precision:.3f} R {s.recall:.3f} "
              f"F1 {s.f1:.3f} ({s.tp}/{s.fp}/{s.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
