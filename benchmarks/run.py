"""`make bench`: build cost, memory, site size and first-search cost at 100, 1,000 and 10,000.

For each N a scratch project is made under ``--workdir`` (the site skeleton of this repository,
N generated seeds from :mod:`benchmarks.generate`, all committed in one git commit so dates come
from git or the front matter). Each command runs in its own process, so wall time, CPU time
(user + system) and peak RSS belong to that command alone (``os.wait4``; no extra dependency):

``digest cold``     ``digest build --no-site`` into an empty ``content/`` (no cache either)
``digest again``    the same once more, nothing changed (and ``again2``: a third time)
``plain mkdocs``    ``mkdocs build`` of the ``content/`` the digest stage wrote, same mkdocs.yml
``mkdocs only``     the same with the ``digest`` MkDocs plugin taken out of mkdocs.yml: MkDocs and
                    Material alone (only when mkdocs.yml lists that plugin)
``digest 1 edit``   ``digest build --no-site`` after one seed changed
``full build``      ``digest build`` from an empty ``content/`` and ``site/``: what CI runs
``site add/edit/delete``  after ``full build``: one seed added, edited or deleted (committed),
                    then ``digest build`` over the last site: what a deploy of one merged
                    article costs; with the files of ``site/`` it wrote

plus the fact extractor alone on one core (``digest.facts.extract`` over every article, timed
in-process), site and search-index sizes, and with ``--search`` a reader's first search in
headless Chromium (:mod:`benchmarks.search`, N >= 1,000). Timings are medians of ``--repeat``
runs (default 3 below 10,000 articles, 1 from 10,000). Results go to
``benchmarks/results/latest.json`` and ``latest.md``.

    python -m benchmarks.run [--n 100 1000 10000] [--repeat R] [--search] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.generate import DEFAULT_SEED, Seed, generate, write_seeds

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
GIT_DATE = "2026-03-02T09:00:00+01:00"
NEW_DATE = "2026-11-16T09:00:00+01:00"
"""When the added seed is committed, and its date: the day after the newest generated one."""
STAGES = ("cold", "again", "again2", "plain", "mkdocs_only", "edit", "full", "site_add",
          "site_edit", "site_delete", "warm")
LABELS = {
    "cold": "digest stage, cold (`--no-site`)",
    "again": "digest stage, nothing changed",
    "again2": "digest stage, nothing changed, once more",
    "edit": "digest stage, one seed edited",
    "full": "full `digest build`",
    "plain": "plain `mkdocs build`, same mkdocs.yml",
    "mkdocs_only": "`mkdocs build` without the digest plugin",
    "site_add": "`digest build` after one seed added",
    "site_edit": "`digest build` after one seed edited",
    "site_delete": "`digest build` after one seed deleted",
    "warm": "full `digest build` from an empty site/, content/ and analysis cache kept",
}
SITE_CHANGES = ("site_add", "site_edit", "site_delete")
"""Stages after ``full``: one seed changed and committed, then the whole ``digest build``."""
TARGETS = {
    "full_vs_plain": 1.3,
    "per_article_growth": 1.2,
    "cold_articles_per_s": 300,
    "again_s": 1.0,
    "peak_rss_mb": 1024,
    "search_bytes": 2_000_000,
    "search_ms": 1500,
}


# ------------------------------------------------------------------------------ measuring


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    rss_mb: float
    exit: int
    timed_out: bool = False
    note: str = ""


# Every command runs the same frozen copy of the code and site skeleton (see snapshot_code).
ENV: dict[str, str] = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SKELETON = ("mkdocs.yml", "overrides", "content/index.md", "content/about.md",
            "content/stylesheets")
CODE = ROOT


def snapshot_code(workdir: Path, source: str) -> str:
    """Freeze what is measured for the whole run: ``digest/`` and the site skeleton as
    committed (``head`` or a commit) or as they are in the working tree now (``worktree``);
    the package goes first on every command's PYTHONPATH.

    Others may edit ``digest/`` while a long run goes on, and the digest's cache keys include
    a hash of its code, so without a frozen copy a run would measure a moving target."""
    global CODE
    dest = workdir / "code"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    paths = ["digest", *SKELETON]
    if source != "worktree":
        rev = "HEAD" if source == "head" else source
        archive = subprocess.run(["git", "archive", rev, *paths], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        described = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT,
                                   capture_output=True, text=True, check=True).stdout.strip()
    else:
        for path in paths:
            if (ROOT / path).is_dir():
                shutil.copytree(ROOT / path, dest / path,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                (dest / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / path, dest / path)
        dirty = subprocess.run(["git", "status", "--porcelain", *paths], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        described = head + (" + uncommitted changes" if dirty else "")
    CODE = dest
    ENV["PYTHONPATH"] = os.pathsep.join([str(dest), str(ROOT)])
    sys.path.insert(0, str(dest))
    for name in [m for m in sys.modules if m == "digest" or m.startswith("digest.")]:
        del sys.modules[name]
    return described


def run(cmd: list[str], cwd: Path, log: Path, timeout_s: float) -> Run:
    """One command in its own process group; its own rusage, however many children it had."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=out, env=ENV,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall_s=round(wall, 3), cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
               rss_mb=round(usage.ru_maxrss / 1024, 1), exit=proc.returncode,
               timed_out=timed_out.is_set())


