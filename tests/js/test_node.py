"""The JavaScript tests (tests/js/*.test.js, node's own test runner) as part of `make test`,
and the vector files they read that Python writes (tests/js/vectors.py): each committed file
must be what Python computes now, or the two twins would be tested against different cases."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.support.node import node_executable
from tests.js.vectors import (
    MLP_VECTORS,
    QUERY_SITE,
    ROOT,
    differences,
    mlp_vectors,
    query_cases,
    query_site,
    query_vectors,
)

JS_TESTS = ROOT / "tests" / "js"
REGENERATE = "write it anew with `python -m tests.js.vectors` and commit it"


def node() -> str:
    return node_executable("tests/js/")


def test_the_node_tests_pass() -> None:
    result = subprocess.run(
        [node(), "--test", "--test-reporter=spec", str(JS_TESTS)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        pytest.fail(f"node --test tests/js/ failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}", pytrace=False)


def test_every_node_test_file_is_run() -> None:
    """node --test runs the *.test.js files of the folder: no test is written under a name
    it would not find."""
    scripts = {p.name for p in JS_TESTS.glob("*.js")}
    assert scripts and all(name.endswith(".test.js") for name in scripts), scripts


def test_the_query_site_data_is_up_to_date() -> None:
    committed = json.loads(QUERY_SITE.read_text(encoding="utf-8"))
    assert committed == query_site(), f"{QUERY_SITE.relative_to(ROOT)} is out of date: {REGENERATE}"


def test_the_query_vectors_have_no_repeated_query() -> None:
    """A query that appears in two groups would be checked against one answer only."""
    vectors = query_vectors()
    for kind in ("selects", "errors"):
        seen = [q for group in vectors[kind] for q in group["cases"]]
        assert len(seen) == len(set(seen)) == len(query_cases(vectors, kind)), kind


def test_the_mlp_vectors_are_what_torch_computes() -> None:
    pytest.importorskip("torch")
    committed = json.loads(MLP_VECTORS.read_text(encoding="utf-8"))
    found = differences(mlp_vectors(), committed, 1e-12)
    assert not found, f"{MLP_VECTORS.relative_to(ROOT)} is out of date ({REGENERATE}):\n" + "\n".join(found[:20])
