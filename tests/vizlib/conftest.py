"""Shared fixtures: every demo is built at most once per test session.

Specs are built through the public `build_spec` into the project's demo cache, so later
tests (and the browser tests, and the site tests' builds) get cache hits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vizlib
from tests.support.demo_cache import DEMO_CACHE


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    return DEMO_CACHE  # shared with the site build and every other test (tests/support/demo_cache.py)


@pytest.fixture(scope="session")
def build(cache_dir):
    """build(name, **options) -> the spec from build_spec, built once per session."""
    built: dict[tuple, dict] = {}

    def build_once(name: str, **options) -> dict:
        key = (name, tuple(sorted(options.items())))
        if key not in built:
            built[key] = vizlib.build_spec(name, cache_dir=cache_dir, **options)
        return built[key]

    return build_once
