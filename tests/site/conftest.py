"""Fixtures for the site tests: one build per builder and test session, a local server, a
browser. Every test that uses `site_dir` (and so `site_url` and `watched`) runs against the
Material build and the Zensical build, from the same generated docs."""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Callable

import pytest

from sitebuild import BUILDERS, ROOT, build_site
from tests.support.browser import WatchedPage, serve_directory


def free_origin() -> str:
    """An origin on a port free now, for a site built for it and then served there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture(scope="session")
def site_origin() -> str:
    """Where the flagship's test server will listen. Material's instant navigation only
    intercepts links whose port matches the sitemap's (site_url), so the site is built for it."""
    return free_origin()


@pytest.fixture(scope="session")
def project_origin() -> str:
    """Where another survey's site is served in the same session: a port of its own, since
    the flagship's server may be listening on site_origin's."""
    return free_origin()


@pytest.fixture(scope="session")
def generated_build(tmp_path_factory) -> Path:
    """The build folder both builders read: generated once (the second build finds every
    file up to date)."""
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session", params=BUILDERS)
def builder(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory, site_origin, generated_build) -> Callable[[str], Path]:
    """The site as built by a builder, built on first use and kept for the session."""
    built: dict[str, Path] = {}

    def site_build(builder: str) -> Path:
        if builder not in built:
            out = tmp_path_factory.mktemp(f"site-{builder}")
            result = build_site(ROOT / "mkdocs.yml", out, site_url=site_origin + "/",
                                builder=builder, build=generated_build)
            assert result.returncode == 0, f"{builder} build failed:\n{result.stdout}\n{result.stderr}"
            built[builder] = out
        return built[builder]

    return site_build


@pytest.fixture(scope="session")
def site_dir(site_builds, builder) -> Path:
    return site_builds(builder)


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
