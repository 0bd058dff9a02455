"""Finds and reads seeds: the only module that reads them. Readers are pure on bytes."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from digest.config import Config
from digest.markup import sanitize_block, strip_markdown
from digest.model import Article, Block, FactCorrections, Problem, Severity
from digest.parallel import Progress, fork_map
from digest.paths import linked_part, not_regular_reason, read_regular
from digest.text import clear_language, detect_language, language_votes, near_duplicates, slugify

MAX_TITLE = 300
SUBHEADING_MAX_CHARS = 90
SUBHEADING_MAX_WORDS = 12
UNCOMMITTED = "not committed yet: dated with the build time (a local preview)"
NOT_A_SEED = "not a seed: expected a .txt or .md file"
_CLOSING = tuple(".!?:;…\"'“”»«)")
# Characters no page or feed may hold: C0 controls other than tab and newline, DEL, lone
# surrogates and the non-characters U+FFFE/U+FFFF are illegal in XML 1.0; C1 controls are
# invisible leftovers of a wrong decoding that YAML refuses; bidirectional embeddings,
# overrides and isolates can make a title read differently from its text.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    r"\u202a-\u202e\u2066-\u2069]")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
# An http(s) URL without spaces, controls or the characters that end a URL in Markdown or HTML.
_URL_RE = re.compile(r"^https?://[^\s<>\"`{}|\\^\x00-\x1f\x7f]+$")
# Names the site or Windows reserve: a seed or slug with one of them would shadow a generated
# page (``index``), or make the repository impossible to check out on Windows (``con``, ...).
RESERVED_NAMES = frozenset(
    ["index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
     *(f"lpt{i}" for i in range(10))])
_WINDOWS_BAD = set('<>:"|?*\\')
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
FRONT_MATTER_KEYS = (
    "title", "date", "source", "author", "lang", "tags", "summary", "slug", "old_slugs", "facts",
)
FACT_KINDS = ("orgs", "places", "persons")
_README = ("readme.md", "readme.txt", "readme")
"""Notes for contributors in the seeds folder: neither seeds nor ignored files."""


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


# ---------------------------------------------------------------------------- discovery


def _scan(config: Config) -> tuple[list[str], list[str]]:
    """Files of the seeds folder, sorted: those a reader takes, and the others (not
    READMEs or dotfiles), so contributors learn why a file was not published. Symbolic
    links are listed, never followed: reading refuses them by name."""
    folder = config.root / config.seeds_dir
    if linked_part(folder, config.root) is not None or not folder.is_dir():
        return [], []
    seeds, others = [], []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        # A linked folder is not descended into; it is an entry like a file.
        linked = [d for d in dirnames if (base / d).is_symlink()]
        for name in (*filenames, *linked):
            if name.startswith(".") or name.lower() in _README:
                continue
            rel = (base / name).relative_to(config.root).as_posix()
            if PurePosixPath(name).suffix in READERS:
                seeds.append(rel)
            else:
                others.append(rel)
    return sorted(seeds), sorted(others)


def discover(config: Config) -> list[str]:
    """Seed paths relative to the project root, sorted so every build sees the same order."""
    return _scan(config)[0]


def ignored_files(config: Config) -> list[str]:
    """Files in the seeds folder that no reader takes."""
    return _scan(config)[1]


def git_add_dates(config: Config) -> dict[str, dt.datetime]:
    """Author date of the commit that added each seed, following renames, in one git call."""
    try:
        out = subprocess.run(
            ["git", "log", "--reverse", "-M", "--diff-filter=AR", "--name-status",
             "--format=%x00%aI", "--", config.seeds_dir],
            cwd=config.root, capture_output=True, text=True, errors="surrogateescape",
            check=True,
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
        return path[1:-1].encode("latin-1").decode("unicode_escape").encode("latin-1").decode(
            errors="surrogateescape")
    return path


# ---------------------------------------------------------------------------- names


def name_problem(name: str) -> str | None:
    """Why a file name or slug cannot be a page or a seed, or ``None`` when it is fine."""
    if not name:
        return "is empty"
    if "/" in name or "\\" in name or name.startswith("."):
        return "must not contain '/', '\\' or start with '.'"
    if re.search(r"[\udc80-\udcff]", name):
        return "is not valid UTF-8"
    if _CONTROL.search(name) or any(ord(c) < 32 for c in name):
        return "contains control characters"
    if name.startswith("_"):
        return "starts with '_', which the site reserves for its own files (like _partials)"
    if name.split(".")[0].lower() in RESERVED_NAMES:
        return f"'{name.split('.')[0]}' is a reserved name"
    bad = sorted(_WINDOWS_BAD.intersection(name))
    if bad:
        return f"contains {' '.join(bad)}, which Windows cannot store in a file name"
    if name.endswith((" ", ".")):
        return "ends with a space or a dot"
    return None


def path_problem(path: str, config: Config) -> Problem | None:
    """A seed path whose file or folder names would break a checkout or shadow a page."""
    parts = PurePosixPath(path).parts
    seeds = PurePosixPath(config.seeds_dir).parts
    for i, part in enumerate(parts[len(seeds):], len(seeds)):
        is_file = i == len(parts) - 1
        reason = name_problem(PurePosixPath(part).stem if is_file else part)
        if reason is None and is_file:
            reason = name_problem(part)
        if reason:
            what = "file name" if is_file else "folder name"
            return Problem(path, None, f"{what} {reason}; rename it")
    return None


# ---------------------------------------------------------------------------- decoding


def too_big(path: str, size: int, limit: int) -> Problem:
    return Problem(path, None, f"file is {size} bytes; the limit is {limit} "
                   "(extra.digest.max_seed_bytes)")


def clean_text(text: str) -> str:
    """Text without the characters no page or feed may hold, in NFC."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def decode(path: str, data: bytes, limit: int) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM) or a detected legacy encoding; never binary."""
    if len(data) > limit:
        return None, [too_big(path, len(data), limit)]
    if not data.strip():
        return None, [Problem(path, None, "empty file: expected a title on line 1")]
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [Problem(path, None, "broken UTF-16: expected UTF-8 text")]
        problems.append(Problem(path, None, "not UTF-8; read as UTF-16, please save as UTF-8",
                                Severity.WARNING))
    elif b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(path, line, "binary file (NUL byte): expected UTF-8 text")]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            mostly = _mostly_utf8(data)
            if mostly is not None:
                text, bad = mostly
                problems.append(Problem(path, line, f"not valid UTF-8: {bad} byte(s) replaced "
                                        "by U+FFFD; please fix the encoding",
                                        Severity.WARNING))
                return _normalised(path, text, problems)
            encoding = _legacy_encoding(data)
            if encoding is None:
                return None, [Problem(path, line, "not UTF-8 and no known encoding fits: "
                                      "expected UTF-8 text")]
            text = data.decode(encoding, errors="replace")
            problems.append(Problem(path, line, f"not UTF-8; read as {encoding}, please save as "
                                    "UTF-8", Severity.WARNING))
    return _normalised(path, text, problems)


