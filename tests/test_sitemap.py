"""The sitemap the digest writes: each page's address, an article dated by its own date."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from digest.sitemap import gzipped, sitemap_xml, source_date

BASE = "https://example.org/d/"


@pytest.mark.parametrize(("date", "lastmod"), [
    ("2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00+01:00"),
    (dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), "2026-03-02T09:00:00+00:00"),
    (dt.date(2026, 3, 2), "2026-03-02"),
    ("2026-03-02", "2026-03-02"),
    ("2026-03-02T09:00:00", "2026-03-02"),  # no zone: the day only
    ("gestern", None),
    (None, None),
    (2026, None),
])
def test_a_page_is_dated_by_its_front_matter_date(date: object, lastmod: str | None) -> None:
    xml = sitemap_xml([(f"{BASE}a/", date)]).decode()
    assert f"<loc>{BASE}a/</loc>" in xml
    if lastmod is None:
        assert "lastmod" not in xml
    else:
        assert f"<lastmod>{lastmod}</lastmod>" in xml


def test_addresses_are_escaped_and_kept_in_order() -> None:
    xml = sitemap_xml([(f"{BASE}b/?x=1&y=<2>", None), (f"{BASE}a/", None)]).decode()
    assert "x=1&amp;y=&lt;2&gt;" in xml
    assert xml.index(f"{BASE}b/") < xml.index(f"{BASE}a/")


def test_the_gzip_copy_has_no_time_stamp() -> None:
    data = sitemap_xml([(BASE, None)])
    assert gzipped(data) == gzipped(data)
    assert gzip.decompress(gzipped(data)) == data and gzipped(data)[4:8] == b"\0\0\0\0"


@pytest.mark.parametrize(("text", "date"), [
    ('---\ntitle: "T"\ndate: "2026-03-02T09:00:00+01:00"\n---\n# T\n',
     "2026-03-02T09:00:00+01:00"),
    ("---\ntitle: T\ndate: 2026-03-02\n---\n", "2026-03-02"),
    ('---\ndescription: "date: 2020"\n---\ndate: 2021-01-01\n', None),  # not front matter
    ("# T\n\ndate: 2026-03-02\n", None),
    ("---\ntitle: T\n---\n", None),
])
def test_a_page_not_read_by_mkdocs_is_dated_from_its_markdown(
        tmp_path: Path, text: str, date: str | None) -> None:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    assert source_date(str(page)) == date
    assert source_date(str(tmp_path / "gone.md")) is None and source_date(None) is None
