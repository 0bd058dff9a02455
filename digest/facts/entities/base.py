"""The finder's state and the look-ups every rule shares: the tokens of one article, the
names found so far and where, and what the vocabulary and gazetteers know of a word."""

from __future__ import annotations

import bisect
import re
from typing import Any

from digest.facts.context import Context, find_words, finditer_from
from digest.facts.entities.gazetteer import load, strip_accents
from digest.facts.entities.lexicon import (
    _CAND,
    _NO_SIZES,
    _NO_WORD_END,
    _PUNCT,
    _WORD_AT,
    _WORDS,
    ALLCAPS,
    ARTICLES,
    LEGAL,
    LOWER_NAMES,
    NOT_SURNAME,
    ORG_COMPOUND,
    PLACE_NAME_HEADS,
    POSSESSIVE,
    ROLE_PREFIX_OK,
    SOURCE_CUE,
    SOURCE_CUE_STARTS,
    _Ent,
    _is_run,
    _lexicon,
    _org_like,
    _Word,
    _word,
    _words,
)


class FinderBase:
    """One article's names as the rules find them, each claimed span once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.gaz = load()
        self.lex = _lexicon(ctx.vocab, self.gaz)
        # the tokens, one list per attribute (index k is token k)
        starts, ends, texts, glued, infos = _tokens(ctx.text, ctx.lang)
        self.starts, self.ends, self.texts, self.glued = starts, ends, texts, glued
        self.n = n = len(starts)
        columns: list[tuple[Any, ...]] = list(zip(*infos, strict=True)) or [()] * 5
        self.caps: tuple[bool, ...] = columns[0]
        """Capitalised."""
        self.bases: tuple[str, ...] = columns[1]
        """The word without a possessive ``'s``."""
        self.plains: tuple[bool, ...] = columns[2]
        """The base is a plain capitalised word (lower case after the first letter)."""
        self.bodies: tuple[bool, ...] = columns[3]
        """The base ends like a German body (``-ministerium``)."""
        self.flags: tuple[int, ...] = columns[4]
        """The ``F_*`` facts of the word."""
        self.claimed = claimed = [False] * n
        self._prevs: dict[int, str] = {}
        # figures of amounts and dates ("US-Dollar", "Juli") are not names: mark the tokens
        # that overlap a claimed span (a token overlaps [s, e) when it starts before e and
        # ends after s, so it starts after s - the longest token)
        if ctx.claims and n:
            longest = max([e - s for s, e in zip(starts, ends, strict=True)])
            for s, e in set(ctx.claims):  # money claims its amounts twice
                j = bisect.bisect_left(starts, e) - 1
                while j >= 0 and starts[j] > s - longest:
                    if ends[j] > s:
                        claimed[j] = True
                    j -= 1
        self.ents: dict[tuple[str, str], _Ent] = {}
        self.acronyms: dict[str, tuple[str, str]] = {}
        self._compound_head = ""
        self._lookups = self.lex.memo.setdefault(ctx.lang, {})
        self._compounds = self.lex.compounds.setdefault(ctx.lang, {})

    # -- bookkeeping -------------------------------------------------------------------
    def add(self, kind: str, key: str, display: str, pos: int, surface: str) -> None:
        ent = self.ents.get((kind, key))
        if ent is None:
            ent = _Ent(kind, key, display, pos)
            self.ents[(kind, key)] = ent
        ent.first = min(ent.first, pos)
        ent.surfaces.append((pos, surface))

    def claim(self, i: int, n: int) -> None:
        end = min(i + n, self.n)
        if end > i:
            self.claimed[i:end] = [True] * (end - i)

    def free(self, i: int, n: int) -> bool:
        if n == 1:
            return i < self.n and not self.claimed[i]
        return i + n <= self.n and not any(self.claimed[i : i + n])

    def joined(self, i: int, n: int) -> bool:
        """Tokens i..i+n-1 are one run of words separated by single spaces."""
        if n == 2:
            return self.glued[i + 1]
        return all(self.glued[i + 1 : i + n])

    def sentence_start(self, i: int) -> bool:
        return self.ctx.is_sentence_start(self.starts[i])

    def prev_word(self, k: int) -> str:
        """The word right before token k (any case), empty after punctuation."""
        prev = self._prevs.get(k)
        if prev is None:
            start, text = self.starts[k], self.text
            # the usual cases without a word: no single space before, or punctuation
            if start < 2 or text[start - 1] != " " or text[start - 2] in _NO_WORD_END:
                prev = ""
            else:
                prev = _prev_word(text, start)
            self._prevs[k] = prev
        return prev

    # -- look-ups ----------------------------------------------------------------------
    def lookup(self, words: str) -> tuple[str, str, str] | None:
        """(kind, key, display) of a known name, trying possessive and genitive forms."""
        memo = self._lookups
        if words in memo:
            return memo[words]
        hit = self._lookup(words)
        if len(memo) < 200_000:
            memo[words] = hit
        return hit

    def _lookup(self, words: str) -> tuple[str, str, str] | None:
        forms = [words]
        base = POSSESSIVE.sub("", words)
        if base != words:
            forms.append(base)
        if (self.ctx.lang == "de" and words.endswith("s") and len(words) > 4
                and words not in self.gaz.first_names):
            forms.append(words[:-1])  # genitive: "Italiens", "Chinas"
        for form in forms:
            c = strip_accents(form)
            if c in self.lex.names:
                kind, canonical = self.lex.names[c]
                return kind, canonical, canonical
            place = self.gaz.places.get(c)
            if place is not None:
                if place.kind == "country":
                    return "places", place.key, self._country_display(place.key, form)
                return "places", place.key, place.key
        return None

    def _country_display(self, code: str, surface: str) -> str:
        if self.ctx.lang == "de":
            # a one-word name as written ("Mazedonien", "Holland"); inflected and
            # abbreviated forms ("Vereinigten Staaten", "US") by the German name
            preferred = self.gaz.country_names["de"].get(code, surface)
            if " " not in surface and not surface.isupper() and "." not in surface:
                return surface
            return preferred
        return surface.replace(".", "") if len(surface) <= 5 else surface

    def _sizes(self, word: str) -> frozenset[int]:
        sizes = self.lex.sizes.get(word)
        if sizes is None:
            sizes = self.lex.first_sizes.get(strip_accents(word), _NO_SIZES)
            if len(self.lex.sizes) < 200_000:
                self.lex.sizes[word] = sizes
        return sizes

    def _compound(self, word: str) -> tuple[str, str, str] | None:
        """``Bank-Austria-Mutter`` -> Bank Austria, ``US-Markt`` -> USA, not ``US-amerikanisch``."""
        done = self._compounds.get(word)
        if done is None:
            hit = self._compound_uncached(word)
            done = (hit, self._compound_head)
            if len(self._compounds) < 200_000:
                self._compounds[word] = done
        self._compound_head = done[1]
        return done[0]

    def _compound_uncached(self, word: str) -> tuple[str, str, str] | None:
        parts = word.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            rest = parts[cut]
            if not rest[:1].isupper() and not rest[:1].isdigit():
                return None
            head = "-".join(parts[:cut])
            for cand in (head, head.replace("-", " ")):
                self._compound_head = cand
                hit = self.lookup(cand)
                if hit and hit[0] == "places" and cut == len(parts) - 1 and (
                    ORG_COMPOUND.match(rest)
                ):
                    return "orgs", cand, cand  # "Ufa-Chef": a firm, not the city
                if hit:
                    return hit
        return None

    def _place_ok(self, k: int, size: int) -> bool:
        """A place word inside a longer name (``London Quarter``, ``AOL Europe``) is not a place."""
        texts, caps, n = self.texts, self.caps, self.n
        nxt = k + size if k + size < n else None
        prv = k - 1 if k > 0 else None
        joined_next = nxt is not None and self.glued[k + size]
        joined_prev = prv is not None and self.glued[k]
        if joined_next and nxt is not None and texts[nxt] in PLACE_NAME_HEADS:
            return False
        if joined_next and self._legal_follows(k + size):
            return False  # "Ashford Solar Inc", "Amazon Deutschland GmbH": a company
        if self.ctx.lang == "en":
            if joined_next and nxt is not None and caps[nxt] and not POSSESSIVE.search(
                texts[k + size - 1]
            ) and not self._is_place(texts[nxt]) and texts[nxt] not in NOT_SURNAME:
                return False
            if (
                joined_prev and prv is not None and caps[prv] and not self._is_place(texts[prv])
                and texts[prv] not in ROLE_PREFIX_OK
                and (not self.sentence_start(prv) or self.lookup(texts[prv]) is not None)
            ):
                return False
        return True

    def _legal_follows(self, k: int) -> bool:
        """Whether the capitalised words from token k end in a legal form within three."""
        for j in range(k, min(k + 3, self.n)):
            if self.bases[j] in LEGAL and self.bases[j] not in ("Group", "Gruppe"):
                return True
            if not self.caps[j] or (j > k and not self.glued[j]):
                return False
        return False

    def _prev(self, k: int) -> str:
        """The word before token k; German cue words are nouns, so tokens themselves."""
        if self.ctx.lang == "de":
            return self.texts[k - 1] if k and self.glued[k] else ""
        return self.prev_word(k)

    def _is_place(self, word: str) -> bool:
        hit = self.lookup(word)
        return hit is not None and hit[0] == "places"

    def _source_cues(self) -> list[re.Match[str]]:
        """``SOURCE_CUE[lang].finditer(text)``, tried only where its first word is."""
        lang = self.ctx.lang
        return finditer_from(SOURCE_CUE[lang], self.text, SOURCE_CUE_STARTS[lang])

    def _org_like(self, word: str) -> bool:
        """Looks like a name rather than an ordinary (German) noun."""
        return _org_like(word, self.ctx.lang)

    def _tok_at(self, pos: int) -> int | None:
        k = bisect.bisect_left(self.starts, pos)
        return k if k < len(self.starts) and self.starts[k] == pos else None

    def _ends_name(self, k: int, j: int) -> bool:
        """Whether the run ``k..j`` before an "und"/"and" is a whole name of its own: it
        ends in a legal form (not "GmbH & Co. KG"), it is a known name, or it has two or
        more capitalised words ("Alpenblick Textil und Eisenberg Medien AG"), unlike
        "Marks and Spencer" or "Food and Drug Administration"."""
        texts, bases = self.texts, self.bases
        if bases[j] in LEGAL:
            return j > k and not (j + 2 < self.n and bases[j + 2] in ("Co", "Co."))
        words = [w for w in texts[k : j + 1] if w not in ARTICLES]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            return True
        if len(words) != 1:
            return False
        word = bases[j]
        return (
            ALLCAPS.fullmatch(word) is not None  # "TSMC und Harbor Networks SE"
            or ("orgs", word) in self.ents
            or self.lookup(word) is not None
        )

    def _org_display(self, ent: _Ent) -> str:
        """The first full form in the text: English names as written, German inflected
        forms (``Europäischen Zentralbank``) by their canonical name."""
        title_end = max(self.text.find("\n"), 0)
        ordered = sorted(ent.surfaces, key=lambda ps: (ps[0] <= title_end, ps[0]))
        for _, surface in ordered:
            s = POSSESSIVE.sub("", surface)
            if self.ctx.lang == "de" and "-" in s and s != ent.display:
                continue  # "Bank-Austria-Mutter", "Unicredit-Chef"
            if _is_run(_words(ent.display), _words(s)):
                return ent.display  # "BBC News website" -> BBC
            if s == ent.display or self.ctx.lang == "en" or s.isupper():
                return s
            return ent.display
        return ent.display


