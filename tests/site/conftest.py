"""Fixtures for the site tests: one build per builder and test run, served on localhost, and
a browser. A test that uses `site_dir` (and so `site_url` and `watched`) runs against the
Material build, or against both builds (BOTH_BUILDERS_MODULES), from the same generated docs."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import pytest

from sitebuild import BUILDERS, ROOT, build_site
from tests.support import served_sites
from tests.support.browser import WatchedPage, free_origin
from tests.support.served_sites import ServedSites


@pytest.fixture(scope="session")
def project_origin() -> str:
    """Where another survey's site is served in the same session: a port of its own, beside
    the flagship's builds' (site_origin)."""
    return free_origin()


@pytest.fixture(scope="session")
def served(pytestconfig) -> ServedSites:
    """Where the flagship's builds go and are served, the same for every worker of the run
    (tests/support/served_sites.py)."""
    return served_sites.served(pytestconfig)


# The modules whose tests run against both builds: how each theme's chrome reads (axe, narrow
# screens), what reaches a page from a hostile record, and search after either builder. Every
# other site test reads the Material build alone: test_builders.py checks that both builders
# give the same pages with the same bodies, so running each test twice bought no coverage and
# doubled the suite's slowest part.
BOTH_BUILDERS_MODULES = {"test_builders", "test_hostile", "test_accessibility", "test_search",
                         "test_narrow_screens"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "builder" not in metafunc.fixturenames:
        return
    if any("builder" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize")):
        return  # the test names its builders itself
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    both = module in BOTH_BUILDERS_MODULES or metafunc.definition.get_closest_marker("both_builders")
    metafunc.parametrize("builder", BUILDERS if both else BUILDERS[:1], indirect=True, scope="session")


@pytest.fixture(scope="session")
def builder(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def site_builds(served) -> Callable[[str], Path]:
    """The site as built by a builder: built by the first worker of the run that needs it
    (the others wait for it), for the origin it is served at."""

    def build(builder: str, out: Path) -> None:
        result = build_site(ROOT / "mkdocs.yml", out, site_url=served.origins[builder] + "/",
                            builder=builder, build=served.root / "generated")
        assert result.returncode == 0, f"{builder} build failed:\n{result.stdout}\n{result.stderr}"

    def site_build(builder: str) -> Path:
        return served.built(builder, functools.partial(build, builder))

    return site_build


@pytest.fixture(scope="session")
def site_dir(site_builds, builder) -> Path:
    return site_builds(builder)


@pytest.fixture(scope="session")
def site_origin(served, builder) -> str:
    """The origin the builder's site is built for and served at."""
    return served.origins[builder]


@pytest.fixture(scope="session")
def site_url(site_dir, site_origin) -> str:
    """The builder's site, built and served."""
    return site_origin


@pytest.fixture(scope="session")
def site_context(browser, site_url):
    """One browser context per build served: its tests share the HTTP cache and the scripts
    Chromium has compiled, which took half of Chromium's time to load a page afresh in a
    context of its own (Vega's bundle, Material's). A context per build: each has an origin
    of its own, whose storage `watched` clears.

    A blank page stays open in it meanwhile: a page opened in a context that has none cost
    Chromium twice the CPU time of one opened beside another (0.7 against 0.4 s for a page of
    the site, measured on the 2-core machine), and each test's page closes before the next
    one opens."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.new_page()
    yield context
    context.close()


# What a page may keep for the next one at its origin: Material keeps the colour scheme it
# chose in localStorage, and would show it to the next test whatever its emulated scheme.
# Not the HTTP cache (Storage.clearDataForOrigin never clears it).
SITE_STORAGE = "cookies,local_storage,indexeddb,cache_storage,service_workers,file_systems"


@pytest.fixture
def watched(site_context, site_url):
    """A page of its own for each test, with the storage the last test's page left cleared
    (after that page closed: a page writes to localStorage as it goes)."""
    page = site_context.new_page()
    session = site_context.new_cdp_session(page)
    session.send("Storage.clearDataForOrigin", {"origin": site_url, "storageTypes": SITE_STORAGE})
    session.detach()
    page.set_default_timeout(15_000)
    yield WatchedPage(page, site_url)
    page.close()
