"""Browser setup shared by every test and benchmark that opens a page in Chromium.

One place says which browser runs (Debian's Chromium, driven by Playwright from PyPI),
with which flags, how a folder is served on localhost, and what a missing browser means:
a skip on a developer's machine, a failure in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# No sandbox: CI runs as root. No background networking: nothing may leave the machine.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str | None:
    """Debian's Chromium, wherever PATH has it; None when it is not installed."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def require_browser() -> str:
    """The Chromium executable, or a skip (a failure under CI) when it or Playwright is missing."""
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed"
    executable = chromium_path()
    if missing is None and executable is None:
        missing = f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    assert executable is not None  # else `missing` says why, above
    return executable


def launch(playwright, executable: str | None = None):
    """A headless Chromium launched with the project's flags."""
    return playwright.chromium.launch(executable_path=executable or chromium_path() or CHROMIUM, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# Ports handed out by free_origin, held until the process exits: see there.
_RESERVED_PORTS: list[socket.socket] = []


def free_origin() -> str:
    """An origin on a free port, for a site built for it and then served there with
    serve_directory. The site is built before it is served, seconds or minutes later, while
    other test workers (pytest-xdist) and other people's servers start: so the port stays
    bound, though not listening, by this process until it exits, and the kernel hands it to no
    one else. The server binds it beside that socket (both set SO_REUSEADDR, as http.server
    does)."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.bind(("127.0.0.1", 0))
    _RESERVED_PORTS.append(holder)
    return f"http://127.0.0.1:{holder.getsockname()[1]}"


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (any free port when port is 0); yields its origin."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class WatchedPage:
    """A page that records console errors and every request that leaves the given origin."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request", lambda r: None if r.url.startswith((base_url, "blob:", "data:")) else self.external.append(r.url)
        )

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.external == [], f"requests that left localhost: {self.external}"


def gzipped_transfer(page, url: str, ready: str, then=None) -> tuple[int, list[str]]:
    """Open `url`, wait for the selector `ready` (then call `then(page)`, if given) and for
    the network to settle: the bytes of every response the page loaded once gzipped (what a
    server that compresses sends), and the responses' URLs."""
    responses = []

    def record(response) -> None:
        responses.append(response)

    page.on("response", record)
    page.goto(url)
    page.wait_for_selector(ready)
    if then:
        then(page)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    loaded = [r for r in responses if r.status == 200]
    return sum(len(gzip.compress(r.body(), 6)) for r in loaded), [r.url for r in loaded]