def median_run(runs: list[Run]) -> dict[str, Any]:
    ok = [r for r in runs if r.exit == 0 and not r.timed_out] or runs
    return {
        "wall_s": round(statistics.median(r.wall_s for r in ok), 3),
        "cpu_s": round(statistics.median(r.cpu_s for r in ok), 3),
        "rss_mb": round(statistics.median(r.rss_mb for r in ok), 1),
        "exit": max(r.exit for r in runs),
        "timed_out": any(r.timed_out for r in runs),
        "runs": [r.__dict__ for r in runs],
    }


# ------------------------------------------------------------------------------ the project


def make_project(folder: Path, n: int, seed: int) -> list[Seed]:
    """The site skeleton (as tests/conftest.py's make_project copies it) plus N seeds,
    committed in one commit."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in SKELETON:
        if (CODE / path).is_dir():
            shutil.copytree(CODE / path, folder / path)
        else:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CODE / path, folder / path)
    seeds = write_seeds(folder / "seeds", n, seed)
    plain = folder / "mkdocs.only.yml"
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"(?m)^\s*-\s*digest\s*:?\s*\n", "", text, count=1)
    if without != text:
        plain.write_text(without, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE,
           "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "commit.gpgsign=false", "commit", "-q", "-m", f"{n} seeds"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    return seeds


def change_one_seed(project: Path, stage: str, seeds: list[Seed], new: Seed) -> None:
    """Add ``new``, edit or delete one seed, and commit it (as a merged pull request would)."""
    folder = project / "seeds"
    date = GIT_DATE
    if stage == "site_add":  # today's article: newer than every other, as in a newsroom
        date = NEW_DATE
        text = new.text
        if text.startswith("---\n"):
            text = re.sub(r"(?m)^date: .*$", f"date: {NEW_DATE}", text, count=1)
        (folder / new.name).write_text(text, encoding="utf-8")
    elif stage == "site_edit":
        path = folder / seeds[len(seeds) // 3].name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " Ein Satz mehr.\n",
                        encoding="utf-8")
    else:  # not the article the search benchmark looks for (seeds[n // 2])
        (folder / seeds[len(seeds) // 2 + 1].name).unlink()
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for args in (["add", "-A", "seeds"], ["-c", "commit.gpgsign=false", "commit", "-q", "-m",
                                         stage]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file()}


def clean(folder: Path) -> None:
    """Back to the commit: no content the digest wrote, no site, no cache."""
    subprocess.run(["git", "clean", "-fdxq", "-e", "mkdocs.only.yml", "-e", "bench.log"],
                   cwd=folder, check=True)


def tree_size(folder: Path) -> tuple[int, int]:
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def largest_file(folder: Path) -> tuple[str, int]:
    sizes = [(p.stat().st_size, p.relative_to(folder).as_posix())
             for p in folder.rglob("*") if p.is_file()]
    size, name = max(sizes, default=(0, ""))
    return name, size


def site_sizes(project: Path, n: int, site: Path | None = None) -> dict[str, Any]:
    site = site or project / "site"
    if not site.is_dir():
        return {}
    total, files = tree_size(site)
    index = site / "search" / "search_index.json"
    out: dict[str, Any] = {"site_bytes": total, "site_files": files,
                           "largest_file": largest_file(site)}
    if index.is_file():
        size = index.stat().st_size
        out |= {"search_index_bytes": size, "search_index_bytes_per_article": round(size / n)}
    bundles = [tree_size(b) for b in site.glob("pagefind*") if b.is_dir()]
    if bundles:  # every bundle of the index (articles by year, topic names)
        out["pagefind_bytes"] = sum(size for size, _ in bundles)
        out["pagefind_files"] = sum(files for _, files in bundles)
    content_bytes, content_files = tree_size(project / "content")
    out |= {"content_bytes": content_bytes, "content_files": content_files}
    return out


# ------------------------------------------------------------------------------ extraction


def extract_speed(project: Path) -> dict[str, Any]:
    """``digest.facts.extract`` over every article in this process: articles/s on one core."""
    from digest import facts
    from digest.build import vocabulary_for
    from digest.config import load_config
    from digest.read.ingest import read_all
    from digest.read.sources import gather_sources

    config = load_config(project / "mkdocs.yml")
    articles, _ = read_all(config, gather_sources(config),
                           dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    vocab = vocabulary_for(config)
    texts = [(a.plain_text(), a.lang, a.date.date()) for a in articles]
    facts.extract(texts[0][0], lang=texts[0][1], published=texts[0][2], vocab=vocab)  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    for text, lang, published in texts:
        facts.extract(text, lang=lang, published=published, vocab=vocab)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # The recognizer's share of it, measured in the same process right after.
    from digest.facts.entities import ner

    ner_cpu = time.process_time()
    for text, lang, _ in texts:
        ner.mentions(text, lang)
    ner_cpu = time.process_time() - ner_cpu
    words = sum(len(t.split()) for t, _, _ in texts)
    return {"articles": len(texts), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "articles_per_s": round(len(texts) / wall, 1),
            "words_per_s": round(words / wall),
            "recognizer_cpu_s": round(ner_cpu, 3),
            "recognizer_share": round(ner_cpu / cpu, 3) if cpu else None}


def profile_stage(project: Path, top: int = 25) -> str:
    """cProfile of the cold digest stage, top entries by cumulative time."""
    clean(project)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(project / "profile.out"),
                    "-m", "digest.cli", "-f", str(project / "mkdocs.yml"), "build", "--no-site"],
                   cwd=project, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENV)
    buf = io.StringIO()
    stats = pstats.Stats(str(project / "profile.out"), stream=buf)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    (project / "profile.out").unlink()
    return buf.getvalue()


# ------------------------------------------------------------------------------ one size


def bench_size(n: int, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    project = args.workdir / f"n{n}"
    started = time.perf_counter()
    seeds = make_project(project, n, args.seed)
    repeat = args.repeat or (1 if n >= 10_000 else 3)
    digest = [sys.executable, "-m", "digest.cli", "-f", str(project / "mkdocs.yml"), "build"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    blog = project / "bench.log"
    has_only = (project / "mkdocs.only.yml").exists()
    stages = [s for s in args.stages if s != "mkdocs_only" or has_only]
    runs: dict[str, list[Run]] = {s: [] for s in stages}
    sizes: dict[str, Any] = {}
    sizes_only: dict[str, Any] = {}
    written: dict[str, int] = {}
    new = list(generate(n + 1, args.seed))[-1]  # the article one more seed would add
    edited = project / "seeds" / seeds[n // 3].name

    def step(stage: str, cmd: list[str]) -> bool:
        if stage not in stages:
            return True
        log(f"  n={n} {stage} ...")
        r = run(cmd, project, blog, args.timeout)
        runs[stage].append(r)
        log(f"  n={n} {stage}: {r.wall_s:.1f} s wall, {r.cpu_s:.1f} s CPU, {r.rss_mb:.0f} MB"
            + (" TIMEOUT" if r.timed_out else "") + (f" exit {r.exit}" if r.exit else ""))
        return r.exit == 0 and not r.timed_out

    for attempt in range(repeat):
        clean(project)
        if not step("cold", [*digest, "--no-site"]):
            break
        step("again", [*digest, "--no-site"])
        step("again2", [*digest, "--no-site"])
        if step("plain", mkdocs):
            sizes = site_sizes(project, n)
        only = project / "site-mkdocs-only"
        if step("mkdocs_only", [*mkdocs, "-f", str(project / "mkdocs.only.yml"), "-d",
                                str(only)]):
            sizes_only = site_sizes(project, n, only)
        shutil.rmtree(only, ignore_errors=True)
        if "edit" in stages:
            original = edited.read_bytes()
            edited.write_bytes(original.rstrip(b"\n") + b" Ein Satz mehr.\n")
            step("edit", [*digest, "--no-site"])
            edited.write_bytes(original)
        if "full" in stages:
            clean(project)
        if step("full", digest):
            sizes = site_sizes(project, n)
            for stage in SITE_CHANGES:
                if stage in stages and attempt == 0:  # each change is committed: once
                    change_one_seed(project, stage, seeds, new)
                    before = _mtimes(project / "site")
                    if step(stage, digest):
                        after = _mtimes(project / "site")
                        written[stage] = sum(after[p] != before.get(p) for p in after)
            if "warm" in stages and attempt == 0:
                # What a deploy sees after a theme change: no site/, but content/ and the
                # analyses cached (the Pages workflow keeps both).
                shutil.rmtree(project / "site", ignore_errors=True)
                step("warm", digest)
    result: dict[str, Any] = {
        "n": n, "repeat": repeat,
        "seed_words": sum(s.words for s in seeds),
        "seed_bytes": sum(len(s.text.encode()) for s in seeds),
        "stages": {s: median_run(r) for s, r in runs.items() if r},
        "sizes": sizes,
        "sizes_mkdocs_only": sizes_only,
        "site_files_written": written,
    }
    cold = result["stages"].get("cold")
    if cold and cold["exit"] == 0 and not cold["timed_out"]:
        cold["articles_per_s"] = round(n / cold["wall_s"], 1)
    if "extract" in args.stages:
        log(f"  n={n} extraction on one core ...")
        code = ("import json, sys; from pathlib import Path; from benchmarks.run import "
                f"extract_speed; print(json.dumps(extract_speed(Path({str(project)!r}))))")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, timeout=args.timeout, env=ENV)
        if out.returncode == 0:
            result["extract"] = json.loads(out.stdout.strip().splitlines()[-1])
            log(f"  n={n} extraction: {result['extract']['articles_per_s']} articles/s")
        else:
            result["extract"] = {"error": out.stderr.strip().splitlines()[-1:]}
    if args.search and n >= 1000 and (project / "site").is_dir():
        from benchmarks.search import measure

        target = seeds[n // 2]
        log(f"  n={n} search for {target.codename!r} ...")
        found = measure(project / "site", target.codename, expect=_article_url(project, target))
        result["search"] = found.__dict__
        log(f"  n={n} search: {found.bytes_before_first_result / 1e6:.1f} MB, "
            f"{found.ms_to_first_result} ms" + (f" ({found.error})" if found.error else ""))
    result["bench_minutes"] = round((time.perf_counter() - started) / 60, 1)
    return result


def _article_url(project: Path, seed: Seed) -> str | None:
    """The site path of a seed's article page, from digest's own reader."""
    from digest.config import load_config
    from digest.read.ingest import SeedContext, read_seed

    config = load_config(project / "mkdocs.yml")
    when = dt.datetime.fromisoformat(GIT_DATE)
    read = read_seed(f"{config.seeds_dir}/{seed.name}", seed.text.encode(),
                     SeedContext(config, when, when))
    if read.article is None:
        return None
    return f"{config.articles_dir}/{read.article.slug}/"


# ------------------------------------------------------------------------------ the report


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = 0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "digest"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    return {
        "cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(ram / 2**30, 1), "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}", **versions,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def ratios(sizes: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Full build against plain MkDocs, and cost per article at the largest N against 1,000."""
    out: dict[str, Any] = {}

    def wall(n: int, stage: str) -> float | None:
        s = sizes.get(n, {}).get("stages", {}).get(stage)
        return s["wall_s"] if s and s["exit"] == 0 and not s["timed_out"] else None

    for n in sizes:
        full, plain, only = wall(n, "full"), wall(n, "plain"), wall(n, "mkdocs_only")
        if full and plain:
            out[f"full_vs_plain_{n}"] = round(full / plain, 2)
        warm = wall(n, "warm")
        if warm and plain:
            out[f"warm_vs_plain_{n}"] = round(warm / plain, 2)
        if full and only:
            out[f"full_vs_mkdocs_only_{n}"] = round(full / only, 2)
    largest = max(sizes)
    if largest > 1000 and 1000 in sizes:
        for stage in ("cold", "full", "plain"):
            a, b = wall(largest, stage), wall(1000, stage)
            if a and b:
                out[f"per_article_{stage}_{largest}_vs_1000"] = round((a / largest) / (b / 1000), 2)
    return out


