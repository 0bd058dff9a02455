"""The merge policy: the recognizer proposes names, the vocabulary and the rules decide.

1. Names the rules report (vocabulary, gazetteers, cues) stay as they are, with their kind:
   a name the model finds that is one of them, or a whole-token run of one, adds nothing.
2. A model name is cleaned first: quotes and punctuation at its edges, a leading article
   ("der", "the"), a possessive ("Google's") and a German genitive "s" when the bare form
   stands in the text ("Schäubles" -> "Schäuble") are removed.
3. It is refused when it cannot be a name: no capital letter, a digit, one letter, a single
   month or weekday name ("Jänner", "May"), a German compound whose last part is a common
   noun ("KI-Offensive"). (Names the vocabulary lists under ``never`` are dropped after the
   merge, by ``finder.extract``, the rules' names too.)
4. A single German word the model finds only ever at a sentence's start ("Beruhigt") is
   refused; both rules 3 and 4 spare a word that is part of a longer name in the article.
5. One kind per name in an article: the kind the model gives most often (first on a tie).
6. A name that is a whole-token run of a longer name of the same kind in the article
   ("Merkel" next to "Angela Merkel") is that longer name.
7. What the model finds in a line written in capitals (a wire headline, "JAPAN GET LUCKY
   WIN") is ignored: it reads capitals as names.
8. A place right after an organisation the rules know ("AOL Europe") names the firm's arm.
9. A name of several words ending in an organisation word ("Kaspersky Lab", "… Council",
   "… GmbH"), or right after a noun that names a firm ("die Investmentbank X", "the retailer
   X"), is an organisation, whatever kind the model gave it.
10. A name the rules give that stands in the text only inside longer names the model found
   is part of that name: a place in any name ("Dortmund" in "Borussia Dortmund"), a name
   of the same kind that the vocabulary does not list ("TU" in "TU Berlin"); the longer
   name, without a legal form, replaces it.

Each rule was kept for what it does to ``make eval`` and the development splits
(``make eval-ner``); rules that cost more than they gave there were dropped: refusing
bare acronyms ("BAKOM", "UMP" are mostly real organisations) and single German common
nouns (the noun list holds many names), and refusing English sentence-initial words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from digest.facts.entities.lexicon import LEGAL, LEGAL_IN_NAME, ORG_CUES, ORG_HEADS
from digest.facts.entities.ner import Mention
from digest.vocabulary import Vocabulary, fold

KINDS = ("orgs", "places", "persons")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_ARTICLE = {"de": ("der ", "die ", "das ", "den ", "dem ", "des "), "en": ("the ",)}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = re.compile(r"\w+")
_PREV_WORD = re.compile(r"([\w-]+)[ \u00a0]+$")
"""The word right before a name."""
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
"""An abbreviation written with full stops: "U.S.", "U.N."."""
_ORG_WORDS = frozenset(w.rstrip(".") for w in LEGAL | ORG_HEADS)
"""A name of several words that ends in one of these is an organisation's."""


def _words(name: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(name))


