"""The recipe of ``digest check``: the build's own stages, run without writing, and advice.

It gathers the sources once, as the build does, so each seed is read once and what the
check says is what the build would do; the command only prints the report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.build import collect, make_entry, vocabulary_for
from digest.cache import committed_problems
from digest.config import Config
from digest.model import Problem, Severity
from digest.pages.publish import render_problems
from digest.paths import project_problems, read_regular
from digest.read.checks import check_seeds, model_change_problems
from digest.read.ingest import READERS, SeedContext, read_seed
from digest.read.sources import gather_sources


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    """Sorted by file and line."""
    checked: int
    """How many seeds were checked."""


def check(
    config: Config, *, build_time: dt.datetime, base: str | None = None,
    paths: Sequence[str] = (),
) -> CheckReport:
    """Every problem the build would meet, and advice beyond it; only ``paths`` (as given on
    the command line) when there are any."""
    # What stops the build before any seed is read is reported first, with everything else.
    problems = [*project_problems(config), *committed_problems(config)]
    sources = gather_sources(config)
    collected = collect(config, sources, build_time=build_time)
    # Notes concern the local cache, not the seeds; a committed cache is an error above.
    problems += [p for p in collected.problems
                 if p.code != "uncommitted" and p.severity is not Severity.NOTE]
    problems += render_problems(collected.entries, config)
    problems += check_seeds(config, collected.read, sources.dates, build_time, base=base)
    if base:
        problems += model_change_problems(config, base)
    problems += [Problem(e.article.source, None, "no key facts found", Severity.WARNING,
                         code="no-facts")
                 for e in collected.entries if e.facts.is_empty()]
    checked = len(sources.seeds)
    if paths:
        wanted, others = _given_files(paths, config, build_time)
        problems = [p for p in problems if p.path in wanted] + others
        checked = len(paths)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return CheckReport(tuple(problems), checked)


def relative(path: Path, config: Config) -> str:
    """The project-relative name of a path as given (a link is named, not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(
            os.path.abspath(config.root)).as_posix()
    except ValueError:
        return path.as_posix()


def _given_files(
    names: Sequence[str], config: Config, now: dt.datetime
) -> tuple[set[str], list[Problem]]:
    """The seeds among ``names`` (project-relative), and the problems of the other files,
    which are checked on their own."""
    wanted: set[str] = set()
    problems: list[Problem] = []
    for name in names:
        path = Path(name)
        rel = relative(path, config)
        if not os.path.lexists(path):
            problems.append(Problem(rel, None, "no such file", code="no-such-file"))
        elif rel.startswith(f"{config.seeds_dir}/"):
            wanted.add(rel)  # read (or refused) with every other seed, by the same rules
        elif path.suffix not in READERS:
            problems.append(Problem(rel, None, "not a seed: expected a .txt or .md file",
                                    code="not-a-seed"))
        else:
            problems += _loose_file(path, rel, config, now)
    return wanted, problems


def _loose_file(path: Path, rel: str, config: Config, now: dt.datetime) -> list[Problem]:
    """A seed-like file outside the seeds folder, checked on its own."""
    try:
        data = read_regular(path, config.max_seed_bytes)
    except OSError as exc:
        reason = "a symbolic link" if path.is_symlink() else exc.strerror
        return [Problem(rel, None, f"cannot read: {reason}; expected a regular file",
                        code="unreadable")]
    result = read_seed(rel, data, SeedContext(config=config, git_date=None, build_time=now))
    problems = [p for p in result.problems if p.code != "uncommitted"]
    problems.append(Problem(rel, None, f"not in {config.seeds_dir}/: checked on its own, not "
                            "part of the site", Severity.WARNING, code="outside-seeds"))
    if result.article and make_entry(result.article, vocabulary_for(config)).facts.is_empty():
        problems.append(Problem(rel, None, "no key facts found", Severity.WARNING,
                                code="no-facts"))
    return problems
