"""Shared fixtures: every demo is trained at most once per test session.

Specs are built through the public `build_spec` into a cache directory that lives as
long as the session, so later tests (and the browser tests) get cache hits.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import vizlib


@dataclass
class Built:
    spec: dict  # the Vega-Lite spec build_spec returned
    seconds: float  # how long the first (training) build took
    messages: list[str]  # what it reported through `progress`


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "vizlib-cache"


@pytest.fixture(scope="session")
def build(cache_dir):
    """build(name, **options) -> Built, training each (name, options) once per session."""
    built: dict[tuple, Built] = {}

    def build_once(name: str, **options) -> Built:
        key = (name, tuple(sorted(options.items())))
        if key not in built:
            messages: list[str] = []
            started = time.perf_counter()
            spec = vizlib.build_spec(name, cache_dir=cache_dir, progress=messages.append, **options)
            built[key] = Built(spec, time.perf_counter() - started, messages)
        return built[key]

    return build_once
