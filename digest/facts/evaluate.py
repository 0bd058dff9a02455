"""Score the key-facts extractor against gold labels: ``digest eval GOLD_DIR ... [--verbose]``.

Every ``NAME.txt`` with a ``NAME.facts.yaml`` beside it is an article; other pairs are
given as ``GOLD.facts.yaml=TEXT`` (positional or with ``--pair``). Matching rules:

* money: value within 0.5 % and the same ISO currency;
* percent: value within 0.01;
* dates: every field the gold item gives (year, month, day) equals the prediction's;
* orgs, places, persons: equal ignoring case and accents to the gold name or one of its
  ``aliases``, or one name is a whole-token run of the other (at least 4 characters).

A gold range is matched by its lower value. A prediction equal to a range's upper value,
to a byline entity or to a gold item already matched counts neither way; every other
unmatched prediction is a false hit. Byline entities are not expected (no miss).

Run: ``python -m digest.facts.evaluate /path/to/articles --pair seed.facts.yaml=seeds/x.txt``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from digest.facts import extract
from digest.model import DateFact, Facts, Money, Percent
from digest.vocabulary import Vocabulary, load_vocabulary

NUMERIC = ("money", "percent", "dates")
ENTITIES = ("orgs", "places", "persons")
KINDS = NUMERIC + ENTITIES
MONEY_TOLERANCE = Decimal("0.005")
PERCENT_TOLERANCE = Decimal("0.01")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleResult:
    name: str
    lang: str
    scores: dict[str, Score]
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_hits: dict[str, list[str]] = field(default_factory=dict)


# -- matching ---------------------------------------------------------------------------


def _dec(v: Any) -> Decimal:
    return Decimal(str(v))


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", s).strip()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", _fold(name)) if t]


def _is_run(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return 0 < n <= len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def names_match(pred: str, gold: str) -> bool:
    """Equal ignoring case and accents, or one a whole-token run of the other (>= 4 chars)."""
    if _fold(pred) == _fold(gold):
        return True
    a, b = _tokens(pred), _tokens(gold)
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len("".join(short)) >= 4 and _is_run(short, long)


def _money_value_match(pred: Money, value: Any, currency: str) -> bool:
    g = _dec(value)
    if pred.currency != currency:
        return False
    if g == 0:
        return pred.value == 0
    return abs(pred.value - g) <= abs(g) * MONEY_TOLERANCE


def _percent_value_match(pred: Percent, value: Any) -> bool:
    return abs(pred.value - _dec(value)) <= PERCENT_TOLERANCE


def _date_fields_match(pred: DateFact, gold: dict[str, Any], suffix: str = "") -> bool:
    keys = [k for k in ("year", "month", "day") if gold.get(k + suffix) is not None]
    if not keys:
        return False
    return all(getattr(pred, k) == gold[k + suffix] for k in keys)


def _date_upper(pred: DateFact, gold: dict[str, Any]) -> bool:
    """The prediction names a range's upper end: year_to/month_to/day_to, rest from below."""
    if not gold.get("range"):
        return False
    want = {k: gold.get(k + "_to", gold.get(k)) for k in ("year", "month", "day")}
    if not any(gold.get(k + "_to") is not None for k in ("year", "month", "day")):
        return False
    keys = [k for k, v in want.items() if v is not None]
    return all(getattr(pred, k) == want[k] for k in keys)


