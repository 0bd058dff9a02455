"""Names the lists know, and organisations found by their cues: bylines, defined acronyms,
datelines, vocabulary and gazetteer names, runs ending in a legal form, "the firm X"."""

from __future__ import annotations

import bisect
import re

from digest.facts.entities.base import FinderBase
from digest.facts.entities.gazetteer import strip_accents
from digest.facts.entities.lexicon import (
    _NO_SIZES,
    ACRONYM,
    ALLCAPS,
    ARTICLE_WORDS,
    ARTICLES,
    CONNECT,
    CONNECT_IN_NAME,
    DATELINE,
    DE_LEADING,
    DE_ORG_ENDINGS,
    DE_ORG_SUFFIX,
    F_ORG_CUE,
    GENERIC_DE,
    JOINS,
    LEGAL,
    LEGAL_IN_NAME,
    MODEL_CODE,
    MODEL_NEXT,
    NOT_CAMEL,
    NOT_ORG_CAPS,
    NOT_SURNAME,
    ORG_COMPOUND,
    ORG_HEADS,
    POSSESSIVE,
    PRODUCTS,
    _is_camel,
    _is_run,
    _words,
)


class KnownNames(FinderBase):
    """Names the vocabulary, the gazetteers and the article's own furniture give."""

    # -- passes ------------------------------------------------------------------------
    def byline(self) -> None:
        m = self.ctx.byline()
        if not m:
            return
        body = self.text.rstrip()
        line_start = body.rfind("\n") + 1
        for part in re.split(r"[,/]", m["who"]):
            part = part.strip()
            pos = line_start + m.start("who") + m["who"].find(part)
            hit = self.lookup(part)
            if hit:
                self.add(hit[0], hit[1], hit[2], pos, part)
            elif re.fullmatch(r"[A-ZÄÖÜ][\w'-]+(?: [A-ZÄÖÜ][\w'-]+)+", part):
                self.add("persons", part, part, pos, part)
        first = bisect.bisect_left(self.starts, line_start + m.start())
        self.claim(first, self.n - first)

    def acronyms_defined(self) -> None:
        """``Office of Fair Trading (OFT)``: the long name, and the acronym as its alias."""
        text, starts, texts, claimed = self.text, self.starts, self.texts, self.claimed
        opens = []  # tokens right after " ("
        i = text.find(" (")
        while i >= 0:
            k = bisect.bisect_left(starts, i + 2)
            if k < len(starts) and starts[k] == i + 2:
                opens.append(k)
            i = text.find(" (", i + 1)
        for k in opens:
            end = self.ends[k]
            if text[end : end + 1] != ")":
                continue
            word = texts[k]
            if claimed[k] or not ACRONYM.fullmatch(word):
                continue
            letters = [c for c in word if c.isupper()]
            j = k - 1
            caps = 0
            while j >= 0 and k - j <= 10 and self.joined(j, k - j):
                w = texts[j]
                if w[:1].isupper():
                    caps += 1
                elif w not in CONNECT_IN_NAME:
                    break
                if caps == len(letters):
                    break
                j -= 1
            if j < 0 or caps != len(letters):
                continue
            words = texts[j:k]
            initials = [w[0].upper() for w in words if w[:1].isupper()]
            if initials != letters or any(claimed[j:k]):
                continue
            name = " ".join(words)
            hit = self.lookup(name)
            if hit and hit[0] == "persons":
                continue
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, starts[j], name)
            self.acronyms[word] = (kind, key)
            self.claim(j, k - j)
            self.add(kind, key, disp, starts[k], word)
            self.claim(k, 1)

    def dateline(self) -> None:
        """``Saalfelden – Österreich wird ...``: the place an agency report comes from."""
        nl = self.text.find("\n")
        if nl < 0:
            return
        m = DATELINE.match(self.text, nl + 1)
        if not m:
            return
        for part in m["where"].split("/"):
            part = part.strip()
            hit = self.lookup(part)
            if hit and hit[0] != "places":
                continue
            if hit is None and (part.split()[0] in self.gaz.first_names or part in NOT_SURNAME):
                continue
            kind, key, disp = hit if hit else ("places", part, part)
            pos = nl + 1 + m.group().find(part)
            self.add(kind, key, disp, pos, part)
            first = bisect.bisect_left(self.starts, pos)
            self.claim(first, bisect.bisect_left(self.starts, pos + len(part)) - first)

    def known(self) -> None:
        """Vocabulary names, countries, regions and cities; longest match first."""
        n, texts, bases, claimed = self.n, self.texts, self.bases, self.claimed
        lex = self.lex
        lex_longest = lex.longest
        # candidates: a word that starts a known name (or is not looked up yet: 1), or a
        # compound not known to name nothing; the look-up tables are filled as before, for
        # unclaimed tokens only
        seen = lex_longest.get
        compounds = self._compounds
        cands = [
            k for k, base in enumerate(bases)
            if seen(base, 1) or (
                "-" in texts[k]
                and ((done := compounds.get(texts[k])) is None or done[0] is not None)
            )
        ]
        for k in cands:
            if claimed[k]:
                continue
            word, base = texts[k], bases[k]
            compound = "-" in word
            longest = lex_longest.get(base)
            if longest is None:
                first = strip_accents(base)
                longest = lex.first_tokens.get(first, 0)
                if not longest and self.ctx.lang == "de":
                    longest = 1 if first[:-1] in lex.first_tokens else 0
                if len(lex_longest) < 200_000:
                    lex_longest[base] = longest
            if not longest and not compound:
                continue
            hit = None
            # a name of several words can only be one whose first word this is, with as many
            # words as one of those names has
            sizes = self._sizes(word) if longest > 1 else _NO_SIZES
            for size in range(min(longest, n - k), 0, -1):
                if size > 1 and (size not in sizes or not self.joined(k, size)
                                 or not self.free(k, size)):
                    continue
                hit = self.lookup(word if size == 1 else " ".join(texts[k : k + size]))
                if hit:
                    break
            surface = ""
            if hit is None and compound:
                hit, size = self._compound(word), 1
                surface = self._compound_head
            if hit is None:
                continue
            if hit[0] == "places" and not self._place_ok(k, size):
                continue
            if hit[0] == "orgs" and size == 1 and MODEL_CODE.fullmatch(word):
                nxt = texts[k + 1] if k + 1 < n and self.glued[k + 1] else ""
                if MODEL_NEXT.fullmatch(nxt):
                    continue  # "G7 X": a model name, not the G7
            if not surface:
                surface = word if size == 1 else " ".join(texts[k : k + size])
            self.add(hit[0], hit[1], hit[2], self.starts[k], surface)
            self.claim(k, size)


