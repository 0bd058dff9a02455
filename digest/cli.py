"""Commands: parse arguments, call the stages, turn DigestError into a message and exit 1."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from digest import __version__
from digest.config import Config, load_config
from digest.errors import DigestError
from digest.escape import json_text, log_line, visible
from digest.model import Entry, Money, Problem, Severity


def _config(args: argparse.Namespace) -> Config:
    return load_config(Path(args.config))


def _print_problems(problems: Sequence[Problem], fmt: str = "text") -> None:
    for p in problems:
        if fmt == "github":
            level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(p.severity,
                                                                             "notice")
            loc = f"file={_gh_property(p.path)}" + (f",line={p.line}" if p.line else "")
            if p.code:
                loc += f",title={_gh_property(p.code)}"
            _annotate(level, loc, p.message)
        else:
            _say(str(p), err=True)


def _say(*lines: str, err: bool = False) -> None:
    """The one way the digest prints text: each argument is one line, whatever it quotes
    from a seed, and no terminal or CI runner takes any of it for a command."""
    print("\n".join(log_line(line) for line in lines), file=sys.stderr if err else sys.stdout)


def _annotate(level: str, properties: str, message: str) -> None:
    """A GitHub workflow command, the only line the digest starts with ``::``; its parts
    are escaped by ``_gh_property`` and ``_gh_data``."""
    print(f"::{level} {properties}::{_gh_data(message)}")


def _gh_data(text: str) -> str:
    """Escape a workflow command's message the way the GitHub runner unescapes it."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _progress(enabled: bool) -> Any:
    """Each step's items done of total and its rate, on one updating line per step; only on
    a terminal or when asked, so CI logs stay quiet."""
    if not (enabled or sys.stderr.isatty()):
        return None
    current, start, shown = "", time.monotonic(), 0.0

    def report(label: str, done: int, total: int) -> None:
        nonlocal current, start, shown
        now = time.monotonic()
        if label != current:
            current, start, shown = label, now, 0.0
        if done < total and now - shown < 0.2:
            return
        shown = now
        took = now - start
        rate = f"{done / took:,.0f}/s" if took > 0 else "–"
        tail = f", {took:.1f} s)\n" if done == total else ")"
        print(f"\r{label}: {done:,}/{total:,} ({rate}{tail}", end="", file=sys.stderr,
              flush=True)

    return report


def cmd_build(args: argparse.Namespace) -> int:
    from digest.build import digest_stage
    from digest.read.ingest import build_time_now
    from digest.site import build_lock, build_site

    config = _config(args)
    with build_lock(config):
        result = digest_stage(config, build_time=build_time_now(), strict=args.strict,
                              progress=_progress(args.progress), full=args.full)
        _print_problems(result.problems)
        if args.strict and result.seed_problems:
            _say(f"build stopped (--strict): {len(result.seed_problems)} problem(s) in seeds; "
                 "nothing written", err=True)
            return 1
        if result.report:
            _say(f"{result.articles} articles; {len(result.report.written)} files written, "
                 f"{len(result.report.removed)} removed, {result.report.unchanged} unchanged",
                 err=True)
        if not args.no_site:
            build_site(config, strict=args.strict, full=args.full)
    skipped = sorted({p.path for p in result.errors})
    if skipped:
        _say(f"skipped {len(skipped)} seed(s) with errors: {', '.join(skipped)}", err=True)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from digest.check import check
    from digest.read.ingest import build_time_now

    config = _config(args)
    report = check(config, build_time=build_time_now(), base=_base(args.base),
                   paths=args.paths or ())
    _print_problems(report.problems, args.format)
    errors = sum(p.severity is Severity.ERROR for p in report.problems)
    warnings = sum(p.severity is Severity.WARNING for p in report.problems)
    _say(f"{report.checked} seed(s) checked: {errors} error(s), {warnings} warning(s)",
         err=True)
    return 1 if errors or (args.strict and warnings) else 0


def _base(arg: str | None) -> str | None:
    """The commit whose seeds' slugs must keep working: the pull request's base branch on
    GitHub, else HEAD; ``--base ''`` turns the comparison off."""
    if arg is not None:
        return arg or None
    ref = os.environ.get("GITHUB_BASE_REF")
    return f"origin/{ref}" if ref else "HEAD"


def cmd_new(args: argparse.Namespace) -> int:
    from digest.new import create_seed

    config = _config(args)
    path = create_seed(config, args.title, lang=args.lang or config.language,
                       source=args.source, today=dt.datetime.now(config.zone).date())
    try:
        _say(str(path.relative_to(Path.cwd())))
    except ValueError:
        _say(str(path))
    return 0


def _money_json(m: dict[str, Any], restates: Money | None) -> dict[str, Any]:
    """The corpus's name for an amount whose currency the context gives, and the text of the
    amount a restatement restates (the one whose ``eur`` counts), as the facts export has it."""
    m["implicit_currency"] = m.pop("implicit")
    m["restates"] = restates.text if restates is not None else None
    return m