def _is_run(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return 0 < n <= len(long) and any(long[i: i + n] == short for i in range(len(long) - n + 1))


def _after(text: str, start: int, names: tuple[str, ...]) -> bool:
    """Whether one of ``names`` stands right before ``start``, one space between."""
    before = text[max(0, start - 80): start]
    return before.endswith(" ") and any(
        before[:-1].endswith(n) and not before[:-1][-len(n) - 1: -len(n)].isalnum()
        for n in names)


def _in_capitals(text: str, start: int) -> bool:
    """Whether ``start`` is in a line of three words or more written in capitals (a wire
    headline): what the recognizer finds there is no evidence of a name."""
    first = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    line = text[first: end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def clean(name: str, lang: str, text: str) -> str:
    """A model name without what is not part of the name."""
    name = _EDGE.sub("", " ".join(name.split()))
    if _DOTTED.fullmatch(name + "."):
        name += "."  # "U.S.", "U.N.": the full stop closes the abbreviation
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
    from digest.facts.compounds import lexicon

    return frozenset(lexicon().lemmas)


@functools.cache
def german_names() -> frozenset[str]:
    """Place and person names (lower case) the noun list knows: "Italiens" is Italien's."""
    from digest.facts.compounds import lexicon

    return frozenset(lexicon().names)


@functools.cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names in German and English, folded: never a name on their own."""
    from babel import Locale

    from digest.datewords import MONTH_WORDS

    words = {fold(w.rstrip(".")) for table in MONTH_WORDS.values() for w in table}
    for locale in ("de", "en"):
        for width in ("wide", "abbreviated"):
            days = Locale.parse(locale).days["format"][width].values()
            words.update(fold(w.rstrip(".")) for w in days)
    return frozenset(words)


def plausible(name: str, lang: str, nouns: frozenset[str] | None) -> bool:
    """Whether a cleaned model name can be a name at all."""
    if len(name) < 2 or not any(c.isupper() for c in name) or any(c.isdigit() for c in name):
        return False
    words = name.split()
    if len(words) == 1 and fold(name) in calendar_words():
        return False  # Jänner, Montag, May
    # KI-Offensive, Internet-Händler: a German compound whose last part is a common noun
    return not (lang == "de" and nouns is not None and len(words) == 1 and "-" in name
                and name.rsplit("-", 1)[-1].lower() in nouns)


def merge(
    rules: Mapping[str, tuple[str, ...]], found: Iterable[Mention], *, lang: str, text: str,
    vocab: Vocabulary, nouns: frozenset[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The rules' names in their order (the title's first), then the model's names the
    policy admits, in text order."""
    cleaned = [(m, clean(m.text, lang, text)) for m in found]
    known = [(k, _words(n)) for k in KINDS for n in rules.get(k, ())]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    spelling: dict[str, str] = {}
    first: dict[str, int] = {}
    inside: dict[str, bool] = defaultdict(bool)
    orgs = tuple(rules.get("orgs", ()))
    for m, name in cleaned:
        key = fold(name)
        if not key or (m.kind == "places" and _after(text, m.start, orgs)):
            continue  # "AOL Europe", "Google Deutschland": the firm's arm, not a place
        if _in_capitals(text, m.start):
            continue  # "JAPAN GET LUCKY WIN": the recognizer reads capitals as names
        last = name.rsplit(" ", 1)
        kind = "orgs" if len(last) == 2 and last[1].rstrip(".") in _ORG_WORDS else m.kind
        cue = _PREV_WORD.search(text, max(0, m.start - 40), m.start)
        if cue and ORG_CUES[lang].match(cue[1]):
            kind = "orgs"  # "die Investmentbank Morgan Stanley", "the retailer Argos"
        votes[key][kind] += 1  # "Kaspersky Lab", "Harwell Investment Council": firms
        spelling.setdefault(key, name)
        first.setdefault(key, m.start)
        inside[key] |= not m.sentence_start
    candidates: list[tuple[int, str, str]] = []
    for key, counter in votes.items():
        name = spelling[key]
        kind = counter.most_common(1)[0][0]
        words = _words(name)
        if vocab.kind_of(name) is not None or any(
                _is_run(words, w) or (k == kind and _is_run(w, words)) for k, w in known):
            continue  # the rules' name, a part of it or it with more words ("Talwerk AG");
            # "Statistik Austria" beside the place stays
        part_of_longer = any(k2 != key and _is_run(words, _words(spelling[k2]))
                             for k2 in votes)
        if not part_of_longer and not plausible(name, lang, nouns):
            continue
        if lang == "de" and len(words) == 1 and not inside[key] and not part_of_longer:
            continue  # only ever at a sentence's start: "Beruhigt", "Insgesamt"
        candidates.append((first[key], kind, name))
    out = {k: list(rules.get(k, ())) for k in KINDS}
    _absorb(out, cleaned, candidates, text=text, vocab=vocab, nouns=nouns)
    admitted = [(kind, _words(name)) for _, kind, name in candidates]
    for _, kind, name in sorted(candidates):
        words = _words(name)
        if any(k == kind and w != words and _is_run(words, w) for k, w in admitted):
            continue  # "Merkel" beside "Angela Merkel": the longer name stands for both
        if name not in out[kind]:
            out[kind].append(name)
    return {k: tuple(v) for k, v in out.items()}


_LEGAL_TAIL = frozenset(w.rstrip(".") for w in LEGAL - LEGAL_IN_NAME)


def _bare(name: str) -> str:
    """``name`` without a trailing legal form: "Talwerk Wind GmbH & Co. KG" -> "Talwerk Wind"."""
    words = name.split()
    while len(words) > 1 and (words[-1].rstrip(".") in _LEGAL_TAIL or not _WORD.search(words[-1])):
        words.pop()
    return " ".join(words)


def _host(name: str, kind: str, span: tuple[int, int], hosts: list[tuple[Mention, str]],
          nouns: frozenset[str] | None) -> tuple[Mention, str] | None:
    """The longer model name that holds the mention of ``name`` at ``span``, if one may."""
    words = name.split()
    for m, host in hosts:
        if not (m.start <= span[0] and span[1] <= m.end and len(host.split()) > len(words)):
            continue
        if kind == "places" or (kind == m.kind and not (nouns and any(
                w.lower() in nouns for w in host.split() if w not in words))):
            return m, host
    return None


def _absorb(out: dict[str, list[str]], cleaned: list[tuple[Mention, str]],
            candidates: list[tuple[int, str, str]], *, text: str, vocab: Vocabulary,
            nouns: frozenset[str] | None) -> None:
    """A rules name that stands in the text only inside longer names the recognizer found is
    a part of that name: a place in any name ("Dortmund" in "Borussia Dortmund"), a name of
    the same kind the vocabulary does not list ("TU" in "TU Berlin"), unless the other words
    are common nouns ("Brauerei Hofbräu Nord": the brewery Hofbräu Nord)."""
    hosts = [(m, n) for m, n in ((m, _bare(c)) for m, c in cleaned) if len(n.split()) > 1]
    if not hosts:
        return  # no longer name to be part of: the text is not searched for each name
    for kind in KINDS:
        for name in list(out[kind]):
            if kind != "places" and vocab.kind_of(name) is not None:
                continue
            within = [_host(name, kind, h.span(), hosts, nouns) for h in re.finditer(
                rf"(?<![\w-]){re.escape(name)}(?:s|es|n)?(?![\w-])", text)]
            first = within[0] if within else None
            if first is None or None in within or fold(first[1]) == fold(name):
                continue
            m, whole = first
            out[kind].remove(name)
            if all(fold(n) != fold(whole) for _, _, n in candidates):
                candidates.append((m.start, m.kind, whole))
