"""Config under extra.digest: defaults, and messages that say what was expected and found."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import DigestError


def write(tmp: Path, text: str) -> Path:
    path = tmp / "mkdocs.yml"
    path.write_text(text)
    return path


def test_defaults(tmp_path: Path) -> None:
    """A minimal mkdocs.yml gives the documented defaults."""
    cfg = load_config(write(tmp_path, "site_name: X\nsite_url: https://x.org\n"))
    assert (cfg.seeds_dir, cfg.articles_dir, cfg.feeds_dir, cfg.feed_items, cfg.timezone) == (
        "seeds", "articles", "feeds", 50, "Europe/Vienna")
    assert cfg.site_url == "https://x.org/"
    assert "Kommentare" in cfg.boilerplate


def test_python_name_tags_are_tolerated(tmp_path: Path) -> None:
    """MkDocs configs may carry !!python/name tags (emoji); reading them must not fail."""
    text = ("site_name: X\nsite_url: https://x.org/\nmarkdown_extensions:\n"
            "  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert load_config(write(tmp_path, text)).site_name == "X"


def test_every_error_reported_at_once(tmp_path: Path) -> None:
    """Wrong types, unknown keys and bad zones are all listed, each with what was expected."""
    text = ("site_name: X\nsite_url: x.org\nextra:\n  digest:\n    feed_items: many\n"
            "    timezone: Mars/Olympus\n    seedz: seeds\n")
    with pytest.raises(DigestError) as exc:
        load_config(write(tmp_path, text))
    assert str(exc.value).splitlines() == [
        "mkdocs.yml: site_url: expected an absolute http(s) URL, got 'x.org'",
        "mkdocs.yml: extra.digest.seedz: unknown option; expected one of seeds, articles_dir, "
        "archive_dir, feeds_dir, topics_dir, editions_dir, tags_dir, topic_min_articles, "
        "page_size, search_bundle_pages, related_items, feed_items, tag_feed_items, "
        "home_items, timezone, boilerplate, vocabulary, max_seed_bytes, search, "
        "id_authority_date",
        "mkdocs.yml: extra.digest.feed_items: expected an integer >= 1, got 'many'",
        "mkdocs.yml: extra.digest.timezone: expected an IANA zone like 'Europe/Vienna', "
        "got 'Mars/Olympus'",
    ]


def test_env_tags_are_read_as_mkdocs_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``!ENV NAME`` and ``!ENV [NAME, default]`` take the environment's value, as in MkDocs:
    a site URL set by the deploy, a setting with a fallback."""
    monkeypatch.setenv("DIGEST_SITE_URL", "https://news.example.org/")
    monkeypatch.delenv("DIGEST_PAGE_SIZE", raising=False)
    text = ("site_name: X\nsite_url: !ENV DIGEST_SITE_URL\nextra:\n  digest:\n"
            "    page_size: !ENV [DIGEST_PAGE_SIZE, 20]\n"
            "    timezone: !ENV [DIGEST_ZONE, UTC]\n")
    cfg = load_config(write(tmp_path, text))
    assert (cfg.site_url, cfg.page_size, cfg.timezone) == ("https://news.example.org/", 20, "UTC")
    monkeypatch.setenv("DIGEST_PAGE_SIZE", "0")
    with pytest.raises(DigestError, match=r"extra.digest.page_size: expected an integer >= 1, "
                                          r"got 0$"):
        load_config(write(tmp_path, text))


def test_output_folder_may_not_escape(tmp_path: Path) -> None:
    """Owned folders are relative and inside docs_dir."""
    text = "site_name: X\nsite_url: https://x.org/\nextra:\n  digest:\n    articles_dir: ../x\n"
    with pytest.raises(DigestError, match=r"articles_dir: expected a relative folder, got '../x'"):
        load_config(write(tmp_path, text))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    """A YAML syntax error points at its line."""
    with pytest.raises(DigestError, match=r"^mkdocs.yml:2: invalid YAML: mapping values are "):
        load_config(write(tmp_path, "site_name: X\n  bad: indent\n"))
