"""Measure key-facts extraction speed: articles per second on one core.

    .venv/bin/python tools/bench_facts.py [TEXT_FILE ...] [--words 790] [--rounds 7]

Each text (default: the project's seeds and the test gold articles) is repeated paragraph
by paragraph up to a typical article length, then extracted ``--n`` times per round; the
best round counts (CPU time of this process, so other load on a shared machine inflates it
less). A fixed pure-Python loop is timed alongside as a yardstick of the machine's speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.facts import extract  # noqa: E402
from digest.vocabulary import load_vocabulary  # noqa: E402


def lengthen(text: str, words: int) -> str:
    lines = text.strip().split("\n")
    body = lines[1:] or lines
    out = list(lines)
    i = 0
    while len(" ".join(out).split()) < words:
        out.append(body[i % len(body)])
        i += 1
    return "\n".join(out)


def yardstick() -> float:
    """Seconds for 10 million integer additions in a Python loop."""
    t = time.process_time()
    x = 0
    for i in range(1_000_000):
        x += i
    return (time.process_time() - t) * 10


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--words", type=int, default=790)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "gold").glob("*.txt"))
    vocab = load_vocabulary()
    for path in files:
        lang = "en" if path.name.startswith("en") else "de"
        text = lengthen(path.read_text(encoding="utf-8"), args.words)
        extract(text, lang=lang, published=dt.date(2015, 8, 14), vocab=vocab)  # warm caches
        best, ys = float("inf"), []
        for _ in range(args.rounds):
            ys.append(yardstick())
            t0 = time.process_time()
            for _ in range(args.n):
                extract(text, lang=lang, published=dt.date(2015, 8, 14), vocab=vocab)
            best = min(best, time.process_time() - t0)
        print(f"{path.name} ({lang}, {len(text.split())} words): {args.n / best:.0f} articles/s, "
              f"{best / args.n * 1000:.2f} ms each; yardstick {min(ys):.2f} s per 10M additions")


if __name__ == "__main__":
    main()
