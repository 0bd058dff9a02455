"""Pagefind's Python API (``pagefind.index``) against the digest's own client of the same
indexing service (``digest/pagefind.py``), on the same pages, in one run.

    .venv/bin/python -m benchmarks.pagefind_api --pages 200

Both drive ``pagefind --service``; they differ in how answers are read. The package's client
reads one answer per 0.1 s poll, so a bundle of N pages costs at least N / 10 seconds
whatever the machine; the digest's reads each answer as it arrives. The script prints wall
seconds for each and whether both produced the same index files.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate


def _pages(site: Path, count: int) -> list[str]:
    """``count`` article pages from generated seeds, written under ``site``."""
    rels = []
    for n, seed in enumerate(generate(count, seed=7)):
        title, *paragraphs = seed.text.splitlines()
        rel = f"articles/a{n:05d}/index.html"
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
        title = html.escape(title)
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(
            f"<!doctype html><html lang=de><head><title>{title}</title></head><body>"
            f"<article data-pagefind-body><h1>{title}</h1>{body}</article></body></html>",
            encoding="utf-8")
        rels.append(rel)
    return rels


def _digest(site: Path, pages: list[str]) -> dict[str, str]:
    from digest import pagefind

    out = site.parent / "digest-bundle"
    with pagefind.Service(site) as service:
        files = pagefind.index(
            service, [(p, (site / p).read_text(encoding="utf-8")) for p in pages], "de")
    pagefind.write_bundle(out, files)
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _package(site: Path, pages: list[str], together: bool) -> dict[str, str]:
    from pagefind.index import IndexConfig, PagefindIndex

    async def run() -> list[Any]:
        # Leaving the block writes the bundle too: into the scratch folder, not the cwd.
        config = IndexConfig(force_language="de", exclude_selectors=[".headerlink"],
                             output_path=str(site.parent / "package-bundle"))
        async with PagefindIndex(config=config) as index:
            adds = [index.add_html_file(content=(site / rel).read_text(encoding="utf-8"),
                                        source_path=rel) for rel in pages]
            if together:
                await asyncio.gather(*adds)
            else:
                for add in adds:
                    await add
            return list(await index.get_files())

    return {str(f["path"]): hashlib.sha256(bytes(f["content"])).hexdigest()
            for f in asyncio.run(run())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    random.seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        pages = _pages(site, args.pages)
        results = {}
        for name, run in (("digest client", lambda: _digest(site, pages)),
                          ("pagefind.index, one add at a time",
                           lambda: _package(site, pages, together=False)),
                          ("pagefind.index, all adds at once",
                           lambda: _package(site, pages, together=True))):
            start = time.perf_counter()
            files = run()
            took = time.perf_counter() - start
            results[name] = files
            print(f"{name}: {took:.2f} s for {len(pages)} pages "
                  f"({1000 * took / len(pages):.1f} ms per page), {len(files)} files")
        first = results["digest client"]
        for name, files in results.items():
            print(f"{name}: same index files as the digest client: {files == first}")


if __name__ == "__main__":
    main()
