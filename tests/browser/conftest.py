"""One built site per test session, served over HTTP on 127.0.0.1, and a headless Chromium.

The fixture project is the real skeleton (``tests.conftest.make_project``) with the seed
committed to a git repository at a fixed date, so the article is dated from git as in CI and
the pages are the same on every run. ``digest build`` runs once; every test reads that site.

The site is served under the path of ``site_url`` (``/digest/``), exactly as GitHub Pages
serves it: pages link relatively and work at any prefix, but MkDocs writes ``404.html`` with
absolute links (``/digest/assets/...``) because it is shown at any depth, and the feeds and the
sitemap carry absolute ``site_url`` links. Mounting the site at the same path makes all of them
resolvable against the local server. Missing files answer 404 with ``404.html``, as Pages does.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from digest.config import Config, load_config
from tests.conftest import ROOT, SEED, make_project

HERE = Path(__file__).resolve().parent
NPM = HERE / "npm" / "node_modules"
VNU_JAR = NPM / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NPM / "axe-core" / "axe.min.js"
ATOM_RNC = HERE / "schema" / "atom.rnc"
# Debian's chromium; DIGEST_CHROMIUM or another system Chrome where Debian's is not there.
CHROMIUM_CANDIDATES = (
    os.environ.get("DIGEST_CHROMIUM", ""),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
CHROMIUM = next((Path(c) for c in CHROMIUM_CANDIDATES if c and os.access(c, os.X_OK)),
                Path("/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

# The seed's commit date: the article is dated from git, so every run renders the same page.
SEED_DATE = "2026-11-20T09:30:00+00:00"
ARTICLE_SLUG = "ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran"
ARTICLE_TITLE = "KI-Milliarden für TikTok: ByteDance treibt Ausbau von Rechenleistung voran"
ARTICLE_DATE_TEXT = "20. November 2026"
# The seed's topic tags; named entities (ByteDance, China, ...) join them as tags too.
ARTICLE_TAGS = ("KI", "Halbleiter", "Rechenzentren")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

SETUP_HINT = "run `make system-deps` (bash .ci/system-deps) to install the test tools"


@dataclass(frozen=True)
class Site:
    """The built fixture project and the local server that serves its ``site/``."""

    root: Path
    """The fixture project folder (mkdocs.yml, content/, seeds/, site/)."""
    config: Config
    base_url: str
    """The served site, ending in ``/digest/``: the local twin of ``site_url``."""

    @property
    def dir(self) -> Path:
        return self.root / self.config.site_dir

    @property
    def site_url(self) -> str:
        return self.config.site_url

    def url(self, path: str = "") -> str:
        """The local URL of a site-relative path (``articles/x/``, ``feeds/rss.xml``)."""
        return self.base_url + path.lstrip("/")

    def local(self, url: str) -> str:
        """An absolute ``site_url`` link (from a feed or the sitemap) as its local twin."""
        if url.startswith(self.site_url):
            return self.base_url + url[len(self.site_url):]
        return url

    def html_pages(self) -> list[Path]:
        return sorted(self.dir.rglob("*.html"))

    def page_url(self, page: Path) -> str:
        """The URL readers use for a built page: ``x/index.html`` is ``x/``."""
        rel = page.relative_to(self.dir).as_posix()
        if rel == "index.html":
            rel = ""
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.url(rel)

    def atom_feeds(self) -> list[Path]:
        return sorted((self.dir / self.config.feeds_dir).rglob("*atom.xml"))

    def rss_feeds(self) -> list[Path]:
        return sorted((self.dir / self.config.feeds_dir).rglob("*rss.xml"))


def _git(project: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Digest Tests",
        "GIT_AUTHOR_EMAIL": "tests@example.org",
        "GIT_COMMITTER_NAME": "Digest Tests",
        "GIT_COMMITTER_EMAIL": "tests@example.org",
        "GIT_AUTHOR_DATE": SEED_DATE,
        "GIT_COMMITTER_DATE": SEED_DATE,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def build_fixture_site(project: Path) -> None:
    """``digest build`` in the fixture project, with the seed committed so it has a git date."""
    from digest.cli import main

    # Pages for names and tags of one article, so the one seed gives every kind of page.
    make_project(project, options={"topic_min_articles": 1})
    assert (project / "seeds" / SEED.name).is_file()
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "seeds")
    _git(project, "commit", "-q", "-m", "Add the seed")
    # MkDocs resolves some relative settings (the snippets base_path) against the working
    # folder, so the build runs from inside the fixture project, as `make site` does.
    with contextlib.chdir(project):
        status = main(["-f", str(project / "mkdocs.yml"), "build"])
    assert status == 0, "digest build failed in the fixture project"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``site/`` under a path prefix, answering misses with ``404.html`` like Pages."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site-prefix")
        return super().translate_path("/" + clean[len(self.prefix):])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No folder listings: a folder without ``index.html`` is a miss, as on Pages."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_SiteHandler.extensions_map = {
    **http.server.SimpleHTTPRequestHandler.extensions_map,
    ".xml": "application/xml",
    ".json": "application/json",
    ".js": "text/javascript",
}


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that navigates away mid-download closes the socket: not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, prefix: str) -> Iterator[str]:
    """A threaded HTTP server on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    _SiteHandler.prefix = prefix
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture project, built once, served for the whole session."""
    project = tmp_path_factory.mktemp("browser-site")
    build_fixture_site(project)
    config = load_config(project / "mkdocs.yml")
    prefix = urlsplit(config.site_url).path or "/"
    with serve(project / config.site_dir, prefix) as base_url:
        yield Site(root=project, config=config, base_url=base_url)


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} not found at {path}; {SETUP_HINT}", pytrace=False)


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"`{name}` not found on PATH; {SETUP_HINT}", pytrace=False)
    return found


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    require_tool("java")
    _require(VNU_JAR, "the Nu HTML checker (npm vnu-jar)")
    return VNU_JAR


@pytest.fixture(scope="session")
def axe_source() -> str:
    _require(AXE_JS, "axe-core (npm axe-core)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright; never a downloaded browser."""
    _require(CHROMIUM, "Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing; install the test extra",
                    pytrace=False)
    with sync_playwright() as pw:
        # launch() gives every run a fresh temporary profile (user-data-dir) of its own;
        # each test then opens a new context, so no storage (like the palette) leaks.
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": str(tmp_path_factory.mktemp("chromium-home"))},
        )
        try:
            yield browser
        finally:
            browser.close()


