"""What a reader's first search costs: bytes downloaded and time until the first result.

Serves a built ``site/`` on 127.0.0.1, opens the home page in headless Debian Chromium (driven by
Playwright, never a downloaded browser) with an empty cache, clicks into Material's search box
as soon as the page has loaded and types a query key by key. Measured:

- the bytes the server sent from the first request until the first search result is visible
  (every response body: the page, CSS, JavaScript, the search worker and whatever it fetched,
  the search index), also as they would travel gzip-compressed, as GitHub Pages serves them;
- the time from the first key press to the first ``.md-search-result__item`` on screen, and to
  the result that links to the expected article;
- the same query typed again once everything is loaded: the time of the query alone.

Counting at the server sees what the search worker downloads too, which the page's own
network events do not show. Usage::

    python -m benchmarks.search SITE_DIR QUERY [--expect articles/slug/]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@dataclass
class Served:
    """One response the server finished sending."""

    path: str
    bytes: int
    gzip_bytes: int
    done: float
    """``time.monotonic()`` when the last byte was written."""


@dataclass
class SearchResult:
    query: str
    expect: str | None
    bytes_before_first_result: int = 0
    gzip_bytes_before_first_result: int = 0
    requests_before_first_result: int = 0
    ms_to_first_result: float | None = None
    ms_to_expected_result: float | None = None
    ms_page_load: float | None = None
    ms_repeat_search: float | None = None
    """The same query typed again once the index is loaded: the query alone."""
    results_for: str | None = None
    """The query the result list shows in the end (Material's ``?h=`` on its links)."""
    largest: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


class _Log:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.served: list[Served] = []
        self._gzip: dict[str, int] = {}

    def gzip_size(self, path: Path) -> int:
        key = str(path)
        with self.lock:
            if key in self._gzip:
                return self._gzip[key]
        size = len(gzip.compress(path.read_bytes(), compresslevel=6))
        with self.lock:
            self._gzip[key] = size
        return size

    def add(self, item: Served) -> None:
        with self.lock:
            self.served.append(item)

    def before(self, moment: float) -> list[Served]:
        with self.lock:
            return [s for s in self.served if s.done <= moment]


def _handler(site: Path, log: _Log) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            start = self.wfile
            counter = _CountingWriter(start)
            self.wfile = counter  # type: ignore[assignment]
            try:
                super().do_GET()
            finally:
                self.wfile = start
            if path.is_file():
                log.add(Served(unquote(urlsplit(self.path).path), counter.count,
                               log.gzip_size(path), time.monotonic()))

    Handler.extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".json": "application/json", ".js": "text/javascript", ".xml": "application/xml",
    }
    return Handler


class _CountingWriter:
    """Counts the body bytes written after the headers (``copyfile`` writes the body)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.count = 0
        self.headers_done = False

    def write(self, data: bytes) -> int:
        n = int(self.inner.write(data))
        if self.headers_done:
            self.count += len(data)
        elif data.endswith(b"\r\n\r\n"):
            self.headers_done = True
        return n

    def flush(self) -> None:
        self.inner.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, _Log]]:
    log = _Log()
    server = _Server(("127.0.0.1", 0), _handler(site, log))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


# Installed before the page's own scripts: the first key press and the first result (any, and
# the expected one), in the page's clock, noticed by a MutationObserver as they are inserted.
_PROBE = """
(() => {
  const t = window.__bench = {key: null, first: null, expected: null};
  const expect = %s;
  document.addEventListener("keydown", () => { if (t.key === null) t.key = performance.now(); },
                            true);
  const look = () => {
    if (t.first === null && document.querySelector(".md-search-result__item"))
      t.first = performance.now();
    if (expect && t.expected === null) {
      for (const a of document.querySelectorAll(".md-search-result__item a[href]"))
        if (a.href.includes(expect)) { t.expected = performance.now(); break; }
    }
  };
  new MutationObserver(look).observe(document, {childList: true, subtree: true});
})();
"""


def measure(site: Path, query: str, *, expect: str | None = None, timeout_s: float = 180,
            type_delay_ms: float = 0) -> SearchResult:
    """One cold first search on the home page of ``site``."""
    result = SearchResult(query=query, expect=expect)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        result.error = "playwright is not installed (pip install 'playwright>=1.45,<2')"
        return result
    if not CHROMIUM.exists():
        result.error = f"{CHROMIUM} is missing (apt-get install chromium)"
        return result
    home = Path(tempfile.mkdtemp(prefix="bench-chromium-"))
    try:
        with serve(site) as (base, log), sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(home)})
            try:
                _run(browser, base, log, result, expect, timeout_s, type_delay_ms)
            finally:
                browser.close()
    except Exception as exc:  # a benchmark reports what went wrong and carries on
        result.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return result


def _run(browser: Any, base: str, log: _Log, result: SearchResult, expect: str | None,
         timeout_s: float, type_delay_ms: float) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block", locale="de-AT")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                  else route.abort())
    context.add_init_script(_PROBE % json.dumps(expect or ""))
    context.set_default_timeout(timeout_s * 1000)
    page = context.new_page()
    page.goto(base, wait_until="load")
    result.ms_page_load = page.evaluate(
        "performance.getEntriesByType('navigation')[0].loadEventEnd")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(result.query, delay=type_delay_ms)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    seen = time.monotonic()
    timing = page.evaluate("window.__bench")
    served = log.before(seen)
    result.bytes_before_first_result = sum(s.bytes for s in served)
    result.gzip_bytes_before_first_result = sum(s.gzip_bytes for s in served)
    result.requests_before_first_result = len(served)
    result.largest = sorted(((s.path, s.bytes) for s in served), key=lambda x: -x[1])[:5]
    if timing["first"] is not None and timing["key"] is not None:
        result.ms_to_first_result = round(timing["first"] - timing["key"], 1)
    if expect:
        selector = f'.md-search-result__item a[href*="{expect}"]'
        try:
            page.locator(selector).first.wait_for(state="attached", timeout=30_000)
            timing = page.evaluate("window.__bench")
            if timing["expected"] is not None:
                result.ms_to_expected_result = round(timing["expected"] - timing["key"], 1)
        except Exception:
            result.error = f"the expected article {expect} was not among the results"
    href = page.locator(".md-search-result__item a[href]").first.get_attribute("href") or ""
    result.results_for = parse_qs(urlsplit(href).query).get("h", [None])[0]
    try:  # the query alone, once everything is loaded; its failure spoils nothing above
        box.fill("")
        page.wait_for_function("!document.querySelector('.md-search-result__item')",
                               timeout=15_000)
        page.evaluate("Object.assign(window.__bench, {key: null, first: null, expected: null})")
        box.press_sequentially(result.query, delay=type_delay_ms)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
        timing = page.evaluate("window.__bench")
        if timing["first"] is not None and timing["key"] is not None:
            result.ms_repeat_search = round(timing["first"] - timing["key"], 1)
    except Exception as exc:
        result.notes.append(f"repeat search: {type(exc).__name__}: {exc}".splitlines()[0][:200])
    context.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site", type=Path)
    p.add_argument("query")
    p.add_argument("--expect", help="part of the expected result's URL, e.g. articles/slug/")
    p.add_argument("--type-delay", type=float, default=0, help="milliseconds between keys")
    args = p.parse_args(argv)
    result = measure(args.site, args.query, expect=args.expect, type_delay_ms=args.type_delay)
    print(json.dumps(asdict(result), indent=2))
    return 1 if result.error else 0


if __name__ == "__main__":
    raise SystemExit(main())
