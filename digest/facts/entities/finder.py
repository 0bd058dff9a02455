"""Organisations, places and persons: the trained recognizer proposes, the vocabulary,
the gazetteers and the language cues decide (the policy is in ``merge``)."""

from __future__ import annotations

from digest.facts.context import Context
from digest.facts.entities import merge, ner
from digest.facts.entities.lexicon import POSSESSIVE, _Ent
from digest.facts.entities.persons import PersonRules
from digest.vocabulary import fold


class _Finder(PersonRules):
    """Every rule, in the order ``extract`` runs them, and the result in text order."""

    def result(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {"orgs": [], "places": [], "persons": []}
        title_end = self.text.find("\n")
        if title_end < 0:
            title_end = 0

        def order(e: _Ent) -> tuple[int, int]:
            # names in the title lead (ordered by their first mention in the body, title-only
            # names after those), then the other names in body order
            body = [p for p, _ in e.surfaces if p > title_end]
            in_title = any(p <= title_end for p, _ in e.surfaces)
            pos = min(body) if body else len(self.text) + e.first
            return (0 if in_title else 1, pos)

        org_names = {e.display for e in self.ents.values() if e.kind == "orgs"}
        for ent in sorted(self.ents.values(), key=order):
            if ent.kind == "places" and ent.display in org_names:
                continue  # "Ufa-Chef", "von Ufa produziert": the firm, not the city
            display = ent.display
            if ent.kind == "places" and self.ctx.lang == "en" and ent.key in (
                self.gaz.country_names["en"]
            ):
                first = min(ent.surfaces)[1]
                hit = self.lookup(first)
                display = POSSESSIVE.sub("", hit[2] if hit else display)
            elif ent.kind == "orgs" and ent.key == ent.display:
                display = self._org_display(ent)
            written = min(ent.surfaces)[1]
            if "." in written and fold(written) == fold(display):
                # "U.S." where the article writes it so, "US" where it writes that
                display = written if written.endswith(".") else written + "."
            if display not in out[ent.kind]:
                out[ent.kind].append(display)
        return {k: tuple(v) for k, v in out.items()}



def extract(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Organisations, places and persons, each once, by canonical name: the rules' names in
    text order, then the names only the recognizer found."""
    nouns = merge.german_nouns() if ctx.lang == "de" else None
    found = merge.merge(rules(ctx), ner.mentions(ctx.text, ctx.lang), lang=ctx.lang,
                        text=ctx.text, vocab=ctx.vocab, nouns=nouns)
    never = ctx.vocab.never
    return {k: tuple(n for n in names if fold(n) not in never) for k, names in found.items()}


def rules(ctx: Context) -> dict[str, tuple[str, ...]]:
    """The names the vocabulary, the gazetteers and the language cues give, in text order."""
    f = _Finder(ctx)
    f.byline()
    f.acronyms_defined()
    f.dateline()
    f.known()
    f.org_runs()
    f.appositions()
    f.persons()
    f.surnames()
    f.org_cues()
    f.merge_orgs()
    return f.result()
