"""The merge policy: the recognizer proposes names, the vocabulary and the rules decide.

1. Names the rules report (vocabulary, gazetteers, cues) stay as they are, with their kind:
   a name the model finds that is one of them, or a whole-token run of one, adds nothing.
2. A model name is cleaned first: quotes and punctuation at its edges, a leading article
   ("der", "the"), a possessive ("Google's") and a German genitive "s" when the bare form
   stands in the text ("Schäubles" -> "Schäuble") are removed.
3. It is refused when it cannot be a name: no capital letter, digits only, one letter.
4. A single German word that is a common noun ("Regierung", "Jänner" is in the list of
   non-names too) is refused unless it also appears as part of a longer name.
5. One kind per name in an article: the kind the model gives most often (first on a tie).
6. A name that is a whole-token run of a longer name of the same kind in the article
   ("Merkel" next to "Angela Merkel") is that longer name.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from digest.facts.ner import Mention
from digest.vocabulary import Vocabulary, fold

KINDS = ("orgs", "places", "persons")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_ARTICLE = {"de": ("der ", "die ", "das ", "den ", "dem ", "des "), "en": ("the ",)}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = re.compile(r"\w+")
ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,5}")


def _words(name: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(name))


def _is_run(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return 0 < n <= len(long) and any(long[i: i + n] == short for i in range(len(long) - n + 1))


def clean(name: str, lang: str, text: str) -> str:
    """A model name without what is not part of the name."""
    name = _EDGE.sub("", " ".join(name.split()))
    lowered = name.casefold()
    for article in _ARTICLE.get(lang, ()):
        if lowered.startswith(article) and len(name) > len(article):
            name = name[len(article):]
            break
    name = _POSSESSIVE.sub("", name)
    if lang == "de" and len(name) > 3 and name.endswith("s") and not name.endswith("ss"):
        bare = name[:-1]
        if (re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", text)
                or bare.lower() in german_names()):
            name = bare
    return name


@functools.cache
def german_nouns() -> frozenset[str]:
    """Every form of every German common noun, lower case (the compound splitter's list)."""
    from digest.compounds import lexicon

    return frozenset(lexicon().lemmas)


@functools.cache
def german_names() -> frozenset[str]:
    """Place and person names (lower case) the noun list knows: "Italiens" is Italien's."""
    from digest.compounds import lexicon

    return frozenset(lexicon().names)


def plausible(name: str, lang: str, nouns: frozenset[str] | None) -> bool:
    """Whether a cleaned model name can be a name at all."""
    if len(name) < 2 or not any(c.isupper() for c in name) or any(c.isdigit() for c in name):
        return False
    words = name.split()
    if len(words) == 1 and ACRONYM.fullmatch(name):
        return False  # WLAN, GSM, OLED: technical terms far more often than unknown firms
    if lang == "de" and nouns is not None and len(words) == 1:
        head = name.rsplit("-", 1)[-1].lower()
        if name.lower() in nouns or ("-" in name and head in nouns):
            return False  # Regierung, KI-Offensive, Internet-Händler
    return True


def merge(
    rules: Mapping[str, tuple[str, ...]], found: Iterable[Mention], *, lang: str, text: str,
    vocab: Vocabulary, nouns: frozenset[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The rules' names, then the model's names the policy admits, each kind in text order."""
    found = list(found)
    known = [(k, _words(n)) for k in KINDS for n in rules.get(k, ())]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    spelling: dict[str, str] = {}
    first: dict[str, int] = {}
    inside: dict[str, bool] = defaultdict(bool)
    for m in found:
        name = clean(m.text, lang, text)
        key = fold(name)
        if not key:
            continue
        votes[key][m.kind] += 1
        spelling.setdefault(key, name)
        first.setdefault(key, m.start)
        inside[key] |= not m.sentence_start
    candidates: list[tuple[int, str, str]] = []
    for key, counter in votes.items():
        name = spelling[key]
        kind = counter.most_common(1)[0][0]
        words = _words(name)
        if vocab.kind_of(name) is not None or any(_is_run(words, w) or _is_run(w, words)
                                                  for _, w in known):
            continue
        part_of_longer = any(k2 != key and _is_run(words, _words(spelling[k2]))
                             for k2 in votes)
        if not part_of_longer and not plausible(name, lang, nouns):
            continue
        if len(words) == 1 and not inside[key] and not part_of_longer:
            continue  # only ever at a sentence's start: "Beruhigt", "Insgesamt"
        candidates.append((first[key], kind, name))
    out = {k: list(rules.get(k, ())) for k in KINDS}
    admitted = [(kind, _words(name)) for _, kind, name in candidates]
    for _, kind, name in sorted(candidates):
        words = _words(name)
        if any(k == kind and w != words and _is_run(words, w) for k, w in admitted):
            continue  # "Merkel" beside "Angela Merkel": the longer name stands for both
        out[kind].append(name)
    return {k: tuple(v) for k, v in out.items()}
