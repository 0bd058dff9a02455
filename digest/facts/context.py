"""What every extractor sees: the text, its language and date, and spans already taken."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from digest.vocabulary import Vocabulary

SP = r"[ \u00a0\u202f]"
"""A space inside one line (never a line break)."""

_SENTENCE_END = re.compile(r"(?<=[.!?:;])[\"'”“«»]?[ \u00a0]+(?=[\"'„“«»(]?[A-ZÄÖÜ0-9])|\n")
_BYLINE = re.compile(r"\((?P<who>[^()\d\n]{1,80}),\s*(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\)\s*$")


@dataclass
class Context:
    """One article being read; extractors add the character spans they have used."""

    text: str
    lang: str
    published: dt.date | None
    vocab: Vocabulary
    claimed: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the sentence around ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        start = self._starts[i]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return start, end

    def is_sentence_start(self, pos: int) -> bool:
        """``pos`` is the first word of a sentence or line (after opening quotes)."""
        start, _ = self.sentence(pos)
        return not self.text[start:pos].strip(" \"'„“«»(‘")

    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed)

    def byline(self) -> re.Match[str] | None:
        """The trailing ``(APA, 26.7.2015)`` of an Austrian agency text, if any."""
        last = self.text.rstrip().rsplit("\n", 1)[-1]
        m = _BYLINE.search(last)
        return m
