"""The settings the digest reads from ``mkdocs.yml``, declared the way MkDocs plugins declare
theirs: one ``config_options`` option per setting, each with its default and a message that
says what was expected and what was found: ``SiteOptions`` for MkDocs' own keys the digest
uses, ``DigestOptions`` for ``extra: digest:``. The only module that imports MkDocs' config
classes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config.base import BaseConfigOption, Config, ValidationError

DEFAULT_BOILERPLATE = (
    "Kommentare",
    "Kommentar schreiben",
    "Kommentieren",
    "Teilen",
    "Artikel teilen",
    "Drucken",
    "Zum Seitenanfang",
    "Mehr zum Thema",
    "Comments",
    "Comment",
    "Share",
    "Share this article",
    "Print",
    "Back to top",
    "Related Topics",
)


class _Text(BaseConfigOption[str]):
    """A non-empty string (numbers written unquoted, such as a year, are read as text)."""

    def __init__(self, default: str, *, numbers: bool = False) -> None:
        super().__init__()
        self.default = default
        self.numbers = numbers

    def run_validation(self, value: object) -> str:
        if self.numbers and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected a non-empty string, got {value!r}")
        return value


class _Folder(_Text):
    """A folder relative to the project (or to ``docs_dir``), written without slashes around."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if text.startswith("/") or ".." in Path(text).parts:
            raise ValidationError(f"expected a relative folder, got {text!r}")
        return text.strip("/")


class _Count(BaseConfigOption[int]):
    """An integer no smaller than ``minimum``."""

    def __init__(self, default: int, minimum: int) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"expected an integer >= {self.minimum}, got {value!r}")
        return value


class _OneOf(BaseConfigOption[str]):
    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__()
        self.choices = choices
        self.default = choices[0]

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"expected one of {', '.join(self.choices)}, got {value!r}")
        return str(value)


class _Zone(_Text):
    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"expected an IANA zone like 'Europe/Vienna', got {text!r}") from None
        return text


class _Strings(BaseConfigOption[tuple[str, ...]]):
    def __init__(self, default: tuple[str, ...]) -> None:
        super().__init__()
        self.default = list(default)

    def run_validation(self, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(f"expected a list of strings, got {value!r}")
        return tuple(value)


class _FileName(BaseConfigOption[str | None]):
    """A file name, or unset (``None``); ``validate`` checks that the file exists."""

    def run_validation(self, value: object) -> str | None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ValidationError(f"expected a non-empty string, got {value!r}")
        return value


class _SiteURL(BaseConfigOption[str]):
    """An absolute http(s) URL, always with a trailing slash."""

    fallback = "http://localhost/"

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.match(r"https?://[^/]+", value):
            raise ValidationError(f"expected an absolute http(s) URL, got {value!r}")
        return value if value.endswith("/") else value + "/"


class _Optional(BaseConfigOption[str]):
    """A string with a default; any value is read as text."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        return str(value or self.default)


class _Language(_OneOf):
    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"expected 'de' or 'en', got {value!r}")
        return str(value)


class _Name(_Text):
    """A required non-empty string (no default)."""

    fallback = "?"

    def __init__(self) -> None:
        super().__init__("")
        self.default = None


class SiteOptions(Config):  # type: ignore[no-untyped-call]
    """MkDocs' own settings that the digest reads (MkDocs validates the rest)."""

    site_name = _Name()
    site_url = _SiteURL()
    site_description = _Optional("")
    docs_dir = _Optional("docs")
    site_dir = _Optional("site")


class DigestOptions(Config):  # type: ignore[no-untyped-call]
    """``extra: digest:`` in ``mkdocs.yml``; every key is optional."""

    seeds = _Folder("seeds")
    articles_dir = _Folder("articles")
    archive_dir = _Folder("archive")
    feeds_dir = _Folder("feeds")
    topics_dir = _Folder("topics")
    editions_dir = _Folder("editions")
    tags_dir = _Folder("tags")
    topic_min_articles = _Count(2, minimum=1)
    page_size = _Count(50, minimum=1)
    search_bundle_pages = _Count(2000, minimum=1)
    related_items = _Count(5, minimum=0)
    feed_items = _Count(50, minimum=1)
    tag_feed_items = _Count(20, minimum=1)
    home_items = _Count(10, minimum=1)
    timezone = _Zone("Europe/Vienna")
    boilerplate = _Strings(DEFAULT_BOILERPLATE)
    vocabulary = _FileName()
    max_seed_bytes = _Count(1_000_000, minimum=1)
    search = _OneOf(("lunr", "pagefind"))
    id_authority_date = _Text("2026", numbers=True)


KEYS = tuple(key for key, _ in DigestOptions._schema)
"""Every setting's name, in the order the schema declares them."""


def _validated(schema: type[Config], section: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Each option of ``schema`` validated, all of them (MkDocs' own ``Config.validate`` stops
    at the first failed option): the values, defaults where wrong, and the problems."""
    errors: list[str] = []
    values: dict[str, Any] = {}
    for key, option in schema._schema:
        try:
            values[key] = option.validate(section.get(key, option.default))
        except ValidationError as error:
            errors.append(f"{key}: {error}")
            values[key] = getattr(option, "fallback", None) or option.validate(option.default)
    return values, errors


def validate_site(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """MkDocs' own keys the digest reads, and ``theme.language`` and ``theme.custom_dir``."""
    values, errors = _validated(SiteOptions, raw)
    theme = raw.get("theme")
    if not isinstance(theme, dict):
        theme = {}
    language = theme.get("language", "de")
    try:
        values["language"] = _Language(("de", "en")).validate(language)
    except ValidationError as error:
        errors.append(f"theme.language: {error}")
        values["language"] = "de"
    custom_dir = theme.get("custom_dir")
    values["theme_dir"] = custom_dir if isinstance(custom_dir, str) else None
    return values, errors


def validate(section: dict[str, Any], config_file: Path) -> tuple[dict[str, Any], list[str]]:
    """The ``extra: digest:`` settings with defaults filled in, and one ``key: message`` per
    problem, all of them at once (unknown keys included)."""
    errors = [f"{key}: unknown option; expected one of {', '.join(KEYS)}"
              for key in sorted(set(section) - set(KEYS))]
    values, problems = _validated(DigestOptions, section)
    errors += problems
    vocabulary = values["vocabulary"]
    if vocabulary and not (config_file.parent / vocabulary).is_file():
        errors.append(f"vocabulary: expected an existing file, got {vocabulary!r}")
        values["vocabulary"] = None
    return values, errors
