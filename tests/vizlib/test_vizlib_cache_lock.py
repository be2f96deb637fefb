"""The caches of trained demos and of the runs behind figures. Two processes that miss the
same demo in one cache at once (two pytest-xdist workers, or `make site` beside `make test`)
train it once: the second waits and reads the first's spec."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = """
import json, sys
from pathlib import Path
import vizlib
messages = []
spec = vizlib.build_spec("instance-based-analysis", cache_dir=Path(sys.argv[1]), progress=messages.append)
print(json.dumps({"messages": messages, "size": len(json.dumps(spec))}))
"""


def test_two_processes_missing_one_demo_train_it_once(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD, str(tmp_path / "cache")], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    reports = [json.loads(child.communicate(timeout=300)[0]) for child in children]
    assert [child.returncode for child in children] == [0, 0]
    trained = [r for r in reports if any("built in" in m for m in r["messages"])]
    waited = [r for r in reports if r["messages"] == ["instance-based-analysis: up to date (cache)"]]
    assert len(trained) == 1 and len(waited) == 1, reports
    assert reports[0]["size"] == reports[1]["size"]
    assert [p.name for p in (tmp_path / "cache").glob("*.json")] != []


def test_a_figure_from_a_training_run_is_kept_in_the_build_cache_and_reads_back_the_same(tmp_path):
    from vizlib import figures

    line = 'it reaches {{ figure("boundary-good-end") }}'

    def no_demo(*args: object, **options: object) -> dict[str, object]:
        return {}  # this figure reads no demo

    figures._live_run.cache_clear()
    computed = figures.fill(line, no_demo)
    figures._live_run.cache_clear()
    assert figures.fill(line, no_demo, tmp_path) == computed  # ran again, and stored
    (stored,) = tmp_path.glob("figure-live-run-*.json")
    run = json.loads(stored.read_text(encoding="utf-8"))
    figures._live_run.cache_clear()
    assert figures.fill(line, no_demo, tmp_path) == computed  # read back: every digit kept
    run["train_accuracy"][-1] = 0.5
    stored.write_text(json.dumps(run), encoding="utf-8")
    figures._live_run.cache_clear()
    assert figures.fill(line, no_demo, tmp_path) == "it reaches 50 %"  # the text comes from the stored run
    figures._live_run.cache_clear()
