"""Reads ``mkdocs.yml`` (site settings and ``extra: digest:``), validates it once, freezes it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import yaml
from yaml_env_tag import construct_env_tag

from digest.config_schema import DigestOptions, validate, validate_site
from digest.errors import DigestError


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
    """Safe YAML that reads ``!ENV`` as MkDocs does (an environment variable, with a default)
    and tolerates the ``!!python/name:`` and other tags MkDocs configs use."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_Loader.add_multi_constructor("!", _ignore_tag)

DIGEST_DEFAULTS: dict[str, Any] = {key: option.default for key, option in DigestOptions._schema}
"""Every ``extra: digest:`` setting's default (declared in ``config_schema``)."""


_SAME_NAME = tuple(key for key in DIGEST_DEFAULTS if key != "seeds")
"""The settings whose ``Config`` field has the setting's name (``seeds`` is ``seeds_dir``)."""

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

    site, errors = validate_site(raw)
    extra = raw.get("extra") or {}
    section = extra.get("digest") if isinstance(extra, dict) else None
    if section is None:
        section = {}
    if not isinstance(section, dict):
        errors.append(f"extra.digest: expected a mapping, got {type(section).__name__}")
        section = {}
    opts, problems = validate(section, path)
    errors += [f"extra.digest.{problem}" for problem in problems]
    config = Config(
        root=path.parent,
        **site,
        seeds_dir=opts["seeds"],
        **{key: opts[key] for key in _SAME_NAME},
    )
    if len(set(config.owned_dirs)) < len(config.owned_dirs):
        errors.append(f"extra.digest: {', '.join(OWNED_DIR_KEYS[:-1])} and "
                      f"{OWNED_DIR_KEYS[-1]} must differ")
    if errors:
        raise DigestError("\n".join(f"{path.name}: {e}" for e in errors))
    return config