class Requests:
    """Every URL the browser asked for in one context, pages, workers and fonts alike."""

    def __init__(self, base_url: str) -> None:
        origin = urlsplit(base_url)
        self.allowed = f"{origin.scheme}://{origin.netloc}/"
        self.urls: list[str] = []

    def record(self, request: Any) -> None:
        self.urls.append(request.url)

    def outside(self) -> list[str]:
        """Requests that left the local server (data: and blob: URLs never leave the page)."""
        return sorted({u for u in self.urls
                       if not u.startswith((self.allowed, "data:", "blob:", "about:"))})


def new_context(browser: Any, site: Site, requests: Requests, **options: Any) -> Any:
    """A fresh browser context that records every request and lets none leave 127.0.0.1."""
    settings = {"locale": "de-AT", "timezone_id": "Europe/Vienna", "color_scheme": "light",
                "service_workers": "block", **options}
    context = browser.new_context(**settings)
    context.on("request", requests.record)

    def guard(route: Any) -> None:
        if route.request.url.startswith(requests.allowed):
            route.continue_()
        else:
            route.abort()

    # Anything else is recorded first (the test fails on it) and then refused, so a page
    # that tries to call home neither hangs the suite nor reaches the network.
    context.route("**/*", guard)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def requests_seen(site: Site) -> Requests:
    return Requests(site.base_url)


@pytest.fixture
def page(browser: Any, site: Site, requests_seen: Requests) -> Iterator[Any]:
    """A desktop-sized page in a fresh context; fails the test if it called outside."""
    context = new_context(browser, site, requests_seen, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not requests_seen.outside(), (
        "the browser made requests outside 127.0.0.1:\n" + "\n".join(requests_seen.outside()))
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)


@contextlib.contextmanager
def committed_site(project: Path, seeds: dict[str, str | bytes]) -> Iterator[Site]:
    """The skeleton with ``seeds``, committed (dates come from git), built by ``digest build``
    with Material's lunr search and served under /digest/."""
    from digest.cli import main

    make_project(project, seeds, search="lunr")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "seeds")
    _git(project, "commit", "-q", "-m", "Add the seeds")
    with contextlib.chdir(project):
        assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    config = load_config(project / "mkdocs.yml")
    with serve(project / config.site_dir, "/digest/") as base_url:
        yield Site(root=project, config=config, base_url=base_url)


@contextlib.contextmanager
def opened(browser: Any, site: Site, path: str, width: int) -> Iterator[Any]:
    """``path`` loaded and ready at ``width`` px (a phone below 500) in a fresh context;
    fails if it answered other than 200 or called outside 127.0.0.1."""
    requests = Requests(site.base_url)
    context = new_context(browser, site, requests, viewport={"width": width, "height": 900},
                          is_mobile=width < 500, has_touch=width < 500)
    try:
        page = context.new_page()
        response = page.goto(site.url(path))
        assert response is not None and response.status == 200, path
        wait_ready(page)
        yield page
    finally:
        context.close()
    assert not requests.outside(), requests.outside()


def wait_ready(page: Any) -> None:
    """Material has rendered: the header is there and its JavaScript ran (search is ready)."""
    page.wait_for_load_state("load")
    page.locator("[data-md-component=header]").wait_for()


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
