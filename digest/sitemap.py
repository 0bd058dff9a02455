"""The site's ``sitemap.xml``, written by the digest instead of MkDocs' template: each article
dated by its own date rather than every page by the day of the build, which told search
engines that all pages changed every day and made the file (and its gzip copy, stamped with
the build time) new on every build."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"


def sitemap_xml(pages: Iterable[tuple[str, object]]) -> bytes:
    """A sitemap of ``pages`` (address, the page's ``date`` meta or ``None``), in their order:
    a page with a date a sitemap can carry gets it as ``lastmod``; listings, which change
    with every new article, get none."""
    rows = []
    for url, date in pages:
        lastmod = _w3c(date)
        rows.append(f"    <url>\n         <loc>{escape(url)}</loc>\n"
                    + (f"         <lastmod>{lastmod}</lastmod>\n" if lastmod else "")
                    + "    </url>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{''.join(rows)}</urlset>\n").encode()


_DATE = re.compile(r"""^date:[ \t]*["']?([0-9][0-9:T+.\- ]*?)["']?[ \t]*$""", re.M)


def source_date(path: str | None) -> str | None:
    """The ``date`` of a page's front matter, read from the head of its Markdown: for a
    page MkDocs did not read in this build (its dirty build reads changed pages only)."""
    if not path:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return None
    if not head.startswith("---"):
        return None
    end = head.find("\n---", 3)
    found = _DATE.search(head, 0, end if end > 0 else len(head))
    return found.group(1) if found else None


def gzipped(data: bytes) -> bytes:
    """``data`` gzipped without a time stamp, so the same sitemap gives the same bytes."""
    return gzip.compress(data, mtime=0)


def _w3c(value: object) -> str | None:
    """A front-matter date as a W3C date-time a sitemap takes, or ``None``."""
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        return value.isoformat()
    elif isinstance(value, str):
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return when.isoformat() if when.tzinfo is not None else when.date().isoformat()
