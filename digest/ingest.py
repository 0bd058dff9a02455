"""Finds and reads seeds: the only module that reads them. Readers are pure on bytes."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.config import Config
from digest.markup import sanitize_markdown, strip_markdown
from digest.model import Article, Block, FactCorrections, Problem, Severity
from digest.text import detect_language, slugify

MAX_TITLE = 300
SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12
_CLOSING = tuple(".!?:;…\"'“”»«)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
FRONT_MATTER_KEYS = (
    "title", "date", "source", "author", "lang", "tags", "summary", "slug", "old_slugs", "facts",
)
FACT_KINDS = ("orgs", "places", "persons")


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


# ---------------------------------------------------------------------------- discovery


def discover(config: Config) -> list[str]:
    """Seed paths relative to the project root, sorted so every build sees the same order."""
    folder = config.root / config.seeds_dir
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(config.root).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.suffix in READERS
    )


def ignored_files(config: Config) -> list[str]:
    """Files in the seeds folder that no reader takes, so contributors learn why."""
    folder = config.root / config.seeds_dir
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(config.root).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix not in READERS
        and p.name.lower() not in ("readme.md", "readme.txt", "readme")
    )


def git_add_dates(config: Config) -> dict[str, dt.datetime]:
    """Author date of the commit that added each seed, following renames, in one git call."""
    try:
        out = subprocess.run(
            ["git", "log", "--reverse", "-M", "--diff-filter=AR", "--name-status",
             "--format=%x00%aI", "--", config.seeds_dir],
            cwd=config.root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, dt.datetime] = {}
    for chunk in out.split("\x00")[1:]:
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        when = dt.datetime.fromisoformat(lines[0].strip())
        for line in lines[1:]:
            parts = line.split("\t")
            if parts[0] == "A":
                dates.setdefault(_unquote(parts[1]), when)
            elif parts[0].startswith("R") and len(parts) == 3:
                old, new = _unquote(parts[1]), _unquote(parts[2])
                dates[new] = dates.get(old, when)
    return dates


def _unquote(path: str) -> str:
    if path.startswith('"') and path.endswith('"'):
        return path[1:-1].encode("latin-1").decode("unicode_escape").encode("latin-1").decode()
    return path


# ---------------------------------------------------------------------------- decoding


def decode(path: str, data: bytes, limit: int) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM) or a detected legacy encoding; never binary."""
    if not data.strip():
        return None, [Problem(path, None, "empty file: expected a title on line 1")]
    if len(data) > limit:
        return None, [Problem(path, None, f"file is {len(data)} bytes; the limit is {limit} "
                              "(extra.digest.max_seed_bytes)")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(path, line, "binary file (NUL byte): expected UTF-8 text")]
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            line = data[: exc.start].count(b"\n") + 1
            return None, [Problem(path, line, "not UTF-8 and no known encoding fits: "
                                  "expected UTF-8 text")]
        encoding = "cp1252" if best.encoding in ("cp1250", "latin_1", "iso8859_15") else (
            best.encoding)
        text = data.decode(encoding, errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"not UTF-8; read as {encoding}, please save as UTF-8",
                                Severity.WARNING))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return text, problems


# ---------------------------------------------------------------------------- readers


