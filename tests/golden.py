"""The golden end-to-end output of three seeds (the German plain-text seed article, an English
plain-text article and a German Markdown article with front matter), and the key-facts boxes
of articles whose names no list holds (found by the recognizer alone); ``make golden``
regenerates them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from digest.build import digest_stage, make_entry, vocabulary_for
from digest.config import Config, load_config
from digest.pages.factbox import facts_box
from digest.read.ingest import SeedContext, read_seed

from .conftest import BUILD_TIME, DATA, SEED, make_project

GOLDEN = Path(__file__).resolve().parent / "golden"
UNKNOWN_NAMES = DATA / "unknown_names"
SEEDS = DATA / "golden_seeds"
"""Seeds written for the golden files, next to the seed article: an English plain-text article
and a German Markdown article with front matter (invented companies and people, not real news)."""


def golden_seeds() -> dict[str, str | bytes]:
    seeds: dict[str, str | bytes] = {SEED.name: SEED.read_bytes()}
    seeds.update((p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir()))
    return seeds


def boxes(config: Config, dest: Path) -> None:
    """The key-facts box of each article in ``data/unknown_names``, as the page shows it."""
    vocab = vocabulary_for(config)
    ctx = SeedContext(config=config, git_date=BUILD_TIME, build_time=BUILD_TIME)
    for seed in sorted(UNKNOWN_NAMES.glob("*.txt")):
        article = read_seed(f"seeds/{seed.name}", seed.read_bytes(), ctx).article
        assert article is not None, seed
        box = facts_box(make_entry(article, vocab), links={})
        (dest / "boxes").mkdir(parents=True, exist_ok=True)
        (dest / "boxes" / f"{seed.stem}.html").write_text("\n".join(box), encoding="utf-8")


def generate(dest: Path) -> None:
    """Run the digest stage on the golden seeds in a scratch project and copy what it owns
    to dest; a seed that fails stops it (its pages would be missing from the files)."""
    with tempfile.TemporaryDirectory() as tmp:
        # One article per topic is enough here, so the golden files cover topic pages.
        project = make_project(Path(tmp), golden_seeds(), options={"topic_min_articles": 1})
        config = load_config(project / "mkdocs.yml")
        result = digest_stage(config, build_time=BUILD_TIME)
        if result.errors or result.articles != len(golden_seeds()):
            raise RuntimeError("golden seeds failed:\n" + "\n".join(map(str, result.errors)))
        if dest.exists():
            shutil.rmtree(dest)
        for folder in config.owned_dirs:
            src = config.docs_path / folder
            if src.exists():
                shutil.copytree(src, dest / folder)
        boxes(config, dest)


if __name__ == "__main__":
    generate(GOLDEN)
    print(f"golden files written to {GOLDEN}")
