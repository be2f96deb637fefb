"""Shared fixtures: every demo is built at most once per test session.

Specs are built through the public `build_spec` into a cache directory that lives as
long as the session, so later tests (and the browser tests) get cache hits.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import vizlib


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    # Under pytest-xdist each worker has a folder of its own inside the run's: the workers
    # share one cache there, and vizlib's lock per demo trains each demo once.
    run = tmp_path_factory.getbasetemp()
    return (run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "vizlib-cache"


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
