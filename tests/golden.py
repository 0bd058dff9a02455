"""The golden end-to-end output of the seed article; ``make golden`` regenerates it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from digest.build import digest_stage
from digest.config import load_config

from .conftest import BUILD_TIME, make_project

GOLDEN = Path(__file__).resolve().parent / "golden"


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


if __name__ == "__main__":
    generate(GOLDEN)
    print(f"golden files written to {GOLDEN}")