def _normalised(path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
    """Unix line ends, no BOM, no control characters (with a warning naming the first)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    found = _CONTROL.search(text)
    if found:
        line = text[: found.start()].count("\n") + 1
        problems.append(Problem(path, line, f"removed {len(_CONTROL.findall(text))} control "
                                "character(s) that pages and feeds cannot hold",
                                Severity.WARNING))
    return clean_text(text), problems


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes (a pasted quote, say), as text with those bytes replaced:
    reading it as Windows-1252 would garble every umlaut. ``None`` for a legacy encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return (text, bad) if good > bad else None


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding of a non-UTF-8 file. German and English news saved by Windows is
    Windows-1252 (Latin-1 differs only in control characters), so that wins whenever it
    reads as Western text; charset-normalizer, which ranks code pages by how a short text
    looks and picks cp1250 or cp775 for "Müller", decides only the others."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_western(text):
        if "\u00a4" in text and not any(0x80 <= b <= 0x9F for b in data):
            return "iso8859_15"  # its euro sign is Latin-1's and Windows-1252's '¤'
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best.encoding)


# A character outside ASCII between two letters: in Western text a letter, an apostrophe or
# a dash ("Müller", "don’t", "Nord–Süd"); in Polish or DOS German read as Windows-1252 a
# symbol ("Zaøó³æ", "B„cker").
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
_IN_WORD = frozenset("’‘–—…\u00ad")
# An upper-case letter outside ASCII between two letters, the second lower-case ("MŸller",
# "BŠcker"): Mac umlauts read as Windows-1252, never a German or English word.
_MID_CAPITAL = re.compile(r"(?<=[^\W\d_])[À-ÞŠŒŽŸ](?=[a-zß-ÿšœž])")
# Icelandic letters, where Windows-1254 has Turkish ğ, İ, ı, ş and Ğ, Ş: a few in a German
# article about Reykjavík, most of the letters outside ASCII of a Turkish one.
_ICELANDIC = frozenset("ðþýÐÞÝ")
WESTERN_MAX_SHARE = 0.3
"""Letters outside ASCII in German (ä, ö, ü, ß) or French are a few in a hundred; text in
another alphabet read as Windows-1252 is made of them."""


def _reads_western(text: str) -> bool:
    """Whether a decoding reads as German, English or another Western language: few letters
    outside ASCII and mostly not Icelandic ones, no capital inside a word, no symbol between
    two letters."""
    letters = sum(1 for c in text if c.isalpha())
    wide = [c for c in text if c.isalpha() and not c.isascii()]
    if len(wide) > WESTERN_MAX_SHARE * letters or _MID_CAPITAL.search(text):
        return False
    if sum(c in _ICELANDIC for c in wide) > max(2, len(wide) // 4):
        return False
    return all(c.isalpha() or c in _IN_WORD for c in _BETWEEN_LETTERS.findall(text))


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
        hint = "" if body else "; is the text missing its line breaks (one paragraph per line)?"
        return ReadResult(None, (Problem(
            path, title_line,
            f"title: {len(title)} characters; expected at most {MAX_TITLE}{hint}"),))
    body = strip_boilerplate(body, ctx.config.boilerplate)
    if not body:
        return ReadResult(None, (Problem(
            path, title_line, "title only: expected at least one paragraph after the title"),))
    paragraphs = [t for _, t in body]
    headings = subheadings(paragraphs)
    blocks = tuple(
        Block("h" if headings[i] else "p", t) for i, t in enumerate(paragraphs[1:], 1)
    )
    return _finish(path, ctx, problems, title=title, lead=paragraphs[0], blocks=blocks, meta={},
                   meta_lines={})


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
                path, 1, "front matter: expected a closing '---' line"),))
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
                path, first, "front matter: the opening '---' must be the very first line"),))
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
    # A block that is only markup (an HTML comment, a <script>) has no text for the lead.
    lead_block = next((b for b in blocks if b.kind == "md" and strip_markdown(b.text)), None)
    if lead_block is None:
        return ReadResult(None, (*problems, Problem(
            path, body_start, "body: expected at least one paragraph of text")))
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
            problems += [Problem(path, seen_lines + d.line, f"link {_shown(d.target)} shown as "
                                 f"text: {_link_hint(d.target)}", Severity.WARNING)
                         for d in dropped]
            if cleaned.strip():
                rest.append(Block("md", cleaned))
    result = _finish(path, ctx, problems, title=title, lead=lead, blocks=tuple(rest), meta=meta,
                     meta_lines=meta_lines)
    return ReadResult(result.article, result.problems, meta_lines)


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
        return ReadResult(None, (Problem(path, None, NOT_A_SEED),))
    text, problems = decode(path, data, ctx.config.max_seed_bytes)
    if text is None:
        return ReadResult(None, tuple(problems))
    if not text.strip():
        return ReadResult(None, (*problems, Problem(
            path, None, "empty file: expected a title on line 1")))
    result = reader(path, text, ctx)
    return ReadResult(result.article, (*problems, *result.problems), result.meta_lines)


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
    return subheadings(paragraphs)[i]


def subheadings(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are run-in headings, in one pass (an article may have thousands of
    short lines): of two heading-shaped lines in a row, only the first is one."""
    flags: list[bool] = []
    last = len(paragraphs) - 1
    for i, text in enumerate(paragraphs):
        shaped = (
            0 < i < last
            and len(text) <= SUBHEADING_MAX_CHARS
            and len(text.split()) <= SUBHEADING_MAX_WORDS
            and not text.endswith(_CLOSING)
            and (text[0].isupper() or text[0].isdigit())
        )
        flags.append(shaped and not (flags and flags[-1]))
    return flags


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
    """Safe YAML that refuses anchors and aliases, so 'billion laughs' cannot expand, and
    keeps dates as text, so ``check_types`` can say what is wrong with an impossible one."""

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


_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_FastLoader: type[Any] | None = None
if hasattr(yaml, "CSafeLoader"):
    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser, ten times faster; used only where no anchor can be."""

    _CLoader.yaml_implicit_resolvers = _NoAliasLoader.yaml_implicit_resolvers
    _FastLoader = _CLoader


def parse_front_matter(
    path: str, raw: str
) -> tuple[tuple[dict[str, Any], dict[str, int]], list[Problem]]:
    """YAML front matter with line numbers per key; unknown keys get a 'did you mean'."""
    if _FastLoader is not None and "&" not in raw and "*" not in raw:
        # libyaml where no anchor or alias can be; invalid YAML goes on to the careful
        # parser below, for its message.
        fast = _FastLoader(raw)
        try:
            return _front_matter_values(path, fast, fast.get_single_node())
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _NoAliasLoader(raw)
        return _front_matter_values(path, loader, loader.get_single_node())
    except yaml.reader.ReaderError as exc:
        line = raw[: exc.position].count("\n") + 2
        return ({}, {}), [Problem(path, line, "front matter: invalid YAML: unacceptable "
                                  f"character #x{exc.character:04x}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return ({}, {}), [Problem(path, line, f"front matter: invalid YAML: {reason}")]
    except RecursionError:
        return ({}, {}), [Problem(path, 2, "front matter: invalid YAML: nested too deeply")]
    finally:
        if loader is not None:
            loader.dispose()


def _front_matter_values(
    path: str, loader: Any, node: yaml.Node | None
) -> tuple[tuple[dict[str, Any], dict[str, int]], list[Problem]]:
    if node is None:
        return ({}, {}), []
    if not isinstance(node, yaml.MappingNode):
        return ({}, {}), [Problem(path, 2, "front matter: expected 'key: value' lines")]
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, line, "front matter: expected 'key: value' lines"))
            continue
        key = clean_text(key_node.value)
        if key in lines:
            problems.append(Problem(path, line, f"{key}: given twice (first on line "
                                    f"{lines[key]})"))
            continue
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else (
                f"; expected one of {', '.join(FRONT_MATTER_KEYS)}")
            problems.append(Problem(path, line, f"unknown key '{key}'{hint}", Severity.WARNING))
            continue
        lines[key] = line
        try:
            value = loader.construct_object(value_node, deep=True)
            # Slugs are refused, not repaired: a control character in one is no accident.
            meta[key] = value if key in ("slug", "old_slugs") else _clean_value(value)
        except (ValueError, TypeError, OverflowError) as exc:
            problems.append(Problem(path, line, f"{key}: unreadable value: {exc}"))
    problems.extend(check_types(path, meta, lines))
    return (meta, lines), problems


def _clean_value(value: Any) -> Any:
    """Front-matter strings without control characters, at any depth (YAML can spell them)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, dict):
        return {_clean_value(k): _clean_value(v) for k, v in value.items()}
    return value


