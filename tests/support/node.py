"""Node, for the tests that run JavaScript outside a browser (tests/js/, the RNN engine)."""

from __future__ import annotations

import os
import shutil

import pytest


def node_executable(needed_for: str) -> str:
    """The node executable. CI must have one: there a missing node fails the test (its
    checks would silently not run); elsewhere the test is skipped."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"node (20 or later) is needed to run {needed_for}")
        pytest.skip("node is not installed")
    return found
