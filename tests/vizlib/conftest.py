"""Shared fixtures: every demo is built at most once per test session.

Specs are built through the public `build_spec` into a cache directory that lives as
long as the session, so later tests (and the browser tests) get cache hits.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import vizlib


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "vizlib-cache"


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