def check_types(path: str, meta: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    """Each front-matter value has the type a reader of the docs expects."""
    problems: list[Problem] = []

    def bad(key: str, expected: str) -> None:
        problems.append(Problem(path, lines.get(key), f"{key}: expected {expected}, "
                                f"got {_shown(meta[key])}"))
        del meta[key]

    for key in ("title", "source", "author", "summary", "lang", "slug"):
        if key in meta:
            if not isinstance(meta[key], str) or not meta[key].strip():
                bad(key, "a non-empty string")
            else:
                meta[key] = " ".join(meta[key].split())
    if "source" in meta and not is_url(meta["source"]):
        bad("source", "an http(s) URL")
    if "lang" in meta and meta["lang"] not in ("de", "en"):
        bad("lang", "'de' or 'en'")
    if "slug" in meta:
        if not _SLUG_RE.match(meta["slug"]):
            bad("slug", "lowercase letters, digits and hyphens (like 'ki-milliarden')")
        elif name_problem(meta["slug"]):
            problems.append(Problem(path, lines.get("slug"),
                                    f"slug: {name_problem(meta['slug'])}; choose another"))
            del meta["slug"]
    for key in ("tags", "old_slugs"):
        if key in meta:
            value = meta[key]
            if not isinstance(value, list) or not all(
                isinstance(t, str) and t.strip() for t in value
            ):
                bad(key, "a list of strings")
                continue
            meta[key] = value = [" ".join(t.split()) for t in value]
            if key == "tags" and any(c in t for t in value for c in "<>"):
                bad(key, "plain words without '<' or '>'")
            elif key == "tags" and not all(map(_names_something, value)):
                # ".." or "/" is a slip, not a topic anyone follows: the article is kept.
                for tag in (t for t in value if not _names_something(t)):
                    problems.append(Problem(path, lines.get(key), f"tags: {_shown(tag)} has no "
                                            "letter, digit or symbol; dropped", Severity.WARNING))
                meta[key] = [t for t in value if _names_something(t)]
            elif key == "old_slugs" and not all(_SLUG_RE.match(s) for s in value):
                bad(key, "slugs of lowercase letters, digits and hyphens")
            elif key == "old_slugs" and any(name_problem(s) for s in value):
                reserved = next(s for s in value if name_problem(s))
                problems.append(Problem(path, lines.get(key),
                                        f"old_slugs: {name_problem(reserved)}"))
                del meta[key]
            elif key == "old_slugs" and meta.get("slug") in value:
                problems.append(Problem(path, lines.get(key), f"old_slugs: '{meta['slug']}' is "
                                        "the current slug; list only earlier ones"))
                del meta[key]
    if "date" in meta:
        _check_date(path, meta, lines, problems)
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


def _names_something(tag: str) -> bool:
    """A tag with a letter, a digit or a symbol (an emoji is a tag, "..." is not)."""
    return any(c.isalnum() or unicodedata.category(c).startswith("S") for c in tag)


def _check_date(path: str, meta: dict[str, Any], lines: dict[str, int],
                problems: list[Problem]) -> None:
    value = meta.pop("date")
    line = lines.get("date")
    expected = "YYYY-MM-DD or an ISO date-time"
    if not isinstance(value, str):
        problems.append(Problem(path, line, f"date: expected {expected}, got {_shown(value)}"))
        return
    if not re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
        problems.append(Problem(path, line, f"date: expected {expected}, got {_shown(value)}"))
        return
    try:
        when: dt.date = (dt.date.fromisoformat(value) if len(value) == 10
                         else dt.datetime.fromisoformat(value))
    except ValueError as exc:
        if str(exc).startswith("Invalid isoformat"):
            problems.append(Problem(path, line, f"date: expected {expected}, got {_shown(value)}"))
        else:  # the shape is right, the calendar says no: "day is out of range for month"
            problems.append(Problem(path, line, f"date: {_shown(value)} is not a real date or "
                                    f"time ({exc})"))
        return
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
        problems.append(Problem(path, line, f"date: {_shown(value)} is out of range; expected a "
                                f"year from {EARLIEST_YEAR} to {LATEST_YEAR}"))
        return
    meta["date"] = when


def _shown(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_url(value: str) -> bool:
    if not _URL_RE.match(value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:
        return False


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
    title = " ".join(title.split())
    value = meta.get("date")
    if isinstance(value, dt.datetime):
        date, origin = (value if value.tzinfo else value.replace(tzinfo=zone)), "front matter"
    elif isinstance(value, dt.date):
        date, origin = dt.datetime(value.year, value.month, value.day, tzinfo=zone), "front matter"
    elif ctx.git_date is not None:
        date, origin = ctx.git_date.astimezone(zone), "git"
    else:
        date, origin = ctx.build_time.astimezone(zone), "build"
        problems.append(Problem(path, None, UNCOMMITTED, Severity.WARNING))
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
        source_url=meta.get("source"),
        author=meta.get("author"),
        summary=meta.get("summary"),
        corrections=corrections,
        old_slugs=tuple(dict.fromkeys(meta.get("old_slugs") or ())),
    )
    return ReadResult(article, tuple(problems))


def derived_slug(title: str, path: str = "") -> str:
    """The slug of a title (else of the file name); never a reserved name."""
    slug = slugify(title) or slugify(PurePosixPath(path).stem) or "article"
    return f"{slug}-article" if name_problem(slug) else slug


Preread = Mapping[str, tuple[bytes | None, Problem | None]]
"""Seeds already read by ``seed_bytes``, by path, so no seed is read twice in one build."""


def read_results(
    config: Config, build_time: dt.datetime, paths: Iterable[str] | None = None,
    progress: Progress | None = None, *, dates: Mapping[str, dt.datetime] | None = None,
    preread: Preread | None = None,
) -> dict[str, ReadResult]:
    """Every seed (or the given ones) read, by path; nothing here raises for a bad seed."""
    dates = git_add_dates(config) if dates is None else dates
    todo = list(paths if paths is not None else discover(config))
    read = functools.partial(_read_one, config, dates, build_time, preread or {})
    return dict(zip(todo, fork_map(read, todo, progress, "reading seeds"), strict=True))


def _read_one(
    config: Config, dates: Mapping[str, dt.datetime], build_time: dt.datetime,
    preread: Preread, path: str,
) -> ReadResult:
    """One seed, checked before a byte is read; whatever goes wrong is a problem naming it."""
    data, refused = preread[path] if path in preread else seed_bytes(config, path)
    if data is None:
        return ReadResult(None, (refused,) if refused else ())
    ctx = SeedContext(config=config, git_date=dates.get(path), build_time=build_time)
    try:
        return read_seed(path, data, ctx)
    except Exception as exc:  # one article's bug must not stop the others
        return ReadResult(None, (internal_error(path, "reading", exc),))


def seed_bytes(config: Config, path: str) -> tuple[bytes | None, Problem | None]:
    """A seed's bytes, or the problem that stops it, decided before anything is read: the
    name must be fine and the file a regular file inside the seeds folder (not a link, a
    folder, a device or a pipe) within ``max_seed_bytes``."""
    full = config.root / path
    parts = PurePosixPath(path).parts
    if (parts[: len(PurePosixPath(config.seeds_dir).parts)] != PurePosixPath(config.seeds_dir).parts
            or ".." in parts or linked_part(full.parent, config.root) is not None):
        return None, Problem(path, None, f"not inside the {config.seeds_dir}/ folder (or "
                             "reached through a symbolic link); nothing was read")
    refused = path_problem(path, config)
    if refused is not None:
        return None, refused
    reason = not_regular_reason(full)
    if reason is not None:
        return None, Problem(path, None, f"{reason}: expected a regular file in "
                             f"{config.seeds_dir}/; nothing was read")
    try:
        size = full.lstat().st_size
        if size > config.max_seed_bytes:
            return None, too_big(path, size, config.max_seed_bytes)
        data = read_regular(full, config.max_seed_bytes)
    except OSError as exc:
        return None, Problem(path, None, f"cannot read: {exc.strerror}")
    if len(data) > config.max_seed_bytes:  # it grew while being read
        return None, too_big(path, len(data), config.max_seed_bytes)
    return data, None


def internal_error(path: str, stage: str, exc: BaseException) -> Problem:
    """An unexpected error in one article, named with its file: a bug to report, which
    costs that article only."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return Problem(path, None, f"internal error while {stage} this article "
                   f"({type(exc).__name__}{': ' + detail if detail else ''}); the other "
                   "articles are built; please report it")


def read_all(
    config: Config, build_time: dt.datetime, paths: list[str] | None = None,
    progress: Progress | None = None, *, dates: Mapping[str, dt.datetime] | None = None,
    preread: Preread | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Read every seed (or the given ones); broken seeds become problems, never exceptions."""
    articles: list[Article] = []
    problems: list[Problem] = []
    found = read_results(config, build_time, paths, progress, dates=dates, preread=preread)
    for result in found.values():
        problems.extend(result.problems)
        if result.article is not None:
            articles.append(result.article)
    return articles, problems


# ---------------------------------------------------------------------------- checks
# What ``digest check`` says beyond what stops a build: advice, not errors in a seed.


def check_seeds(
    config: Config, build_time: dt.datetime, *, base: str | None = "HEAD"
) -> list[Problem]:
    """Language, near-duplicates, clashing feed ids and moved URLs across all seeds."""
    results = read_results(config, build_time)
    articles = [r.article for r in results.values() if r.article is not None]
    problems = [
        *language_problems(results),
        *duplicate_problems(articles),
    ]
    if base:
        problems += slug_change_problems(config, results, base)
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
            f"{hint}", Severity.WARNING))
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
        problems += [Problem(dup.first, None, message, Severity.WARNING),
                     Problem(dup.second, None, message, Severity.WARNING)]
    return problems


