"""People: first names and titles, appositions ("the chief executive, X"), and surnames
that stand for a full name mentioned before."""

from __future__ import annotations

from digest.facts.entities.lexicon import (
    F_FIRST,
    F_HONORIFIC,
    F_ORG_CUE,
    F_ORG_LIKE,
    F_ROLE,
    F_ROYAL,
    HONORIFIC,
    LEGAL,
    NOT_SURNAME,
    ORG_HEADS,
    POSSESSIVE,
    ROMAN,
    ROYAL,
    SURNAME,
    SURNAME_ONLY,
    _is_org_cue,
    _is_role,
)
from digest.facts.entities.rules import OrgRules


class PersonRules(OrgRules):
    """People, found after the organisations so that a firm is never read as a person."""

    def persons(self) -> None:
        n, texts, caps, glued, flags = self.n, self.texts, self.caps, self.glued, self.flags
        claimed, starts = self.claimed, self.starts
        is_role = _is_role[self.ctx.lang]
        if self.ctx.lang == "de":
            # a German cue is the token before: royals, first names and cued words up front
            cands = [
                k for k in range(n)
                if caps[k] and (
                    flags[k] & (F_ROYAL | F_FIRST)
                    or (k and glued[k] and flags[k - 1] & F_ROLE)
                )
            ]
        else:
            cands = [k for k, cap in enumerate(caps) if cap]
        for k in cands:
            if claimed[k]:
                continue
            word = texts[k]
            if word in ROYAL:
                if self.free(k + 1, 1) and glued[k + 1] and caps[k + 1]:
                    size = 2
                    if k + 2 < n and glued[k + 2] and ROMAN.match(texts[k + 2]):
                        size = 3
                    name = " ".join(texts[k : k + size])
                    if size == 3 and self.text[self.ends[k + 2] : self.ends[k + 2] + 1] == ".":
                        name += "."
                    self.add("persons", name, name, starts[k], name)
                    self.claim(k, size)
                continue
            if flags[k] & F_HONORIFIC:
                continue
            is_first = flags[k] & F_FIRST
            cue = False
            if not is_first:
                prev = self._prev(k)
                if prev:
                    cue = prev in HONORIFIC or is_role(prev)
            if is_first or cue:
                size = self._surname_run(k)
                if size == 0 and not cue:
                    continue
                if size == 0 and cue:
                    # "Mr Greenspan", "Minister Hundstorfer": a surname on its own
                    if self.lookup(word) is not None or word in NOT_SURNAME:
                        continue
                    if not SURNAME_ONLY.fullmatch(word):
                        continue
                    name = POSSESSIVE.sub("", word)
                    self.add("persons", name, name, starts[k], name)
                    self.claim(k, 1)
                    continue
                name = POSSESSIVE.sub("", " ".join(texts[k : k + size + 1]))
                self.add("persons", name, name, starts[k], name)
                self.claim(k, size + 1)

    def _surname_run(self, k: int) -> int:
        n, texts = self.n, self.texts
        size = 0
        while (
            size < 3 and k + size + 1 < n and not self.claimed[k + size + 1]
            and self.glued[k + size + 1]
        ):
            w = texts[k + size + 1]
            if POSSESSIVE.search(texts[k + size]):
                break
            base = POSSESSIVE.sub("", w)
            if not SURNAME.fullmatch(base):
                break
            if base in NOT_SURNAME or self.lookup(base) is not None:
                break
            if base in ORG_HEADS or base in LEGAL or base in ROYAL:
                return 0
            size += 1
            if POSSESSIVE.search(w):
                break
        return size

    def surnames(self) -> None:
        """A surname on its own after (or before) the full name is the same person."""
        by_last: dict[str, tuple[str, str]] = {}
        for kind, key in self.ents:
            if kind == "persons" and " " in key:
                last = key.split(" ")[-1]
                if not ROMAN.match(last):
                    by_last[last] = (kind, key)
        if not by_last:
            return
        # German genitive: "Faymanns" for Faymann
        wanted = set(by_last)
        if self.ctx.lang == "de":
            wanted |= {last + "s" for last in by_last}
        bases, caps, claimed = self.bases, self.caps, self.claimed
        cands = [k for k in range(self.n) if bases[k] in wanted and caps[k]]
        for k in cands:
            if claimed[k]:
                continue
            base = bases[k]
            if self.ctx.lang == "de" and base not in by_last and base.endswith("s"):
                base = base[:-1]
            if base in by_last:
                kind, key = by_last[base]
                ent = self.ents[(kind, key)]
                ent.first = min(ent.first, self.starts[k])
                ent.surfaces.append((self.starts[k], self.texts[k]))
                self.claim(k, 1)

        # "Maria Giulia" after "Maria Giulia Sergio": the shorter name is the same person
        persons = [e for e in self.ents.values() if e.kind == "persons"]
        for e in persons:
            words = e.key.split(" ")
            for other in persons:
                if other is e or (other.kind, other.key) not in self.ents:
                    continue
                ow = other.key.split(" ")
                if 1 < len(words) < len(ow) and ow[: len(words)] == words:
                    other.first = min(other.first, e.first)
                    other.surfaces.extend(e.surfaces)
                    del self.ents[(e.kind, e.key)]
                    break
        # a surname-only person found by a cue merges into a full name with that surname
        for (kind, key), ent in list(self.ents.items()):
            if kind == "persons" and " " not in key and key in by_last:
                full = self.ents[by_last[key]]
                full.first = min(full.first, ent.first)
                del self.ents[(kind, key)]

    def appositions(self) -> None:
        """``Elektronikhersteller Canon``, ``the mobile firm Intervoice``."""
        n, texts, glued, flags, claimed = self.n, self.texts, self.glued, self.flags, self.claimed
        is_org_cue = _is_org_cue[self.ctx.lang]
        if self.ctx.lang == "de":
            # the cue is the token before (a noun), so both sides are known up front
            cands = [
                k for k in range(1, n)
                if glued[k] and flags[k - 1] & F_ORG_CUE and flags[k] & (F_ORG_LIKE | F_FIRST)
            ]
        else:
            cands = [k for k, f in enumerate(flags) if f & (F_ORG_LIKE | F_FIRST)]
        for k in cands:
            if claimed[k]:
                continue
            prev = self._prev(k)
            if not prev:
                continue
            if not is_org_cue(prev):
                continue
            size = 1
            while size < 3 and k + size < n and glued[k + size]:
                w = texts[k + size]
                if not claimed[k + size] and w[:1].isupper() and (
                    self._org_like(w) or SURNAME.fullmatch(w)
                ) and self.lookup(w) is None:
                    size += 1
                else:
                    break
            name = POSSESSIVE.sub("", " ".join(texts[k : k + size]))
            self.add("orgs", name, name, self.starts[k], name)
            self.claim(k, size)
