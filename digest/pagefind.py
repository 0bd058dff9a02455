"""Pagefind's indexing service: the one module that runs the Pagefind binary.

The plugin indexes pages through ``pagefind --service`` (what Pagefind's Python and Node APIs
drive), one request at a time, and writes each bundle itself, only where its bytes change.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any

from mkdocs.exceptions import PluginError

from digest.paths import write_if_changed


class Service:
    """One ``pagefind --service`` process: the ``pagefind`` package's own client polls for
    each answer every 0.1 s, 200 s for a bundle of 2,000 pages; this one reads the answer as
    soon as it comes."""

    def __init__(self, cwd: Path) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PluginError("pagefind failed: no Pagefind binary (install pagefind[bin])")
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the service)
        self._proc = subprocess.Popen([str(binary), "--service"], cwd=cwd,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self._errors)
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin, self._stdout = self._proc.stdin, self._proc.stdout
        self._id = 0
        self._buffer = bytearray()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc is None:
            self.close()
        else:
            self.kill()

    def kill(self) -> None:
        """Stop the service at once: the build failed, what it indexed is not wanted."""
        self._proc.kill()
        self._proc.wait()
        self._errors.close()

    def close(self) -> None:
        """Let the service end; one that fails on the way out fails the build."""
        self._stdin.close()
        code = self._proc.wait()
        self._stdout.close()
        self._errors.close()
        if code != 0:
            raise PluginError(f"pagefind failed: the indexing service exited {code}")

    def ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return the answer's payload; an error answer raises, with
        what the service wrote to its error output."""
        try:
            return self._ask(payload)
        except PluginError as exc:
            self._proc.kill()
            self._proc.wait()
            self._errors.seek(0)
            detail = self._errors.read().decode("utf-8", "replace").strip()
            raise PluginError(f"{exc}{': ' + detail if detail else ''}") from None

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._id += 1
        # Messages are base64 JSON, each ended by a comma (not in base64's alphabet).
        message = json.dumps({"message_id": self._id, "payload": payload}).encode("utf-8")
        try:
            self._stdin.write(base64.b64encode(message) + b",")
            self._stdin.flush()
        except BrokenPipeError:
            raise PluginError("pagefind failed: the indexing service stopped") from None
        seen = 0
        while (end := self._buffer.find(b",", seen)) < 0:
            seen = len(self._buffer)
            chunk = os.read(self._stdout.fileno(), 1 << 20)
            if not chunk:
                raise PluginError("pagefind failed: the indexing service stopped")
            self._buffer += chunk
        answer = json.loads(base64.b64decode(self._buffer[:end]))
        del self._buffer[: end + 1]
        reply: dict[str, Any] = answer.get("payload") or {}
        if answer.get("message_id") != self._id or reply.get("type") == "Error":
            raise PluginError(f"pagefind failed on {payload['type']}: "
                              f"{reply.get('message') or answer}")
        return reply


UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.",
          "pagefind-highlight.")
"""Pagefind's own search interfaces, which every bundle carried (half a megabyte each): the
site searches through Material's search box and its own worker, which fetch none of them."""


def index(service: Service, pages: Sequence[tuple[str, str]], language: str) -> dict[str, bytes]:
    """The bundle of ``pages`` (site-relative path, HTML), in this order: its files by path.

    Pagefind numbers pages in the order it is given them, and that number is in every index
    file. Its CLI takes them in the order the file system lists a folder (hash order on ext4,
    creation order on tmpfs), so the same site gave other bytes on another disk; its indexing
    service takes them in the order we send them.
    """
    index_id = service.ask({"type": "NewIndex", "config": {
        "force_language": language, "exclude_selectors": [".headerlink"]}})["index_id"]
    for rel, html in pages:
        service.ask({"type": "AddFile", "index_id": index_id, "file_path": rel,
                     "file_contents": html})
    # The service's own WriteFiles answers before its last writes are done, and it exits as
    # soon as its input closes: files came out cut short. The bundle is fetched instead.
    files = service.ask({"type": "GetFiles", "index_id": index_id})["files"]
    service.ask({"type": "DeleteIndex", "index_id": index_id})
    found: dict[str, bytes] = {}
    for file in files:
        path = PurePosixPath(str(file["path"]))
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise PluginError(f"pagefind failed: it named a file outside its bundle: {path}")
        if path.name.startswith(UNUSED):
            continue
        found[path.as_posix()] = base64.b64decode(file["content"])
    return found


def contribution(service: Service, rel: str, html: str, language: str) -> str:
    """What one page gives a bundle, as a hash of the bundle it makes alone: Pagefind reads
    each page on its own, so two versions of a page with the same contribution leave every
    bundle that holds it byte for byte the same, whatever else changed on the page."""
    h = hashlib.sha256()
    for path, data in sorted(index(service, [(rel, html)], language).items()):
        h.update(f"{path}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})


class _SearchView(HTMLParser):
    """Everything of a page Pagefind may read, and more: every element marked
    ``data-pagefind-*`` (wherever it is), all that is inside a ``data-pagefind-body``
    element, every ``h1`` and ``title`` (default title) and every ``img`` (default image)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, ...]] = []
        self.open: list[list[Any]] = []  # [tag, depth] of each region being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        flat = tuple(f"{k}={v}" for k, v in attrs)
        marked = any(k.startswith("data-pagefind") for k, _ in attrs)
        if marked or self.open or tag in ("h1", "title", "img"):
            self.events.append(("<", tag, *flat))
        for region in self.open:
            if region[0] == tag:
                region[1] += 1
        if tag not in _VOID and (tag in ("h1", "title") or any(
                k == "data-pagefind-body" for k, _ in attrs)):
            self.open.append([tag, 1])

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.events.append((">", tag))
        for region in self.open:
            if region[0] == tag:
                region[1] -= 1
        self.open = [r for r in self.open if r[1] > 0]

    def handle_data(self, data: str) -> None:
        if self.open:
            self.events.append(("t", data))

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def search_view(html: str) -> tuple[tuple[str, ...], ...]:
    """What of ``html`` Pagefind may read (see ``_SearchView``): two versions of a page with
    the same view give the same contribution, so Pagefind need not be asked."""
    view = _SearchView()
    view.feed(html)
    view.close()
    return tuple(view.events)


def write_bundle(folder: Path, files: Mapping[str, bytes]) -> int:
    """Make ``folder`` hold exactly ``files``, writing only those whose bytes changed (a
    re-indexed bundle mostly gives the same files again); the number written."""
    written = 0
    for rel in sorted(files):
        written += write_if_changed(folder.joinpath(*PurePosixPath(rel).parts), files[rel])
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.relative_to(folder).as_posix() not in files:
            path.unlink()
    return written