def read_txt(path: str, text: str, ctx: SeedContext) -> ReadResult:
    """Plain text: title line, then one paragraph per line; run-in subheadings detected."""
    lines = [(n, " ".join(line.split())) for n, line in enumerate(text.split("\n"), 1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        return ReadResult(None, (Problem(path, None, "empty file: expected a title on line 1"),))
    problems: list[Problem] = []
    (title_line, title), body = lines[0], lines[1:]
    if len(title) > MAX_TITLE:
        return ReadResult(None, (Problem(
            path, title_line,
            f"title is {len(title)} characters; expected at most {MAX_TITLE}"),))
    body = strip_boilerplate(body, ctx.config.boilerplate)
    if not body:
        return ReadResult(None, (Problem(
            path, title_line, "title only: expected at least one paragraph after the title"),))
    paragraphs = [t for _, t in body]
    blocks = tuple(
        Block("h" if is_subheading(paragraphs, i) else "p", t)
        for i, t in enumerate(paragraphs[1:], 1)
    )
    return _finish(path, ctx, problems, title=title, lead=paragraphs[0], blocks=blocks, meta={},
                   meta_lines={})


def read_md(path: str, text: str, ctx: SeedContext) -> ReadResult:
    """Markdown with YAML front matter; raw HTML in the body is sanitised by an allow-list."""
    problems: list[Problem] = []
    meta: dict[str, Any] = {}
    meta_lines: dict[str, int] = {}
    body_text, body_start = text, 1
    if text.startswith("---\n") or text == "---":
        end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
        if end is None:
            return ReadResult(None, (Problem(
                path, 1, "front matter: expected a closing '---' line"),))
        raw = text[4 : 4 + end.start()]
        body_text = text[4 + end.end():].lstrip("\n")
        body_start = text[: 4 + end.end()].count("\n") + 1
        parsed, meta_problems = parse_front_matter(path, raw)
        if meta_problems:
            problems.extend(meta_problems)
            if any(p.severity is Severity.ERROR for p in meta_problems):
                return ReadResult(None, tuple(problems))
        meta, meta_lines = parsed
    blocks = split_markdown(body_text)
    title = meta.get("title")
    if title is None:
        heading = next((b for b in blocks if b.kind == "h1"), None)
        title = heading.text if heading else None
        blocks = tuple(b for b in blocks if b is not heading)
    if not title:
        return ReadResult(None, (*problems, Problem(
            path, 1, "title: expected a 'title:' in the front matter or a '# Title' line")))
    if len(title) > MAX_TITLE:
        return ReadResult(None, (*problems, Problem(
            path, meta_lines.get("title", 1),
            f"title: {len(title)} characters; expected at most {MAX_TITLE}")))
    paragraphs = [b for b in blocks if b.kind == "md"]
    if not paragraphs:
        return ReadResult(None, (*problems, Problem(
            path, body_start, "body: expected at least one paragraph")))
    lead_block = paragraphs[0]
    lead = strip_markdown(lead_block.text)
    rest = tuple(
        Block("h", b.text) if b.kind.startswith("h") else Block("md", sanitize_markdown(b.text))
        for b in blocks if b is not lead_block
    )
    return _finish(path, ctx, problems, title=title, lead=lead, blocks=rest, meta=meta,
                   meta_lines=meta_lines)


READERS: Mapping[str, Callable[[str, str, SeedContext], ReadResult]] = {
    ".txt": read_txt,
    ".md": read_md,
}


def read_seed(path: str, data: bytes, ctx: SeedContext) -> ReadResult:
    """One seed's bytes to an Article, or the problems that stop it."""
    text, problems = decode(path, data, ctx.config.max_seed_bytes)
    if text is None:
        return ReadResult(None, tuple(problems))
    result = READERS[Path(path).suffix](path, text, ctx)
    return ReadResult(result.article, (*problems, *result.problems))


# ---------------------------------------------------------------------------- helpers


def strip_boilerplate(
    lines: list[tuple[int, str]], boilerplate: tuple[str, ...]
) -> list[tuple[int, str]]:
    """Drop trailing page furniture such as 'Kommentare' or 'Teilen (12)'."""
    known = {b.casefold() for b in boilerplate}
    while lines:
        last = re.sub(r"\s*[(\[]?\d+[)\]]?$", "", lines[-1][1]).strip(" :·|").casefold()
        if last in known:
            lines = lines[:-1]
        else:
            break
    return lines


def is_subheading(paragraphs: list[str], i: int) -> bool:
    """A short line without closing punctuation between two paragraphs is a run-in heading."""
    text = paragraphs[i]
    if i == 0 or i == len(paragraphs) - 1:
        return False
    if len(text) > SUBHEADING_MAX_CHARS or len(text.split()) > SUBHEADING_MAX_WORDS:
        return False
    if text.endswith(_CLOSING) or (not text[0].isupper() and not text[0].isdigit()):
        return False
    return not is_subheading(paragraphs, i - 1) if i > 1 else True


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


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML that refuses anchors and aliases, so 'billion laughs' cannot expand."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                None, None, "anchors (&name) are not allowed in front matter", event.start_mark)
        return super().compose_node(parent, index)


def parse_front_matter(
    path: str, raw: str
) -> tuple[tuple[dict[str, Any], dict[str, int]], list[Problem]]:
    """YAML front matter with line numbers per key; unknown keys get a 'did you mean'."""
    loader = _NoAliasLoader(raw)
    try:
        return _front_matter_values(path, loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return ({}, {}), [Problem(path, line, f"front matter: invalid YAML: {reason}")]
    finally:
        loader.dispose()


def _front_matter_values(
    path: str, loader: _NoAliasLoader
) -> tuple[tuple[dict[str, Any], dict[str, int]], list[Problem]]:
    node = loader.get_single_node()
    if node is None:
        return ({}, {}), []
    if not isinstance(node, yaml.MappingNode):
        return ({}, {}), [Problem(path, 2, "front matter: expected 'key: value' lines")]
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + 2
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else (
                f"; expected one of {', '.join(FRONT_MATTER_KEYS)}")
            problems.append(Problem(path, line, f"unknown key '{key}'{hint}", Severity.WARNING))
            continue
        meta[key] = loader.construct_object(value_node, deep=True)
        lines[key] = line
    problems.extend(check_types(path, meta, lines))
    return (meta, lines), problems


def check_types(path: str, meta: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    """Each front-matter value has the type a reader of the docs expects."""
    problems: list[Problem] = []

    def bad(key: str, expected: str) -> None:
        problems.append(Problem(path, lines.get(key), f"{key}: expected {expected}, "
                                f"got {meta[key]!r}"))
        del meta[key]

    for key in ("title", "source", "author", "summary", "lang", "slug"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            bad(key, "a non-empty string")
    if "source" in meta and not re.match(r"https?://\S+$", meta["source"]):
        bad("source", "an http(s) URL")
    if "lang" in meta and meta["lang"] not in ("de", "en"):
        bad("lang", "'de' or 'en'")
    if "slug" in meta and not _SLUG_RE.match(meta["slug"]):
        bad("slug", "lowercase letters, digits and hyphens (like 'ki-milliarden')")
    for key in ("tags", "old_slugs"):
        if key in meta:
            value = meta[key]
            if not isinstance(value, list) or not all(
                isinstance(t, str) and t.strip() for t in value
            ):
                bad(key, "a list of strings")
            elif key == "old_slugs" and not all(_SLUG_RE.match(s) for s in value):
                bad(key, "slugs of lowercase letters, digits and hyphens")
    if "date" in meta:
        value = meta["date"]
        if isinstance(value, str):
            try:
                meta["date"] = (
                    dt.date.fromisoformat(value) if len(value) == 10
                    else dt.datetime.fromisoformat(value)
                )
            except ValueError:
                bad("date", "YYYY-MM-DD or an ISO date-time")
        elif not isinstance(value, dt.date):
            bad("date", "YYYY-MM-DD or an ISO date-time")
    if "facts" in meta:
        value = meta["facts"]
        ok = isinstance(value, dict) and set(value) <= {"add", "remove", "rename"}
        if ok:
            add, remove, rename = value.get("add", {}), value.get("remove", []), value.get(
                "rename", {})
            ok = (
                isinstance(add, dict) and set(add) <= set(FACT_KINDS)
                and all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                        for v in add.values())
                and isinstance(remove, list) and all(isinstance(x, str) for x in remove)
                and isinstance(rename, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in rename.items())
            )
        if not ok:
            bad("facts", "a mapping with add: {orgs|places|persons: [names]}, remove: [names], "
                "rename: {old: new}")
    return problems


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
) -> ReadResult:
    """Shared tail of both readers: date, language, slug, corrections."""
    zone = ctx.config.zone
    value = meta.get("date")
    if isinstance(value, dt.datetime):
        date, origin = (value if value.tzinfo else value.replace(tzinfo=zone)), "front matter"
    elif isinstance(value, dt.date):
        date, origin = dt.datetime(value.year, value.month, value.day, tzinfo=zone), "front matter"
    elif ctx.git_date is not None:
        date, origin = ctx.git_date.astimezone(zone), "git"
    else:
        date, origin = ctx.build_time.astimezone(zone), "build"
        problems.append(Problem(path, None, "not committed yet: dated with the build time "
                                "(a local preview)", Severity.WARNING))
    text_for_lang = "\n".join([title, lead, *(b.text for b in blocks)])
    lang, locale = detect_language(text_for_lang, default=ctx.config.language)
    if "lang" in meta:
        lang = meta["lang"]
        locale = locale if locale.startswith(lang) else lang
    slug = meta.get("slug") or slugify(title)
    if not slug:
        slug = slugify(Path(path).stem) or "article"
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
        source_url=meta.get("source"),
        author=meta.get("author"),
        summary=meta.get("summary"),
        corrections=corrections,
        old_slugs=tuple(meta.get("old_slugs") or ()),
    )
    return ReadResult(article, tuple(problems))


def read_all(
    config: Config, build_time: dt.datetime, paths: list[str] | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every seed (or the given ones); broken seeds become problems, never exceptions."""
    dates = git_add_dates(config)
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths if paths is not None else discover(config):
        data = (config.root / path).read_bytes()
        ctx = SeedContext(config=config, git_date=dates.get(path), build_time=build_time)
        result = read_seed(path, data, ctx)
        problems.extend(result.problems)
        if result.article is not None:
            articles.append(result.article)
    return articles, problems
