"""Where every generated page lives: its path under ``docs_dir`` and its URL, built in one
place from the config. Links between pages are written as docs-relative paths and turned into
page-relative links by ``rel_link``, so MkDocs validates every one of them in strict builds."""

from __future__ import annotations

from collections.abc import Mapping

from digest.config import Config
from digest.link.links import Topic
from digest.model import Tag


def article_doc(config: Config, slug: str) -> str:
    """Docs-relative path of an article page."""
    return f"{config.articles_dir}/{slug}.md"


def page_url(config: Config, slug: str) -> str:
    """Site-relative URL of an article page (MkDocs directory URLs)."""
    return f"{config.articles_dir}/{slug}/"


def doc_url(doc: str) -> str:
    """Site-relative URL MkDocs gives a docs-relative Markdown path."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def up_to_root(doc: str) -> str:
    """From the URL MkDocs gives a docs-relative page up to the site root, for HTML links
    (which MkDocs does not rewrite as it does Markdown links)."""
    return "../" * doc_url(doc).count("/")


def rel_link(target: str, from_doc: str) -> str:
    """A Markdown link from one docs-relative page to another (up to the root, then down:
    every generated link is built this way, millions of times on a large site)."""
    return "../" * from_doc.count("/") + target


def page_doc(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/{number}.md"


def tag_doc(config: Config, slug: str) -> str:
    """Docs-relative path of a tag's first page."""
    return page_doc(f"{config.tags_dir}/{slug}", 1)


def tag_home(config: Config, slug: str, pages: Mapping[str, str] | None = None) -> str:
    """Docs-relative path of the page of the tag ``slug``: the topic page that stands for it
    (``pages``: slug -> page), else its own tag page."""
    return (pages or {}).get(slug) or tag_doc(config, slug)


def feed_urls(config: Config) -> tuple[str, str]:
    """Site-relative URLs of the site's RSS and Atom feeds."""
    return f"{config.feeds_dir}/rss.xml", f"{config.feeds_dir}/atom.xml"


def tag_feed_url(config: Config, tag_slug: str) -> str:
    """Site-relative URL of one tag's feed: Atom only, as every feed reader takes it; a
    second format of each tag's feed was a tenth of the site's bytes."""
    return f"{config.feeds_dir}/tags/{tag_slug}.atom.xml"


def tag_page(config: Config, tag: Tag) -> str | None:
    """Docs-relative path of the page a tag's chip links: its entity's topic page, where
    that lists every article of the tag, else its tag page; none for a tag too rare for one."""
    if not tag.listed:
        return None
    return tag.page or tag_doc(config, tag.slug)


def topic_doc(config: Config, topic: Topic) -> str:
    return page_doc(f"{config.topics_dir}/{topic.kind}/{topic.slug}", 1)
