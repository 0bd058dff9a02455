"""Machine-readable outputs: JSON Feed 1.1 and every fact as JSON and CSV for data journalists."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from digest.config import Config
from digest.escape import spreadsheet_cell
from digest.model import ENTITY_KINDS, Entry
from digest.pages.display import restated
from digest.pages.render import newest_first
from digest.pages.urls import page_url

FACT_COLUMNS = (
    "article_url", "article_title", "article_date", "lang", "type", "text", "value",
    "value_to", "unit", "currency", "eur", "eur_note", "restates", "year", "month", "day",
    "name",
)
# Columns the digest fills with numbers it computed (Decimal or int), never with seed text.
NUMBER_COLUMNS = frozenset({"value", "value_to", "eur", "year", "month", "day"})


def fact_records(entries: Sequence[Entry], config: Config) -> list[dict[str, str]]:
    """One flat record per fact of every article, in article then text order."""
    rows: list[dict[str, str]] = []
    for e in newest_first(entries):
        a = e.article
        base = {"article_url": config.site_url + page_url(config, a.slug),
                "article_title": a.title, "article_date": a.date.isoformat(), "lang": a.lang}
        for i, m in enumerate(e.facts.money):
            # a restatement's row has no euro value: the row of the amount it restates has it
            j = restated(e.facts.money, i)
            restates = "" if j is None else e.facts.money[j].text
            rows.append({**base, "type": "exchange_rate" if m.kind == "exchange_rate" else "money",
                         "text": m.text, "value": _s(m.value), "value_to": _s(m.value_to),
                         "currency": m.currency, "unit": m.per or "", "eur": _s(m.eur),
                         "eur_note": m.eur_note or "", "restates": restates})
        for p in e.facts.percent:
            rows.append({**base, "type": "percent", "text": p.text, "value": _s(p.value),
                         "value_to": _s(p.value_to), "unit": p.unit})
        for d in e.facts.dates:
            rows.append({**base, "type": "date", "text": d.text, "year": _s(d.year),
                         "month": _s(d.month), "day": _s(d.day)})
        for kind in ENTITY_KINDS:
            for name in getattr(e.facts, kind):
                rows.append({**base, "type": kind.rstrip("s"), "name": name})
    return [{c: r.get(c, "") for c in FACT_COLUMNS} for r in rows]


def facts_export_dests(config: Config) -> tuple[str, str]:
    folder = f"{config.docs_dir}/{config.feeds_dir}"
    return f"{folder}/facts.json", f"{folder}/facts.csv"


def facts_export_parts(chunks: Iterable[tuple[bytes, bytes]]) -> Iterator[tuple[bytes, bytes]]:
    """The two exports as (JSON, CSV) pieces, from each article's ``fact_chunk`` in
    ``newest_first`` order. One record per line: readable diffs, and json's fast C
    encoder (``indent=`` is pure Python)."""
    header = io.StringIO()
    csv.DictWriter(header, fieldnames=FACT_COLUMNS, lineterminator="\n").writeheader()
    yield b"[\n", header.getvalue().encode()
    separator = b""
    for as_json, as_csv in chunks:
        yield (separator + as_json if as_json else b""), as_csv
        if as_json:
            separator = b",\n"
    yield b"\n]\n", b""


def fact_chunk(entry: Entry, config: Config) -> tuple[bytes, bytes]:
    """One article's part of ``facts.json`` (records joined by ``,\\n``) and ``facts.csv``."""
    records = fact_records([entry], config)
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n").writerows(
        _spreadsheet_safe(r) for r in records)
    as_json = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return as_json.encode(), buffer.getvalue().encode()


def _spreadsheet_safe(record: Mapping[str, str]) -> dict[str, str]:
    """A CSV record whose text cells cannot run as formulas; the JSON keeps the text as is."""
    return {c: spreadsheet_cell(v, number=c in NUMBER_COLUMNS) for c, v in record.items()}


def _s(value: Decimal | int | None) -> str:
    return "" if value is None else str(value)