class OrgRules(KnownNames):
    """Organisations by their cues, and their short forms merged into one name."""

    def org_runs(self) -> None:
        """Title-case runs with an organisation word (English) or ending in a legal form."""
        n, texts, bases, claimed = self.n, self.texts, self.bases, self.claimed
        heads = ORG_HEADS | LEGAL if self.ctx.lang == "en" else LEGAL
        if heads.isdisjoint(bases):
            return
        caps, glued, flags = self.caps, self.glued, self.flags
        k = 0
        while k < n:
            if claimed[k] or not caps[k] or texts[k] in ARTICLES:
                k += 1
                continue
            j = last = k
            while (
                not POSSESSIVE.search(texts[j]) and j + 1 < n
                and glued[j + 1] and not claimed[j + 1]
            ):
                nxt = texts[j + 1]
                if nxt in JOINS and self._ends_name(k, j):
                    break  # "Vertex Data SE und Talwerk Wind AG": two companies
                if nxt[:1].isupper() or nxt[:1].isdigit():
                    j = last = j + 1
                elif (
                    nxt in CONNECT and j + 2 < n and glued[j + 2]
                    and texts[j + 2][:1].isupper() and not claimed[j + 2]
                ):
                    j += 1
                else:
                    break
            start = k
            if texts[k] in ("In", "At", "From", "For", "On", "By", "With", "But", "And"):
                start = k + 1
            words = texts[start : last + 1]
            k = last + 1
            if not words:
                continue
            while last - start >= 2 and self.ctx.lang == "de" and (
                texts[start] in GENERIC_DE or flags[start] & F_ORG_CUE
                or texts[start] in DE_LEADING or ORG_COMPOUND.search(texts[start])
                or texts[start].endswith("agentur")
            ):
                start += 1  # "Die Brauerei Hofbräu Nord GmbH": the name starts after the noun
            if self.ctx.lang == "de":
                for i in range(last - 1, start - 1, -1):
                    if texts[i] in ("von", "vom", "der", "des", "dem"):
                        start = i + 1  # "Aktie von Baltica Capital AG", "Chefin der
                        break  # Talwerk Wind AG": the name follows
            words = texts[start : last + 1]
            bare = bases[start : last + 1]
            caps_n = sum(1 for w in words if w[:1].isupper())
            legal = bare[-1] in LEGAL and len(words) >= 2
            headed = self.ctx.lang == "en" and caps_n >= 2 and any(w in ORG_HEADS for w in bare)
            if not (legal or headed):
                continue
            cut = len(bare)
            while legal and cut > 1 and (bare[cut - 1] in LEGAL or bare[cut - 1] == "&") and (
                bare[cut - 1] not in LEGAL_IN_NAME
            ):
                cut -= 1  # "Müller Logistik GmbH & Co. KG" -> "Müller Logistik"
            name = " ".join(bare[:cut])
            hit = self.lookup(name)
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, self.starts[start], name)
            self.claim(start, last + 1 - start)

    def org_cues(self) -> None:
        claimed = self.claimed
        for m in self._source_cues():
            name = m["n"]
            idx = self._tok_at(m.start("n"))
            if idx is None or claimed[idx] or not self._org_like(name.split()[0]):
                continue
            if name.split()[0] in self.gaz.first_names:
                continue
            size = len(name.split())
            self.add("orgs", name, name, m.start("n"), name)
            self.claim(idx, size)
        articles = ARTICLE_WORDS[self.ctx.lang]
        de = self.ctx.lang == "de"
        texts, bases, plains, starts = self.texts, self.bases, self.plains, self.starts
        # candidates: not a plain capitalised word, or a German body ("Finanzministerium")
        bodies = self.bodies
        if de:
            cands = [k for k, plain in enumerate(plains) if not plain or bodies[k]]
        else:
            cands = [k for k, plain in enumerate(plains) if not plain]
        for k in cands:
            if claimed[k]:
                continue
            base = bases[k]
            if plains[k]:
                # plain capitalised word: only German bodies ("Finanzministerium")
                if de and base.endswith(DE_ORG_ENDINGS) and DE_ORG_SUFFIX.match(base):
                    self.add("orgs", base, base, starts[k], base)
                    self.claim(k, 1)
                continue
            word = texts[k]
            if _is_camel(base):
                if word in PRODUCTS or word in LEGAL or NOT_CAMEL.match(word):
                    continue
                self.add("orgs", base, base, starts[k], base)
                self.claim(k, 1)
                continue
            if not ALLCAPS.fullmatch(base) or base in NOT_ORG_CAPS:
                continue
            if self.lookup(base) is not None:
                continue
            if base in self.acronyms:
                kind, key = self.acronyms[base]
                ent = self.ents.get((kind, key))
                if ent is not None:
                    ent.surfaces.append((starts[k], base))
                    self.claim(k, 1)
                    continue
            prev = self.prev_word(k)
            if prev in articles or (not de and base != word):
                # "the IAAF", "die WKStA", "the IAAF's decision": an organisation
                self.add("orgs", base, base, starts[k], base)
                self.claim(k, 1)

    def merge_orgs(self) -> None:
        """``Kaspersky`` after ``Kaspersky Lab``, an acronym after its long name: one org."""
        orgs = sorted((e for e in self.ents.values() if e.kind == "orgs"), key=lambda e: e.first)
        words = {id(e): _words(e.display) for e in orgs}
        initials: dict[int, str] = {}
        gone: set[int] = set()  # merged away in this loop (and so no longer in self.ents)
        for e in orgs:
            if e.key in self.acronyms and self.acronyms[e.key] != ("orgs", e.key):
                continue
            acronym = e.display.isupper() and len(e.display) >= 3
            a = words[id(e)]
            long_enough = len("".join(a)) >= 4
            for other in orgs:
                if other is e or id(other) in gone:
                    continue
                if id(e) in gone:
                    break
                b = words[id(other)]
                if acronym:
                    caps = initials.get(id(other))
                    if caps is None:
                        caps = initials[id(other)] = "".join(
                            w[0] for w in other.display.split() if w[:1].isupper()
                        )
                if acronym and e.display == caps:
                    # "IAAF" after "International Association of Athletics Federations"
                    other.first = min(other.first, e.first)
                    other.surfaces.extend(e.surfaces)
                    del self.ents[(e.kind, e.key)]
                    gone.add(id(e))
                    break
                if len(a) < len(b) and _is_run(a, b) and long_enough:
                    other.first = min(other.first, e.first)
                    del self.ents[(e.kind, e.key)]
                    gone.add(id(e))
                    break
