"""YAML front matter of Markdown seeds: parsed safely (no anchors, no aliases, no tags),
every key located by its line and checked for the type a reader of the docs expects."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import yaml

from digest.model import Problem, Severity
from digest.read.decoding import clean_text
from digest.read.names import name_problem

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


# An http(s) URL without spaces, controls or the characters that end a URL in Markdown or HTML.
_URL_RE = re.compile(r"^https?://[^\s<>\"`{}|\\^\x00-\x1f\x7f]+$")


FRONT_MATTER_KEYS = (
    "title", "date", "source", "author", "lang", "tags", "summary", "slug", "old_slugs", "facts",
)


FACT_KINDS = ("orgs", "places", "persons")


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
            return _front_matter_values(path, raw, fast, fast.get_single_node())
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _NoAliasLoader(raw)
        return _front_matter_values(path, raw, loader, loader.get_single_node())
    except yaml.reader.ReaderError as exc:
        line = raw[: exc.position].count("\n") + 2
        return ({}, {}), [Problem(path, line, "front matter: invalid YAML: unacceptable "
                                  f"character #x{exc.character:04x}", code="front-matter-yaml")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = _line(raw, mark) if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return ({}, {}), [Problem(path, line, f"front matter: invalid YAML: {reason}",
                                  code="front-matter-yaml")]
    except RecursionError:
        return ({}, {}), [Problem(path, 2, "front matter: invalid YAML: nested too deeply",
                                  code="front-matter-yaml")]
    finally:
        if loader is not None:
            loader.dispose()


def _line(raw: str, mark: Any) -> int:
    """The file line of a YAML mark: YAML also breaks lines at U+2028, U+2029 and U+0085,
    which editors and ``git`` show inside one line, so lines are counted by ``\n`` (+1 for
    the opening ``---``)."""
    return raw[: mark.index].count("\n") + 2


def _front_matter_values(
    path: str, raw: str, loader: Any, node: yaml.Node | None
) -> tuple[tuple[dict[str, Any], dict[str, int]], list[Problem]]:
    if node is None:
        return ({}, {}), []
    if not isinstance(node, yaml.MappingNode):
        return ({}, {}), [Problem(path, 2, "front matter: expected 'key: value' lines",
                                  code="front-matter-shape")]
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        line = _line(raw, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, line, "front matter: expected 'key: value' lines",
                                    code="front-matter-shape"))
            continue
        key = clean_text(key_node.value)
        if key in lines:
            problems.append(Problem(path, line, f"{key}: given twice (first on line "
                                    f"{lines[key]})", code="key-twice"))
            continue
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else (
                f"; expected one of {', '.join(FRONT_MATTER_KEYS)}")
            problems.append(Problem(path, line, f"unknown key '{key}'{hint}", Severity.WARNING,
                                    code="unknown-key"))
            continue
        lines[key] = line
        try:
            value = loader.construct_object(value_node, deep=True)
            # Slugs are refused, not repaired: a control character in one is no accident.
            meta[key] = value if key in ("slug", "old_slugs") else _clean_value(value)
        except (ValueError, TypeError, OverflowError) as exc:
            problems.append(Problem(path, line, f"{key}: unreadable value: {exc}",
                                    code="unreadable-value"))
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
                                f"got {shown(meta[key])}", code="wrong-type"))
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
        # Published all the same: numbers, dates and names are read in the language
        # the words suggest, which is the best the extractor can do for it.
        problems.append(Problem(
            path, lines.get("lang"), f"lang: no recognizer for {shown(meta['lang'])} (expected "
            "'de' or 'en'); the article is read in the language its words suggest",
            Severity.WARNING, code="unsupported-language"))
        del meta["lang"]
    if "slug" in meta:
        if not _SLUG_RE.match(meta["slug"]):
            bad("slug", "lowercase letters, digits and hyphens (like 'ki-milliarden')")
        elif name_problem(meta["slug"]):
            problems.append(Problem(path, lines.get("slug"),
                                    f"slug: {name_problem(meta['slug'])}; choose another",
                                    code="bad-slug"))
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
                    problems.append(Problem(path, lines.get(key), f"tags: {shown(tag)} has no "
                                            "letter, digit or symbol; dropped", Severity.WARNING,
                                            code="empty-tag"))
                meta[key] = [t for t in value if _names_something(t)]
            elif key == "old_slugs" and not all(_SLUG_RE.match(s) for s in value):
                bad(key, "slugs of lowercase letters, digits and hyphens")
            elif key == "old_slugs" and any(name_problem(s) for s in value):
                reserved = next(s for s in value if name_problem(s))
                problems.append(Problem(path, lines.get(key),
                                        f"old_slugs: {name_problem(reserved)}",
                                        code="bad-old-slug"))
                del meta[key]
            elif key == "old_slugs" and meta.get("slug") in value:
                problems.append(Problem(path, lines.get(key), f"old_slugs: '{meta['slug']}' is "
                                        "the current slug; list only earlier ones",
                                        code="old-slug-is-current"))
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
        problems.append(Problem(path, line, f"date: expected {expected}, got {shown(value)}",
                                code="bad-date"))
        return
    if not re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
        problems.append(Problem(path, line, f"date: expected {expected}, got {shown(value)}",
                                code="bad-date"))
        return
    try:
        when: dt.date = (dt.date.fromisoformat(value) if len(value) == 10
                         else dt.datetime.fromisoformat(value))
    except ValueError as exc:
        if str(exc).startswith("Invalid isoformat"):
            problems.append(Problem(path, line, f"date: expected {expected}, got {shown(value)}",
                                    code="bad-date"))
        else:  # the shape is right, the calendar says no: "day is out of range for month"
            problems.append(Problem(path, line, f"date: {shown(value)} is not a real date or "
                                    f"time ({exc})", code="impossible-date"))
        return
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
        problems.append(Problem(path, line, f"date: {shown(value)} is out of range; expected a "
                                f"year from {EARLIEST_YEAR} to {LATEST_YEAR}",
                                code="date-out-of-range"))
        return
    meta["date"] = when


def shown(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_url(value: str) -> bool:
    if not _URL_RE.match(value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:
        return False