def facts_json(entry: Entry) -> dict[str, Any]:
    """The ``digest facts`` contract: one object per seed, values exact."""
    f = entry.facts

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in d.items()}

    from dataclasses import asdict

    from digest.pages.display import restated

    return {
        "source": entry.article.source,
        "lang": entry.article.lang,
        "title": entry.article.title,
        "date": entry.article.date.isoformat(),
        "facts": {
            "money": [_money_json(clean(asdict(m)), None if (j := restated(f.money, i)) is None
                                  else f.money[j]) for i, m in enumerate(f.money)],
            "percent": [clean(asdict(p)) for p in f.percent],
            "dates": [{**asdict(d), "inferred": list(d.inferred)} for d in f.dates],
            "orgs": list(f.orgs),
            "places": list(f.places),
            "persons": list(f.persons),
        },
        "tags": [t.name for t in entry.tags],
    }


def cmd_facts(args: argparse.Namespace) -> int:
    from digest.build import make_entry, vocabulary_for
    from digest.check import relative
    from digest.read.history import git_add_dates
    from digest.read.ingest import NOT_A_SEED, READERS, SeedContext, build_time_now, read_seed

    config = _config(args)
    vocab = vocabulary_for(config)
    dates = git_add_dates(config)
    out, problems = [], []
    for name in args.paths:
        path = Path(name)
        if path.suffix not in READERS:  # as ``digest build`` finds seeds: ``.MD`` is none
            problems.append(Problem(name, None, NOT_A_SEED, code="not-a-seed"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(name, None, f"cannot read: {exc.strerror}", code="unreadable"))
            continue
        rel = relative(path, config)
        ctx = SeedContext(config=config, git_date=dates.get(rel), build_time=build_time_now())
        result = read_seed(rel, data, ctx)
        problems += [p for p in result.problems if p.severity is Severity.ERROR]
        if result.article:
            out.append(facts_json(make_entry(result.article, vocab)))
    _print_problems(problems)
    if args.format == "json":
        _say(*json_text(out).split("\n"))
    else:
        for item in out:
            _say(f"{item['source']} ({item['lang']}): {item['title']}")
            for kind, values in item["facts"].items():
                for v in values:
                    _say(f"  {kind}: {v if isinstance(v, str) else v.get('text')}")
    return 1 if problems else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from digest.serve import serve

    serve(_config(args), dev_addr=args.dev_addr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from digest.facts import evaluate

    return int(evaluate.main(args.rest))


def cmd_preview(args: argparse.Namespace) -> int:
    from digest.preview import preview
    from digest.read.ingest import build_time_now

    config = _config(args)
    _say(*preview(config, [Path(p).as_posix() for p in args.paths],
                  build_time=build_time_now()).split("\n"))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="digest", description=__doc__)
    p.add_argument("--version", action="version", version=f"digest {__version__}")
    p.add_argument("-f", "--config", default="mkdocs.yml", help="path to mkdocs.yml")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="seeds -> content/ -> site/ with feeds")
    b.add_argument("--strict", action="store_true", help="fail on any problem, write nothing")
    b.add_argument("--no-site", action="store_true", help="only write content/, skip MkDocs")
    b.add_argument("--full", action="store_true",
                   help="render every page of the site, not only the changed ones")
    b.add_argument("--progress", action="store_true", help="print each step's progress and rate")
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("check", help="validate seeds and report every problem")
    c.add_argument("paths", nargs="*", help="seeds to report on (default: all)")
    c.add_argument("--strict", action="store_true", help="warnings fail too")
    c.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: annotations for the pull request's diff")
    c.add_argument("--base", metavar="REF", default=None,
                   help="commit whose slugs must keep working (default: origin/$GITHUB_BASE_REF "
                   "on GitHub, else HEAD; '' to skip)")
    c.set_defaults(func=cmd_check)

    n = sub.add_parser("new", help="start a new .md seed, ready to edit; prints its path")
    n.add_argument("title")
    n.add_argument("--lang", choices=("de", "en"), help="default: the site's language")
    n.add_argument("--source", metavar="URL", help="address of the original article")
    n.set_defaults(func=cmd_new)

    f = sub.add_parser("facts", help="print the key facts of seed files")
    f.add_argument("paths", nargs="+")
    f.add_argument("--format", choices=("text", "json"), default="text")
    f.set_defaults(func=cmd_facts)

    s = sub.add_parser("serve", help="live preview that rebuilds when a seed changes")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("eval", help="score the extractor against gold labels", add_help=False)
    e.add_argument("rest", nargs=argparse.REMAINDER)
    e.set_defaults(func=cmd_eval)

    v = sub.add_parser("preview", help="Markdown preview of seeds for a pull request summary")
    v.add_argument("paths", nargs="*")
    v.set_defaults(func=cmd_preview)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DigestError as exc:
        # A config error is several lines on purpose; each is still a safe line.
        _say(*f"error: {exc}".split("\n"), err=True)
        return 1
    except OSError as exc:
        # A full or read-only disk, a folder that vanished: one line, not a traceback. The
        # site is swapped in only after a complete build, so the last good one stays.
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"error: {where}{exc.strerror or exc}; nothing more was written", err=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