def _describe(kind: str, item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return str(item.get("text", item))
    if isinstance(item, Money):
        return f"{item.text} = {item.value} {item.currency}"
    if isinstance(item, Percent):
        return f"{item.text} = {item.value}"
    if isinstance(item, DateFact):
        parts = [f"{k}={getattr(item, k)}" for k in ("year", "month", "day") if getattr(item, k)]
        return f"{item.text} ({', '.join(parts)})"
    return repr(item)


def score_kind(
    kind: str, preds: Sequence[Any], gold: Sequence[Any], aliases: dict[str, list[str]],
    byline: Sequence[str],
) -> tuple[Score, list[str], list[str]]:
    """Greedy one-to-one matching of predictions to gold items, in text order."""
    match: Callable[[Any, Any], bool]
    upper: Callable[[Any, Any], bool]
    if kind == "money":
        def match(p: Any, g: Any) -> bool:
            return bool(_money_value_match(p, g["value"], g["currency"]))

        def upper(p: Any, g: Any) -> bool:
            return g.get("value_to") is not None and _money_value_match(
                p, g["value_to"], g["currency"])
    elif kind == "percent":
        def match(p: Any, g: Any) -> bool:
            return _percent_value_match(p, g["value"])

        def upper(p: Any, g: Any) -> bool:
            return g.get("value_to") is not None and _percent_value_match(p, g["value_to"])
    elif kind == "dates":
        def match(p: Any, g: Any) -> bool:
            return _date_fields_match(p, g)

        def upper(p: Any, g: Any) -> bool:
            return _date_upper(p, g)
    else:
        def match(p: Any, g: Any) -> bool:
            return any(names_match(p, n) for n in [g, *aliases.get(g, [])])

        def upper(p: Any, g: Any) -> bool:
            return False

    gold_items = list(gold)
    if kind in ENTITIES:
        gold_items = [g for g in gold_items if not any(names_match(g, b) for b in byline)]
    matched = [False] * len(gold_items)
    score = Score()
    false_hits: list[str] = []
    for p in preds:
        hit = next((i for i, g in enumerate(gold_items) if not matched[i] and match(p, g)), None)
        if hit is not None:
            matched[hit] = True
            score.tp += 1
            continue
        neutral = any(match(p, g) or upper(p, g) for g in gold_items)
        if kind in ENTITIES and any(names_match(p, b) for b in byline):
            neutral = True
        if not neutral:
            score.fp += 1
            false_hits.append(_describe(kind, p))
    misses = [_describe(kind, g) for g, m in zip(gold_items, matched, strict=True) if not m]
    score.fn = len(misses)
    return score, misses, false_hits


# -- articles ---------------------------------------------------------------------------


def _published(gold: dict[str, Any]) -> dt.date | None:
    by = gold.get("byline") or {}
    m = re.match(r"\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", str(by.get("date") or ""))
    if not m:
        return None
    return dt.date(int(m[3]), int(m[2]), int(m[1]))


def evaluate_article(name: str, text: str, gold: dict[str, Any], vocab: Vocabulary
                     ) -> ArticleResult:
    lang = str(gold.get("lang") or "de")
    facts: Facts = extract(text, lang=lang, published=_published(gold), vocab=vocab)
    aliases = {str(k): [str(a) for a in v or ()] for k, v in (gold.get("aliases") or {}).items()}
    by = gold.get("byline") or {}
    byline = [str(x) for x in (by.get("orgs") or []) + (by.get("persons") or [])]
    res = ArticleResult(name, lang, {})
    for kind in KINDS:
        preds = getattr(facts, kind)
        gold_items = gold.get(kind) or []
        if kind in ENTITIES:
            gold_items = [str(g) for g in gold_items]
        score, misses, false_hits = score_kind(kind, preds, gold_items, aliases, byline)
        res.scores[kind] = score
        res.misses[kind] = misses
        res.false_hits[kind] = false_hits
    return res


def find_pairs(args: Sequence[str], extra_pairs: Sequence[str]) -> list[tuple[Path, Path]]:
    """(gold, text) pairs from directories, ``GOLD=TEXT`` specs and single gold files."""
    pairs: list[tuple[Path, Path]] = []
    for arg in [*args, *extra_pairs]:
        if "=" in arg and not Path(arg).exists():
            g, t = arg.split("=", 1)
            pairs.append((Path(g), Path(t)))
            continue
        p = Path(arg)
        if p.is_dir():
            for text in sorted(p.glob("*.txt")):
                gold = text.with_name(text.stem + ".facts.yaml")
                if gold.exists():
                    pairs.append((gold, text))
        elif p.name.endswith(".facts.yaml"):
            text = p.with_name(p.name[: -len(".facts.yaml")] + ".txt")
            pairs.append((p, text))
        else:
            raise FileNotFoundError(f"{arg}: not a directory, gold file or GOLD=TEXT pair")
    return pairs


def _row(label: str, scores: dict[str, Score]) -> str:
    cells = []
    for part in ("all", "de", "en"):
        s = scores.get(part, Score())
        counts = f"{s.tp:3d}/{s.fp:2d}/{s.fn:2d}"
        cells.append(f"{s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f} {counts}")
    return f"{label:<9}| " + " | ".join(cells)


def report(results: Sequence[ArticleResult], verbose: bool = False) -> str:
    lines: list[str] = []
    if verbose:
        for r in results:
            lines.append(f"== {r.name} ({r.lang})")
            for kind in KINDS:
                for m in r.misses.get(kind, []):
                    lines.append(f"   miss      {kind:<8} {m}")
                for f in r.false_hits.get(kind, []):
                    lines.append(f"   false hit {kind:<8} {f}")
        lines.append("")
    groups = {"numeric": NUMERIC, "entities": ENTITIES}
    table: dict[str, dict[str, Score]] = {}
    for kind in (*NUMERIC, "numeric", *ENTITIES, "entities"):
        table[kind] = {"all": Score(), "de": Score(), "en": Score()}
    for r in results:
        for kind in KINDS:
            for part in ("all", r.lang):
                table[kind][part].add(r.scores[kind])
        for group, kinds in groups.items():
            for part in ("all", r.lang):
                for kind in kinds:
                    table[group][part].add(r.scores[kind])
    n_de = sum(1 for r in results if r.lang == "de")
    n_en = sum(1 for r in results if r.lang == "en")
    head = "P     R     F1    tp/fp/fn "
    lines.append(f"{len(results)} articles ({n_de} de, {n_en} en)")
    lines.append(f"{'kind':<9}| {'all: ' + head:<29}| {'de: ' + head:<28}| en: {head}")
    for kind in (*NUMERIC, "numeric", *ENTITIES, "entities"):
        if kind in groups:
            lines.append(_row(kind, table[kind]).replace(f"{kind:<9}", f"{kind.upper():<9}", 1))
        else:
            lines.append(_row(kind, table[kind]))
    return "\n".join(lines)


def run(pairs: Sequence[tuple[Path, Path]], vocab: Vocabulary) -> list[ArticleResult]:
    results = []
    for gold_path, text_path in pairs:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        text = text_path.read_text(encoding="utf-8")
        results.append(evaluate_article(text_path.name, text, gold, vocab))
    return results


def main(argv: list[str] | None = None) -> int:
    """``digest eval GOLD_DIR [GOLD_DIR_OR_FILE...] [--pair GOLD=TEXT] [--verbose]``."""
    parser = argparse.ArgumentParser(prog="digest eval", description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="gold dir, X.facts.yaml, or GOLD=TEXT")
    parser.add_argument("--pair", action="append", default=[], metavar="GOLD=TEXT",
                        help="a gold file and the article text it labels")
    parser.add_argument("--vocabulary", type=Path, default=None,
                        help="project vocabulary on top of the packaged one")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list misses and false hits per article")
    args = parser.parse_args(argv)
    try:
        pairs = find_pairs(args.gold, args.pair)
        missing = [str(t) for _, t in pairs if not t.exists()]
        if missing:
            raise FileNotFoundError(f"article text not found: {', '.join(missing)}")
    except FileNotFoundError as exc:
        print(f"digest eval: {exc}", file=sys.stderr)
        return 2
    if not pairs:
        print("digest eval: no gold-labelled articles found", file=sys.stderr)
        return 2
    results = run(pairs, load_vocabulary(args.vocabulary))
    print(report(results, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
