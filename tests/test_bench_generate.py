"""The benchmark's seed generator: deterministic, the right size, and readable by digest."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import MAX_WORDS, MIN_WORDS, write_seeds
from digest.config import Config
from digest.model import Severity
from digest.read.ingest import SeedContext, read_seed

from .conftest import BUILD_TIME

N = 40


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    """No clock, no hash order: two runs with one seed write identical files."""
    write_seeds(tmp_path / "a", N, seed=7)
    write_seeds(tmp_path / "b", N, seed=7)
    write_seeds(tmp_path / "c", N, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_smaller_run_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    """Article i does not depend on N, so results at different sizes compare like with like."""
    small = write_seeds(tmp_path / "small", 10)
    large = write_seeds(tmp_path / "large", 25)
    assert [s.text for s in small] == [s.text for s in large[:10]]


def test_writes_n_seeds_in_both_formats(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path, N)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == N == len({s.name for s in seeds})
    assert {Path(f).suffix for f in files} == {".txt", ".md"}
    assert {s.lang for s in seeds} == {"de", "en"}


def test_generated_seeds_read_cleanly_with_400_to_900_words(tmp_path: Path,
                                                            config: Config) -> None:
    """Every article parses with digest's own reader, in the language it was written in,
    with its one-off code name in the body for the search benchmark."""
    seeds = write_seeds(tmp_path, N)
    slugs = set()
    for seed in seeds:
        data = (tmp_path / seed.name).read_bytes()
        result = read_seed(f"seeds/{seed.name}", data, SeedContext(config, BUILD_TIME, BUILD_TIME))
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        assert result.article is not None and not errors, (seed.name, result.problems)
        article = result.article
        words = len(article.plain_text().split())
        assert MIN_WORDS <= words <= MAX_WORDS, (seed.name, words)
        assert article.lang == seed.lang
        assert seed.codename in " ".join(b.text for b in article.blocks)
        slugs.add(article.slug)
    assert len(slugs) == N
    assert len({s.codename for s in seeds}) == N
