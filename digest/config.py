"""Reads ``mkdocs.yml`` (site settings and ``extra: digest:``), validates it once, freezes it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from digest.errors import DigestError

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


@dataclass(frozen=True)
class Config:
    """Everything the digest needs to know, checked and typed."""

    root: Path
    """Project root: the folder that holds ``mkdocs.yml``."""
    site_name: str
    site_url: str
    """Absolute URL of the deployed site, with a trailing slash."""
    site_description: str
    docs_dir: str
    site_dir: str
    theme_dir: str | None
    """The theme's ``custom_dir`` (templates and assets of the project), if set."""
    language: str
    """Default language for the site and for articles whose language is unclear."""
    seeds_dir: str
    articles_dir: str
    """Folder under ``docs_dir`` that the digest owns for article pages."""
    archive_dir: str
    feeds_dir: str
    topics_dir: str
    editions_dir: str
    tags_dir: str
    """Folder under ``docs_dir`` for the tag index and one paginated page per tag."""
    topic_min_articles: int
    """An entity gets a topic page once this many articles name it."""
    page_size: int
    """Articles per listing page (archive months, topics, editions): no page grows with N."""
    search_bundle_pages: int
    """Pages per Pagefind bundle: the indexer holds a bundle in memory (~0.3 MB a page)."""
    related_items: int
    feed_items: int
    tag_feed_items: int
    """Items per tag feed: many tags, each a light feed of the newest facts and leads."""
    home_items: int
    timezone: str
    boilerplate: tuple[str, ...]
    vocabulary: str | None
    max_seed_bytes: int
    search: str
    """``lunr`` (Material's built-in index) or ``pagefind`` (chunked, for large sites)."""
    id_authority_date: str
    """Date part of the ``tag:`` URIs that identify articles in feeds; never change it."""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def owned_dirs(self) -> tuple[str, ...]:
        """Folders under ``docs_dir`` whose every file the digest writes and may delete."""
        return tuple(getattr(self, key) for key in OWNED_DIR_KEYS)

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "localhost"