def _num(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def _stage_cell(s: dict[str, Any] | None, key: str) -> str:
    if not s:
        return "–"
    if s["timed_out"]:
        return f"> {s['wall_s']:,.0f} s (stopped)"
    if s["exit"]:
        return f"exit {s['exit']}"
    return _num(s[key], 2 if key == "wall_s" and s[key] < 10 else 1)


def markdown(report: dict[str, Any]) -> str:
    sizes = {int(k): v for k, v in report["sizes"].items()}
    ns = sorted(sizes)
    head = "| | " + " | ".join(f"{n:,} articles" for n in ns) + " |"
    rule = "| --- |" + " --- |" * len(ns)
    rows = [head, rule]

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    st = {n: sizes[n]["stages"] for n in ns}
    for stage in STAGES:
        if any(stage in st[n] for n in ns):
            row(f"{LABELS[stage]}: wall s", [_stage_cell(st[n].get(stage), "wall_s") for n in ns])
    row("digest stage, cold: articles/s",
        [_num(st[n].get("cold", {}).get("articles_per_s")) for n in ns])
    for stage in ("cold", "full", "plain"):
        row(f"{LABELS[stage]}: CPU s", [_stage_cell(st[n].get(stage), "cpu_s") for n in ns])
    for stage in ("cold", "again", "full", "plain"):
        row(f"{LABELS[stage]}: peak RSS MB",
            [_stage_cell(st[n].get(stage), "rss_mb") for n in ns])
    for stage in SITE_CHANGES:
        if any(stage in st[n] for n in ns):
            row(f"{LABELS[stage]}: files of site/ written",
                [_num(sizes[n].get("site_files_written", {}).get(stage)) for n in ns])
    r = report["ratios"]
    row("full build / plain mkdocs", [_num(r.get(f"full_vs_plain_{n}"), 2) for n in ns])
    if any(f"warm_vs_plain_{n}" in r for n in ns):
        row("full build from an empty site/, cache warm / plain mkdocs",
            [_num(r.get(f"warm_vs_plain_{n}"), 2) for n in ns])
    if any(f"full_vs_mkdocs_only_{n}" in r for n in ns):
        row("full build / mkdocs without digest plugin",
            [_num(r.get(f"full_vs_mkdocs_only_{n}"), 2) for n in ns])
    sz = {n: sizes[n].get("sizes", {}) for n in ns}
    row("site size MB (files)",
        [f"{sz[n]['site_bytes'] / 1e6:,.1f} ({sz[n]['site_files']:,})" if sz[n] else "–"
         for n in ns])
    row("site KB per article",
        [f"{sz[n]['site_bytes'] / 1e3 / n:,.0f}" if sz[n] else "–" for n in ns])
    row("largest file of site/: MB",
        [f"{sz[n]['largest_file'][1] / 1e6:,.1f} (`{sz[n]['largest_file'][0]}`)"
         if sz[n].get("largest_file") else "–" for n in ns])
    row("lunr search index MB (KB per article)",
        [f"{sz[n]['search_index_bytes'] / 1e6:,.1f} "
         f"({sz[n]['search_index_bytes_per_article'] / 1e3:,.1f})"
         if sz[n].get("search_index_bytes", 0) > 1000 else "– (not used)" for n in ns])
    so = {n: sizes[n].get("sizes_mkdocs_only", {}) for n in ns}
    if any(so.values()):
        row("MkDocs without the digest plugin: site MB, lunr index MB",
            [f"{so[n]['site_bytes'] / 1e6:,.1f}, {so[n].get('search_index_bytes', 0) / 1e6:,.1f}"
             if so[n] else "–" for n in ns])
    if any("pagefind_bytes" in sz[n] for n in ns):
        row("Pagefind index MB (files)",
            [f"{sz[n]['pagefind_bytes'] / 1e6:,.1f} ({sz[n]['pagefind_files']:,})"
             if "pagefind_bytes" in sz[n] else "–" for n in ns])
    ex = {n: sizes[n].get("extract", {}) for n in ns}
    row("extraction alone, one core: articles/s",
        [_num(ex[n].get("articles_per_s")) for n in ns])
    row("… of its CPU time, the name recognizer: %",
        [_num(100 * ex[n]["recognizer_share"]) if ex[n].get("recognizer_share") else "–"
         for n in ns])
    se = {n: sizes[n].get("search") for n in ns}
    if any(se.values()):
        row("first search: MB downloaded before the first result (gzip)",
            [f"{s['bytes_before_first_result'] / 1e6:,.2f} "
             f"({s['gzip_bytes_before_first_result'] / 1e6:,.2f})"
             if s and s["bytes_before_first_result"] else "–"
             for s in se.values()])
        row("first search: ms from first key press to first result",
            [_num(s.get("ms_to_first_result"), 0) if s else "–" for s in se.values()])
        row("first search: ms to the article searched for",
            [_num(s.get("ms_to_expected_result"), 0) if s else "–" for s in se.values()])
        row("same search again, index loaded: ms",
            [_num(s.get("ms_repeat_search"), 0) if s else "–" for s in se.values()])
        row("result list shown in the end is for the query",
            [f"`{s['results_for']}`" if s and s.get("results_for") else "–"
             for s in se.values()])
    m = report["machine"]
    rows += ["", f"Machine: {m['cpu']}, {m['usable_cores']} cores, {m['ram_gb']} GB RAM, "
             f"Python {m['python']}, MkDocs {m.get('mkdocs', '?')}, Material "
             f"{m.get('mkdocs-material', '?')}. "
             + "; ".join(f"{n:,}: median of {sizes[n]['repeat']} run(s), digest at "
                         f"{sizes[n].get('commit', m['commit'])}, load average "
                         f"{sizes[n].get('load_average_at_start', ['?'])[0]} at start"
                         for n in ns) + "."]
    return "\n".join(rows) + "\n"


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured value at the sizes it applies to and whether it is met."""
    sizes = {int(k): v for k, v in report["sizes"].items()}
    r = report["ratios"]
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, higher_is_better: bool = False) -> None:
        if value is None:
            out.append({"target": name, "value": None, "limit": limit, "met": None})
        else:
            met = value >= limit if higher_is_better else value <= limit
            out.append({"target": name, "value": value, "limit": limit, "met": met})

    for n in (1000, 10_000):
        if n in sizes:
            add(f"full build / plain mkdocs (same mkdocs.yml) at {n:,}",
                r.get(f"full_vs_plain_{n}"), TARGETS["full_vs_plain"])
            if f"warm_vs_plain_{n}" in r:
                add(f"full build from an empty site/, cache warm / plain mkdocs at {n:,}",
                    r.get(f"warm_vs_plain_{n}"), TARGETS["full_vs_plain"])
            if f"full_vs_mkdocs_only_{n}" in r:
                add(f"full build / mkdocs without the digest plugin at {n:,}",
                    r.get(f"full_vs_mkdocs_only_{n}"), TARGETS["full_vs_plain"])
    if 10_000 in sizes:
        add("per-article cost of the full build, 10,000 vs 1,000",
            r.get("per_article_full_10000_vs_1000"), TARGETS["per_article_growth"])
        cold = sizes[10_000]["stages"].get("cold", {})
        add("digest stage cold at 10,000: articles/s", cold.get("articles_per_s"),
            TARGETS["cold_articles_per_s"], higher_is_better=True)
    for n in sorted(sizes):
        again = sizes[n]["stages"].get("again")
        add(f"rebuild with nothing changed at {n:,}: s", again["wall_s"] if again else None,
            TARGETS["again_s"])
    # MkDocs and Material without the digest plugin are the baseline, not the digest's build.
    peak = [s["rss_mb"] for n in sizes for name, s in sizes[n]["stages"].items()
            if not s["exit"] and name != "mkdocs_only"]
    add("peak memory of the digest's commands (stage, full build, mkdocs with its plugin): MB",
        max(peak) if peak else None, TARGETS["peak_rss_mb"])
    for n in sorted(sizes):
        s = sizes[n].get("search")
        if s:
            add(f"search bytes before first result at {n:,}",
                s.get("bytes_before_first_result") or None, TARGETS["search_bytes"])
            add(f"search ms to first result at {n:,}", s.get("ms_to_first_result"),
                TARGETS["search_ms"])
    return out


def targets_markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| target | limit | measured | met |", "| --- | --- | --- | --- |"]
    for t in rows:
        met = "–" if t["met"] is None else "yes" if t["met"] else "**no**"
        value = "not measured" if t["value"] is None else f"{t['value']:,}"
        lines.append(f"| {t['target']} | {t['limit']:,} | {value} | {met} |")
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], out: Path, *, measured: bool = True) -> tuple[str, str]:
    sizes = {int(k): v for k, v in report["sizes"].items()}
    report["ratios"] = ratios(sizes)
    report["targets"] = targets(report)
    if measured:
        report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    table = markdown(report)
    goals = targets_markdown(report["targets"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    (out / "latest.md").write_text(f"{table}\n{goals}", encoding="utf-8")
    return table, goals


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10_000])
    p.add_argument("--repeat", type=int, default=0,
                   help="runs per size (default 3 below 10,000 articles, 1 from 10,000)")
    p.add_argument("--stages", nargs="+", default=[*STAGES, "extract"],
                   choices=[*STAGES, "extract"], help="what to measure (default: all)")
    p.add_argument("--search", action="store_true",
                   help="also measure the first search in headless Chromium (N >= 1,000)")
    p.add_argument("--profile", type=int, nargs="?", const=1000, default=None, metavar="N",
                   help="cProfile the cold digest stage at N articles (default 1,000)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/digest-bench"))
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--keep", action="store_true", help="keep the scratch projects")
    p.add_argument("--code", default="head", metavar="head|worktree|COMMIT",
                   help="measure the committed digest/ (default), the working tree or a commit")
    p.add_argument("--merge", action="store_true",
                   help="keep the other sizes of the existing latest.json (replace only these)")
    p.add_argument("--report-only", action="store_true",
                   help="measure nothing: write latest.md again from latest.json")
    args = p.parse_args(argv)
    if args.report_only:
        saved = json.loads((args.out / "latest.json").read_text(encoding="utf-8"))
        table, goals = write_report(saved, args.out, measured=False)
        print(table)
        print(goals)
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    code = snapshot_code(args.workdir, args.code)
    report: dict[str, Any] = {"machine": {**machine(), "commit": code}, "seed": args.seed,
                              "sizes": {}}
    previous = args.out / "latest.json"
    if args.merge and previous.is_file():
        report["sizes"] = json.loads(previous.read_text(encoding="utf-8"))["sizes"]
    for n in sorted(args.n):
        log(f"n={n}:")
        load = [round(x, 2) for x in os.getloadavg()]
        report["sizes"][str(n)] = {**bench_size(n, args, log), "commit": code,
                                   "load_average_at_start": load}
        report["sizes"] = dict(sorted(report["sizes"].items(), key=lambda kv: int(kv[0])))
        if not args.keep and n != args.profile:
            shutil.rmtree(args.workdir / f"n{n}", ignore_errors=True)
        write_report(report, args.out)  # after every size: a stopped run keeps what it has
    if args.profile:
        project = args.workdir / f"n{args.profile}"
        if not (project / "seeds").is_dir():
            make_project(project, args.profile, args.seed)
        log(f"profiling the cold digest stage at n={args.profile} ...")
        report["profile"] = profile_stage(project)
        (args.out / "profile.txt").write_text(report["profile"], encoding="utf-8")
        if not args.keep:
            shutil.rmtree(project, ignore_errors=True)
    table, goals = write_report(report, args.out)
    print(table)
    print(goals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
