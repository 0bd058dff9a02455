"""Document-level entity scores on a development split, as the project is measured.

Each group of sentences is one document; every distinct (kind, name) counts once; a prediction
matches a gold name of its kind when they are equal ignoring case and accents or one is a
whole-token run of the other (``digest.facts.evaluate.names_match``). Development splits only.

    python -m tools.ner.doc_eval de|en PREDICTOR [PREDICTOR ...]
    PREDICTOR: rules (the lists and cues alone) | model (the recognizer alone) | digest (what
    ``digest facts`` reports: both, under the merge policy of ``digest.facts.merge``)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from digest.facts.evaluate import Score, names_match
from tools.ner.convert import LABELS, SENTENCES_PER_DOC, germeval_tsv

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ner"
KINDS = {"PER": "persons", "LOC": "places", "ORG": "orgs"}
Doc = tuple[str, set[tuple[str, str]]]


def detokenize(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?)\]»“])", r"\1", text)
    return re.sub(r"([(\[„«]) ", r"\1", text)


def spans(sentence: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The (kind, text) of each PER/LOC/ORG mention of a tagged sentence (BIO or BIOES)."""
    run: list[str] = []
    label = ""
    for word, tag in [*sentence, ("", "O")]:
        pos, _, lab = tag.partition("-")
        if run and (pos in ("O", "B", "S") or lab != label):
            yield KINDS[label], detokenize(run)
            run = []
        if pos in ("B", "S", "I", "E") and lab in LABELS:
            if not run:
                label = lab
            run.append(word)


def _doc(sentences: list[list[tuple[str, str]]]) -> Doc:
    gold = {span for sentence in sentences for span in spans(sentence)}
    text = "\n".join(detokenize([w for w, _ in s]) for s in sentences)
    return text, gold


def documents(lang: str) -> Iterator[Doc]:
    if lang == "de":
        sentences = list(germeval_tsv(SHARED / "germeval2014" / "NER-de-dev.tsv"))
    else:
        sentences = list(germeval_tsv(SHARED / "uner" / "en_ewt-ud-dev.iob2"))
    for i in range(0, len(sentences), SENTENCES_PER_DOC):
        yield _doc(sentences[i: i + SENTENCES_PER_DOC])


def score(docs: list[Doc], predict: Callable[[str], set[tuple[str, str]]]) -> dict[str, Score]:
    scores = {k: Score() for k in (*KINDS.values(), "all")}
    for text, gold in docs:
        pred = predict(text)
        for kind in KINDS.values():
            g = [n for k, n in gold if k == kind]
            p = [n for k, n in pred if k == kind]
            hit_p = sum(any(names_match(x, y) for y in g) for x in p)
            hit_g = sum(any(names_match(x, y) for x in p) for y in g)
            for s in (scores[kind], scores["all"]):
                s.tp += hit_g
                s.fp += len(p) - hit_p
                s.fn += len(g) - hit_g
    return scores


def predictor(name: str, lang: str) -> Callable[[str], set[tuple[str, str]]]:
    from digest.facts import extract
    from digest.vocabulary import load_vocabulary

    vocab = load_vocabulary(None)
    if name == "rules":
        from digest.facts.context import Context
        from digest.facts.entities import finder

        def rules(text: str) -> set[tuple[str, str]]:
            found = finder.rules(Context(text=text, lang=lang, published=None, vocab=vocab))
            return {(k, n) for k, names in found.items() for n in names}
        return rules
    if name == "model":
        from digest.facts.entities import ner

        def model(text: str) -> set[tuple[str, str]]:
            return {(m.kind, m.text) for m in ner.mentions(text, lang)}
        return model

    def digest(text: str) -> set[tuple[str, str]]:
        f = extract(text, lang=lang, published=None, vocab=vocab)
        return {(k, n) for k in KINDS.values() for n in getattr(f, k)}
    return digest


def main(argv: list[str]) -> int:
    lang, names = argv[0], argv[1:]
    docs = list(documents(lang))
    for name in names:
        scores = score(docs, predictor(name, lang))
        row = "  ".join(f"{k} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}"
                        for k, s in scores.items())
        print(f"{lang} {name:7s} ({len(docs)} docs): {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