def slug_change_problems(
    config: Config, results: Mapping[str, ReadResult], base: str = "HEAD"
) -> list[Problem]:
    """Committed seeds whose URL moved since ``base`` without an ``old_slugs`` redirect."""
    committed = committed_seeds(config, base)
    if not committed:
        return []
    renamed = _renames(config, base)
    ctx = SeedContext(config=config, git_date=None, build_time=dt.datetime.now(dt.UTC))
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
                f"the old URL would break; {fix} so it redirects", Severity.WARNING))
        for old in before.old_slugs:
            if old not in kept:
                problems.append(Problem(
                    path, result.meta_lines.get("old_slugs") or line,
                    f"old_slugs: '{old}' was removed since {base}: its redirect would go; "
                    "keep it in 'old_slugs:'", Severity.WARNING))
    return problems


MODEL_DIR = "digest/data/ner"


def model_change_problems(config: Config, base: str = "HEAD") -> list[Problem]:
    """A change to the recognizers' files since ``base``: a model decides what every page
    says, so a maintainer looks twice at a pull request that brings one."""
    out = _git(config, "diff", "--name-only", "-z", base, "--", MODEL_DIR)
    if not out:
        return []
    changed = sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)
    return [Problem(path, None, f"recognizer model file changed since {base}: check that it "
                    "was made by 'make train-ner' from the documented data",
                    Severity.WARNING) for path in changed]