def _tokens(
    text: str, lang: str
) -> tuple[list[int], list[int], list[str], list[bool], list[_Word]]:
    """Candidate name words with offsets; plain lower-case words are skipped."""
    found: list[tuple[int, str, str | None]] = [
        (m.start(), m[1], m[2]) for m in list(_CAND.finditer(text))
    ]
    extra = find_words(text, LOWER_NAMES)
    if extra:
        found += [(i, m.group(), None) for i in extra if (m := _WORD_AT.match(text, i))]
        found.sort()
    starts: list[int] = []
    words: list[str] = []
    glued: list[bool] = []
    add_start, add_word, add_glued = starts.append, words.append, glued.append
    tags = "#" in text or "@" in text
    last_end = -2
    for start, word, conn in found:
        if tags and start and text[start - 1] in "#@":
            last_end = -2  # a hashtag or handle: no name, and the next word is not glued
            continue
        add_glued(start == last_end + 1 and text[start - 1] == " ")
        if word[-1] in "'’":
            word = word[:-1]
        add_start(start)
        add_word(word)
        last_end = start + len(word)
        if conn:
            last_end += 1
            add_start(last_end)
            add_word(conn)
            add_glued(True)
            last_end += len(conn)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    known = _WORDS[lang].get
    infos = [known(w) or _word(w, lang) for w in words]
    return starts, ends, words, glued, infos


def _prev_word(text: str, start: int) -> str:
    """The word right before ``start`` when only one space separates them."""
    if start < 2 or text[start - 1] != " ":
        return ""
    j = max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1
    word = text[j : start - 1]
    if not word or word[-1] in _PUNCT:
        return ""
    return word.lstrip(_PUNCT)
