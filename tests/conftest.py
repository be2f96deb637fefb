"""Settings and fixtures for the whole test suite."""

import os
import tempfile

import pytest

from tests.site.sitebuild import BUILDERS
from tests.support import served_sites
from tests.support.browser import launch, require_browser
from tests.support.demo_cache import DEMO_CACHE

# Keep the record cache (survey/records/cache.py) of test runs out of the user's cache folder;
# subprocesses started by tests inherit it.
os.environ.setdefault("SURVEY_CACHE_DIR", tempfile.mkdtemp(prefix="survey-cache-"))
# One torch thread per test process (read when torch is first imported, and by every
# subprocess): `make test` runs two workers per core, and torch's default of a thread per
# core left each worker's threads spinning while they waited for each other. Under the full
# suite, a 0.2 s optimization took 111 s that way. vizlib trains its demos on one thread anyway.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def pytest_configure(config: pytest.Config) -> None:
    # Tests that call vizlib.build_spec without a cache_dir (the live-widget browser tests)
    # read the suite's one cache too, instead of vizlib's default .cache/vizlib.
    from vizlib import registry

    registry.DEFAULT_CACHE_DIR = DEMO_CACHE
    # The flagship's builds, one of each for all the workers (tests/site/conftest.py builds them).
    served_sites.start(config, BUILDERS)


# pytest-xdist's hook, called in the main process for each worker it starts (optional: the
# suite also runs without xdist).
@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    served_sites.hand_to_worker(node.config, node.workerinput)


def pytest_unconfigure(config: pytest.Config) -> None:
    served_sites.stop(config)


# Markers from what a test uses, so that no test has to remember them: `make test-fast` runs
# `-m "not browser and not slow"`, `make test` everything.
SLOW_FOLDERS = ("site", "browser")  # tests/site and tests/browser build sites or drive pages
# tests/vizlib's session fixtures that train a demo into the session's cache on first use
# (tests/vizlib/conftest.py): all demos together are minutes of CPU.
TRAINING_FIXTURES = {"build", "cache_dir"}
# Modules that train a model themselves, without those fixtures.
TRAINING_MODULES = {"test_vizlib_feature_visualization.py", "test_vizlib_cli.py", "test_vizlib_cache_lock.py"}


# Which worker runs a test (`make test` runs pytest-xdist with --dist loadgroup): a module's
# tests stay together, so that its fixtures (a 1,000-work site, a trained model) are built
# once. A few slow modules are spread over the workers by a parameter instead, each part one
# worker's: otherwise one worker checks every page of both builds with axe while the others
# wait for it at the end. The shared SurVis surveys are one group each, across the two modules
# that build them, so that a survey is imported and built once.
SPREAD_BY: dict[str, tuple[str, ...]] = {
    "test_accessibility.py": ("builder", "scheme"),
    "test_shared_surveys.py": ("name",),
    "test_table_categories.py": ("shared_survey_url",),
}
SHARED_SURVEY_PARAMETERS = ("name", "shared_survey_url")


def worker_group(item: pytest.Item) -> str:
    """The xdist group of a test: its module, or for SPREAD_BY's modules a part of it."""
    spread = SPREAD_BY.get(item.path.name, ())
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    values = [str(params[name]) for name in spread if name in params]
    if values and spread[0] in SHARED_SURVEY_PARAMETERS:
        return "shared-survey-" + values[0]
    return "::".join([str(item.path.relative_to(item.config.rootpath)), *values])


# tryfirst: pytest-xdist's worker reads the groups in a hook of its own (it appends each to the
# test's id), which pluggy would otherwise call before this one, when there are none yet: every
# test was then a group of its own, and a module's site was built again on each worker.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.xdist_group(worker_group(item)))
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if (
            item.path.parent.name in SLOW_FOLDERS
            or item.path.name in TRAINING_MODULES
            or (item.path.parent.name == "vizlib" and fixtures & TRAINING_FIXTURES)
        ):
            item.add_marker(pytest.mark.slow)
    # The slow groups first (`make test` keeps this order: --no-loadscope-reorder), so that a
    # worker free at the end picks up a module of quick checks, not a site build.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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