def _git(config: Config, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        return subprocess.run(["git", *args], cwd=config.root, input=stdin,
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def committed_seeds(config: Config, base: str = "HEAD") -> dict[str, bytes]:
    """The seeds as committed in ``base``, by path; empty outside a git work tree."""
    if _git(config, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        return {}
    listing = _git(config, "ls-tree", "-r", "-z", "--name-only", base, "--",
                   config.seeds_dir)
    if not listing:
        return {}
    paths = [p for p in listing.decode("utf-8", "surrogateescape").split("\0")
             if p and Path(p).suffix in READERS and "\n" not in p]
    if not paths:
        return {}
    out = _git(config, "cat-file", "--batch",
               stdin="".join(f"{base}:./{p}\n" for p in paths).encode("utf-8",
                                                                      "surrogateescape"))
    if out is None:
        return {}
    blobs: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        pos = header_end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        blobs[path] = out[pos : pos + size]
        pos += size + 1
    return blobs


def _renames(config: Config, base: str) -> dict[str, str]:
    """New path -> path in ``base`` for the seeds git sees as renamed since then."""
    out = _git(config, "diff", "-M", "--relative", "--name-status", "-z", base, "--",
               config.seeds_dir)
    if not out:
        return {}
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    renames: dict[str, str] = {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status.startswith(("R", "C")):
            renames[fields[i + 2]] = fields[i + 1]
            i += 3
        else:
            i += 2
    return renames
