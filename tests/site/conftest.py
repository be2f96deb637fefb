"""Fixtures for the site tests: one build per test session, a local server, a browser."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from sitebuild import ROOT, build_site
from tests.support.browser import WatchedPage, serve_directory


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


@pytest.fixture(scope="session")
def site_url(site_dir, site_origin) -> str:
    with serve_directory(site_dir, port=int(site_origin.rsplit(":", 1)[1])) as origin:
        yield origin


@pytest.fixture
def watched(browser, site_url):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield WatchedPage(page, site_url)
    context.close()
