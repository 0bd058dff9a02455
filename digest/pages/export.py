"""Machine-readable outputs: JSON Feed 1.1 and every fact as JSON and CSV for data journalists."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from digest.config import Config
from digest.escape import spreadsheet_cell
from digest.model import ENTITY_KINDS, Entry, OutputFile
from digest.pages.display import restated
from digest.pages.render import newest_first
from digest.pages.urls import page_url

FACT_COLUMNS = (
    "article", "article_title", "article_date", "lang", "type", "text", "value",
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
        base = {"article": a.slug, "article_title": a.title,
                "article_date": a.date.isoformat(), "lang": a.lang}
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


ARTICLE_COLUMNS = ("article", "article_title", "article_date", "lang")
"""What a flat record repeats of its article: the JSON says it once per article."""
CSV_COLUMNS = tuple(c for c in FACT_COLUMNS if c not in ("article_title", "lang"))
"""One row per fact; the article's title and language are in the JSON, not on every row, and
the article is its slug (``index.json`` says how it makes the URL): a URL on every row was
three fifths of the CSV's bytes."""
URL_FIELD = "{article}"
"""The placeholder of ``index.json``'s ``article_url_template``."""


PART_ARTICLES = 500
"""Articles per export file: a month with more is split in parts, counted from its oldest
article, so no file passes about 10 MB and a new article changes only the newest part."""


@dataclass(frozen=True)
class FactChunk:
    """One article's part of its month's exports: a JSON line and its CSV rows."""

    month: str
    """``YYYY-MM`` of the article's date."""
    part: int
    """Which of its month's files it belongs to (see ``export_parts``)."""
    facts: int
    json: bytes
    csv: bytes


def fact_chunk(entry: Entry, config: Config, parts: Mapping[str, int]) -> FactChunk:
    """One article as a JSON record (its facts nested, the article said once) and as CSV
    rows (one per fact); json's fast C encoder, one record per line for readable diffs.
    ``parts``: seed path -> part of its month (``export_parts``)."""
    records = fact_records([entry], config)
    a = entry.article
    record = {"article": a.slug, "url": config.site_url + page_url(config, a.slug),
              "title": a.title, "date": a.date.isoformat(), "lang": a.lang,
              "facts": [{k: v for k, v in r.items() if v and k not in ARTICLE_COLUMNS}
                        for r in records]}
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n",
                   extrasaction="ignore").writerows(_spreadsheet_safe(r) for r in records)
    return FactChunk(month_of(entry), parts.get(entry.article.source, 1), fact_count(entry),
                     json.dumps(record, ensure_ascii=False).encode(), buffer.getvalue().encode())


def month_of(entry: Entry) -> str:
    return entry.article.date.strftime("%Y-%m")


def export_parts(entries: Sequence[Entry]) -> dict[str, int]:
    """Seed path -> the part of its month's export each of ``entries`` (in ``newest_first``
    order) goes to, parts numbered from 1 at the month's oldest article."""
    counts = Counter(month_of(e) for e in entries)
    seen: Counter[str] = Counter()
    parts = {}
    for e in entries:
        month = month_of(e)
        from_oldest = counts[month] - seen[month] - 1
        seen[month] += 1
        parts[e.article.source] = from_oldest // PART_ARTICLES + 1
    return parts


@dataclass(frozen=True)
class ExportPart:
    """The articles of one export file pair: a month, or a part of a busy month."""

    month: str
    part: int
    entries: tuple[Entry, ...]
    """Newest first."""

    @property
    def name(self) -> str:
        return self.month if self.part == 1 else f"{self.month}-{self.part}"


def export_groups(newest: Sequence[Entry]) -> list[ExportPart]:
    """The export files' articles, from ``newest_first`` entries, in the order
    ``export_files`` writes them."""
    parts = export_parts(newest)
    return [ExportPart(month, part, tuple(group)) for (month, part), group in itertools.groupby(
        newest, key=lambda e: (month_of(e), parts[e.article.source]))]


def fact_count(entry: Entry) -> int:
    """How many records ``fact_records`` makes of the article: one per fact."""
    f = entry.facts
    return (len(f.money) + len(f.percent) + len(f.dates)
            + sum(len(getattr(f, kind)) for kind in ENTITY_KINDS))


def export_files(groups: Sequence[ExportPart], chunks: Iterable[FactChunk], config: Config,
                 kept: Collection[str] = ()) -> Iterator[OutputFile]:
    """The facts exports, one JSON and one CSV file per month of articles (in parts of
    ``PART_ARTICLES``), and an index of them: ``chunks`` are the ``fact_chunk``s of the
    parts not ``kept`` (by name; their files stay as they are), in order (a part's articles
    come together, and its files are made when its last article has come). A new article
    changes its part's files and the index only, and no file grows with the archive."""
    header = io.StringIO()
    csv.DictWriter(header, fieldnames=CSV_COLUMNS, lineterminator="\n").writeheader()
    made = itertools.groupby(chunks, key=lambda c: (c.month, c.part))
    pending = next(made, None)
    months: list[dict[str, object]] = []
    for group in groups:
        json_doc, csv_doc = facts_docs(config, group.name)
        if group.name in kept:
            articles, facts = len(group.entries), sum(fact_count(e) for e in group.entries)
        elif pending is not None and pending[0] == (group.month, group.part):
            items = list(pending[1])
            pending = next(made, None)
            yield OutputFile(json_doc, b"[\n" + b",\n".join(c.json for c in items) + b"\n]\n")
            yield OutputFile(csv_doc, header.getvalue().encode() + b"".join(c.csv for c in items))
            articles, facts = len(items), sum(c.facts for c in items)
        else:  # every article of the part failed: the site is made again without them
            continue
        months.append({"month": group.month, "part": group.part, "articles": articles,
                       "facts": facts, "json": json_doc.rsplit("/", 1)[1],
                       "csv": csv_doc.rsplit("/", 1)[1]})
    index = {"months": months, "csv_columns": list(CSV_COLUMNS),
             "article_url_template": config.site_url + page_url(config, URL_FIELD)}
    yield OutputFile(facts_index_doc(config),
                     (json.dumps(index, ensure_ascii=False, indent=1) + "\n").encode())


def facts_docs(config: Config, name: str) -> tuple[str, str]:
    """Project-relative paths of one month's (or part's) facts exports (JSON, CSV)."""
    folder = f"{config.docs_dir}/{config.feeds_dir}/facts"
    return f"{folder}/{name}.json", f"{folder}/{name}.csv"


def facts_index_doc(config: Config) -> str:
    return f"{config.docs_dir}/{config.feeds_dir}/facts/index.json"


def _spreadsheet_safe(record: Mapping[str, str]) -> dict[str, str]:
    """A CSV record whose text cells cannot run as formulas; the JSON keeps the text as is."""
    return {c: spreadsheet_cell(v, number=c in NUMBER_COLUMNS) for c, v in record.items()}


def _s(value: Decimal | int | None) -> str:
    return "" if value is None else str(value)
