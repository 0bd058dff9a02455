"""Training and development data for the German recognizer, as spaCy DocBins.

Reads the openly licensed files in ``../shared/ner`` (GermEval 2014 train and dev, SmartData v1)
and keeps three labels, the ones the key-facts box shows: PER, LOC, ORG (GermEval's OTH and its
-deriv/-part types, and SmartData's routes, dates and numbers, become no entity). Never reads a
test split of CoNLL-2003 or GermEval 2014: those measure the project.

    python -m tools.ner.convert SHARED_NER_DIR OUT_DIR
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

LABELS = ("PER", "LOC", "ORG")
SMARTDATA = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}
SENTENCES_PER_DOC = 8
"""GermEval sentences are grouped like paragraphs, so the model sees some context."""


def _label(tag: str) -> tuple[str, str]:
    """A BIO or BIOES tag as (position, label), with labels outside ``LABELS`` as ``O``."""
    if tag == "O" or "-" not in tag:
        return "O", ""
    pos, label = tag.split("-", 1)
    return (pos, label) if label in LABELS else ("O", "")


def _doc(vocab: spacy.Vocab, sentences: list[list[tuple[str, str]]]) -> Doc:
    words = [w for s in sentences for w, _ in s]
    starts = [i == 0 for s in sentences for i in range(len(s))]
    doc = Doc(vocab, words=words, sent_starts=starts)
    spans, start, label = [], None, ""
    tags = [t for s in sentences for _, t in s]
    for i, tag in enumerate([*tags, "O"]):
        pos, lab = _label(tag)
        if start is not None and (pos in ("O", "B", "S") or lab != label):
            spans.append(Span(doc, start, i, label=label))
            start = None
        if pos in ("B", "S") or (pos in ("I", "E") and start is None):
            start, label = i, lab
        if pos in ("E", "S") and start is not None:
            spans.append(Span(doc, start, i + 1, label=label))
            start = None
    doc.ents = filter_spans(spans)
    return doc


def _grouped(vocab: spacy.Vocab, sentences: Iterator[list[tuple[str, str]]]) -> Iterator[Doc]:
    batch: list[list[tuple[str, str]]] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) == SENTENCES_PER_DOC:
            yield _doc(vocab, batch)
            batch = []
    if batch:
        yield _doc(vocab, batch)


def germeval_train(path: Path) -> Iterator[list[tuple[str, str]]]:
    """``token TAG`` lines (outer spans, BIOES), a blank line between sentences."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        word, _, tag = line.rpartition(" ")
        sentence.append((word, tag))
    if sentence:
        yield sentence


def germeval_tsv(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Tab-separated columns, index, token, tag (and more), ``#`` comment lines, a blank line
    between sentences: GermEval's official format (tag: its outer column) and UNER's IOB2."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        cols = line.split("\t")
        sentence.append((cols[1], cols[2]))
    if sentence:
        yield sentence


def smartdata(path: Path, nlp: spacy.Language) -> Iterator[Doc]:
    """A stream of JSON documents with character-offset mentions of 16 types."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        raw = f.read()
    decoder, pos = json.JSONDecoder(), 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        record, pos = decoder.raw_decode(raw, pos)
        text = record["text"]["string"]
        doc = nlp.make_doc(text)
        spans = []
        for mention in (record.get("conceptMentions") or {}).get("array") or []:
            label = SMARTDATA.get(mention["type"])
            if label is None:
                continue
            span = doc.char_span(mention["span"]["start"], mention["span"]["end"], label=label,
                                 alignment_mode="expand")
            span = _trimmed(span)
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        yield doc


def _trimmed(span: Span | None) -> Span | None:
    """A mention without the whitespace or punctuation tokens at its edges (the recognizer
    cannot learn those), or ``None`` when nothing is left or a line break runs through it."""
    if span is None:
        return None
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if start == end or any(t.is_space for t in doc[start:end]):
        return None
    return Span(doc, start, end, label=span.label_)


def main(argv: list[str]) -> int:
    shared, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    train = DocBin(store_user_data=False)
    for doc in _grouped(nlp.vocab, germeval_train(shared / "germeval2014" /
                                                  "NER-de-train.bioes.txt")):
        train.add(doc)
    for name in ("train.json.gz", "test.json.gz"):  # SmartData's own splits, both for training
        for doc in smartdata(shared / "smartdata" / name, nlp):
            train.add(doc)
    train.to_disk(out / "de-train.spacy")
    dev = DocBin(store_user_data=False)
    for doc in _grouped(nlp.vocab, germeval_tsv(shared / "germeval2014" / "NER-de-dev.tsv")):
        dev.add(doc)
    dev.to_disk(out / "de-dev.spacy")
    print(f"{out}: train {len(train)} docs, dev {len(dev)} docs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
