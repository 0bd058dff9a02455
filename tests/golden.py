"""The golden end-to-end output of the seed article, and the key-facts boxes of articles whose
names no list holds (found by the recognizer alone); ``make golden`` regenerates them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from digest.build import digest_stage, make_entry, vocabulary_for
from digest.config import Config, load_config
from digest.factbox import facts_box
from digest.ingest import SeedContext, read_seed

from .conftest import BUILD_TIME, make_project

GOLDEN = Path(__file__).resolve().parent / "golden"
UNKNOWN_NAMES = Path(__file__).resolve().parent / "data" / "unknown_names"


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
    """Run the digest stage on the seed in a scratch project and copy what it owns to dest."""
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp))
        config = load_config(project / "mkdocs.yml")
        digest_stage(config, build_time=BUILD_TIME)
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
