"""Reads seeds: bytes to articles, through the ``READERS`` registry; pure on bytes."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, TypeVar

from digest.config import Config
from digest.markup import sanitize_block, strip_markdown, strip_markdown_lines
from digest.model import Article, Block, FactCorrections, Problem, Severity, Sources
from digest.parallel import Progress, fork_map
from digest.read.datelines import OwnDate, own_date
from digest.read.decoding import decode
from digest.read.frontmatter import is_url, parse_front_matter, shown
from digest.read.names import derived_slug
from digest.text import detect_language, strip_boilerplate, subheadings

MAX_TITLE = 300
UNCOMMITTED = "not committed yet: dated with the build time (a local preview)"
NOT_A_SEED = "not a seed: expected a .txt or .md file"
_P = TypeVar("_P")
SOURCE_LINE = re.compile(r"(?i:quellen?|sources?)[ \u00a0]*:[ \u00a0]*(?P<source>\S.{0,150})")
"""A last paragraph that names the article's source ("Quelle: APA", "Source: Reuters"): the
page's source line, not body text. ``datelines`` reads it as a credit line, so a byline just
before it still dates the article."""


def build_time_now() -> dt.datetime:
    """The build time, the date of seeds not yet committed (a local preview); whole seconds
    keep ``<time>`` values valid HTML. Read by the commands and the serve hook, not by a stage."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class SeedContext:
    """What a reader needs besides the bytes: config, the seed's git date, the build time."""

    config: Config
    git_date: dt.datetime | None
    build_time: dt.datetime


@dataclass(frozen=True)
class ReadResult:
    article: Article | None
    problems: tuple[Problem, ...]
    meta_lines: Mapping[str, int] = field(default_factory=dict)
    """Front-matter key -> its line, for the keys a ``.md`` seed sets."""
    own_date: OwnDate | None = None
    """The date the text states as its own, whether or not the article took it."""


# ---------------------------------------------------------------------------- readers


