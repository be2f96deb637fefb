"""Fixtures for the site tests: one build per test session, a local server, a browser."""
from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from pathlib import Path

import pytest

from sitebuild import ROOT, build_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def site_origin() -> str:
    """Where the test server will listen. Material's instant navigation only intercepts
    links whose port matches the sitemap's (site_url), so the site is built for it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, site_origin) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", out, site_url=site_origin + "/")
    assert result.returncode == 0, f"site build failed:\n{result.stdout}\n{result.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir, site_origin) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(site_origin.rsplit(":", 1)[1])), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_origin
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. Missing browser: skip locally, fail in CI."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class WatchedPage:
    """A page that records console errors and every request that leaves localhost."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((base_url, "blob:", "data:"))
                else self.external.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.external == [], f"requests that left localhost: {self.external}"


@pytest.fixture
def watched(browser, site_url):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield WatchedPage(page, site_url)
    context.close()
