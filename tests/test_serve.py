"""`digest serve`: the live preview picks up a new seed without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, text: str, timeout: float = 40) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if text in response.read().decode():
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_rebuilds_when_a_seed_is_added(tmp_path: Path) -> None:
    """Adding a seed while serving shows the new article on the home page."""
    project = make_project(tmp_path, {"a.txt": "Erster Titel\nEin Absatz über Wien.\n"})
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "digest.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        home = f"http://127.0.0.1:{port}/digest/"
        assert _wait_for(home, "Erster Titel")
        (project / "seeds" / "b.txt").write_text("Zweiter Titel\nNoch ein Absatz.\n")
        assert _wait_for(home, "Zweiter Titel")
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"Serving on http://127.0.0.1:{port}/digest/".encode() in out