def read_txt(path: str, text: str, ctx: SeedContext) -> ReadResult:
    """Plain text: title line, then one paragraph per line; run-in subheadings detected."""
    lines = [(n, " ".join(line.split())) for n, line in enumerate(text.split("\n"), 1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        return ReadResult(None, (Problem(path, None, "empty file: expected a title on line 1",
                                         code="empty-file"),))
    problems: list[Problem] = []
    (title_line, title), body = lines[0], lines[1:]
    if len(title) > MAX_TITLE:
        hint = "" if body else "; is the text missing its line breaks (one paragraph per line)?"
        return ReadResult(None, (Problem(
            path, title_line,
            f"title: {len(title)} characters; expected at most {MAX_TITLE}{hint}",
            code="title-too-long"),))
    body = strip_boilerplate(body, ctx.config.boilerplate)
    if not body:
        return ReadResult(None, (Problem(
            path, title_line, "title only: expected at least one paragraph after the title",
            code="title-only"),))
    source, body = _source_line(body, lambda line: line[1])
    own = own_date([t for _, t in body], ctx.config.zone)
    if own is not None:
        own = replace(own, line=body[own.paragraph][0])
        if own.alone and len(body) > 1:  # a stand-first line is the page's dateline, not text
            body = [b for i, b in enumerate(body) if i != own.paragraph]
    paragraphs = [t for _, t in body]
    headings = subheadings(paragraphs)
    blocks = tuple(
        Block("h" if headings[i] else "p", t) for i, t in enumerate(paragraphs[1:], 1)
    )
    return _finish(path, ctx, problems, title=title, lead=paragraphs[0], blocks=blocks, meta={},
                   meta_lines={}, own=own, source=source)


def read_md(path: str, text: str, ctx: SeedContext) -> ReadResult:
    """Markdown with YAML front matter; raw HTML in the body is sanitised by an allow-list."""
    problems: list[Problem] = []
    meta: dict[str, Any] = {}
    meta_lines: dict[str, int] = {}
    body_text, body_start = text, 1
    if text.startswith("---\n") or text.rstrip() == "---":
        end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
        if end is None:
            return ReadResult(None, (Problem(
                path, 1, "front matter: expected a closing '---' line",
                code="front-matter-unclosed"),))
        raw = text[4 : 4 + end.start()]
        after = text[4 + end.end():]
        body_text = after.lstrip("\n")
        body_start = text[: 4 + end.end()].count("\n") + 1 + len(after) - len(body_text)
        parsed, meta_problems = parse_front_matter(path, raw)
        if meta_problems:
            problems.extend(meta_problems)
            if any(p.severity is Severity.ERROR for p in meta_problems):
                return ReadResult(None, tuple(problems))
        meta, meta_lines = parsed
    else:
        first = next((n for n, ln in enumerate(text.split("\n"), 1) if ln.strip()), 1)
        if text.split("\n")[first - 1].strip() == "---":
            return ReadResult(None, (Problem(
                path, first, "front matter: the opening '---' must be the very first line",
                code="front-matter-not-first"),))
    blocks = split_markdown(body_text)
    texts = [b for b in blocks if b.kind == "md" and strip_markdown(b.text)]
    source, _ = _source_line(texts, lambda b: strip_markdown(b.text))
    if source is not None and blocks[-1] is texts[-1]:  # the last block, not one before a heading
        blocks = blocks[:-1]
    else:
        source = None
    own, blocks = _own_date_md(blocks, body_text, body_start, ctx)
    title = meta.get("title")
    if title is None:
        heading = next((b for b in blocks if b.kind == "h1"), None)
        title = heading.text if heading else None
        blocks = tuple(b for b in blocks if b is not heading)
    if not title:
        return ReadResult(None, (*problems, Problem(
            path, 1, "title: expected a 'title:' in the front matter or a '# Title' line",
            code="no-title")))
    if len(title) > MAX_TITLE:
        return ReadResult(None, (*problems, Problem(
            path, meta_lines.get("title", 1),
            f"title: {len(title)} characters; expected at most {MAX_TITLE}",
            code="title-too-long")))
    # A block that is only markup (an HTML comment, a <script>) has no text for the lead.
    lead_block = next((b for b in blocks if b.kind == "md" and strip_markdown(b.text)), None)
    if lead_block is None:
        return ReadResult(None, (*problems, Problem(
            path, body_start, "body: expected at least one paragraph of text", code="no-body")))
    lead = strip_markdown(lead_block.text)
    rest = []
    seen, seen_lines = 0, body_start  # where the last block was found, to number lines
    for b in blocks:
        if b is lead_block:
            continue
        if b.kind.startswith("h"):
            if b.text:
                rest.append(Block("h", b.text))
        else:
            cleaned, dropped = sanitize_block(b.text)
            at = body_text.find(b.text, seen)
            if at >= 0:
                seen_lines += body_text.count("\n", seen, at)
                seen = at
            problems += [Problem(path, seen_lines + d.line, f"link {shown(d.target)} shown as "
                                 f"text: {_link_hint(d.target)}", Severity.WARNING,
                                 code="link-as-text")
                         for d in dropped]
            if cleaned.strip():
                rest.append(Block("md", cleaned, strip_markdown_lines(cleaned)))
    result = _finish(path, ctx, problems, title=title, lead=lead, blocks=tuple(rest), meta=meta,
                     meta_lines=meta_lines, own=own, source=source)
    return replace(result, meta_lines=meta_lines)


def _own_date_md(
    blocks: tuple[Block, ...], body_text: str, body_start: int, ctx: SeedContext
) -> tuple[OwnDate | None, tuple[Block, ...]]:
    """A Markdown body's own date, with its line, and the blocks without a stand-first
    paragraph (the page's dateline shows it)."""
    texts = [(b, plain) for b in blocks if b.kind == "md" and (plain := strip_markdown(b.text))]
    own = own_date([plain for _, plain in texts], ctx.config.zone)
    if own is None:
        return None, blocks
    block = texts[own.paragraph][0]
    at = body_text.find(block.text)
    own = replace(own, line=body_start + body_text.count("\n", 0, at) if at >= 0 else None)
    if own.alone and len(texts) > 1:
        blocks = tuple(b for b in blocks if b is not block)
    return own, blocks


def _source_line(paragraphs: list[_P], text: Callable[[_P], str]) -> tuple[str | None, list[_P]]:
    """The source a last paragraph names ("Quelle: APA", "Source: https://…") and the
    paragraphs without it; a text of one paragraph keeps it (it would have no body left)."""
    if len(paragraphs) < 2:
        return None, paragraphs
    m = SOURCE_LINE.fullmatch(" ".join(text(paragraphs[-1]).split()))
    if m is None:
        return None, paragraphs
    return m["source"].rstrip(" ."), paragraphs[:-1]


def _link_hint(target: str) -> str:
    """Why a link of a Markdown seed cannot stay, and what would."""
    kept = "only https://, mailto: and #section links work"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
        return kept
    return f"the page does not live where its seed does, so links within the site break; {kept}"


READERS: Mapping[str, Callable[[str, str, SeedContext], ReadResult]] = {
    ".txt": read_txt,
    ".md": read_md,
}


def read_seed(path: str, data: bytes, ctx: SeedContext) -> ReadResult:
    """One seed's bytes to an Article, or the problems that stop it."""
    reader = READERS.get(PurePosixPath(path).suffix)
    if reader is None:  # suffixes are matched as discovery matches them: ``.MD`` is no seed
        return ReadResult(None, (Problem(path, None, NOT_A_SEED, code="not-a-seed"),))
    text, problems = decode(path, data, ctx.config.max_seed_bytes)
    if text is None:
        return ReadResult(None, tuple(problems))
    if not text.strip():
        return ReadResult(None, (*problems, Problem(
            path, None, "empty file: expected a title on line 1", code="empty-file")))
    result = reader(path, text, ctx)
    return replace(result, problems=(*problems, *result.problems))


# ---------------------------------------------------------------------------- helpers



def split_markdown(body: str) -> tuple[Block, ...]:
    """Blank-line separated Markdown blocks; ATX headings become heading blocks."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        m = re.fullmatch(r"(#{1,6})[ \t]+(.+?)[ \t#]*", chunk)
        if m:
            level = len(m.group(1))
            blocks.append(Block("h1" if level == 1 else "h", strip_markdown(m.group(2))))
        else:
            blocks.append(Block("md", chunk))
    return tuple(blocks)


def _finish(
    path: str,
    ctx: SeedContext,
    problems: list[Problem],
    *,
    title: str,
    lead: str,
    blocks: tuple[Block, ...],
    meta: dict[str, Any],
    meta_lines: dict[str, int],
    own: OwnDate | None = None,
    source: str | None = None,
) -> ReadResult:
    """Shared tail of both readers: date, language, slug, corrections. The date is the
    front matter's, else the one the text states as its own (a byline, a dateline), else
    the git date: the day a seed was committed is not the day its article appeared."""
    zone = ctx.config.zone
    title = " ".join(title.split())
    value = meta.get("date")
    if isinstance(value, dt.datetime):
        date, origin = (value if value.tzinfo else value.replace(tzinfo=zone)), "front matter"
    elif isinstance(value, dt.date):
        date, origin = dt.datetime(value.year, value.month, value.day, tzinfo=zone), "front matter"
    elif own is not None:
        date, origin = own.when.astimezone(zone), "text"
    elif ctx.git_date is not None:
        date, origin = ctx.git_date.astimezone(zone), "git"
    else:
        date, origin = ctx.build_time.astimezone(zone), "build"
        problems.append(Problem(path, None, UNCOMMITTED, Severity.WARNING, code="uncommitted"))
    text_for_lang = "\n".join([title, lead, *(b.text for b in blocks)])
    lang, locale = detect_language(text_for_lang, default=ctx.config.language)
    if "lang" in meta:
        lang = meta["lang"]
        locale = locale if locale.startswith(lang) else lang
    slug = meta.get("slug") or derived_slug(title, path)
    facts = meta.get("facts")
    corrections = None
    if facts:
        corrections = FactCorrections(
            add={k: tuple(v) for k, v in (facts.get("add") or {}).items()},
            remove=tuple(facts.get("remove") or ()),
            rename=dict(facts.get("rename") or {}),
        )
    article = Article(
        source=path,
        title=title,
        lead=lead,
        blocks=blocks,
        lang=lang,
        locale=locale,
        date=date,
        date_origin=origin,
        slug=slug,
        tags=tuple(meta.get("tags") or ()),
        # The text's source line names the source, or gives its address when the front
        # matter has none.
        source_url=meta.get("source") or (source if source and is_url(source) else None),
        source_name=source if source and not is_url(source) else None,
        author=meta.get("author"),
        summary=meta.get("summary"),
        corrections=corrections,
        old_slugs=tuple(dict.fromkeys(meta.get("old_slugs") or ())),
    )
    return ReadResult(article, tuple(problems), own_date=own)


def read_results(
    config: Config, sources: Sources, build_time: dt.datetime, progress: Progress | None = None,
    paths: Sequence[str] | None = None,
) -> dict[str, ReadResult]:
    """Every seed of ``sources`` (or those of ``paths``) read, by path; nothing here raises
    for a bad seed."""
    read = functools.partial(_read_one, config, sources, build_time)
    todo = list(sources.seeds if paths is None else paths)
    return dict(zip(todo, fork_map(read, todo, progress, "reading seeds"), strict=True))


def _read_one(config: Config, sources: Sources, build_time: dt.datetime, path: str) -> ReadResult:
    """One seed from its bytes; whatever goes wrong is a problem naming it."""
    data, refused = sources.seeds[path]
    if data is None:
        return ReadResult(None, (refused,) if refused else ())
    ctx = SeedContext(config=config, git_date=sources.dates.get(path), build_time=build_time)
    try:
        return read_seed(path, data, ctx)
    except Exception as exc:  # one article's bug must not stop the others
        return ReadResult(None, (internal_error(path, "reading", exc),))


def internal_error(path: str, stage: str, exc: BaseException) -> Problem:
    """An unexpected error in one article, named with its file: a bug to report, which
    costs that article only."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return Problem(path, None, f"internal error while {stage} this article "
                   f"({type(exc).__name__}{': ' + detail if detail else ''}); the other "
                   "articles are built; please report it", code="internal-error")


def read_all(
    config: Config, sources: Sources, build_time: dt.datetime, progress: Progress | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Every seed read; broken seeds become problems, never exceptions."""
    return articles_of(read_results(config, sources, build_time, progress))


def articles_of(results: Mapping[str, ReadResult]) -> tuple[list[Article], list[Problem]]:
    """The articles read and the problems found, in the seeds' order."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for result in results.values():
        problems.extend(result.problems)
        if result.article is not None:
            articles.append(result.article)
    return articles, problems
