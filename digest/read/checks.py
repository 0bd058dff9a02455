"""What ``digest check`` says beyond what stops a build: advice, not errors in a seed."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from digest.config import Config
from digest.model import Article, Problem, Severity
from digest.read.frontmatter import shown
from digest.read.history import committed_seeds, renamed_seeds, run_git
from digest.read.ingest import READERS, ReadResult, SeedContext, read_seed
from digest.text import clear_language, language_votes, near_duplicates


def check_seeds(
    config: Config, results: Mapping[str, ReadResult], dates: Mapping[str, dt.datetime],
    build_time: dt.datetime, *, base: str | None = "HEAD",
) -> list[Problem]:
    """Language, dates that disagree, near-duplicates and moved URLs across the seeds the
    build read (``dates``: when git first saw each)."""
    articles = [r.article for r in results.values() if r.article is not None]
    problems = [
        *language_problems(results),
        *date_problems(results, dates),
        *duplicate_problems(articles),
    ]
    if base:
        problems += slug_change_problems(config, results, build_time, base)
    return problems


def language_problems(results: Mapping[str, ReadResult]) -> list[Problem]:
    """Seeds whose text is neither clearly German nor English and that do not say which."""
    problems = []
    for path, result in results.items():
        article = result.article
        if article is None or "lang" in result.meta_lines:
            continue
        text = article.plain_text()
        if clear_language(text) is not None:
            continue
        de, en, words = language_votes(text, clear=True)
        hint = ("set 'lang: de' or 'lang: en' in the front matter" if path.endswith(".md")
                else "a .md seed can set 'lang:'")
        problems.append(Problem(
            path, None, f"language unclear: neither clearly German nor English ({de} German "
            f"and {en} English function words in {words} words); read as '{article.lang}'; "
            f"{hint}", Severity.WARNING, code="language-unclear"))
    return problems


def date_problems(
    results: Mapping[str, ReadResult], git_dates: Mapping[str, dt.datetime]
) -> list[Problem]:
    """A note on each seed whose text states a date of its own that disagrees with its
    front matter or git date by more than a day: which one the article took, and why."""
    problems = []
    for path, result in results.items():
        article, own = result.article, result.own_date
        if article is None or own is None:
            continue
        said = {f"the {own.kind} {shown(own.text)}": own.when}
        if article.date_origin == "front matter":
            said = {"the front matter's 'date:'": article.date, **said}
        if path in git_dates:
            said["the git date (when the seed was added)"] = git_dates[path]
        used, *others = said.items()
        zone = article.date.tzinfo
        # Days a day apart agree: a byline's day against the next morning's commit.
        differ = [f"{name} says {when.astimezone(zone).date().isoformat()}"
                  for name, when in others
                  if abs((when.astimezone(zone).date() - article.date.date()).days) > 1]
        if not differ:
            continue
        if article.date_origin == "front matter":
            line, hint = result.meta_lines.get("date"), ""
        else:
            line, hint = own.line, ("; 'date:' in the front matter would win" if
                                    path.endswith(".md") else "; a .md seed's 'date:' would win")
        problems.append(Problem(
            path, line, f"dated {article.date.date().isoformat()} by {used[0]}; "
            f"{'; '.join(differ)}{hint}", Severity.NOTE, code="dates-disagree"))
    return problems


def duplicate_problems(articles: Iterable[Article]) -> list[Problem]:
    """Near-duplicate texts under two names: a warning on each, naming both."""
    problems = []
    texts = {a.source: a.plain_text() for a in articles}
    for dup in near_duplicates(texts):
        if dup.jaccard >= 0.5:
            how = f"share {round(100 * dup.jaccard)}% of their text"
        else:
            how = f"share {round(100 * dup.containment)}% of the shorter one's text"
        message = f"likely duplicate: {dup.first} and {dup.second} {how}"
        problems += [Problem(dup.first, None, message, Severity.WARNING, code="duplicate"),
                     Problem(dup.second, None, message, Severity.WARNING, code="duplicate")]
    return problems


def slug_change_problems(
    config: Config, results: Mapping[str, ReadResult], build_time: dt.datetime,
    base: str = "HEAD",
) -> list[Problem]:
    """Committed seeds whose URL moved since ``base`` without an ``old_slugs`` redirect."""
    committed = committed_seeds(config, READERS, base)
    if not committed:
        return []
    renamed = renamed_seeds(config, base)
    ctx = SeedContext(config=config, git_date=None, build_time=build_time)
    problems = []
    for path, result in results.items():
        article = result.article
        old_path = renamed.get(path, path)
        if article is None or old_path not in committed:
            continue
        before = read_seed(old_path, committed[old_path], ctx).article
        if before is None:
            continue
        kept = {article.slug, *article.old_slugs}
        line = result.meta_lines.get("slug") or result.meta_lines.get("title")
        if before.slug not in kept:
            if path.endswith(".md"):
                fix = f"add 'old_slugs: [{before.slug}]' to the front matter"
            else:
                fix = f"save it as a .md seed with 'old_slugs: [{before.slug}]'"
            problems.append(Problem(
                path, line, f"slug changed from '{before.slug}' ({base}) to '{article.slug}': "
                f"the old URL would break; {fix} so it redirects", Severity.WARNING,
                code="slug-changed"))
        for old in before.old_slugs:
            if old not in kept:
                problems.append(Problem(
                    path, result.meta_lines.get("old_slugs") or line,
                    f"old_slugs: '{old}' was removed since {base}: its redirect would go; "
                    "keep it in 'old_slugs:'", Severity.WARNING, code="old-slug-removed"))
    return problems


MODEL_DIR = "digest/data/ner"


def model_change_problems(config: Config, base: str = "HEAD") -> list[Problem]:
    """A change to the recognizers' files since ``base``: a model decides what every page
    says, so a maintainer looks twice at a pull request that brings one."""
    out = run_git(config, "diff", "--name-only", "-z", base, "--", MODEL_DIR)
    if not out:
        return []
    changed = sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)
    return [Problem(path, None, f"recognizer model file changed since {base}: check that it "
                    "was made by 'make train-ner' from the documented data",
                    Severity.WARNING, code="model-changed") for path in changed]


def check_collisions(
    articles: Sequence[Article], git_dates: Mapping[str, dt.datetime] | None = None
) -> tuple[list[Article], list[Problem]]:
    """Two seeds may not share a file name (on any checkout), a feed id or a URL.

    The article that was there first keeps what it has: seeds committed earlier (by git
    date) come first, then seeds not committed yet, each in path order. Every current slug
    is claimed before any old slug, so an ``old_slugs:`` redirect can never take over a
    live article's URL.
    """
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    dates = git_dates or {}
    ranked = sorted(articles, key=lambda a: (dates.get(a.source, far), a.source))
    refused: dict[str, Problem] = {}
    names: dict[str, Article] = {}
    stems: dict[str, Article] = {}
    slugs: dict[str, Article] = {}

    def refuse(article: Article, message: str) -> None:
        refused.setdefault(article.source, Problem(article.source, None, message,
                                                   code="name-collision"))

    for a in ranked:
        name, stem = _folded(a.source), _folded(a.stem)
        if name in names:
            refuse(a, f"file name differs from {names[name].source} only by case or Unicode "
                   "normalisation: on macOS and Windows checkouts they are one file; rename one")
        elif stem in stems:
            refuse(a, f"file name '{a.stem}' is also used by {stems[stem].source}: both would "
                   f"get the feed id '{a.stem}'; rename one")
        elif a.slug in slugs:
            refuse(a, f"slug '{a.slug}' is already used by {slugs[a.slug].source}; set a "
                   "different 'slug:' or title")
        else:
            names[name], stems[stem], slugs[a.slug] = a, a, a
    redirects: dict[str, Article] = {}
    for a in ranked:
        if a.source in refused:
            continue
        for old in a.old_slugs:
            owner = slugs.get(old) or redirects.get(old)
            if owner is not None and owner is not a:
                what = "the URL of" if old in slugs else "already an old slug of"
                refuse(a, f"old_slugs: '{old}' is {what} {owner.source}, which keeps it; "
                       "remove it from 'old_slugs:'")
                break
            redirects[old] = a
    kept = [a for a in articles if a.source not in refused]
    return kept, [refused[a.source] for a in articles if a.source in refused]


def _folded(name: str) -> str:
    """A name as a case-insensitive, normalising file system (macOS, Windows) sees it."""
    return unicodedata.normalize("NFC", name).casefold()
