"""python -m vizlib: listing, building pages, and one clear line for bad input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from vizlib_test_support import DEMO_NAMES, REPO


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vizlib", *arguments], cwd=REPO, capture_output=True, text=True)


def test_list_names_every_demo_with_its_title():
    result = run_cli("list")
    assert result.returncode == 0
    for name in DEMO_NAMES:
        assert any(line.startswith(name + " ") for line in result.stdout.splitlines())
    assert "Decision boundaries" in result.stdout


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["run", "moons", "-o", "out.html"], "unknown demo 'moons'"),
        (
            ["run", "decision-boundaries", "--option", "dataset=moons", "-o", "out.html"],
            "dataset='moons' is not allowed",
        ),
        (["run", "decision-boundaries", "--option", "depth=3", "-o", "out.html"], "has no option 'depth'"),
        (["run", "decision-boundaries", "--option", "dataset", "-o", "out.html"], "must be written key=value"),
        (["run", "decision-boundaries"], "required: -o/--output"),
        (["fly"], "invalid choice: 'fly'"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(tmp_path, arguments, message):
    result = subprocess.run(
        [sys.executable, "-m", "vizlib", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_run_writes_an_offline_page_and_twice_gives_identical_bytes(tmp_path):
    pages = [tmp_path / "first.html", tmp_path / "second.html"]
    for page in pages:
        result = run_cli("run", "how-a-network-learns", "--option", "songs=eight-songs", "-o", str(page))
        assert result.returncode == 0, result.stderr
    assert pages[0].read_bytes() == pages[1].read_bytes()
    assert "<title>How a network learns</title>" in pages[0].read_text()
