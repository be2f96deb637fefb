"""Settings and fixtures for the whole test suite."""
import os
import tempfile

import pytest

from tests.support.browser import launch, require_browser

# Keep the record cache (survey/records/cache.py) of test runs out of the user's cache folder;
# subprocesses started by tests inherit it.
os.environ.setdefault("SURVEY_CACHE_DIR", tempfile.mkdtemp(prefix="survey-cache-"))


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