class _Loader(yaml.SafeLoader):
    """Safe YAML that tolerates the ``!!python/name:`` and ``!ENV`` tags MkDocs configs use."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_Loader.add_multi_constructor("!", _ignore_tag)

DIGEST_DEFAULTS: dict[str, Any] = {
    "seeds": "seeds",
    "articles_dir": "articles",
    "archive_dir": "archive",
    "feeds_dir": "feeds",
    "topics_dir": "topics",
    "editions_dir": "editions",
    "tags_dir": "tags",
    "topic_min_articles": 1,
    "page_size": 50,
    "search_bundle_pages": 2000,
    "related_items": 5,
    "feed_items": 50,
    "tag_feed_items": 20,
    "home_items": 10,
    "timezone": "Europe/Vienna",
    "boilerplate": list(DEFAULT_BOILERPLATE),
    "vocabulary": None,
    "max_seed_bytes": 1_000_000,
    "search": "lunr",
    "id_authority_date": "2026",
}


OWNED_DIR_KEYS = ("articles_dir", "archive_dir", "feeds_dir", "topics_dir", "editions_dir",
                  "tags_dir")
"""The settings naming the folders under ``docs_dir`` that the digest owns."""


def generated_dirs(section: Any) -> tuple[str, ...]:
    """The folders under ``docs_dir`` the digest writes, from a raw ``extra: digest:``
    section (defaults where unset), for code that runs inside MkDocs."""
    raw = section if isinstance(section, dict) else {}
    return tuple(str(raw.get(k, DIGEST_DEFAULTS[k])).strip("/") for k in OWNED_DIR_KEYS)


def load_config(path: Path) -> Config:
    """Read and validate ``mkdocs.yml``; every problem is reported at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DigestError(f"{path}: not found; run digest from the project folder") from None
    try:
        raw = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{path.name}:{line + 1}" if line is not None else path.name
        reason = getattr(exc, "problem", None) or str(exc)
        raise DigestError(f"{where}: invalid YAML: {reason}") from None
    if not isinstance(raw, dict):
        raise DigestError(f"{path.name}: expected a mapping, got {type(raw).__name__}")

    errors: list[str] = []
    extra = raw.get("extra") or {}
    section = extra.get("digest") if isinstance(extra, dict) else None
    if section is None:
        section = {}
    if not isinstance(section, dict):
        errors.append(f"extra.digest: expected a mapping, got {type(section).__name__}")
        section = {}
    unknown = sorted(set(section) - set(DIGEST_DEFAULTS))
    for key in unknown:
        errors.append(
            f"extra.digest.{key}: unknown option; expected one of {', '.join(DIGEST_DEFAULTS)}"
        )
    opts = {**DIGEST_DEFAULTS, **{k: v for k, v in section.items() if k in DIGEST_DEFAULTS}}

    def want_str(key: str, value: Any, *, where: str = "extra.digest.") -> str:
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{where}{key}: expected a non-empty string, got {value!r}")
            return ""
        return value

    def want_dir(key: str) -> str:
        value = want_str(key, opts[key])
        if value and (value.startswith("/") or ".." in Path(value).parts):
            errors.append(f"extra.digest.{key}: expected a relative folder, got {value!r}")
        return value.strip("/")

    def want_int(key: str, minimum: int) -> int:
        value = opts[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            errors.append(f"extra.digest.{key}: expected an integer >= {minimum}, got {value!r}")
            return minimum
        return value

    def want_choice(key: str, choices: tuple[str, ...]) -> str:
        value = opts[key]
        if value not in choices:
            errors.append(f"extra.digest.{key}: expected one of {', '.join(choices)}, "
                          f"got {value!r}")
            return choices[0]
        return str(value)

    site_url = raw.get("site_url")
    if not isinstance(site_url, str) or not re.match(r"https?://[^/]+", site_url):
        errors.append(f"site_url: expected an absolute http(s) URL, got {site_url!r}")
        site_url = "http://localhost/"
    if not site_url.endswith("/"):
        site_url += "/"

    theme = raw.get("theme") or {}
    language = theme.get("language", "de") if isinstance(theme, dict) else "de"
    if language not in ("de", "en"):
        errors.append(f"theme.language: expected 'de' or 'en', got {language!r}")

    timezone = want_str("timezone", opts["timezone"])
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(
            f"extra.digest.timezone: expected an IANA zone like 'Europe/Vienna', got {timezone!r}"
        )
        timezone = "UTC"

    boilerplate = opts["boilerplate"]
    if not isinstance(boilerplate, list) or not all(isinstance(b, str) for b in boilerplate):
        errors.append(f"extra.digest.boilerplate: expected a list of strings, got {boilerplate!r}")
        boilerplate = []

    vocabulary = opts["vocabulary"]
    if vocabulary is not None:
        vocabulary = want_str("vocabulary", vocabulary)
        if vocabulary and not (path.parent / vocabulary).is_file():
            errors.append(f"extra.digest.vocabulary: expected an existing file, got {vocabulary!r}")

    config = Config(
        root=path.parent,
        site_name=want_str("site_name", raw.get("site_name"), where=""),
        site_url=site_url,
        site_description=str(raw.get("site_description") or ""),
        docs_dir=str(raw.get("docs_dir") or "docs"),
        site_dir=str(raw.get("site_dir") or "site"),
        theme_dir=(str(theme["custom_dir"]) if isinstance(theme, dict)
                   and isinstance(theme.get("custom_dir"), str) else None),
        language=language,
        seeds_dir=want_dir("seeds"),
        articles_dir=want_dir("articles_dir"),
        archive_dir=want_dir("archive_dir"),
        feeds_dir=want_dir("feeds_dir"),
        topics_dir=want_dir("topics_dir"),
        editions_dir=want_dir("editions_dir"),
        tags_dir=want_dir("tags_dir"),
        topic_min_articles=want_int("topic_min_articles", 1),
        page_size=want_int("page_size", 1),
        search_bundle_pages=want_int("search_bundle_pages", 1),
        related_items=want_int("related_items", 0),
        feed_items=want_int("feed_items", 1),
        tag_feed_items=want_int("tag_feed_items", 1),
        home_items=want_int("home_items", 1),
        timezone=timezone,
        boilerplate=tuple(boilerplate),
        vocabulary=vocabulary,
        max_seed_bytes=want_int("max_seed_bytes", 1),
        search=want_choice("search", ("lunr", "pagefind")),
        id_authority_date=want_str("id_authority_date", str(opts["id_authority_date"])),
    )
    if len(set(config.owned_dirs)) < len(config.owned_dirs):
        errors.append(f"extra.digest: {', '.join(OWNED_DIR_KEYS[:-1])} and "
                      f"{OWNED_DIR_KEYS[-1]} must differ")
    if errors:
        raise DigestError("\n".join(f"{path.name}: {e}" for e in errors))
    return config
