"""Settings and fixtures for the whole test suite."""

import os
import tempfile

import pytest

from tests.support.browser import launch, require_browser
from tests.support.demo_cache import DEMO_CACHE

# Keep the record cache (survey/records/cache.py) of test runs out of the user's cache folder;
# subprocesses started by tests inherit it.
os.environ.setdefault("SURVEY_CACHE_DIR", tempfile.mkdtemp(prefix="survey-cache-"))


def pytest_configure(config: pytest.Config) -> None:
    # Tests that call vizlib.build_spec without a cache_dir (the live-widget browser tests)
    # read the suite's one cache too, instead of vizlib's default .cache/vizlib.
    from vizlib import registry

    registry.DEFAULT_CACHE_DIR = DEMO_CACHE


# Markers from what a test uses, so that no test has to remember them: `make test-fast` runs
# `-m "not browser and not slow"`, `make test` everything.
SLOW_FOLDERS = ("site", "browser")  # tests/site and tests/browser build sites or drive pages
# tests/vizlib's session fixtures that train a demo into the session's cache on first use
# (tests/vizlib/conftest.py): all demos together are minutes of CPU.
TRAINING_FIXTURES = {"build", "cache_dir"}
# Modules that train a model themselves, without those fixtures.
TRAINING_MODULES = {"test_vizlib_feature_visualization.py", "test_vizlib_cli.py", "test_vizlib_cache_lock.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if (
            item.path.parent.name in SLOW_FOLDERS
            or item.path.name in TRAINING_MODULES
            or (item.path.parent.name == "vizlib" and fixtures & TRAINING_FIXTURES)
        ):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session: a second sync Playwright started while
    one runs would fail, so every browser test shares this one."""
    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright, executable)
        yield launched
        launched.close()
