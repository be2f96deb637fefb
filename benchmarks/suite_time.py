"""`make test` of two commits, one after the other on the same machine: wall and CPU time of each
and the ratio, so that "the suite takes half the time" is one measurement, not two runs
compared across days.

    python benchmarks/suite_time.py [BEFORE [AFTER]]      (make time-suite REF=BEFORE)

BEFORE defaults to HEAD~1 and AFTER to HEAD (commits, so uncommitted changes are not
measured). Each is checked out into a fresh `git worktree` under a temporary folder, as a
fresh clone would be: no build/ (so each run trains the demos its site needs), a venv of its
own installed from its own lock by `make install` (not timed), then `make test` with CI=true
(timed: wall clock, and the CPU seconds of every process it waited for). Both worktrees are
removed afterwards unless --keep is given. Nothing else should run on the machine meanwhile.

Only the standard library: it runs with the system's python3 before any venv exists.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class SuiteRun:
    ref: str
    commit: str
    returncode: int
    wall_s: float
    cpu_s: float  # user + system of `make test` and everything it waited for


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_suite(ref: str, folder: Path, python: str, log: Path) -> SuiteRun:
    """Check `ref` out into `folder`, install it (untimed), then time its `make test`."""
    commit = git("rev-parse", "--verify", f"{ref}^{{commit}}")
    git("worktree", "add", "--detach", str(folder), commit)
    env = {**os.environ, "CI": "true", "PYTHON": python}
    env.pop("PYTHONPATH", None)  # the worktree's own code, not the caller's
    env.pop("VIRTUAL_ENV", None)
    print(f"[{ref} = {commit[:10]}] make install in {folder}", flush=True)
    subprocess.run(["make", "install"], cwd=folder, env=env, check=True)
    print(f"[{ref}] make test (output in {log})", flush=True)
    cpu_before, started = children_cpu(), time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(["make", "test"], cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu_before
    tail = log.read_text(encoding="utf-8", errors="replace").rstrip().splitlines()[-1:]
    print(f"[{ref}] exit {result.returncode} in {wall:.0f} s wall, {cpu:.0f} s CPU: {' '.join(tail)}", flush=True)
    return SuiteRun(ref, commit, result.returncode, wall, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/suite_time.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("before", nargs="?", default="HEAD~1", help="the earlier commit (default HEAD~1)")
    parser.add_argument("after", nargs="?", default="HEAD", help="the later commit (default HEAD)")
    parser.add_argument(
        "--python",
        default=os.environ.get("PYTHON", "python3"),
        help="the Python each venv is made with (default python3)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the worktrees and their venvs")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="suite-time-"))
    runs: list[SuiteRun] = []
    folders: list[Path] = []
    try:
        for label, ref in (("before", args.before), ("after", args.after)):
            folders.append(base / label)
            runs.append(time_suite(ref, folders[-1], args.python, base / f"{label}.log"))
    except subprocess.CalledProcessError as err:
        detail = (err.stderr or "").strip() if isinstance(err.stderr, str) else ""
        print(f"suite_time: {' '.join(map(str, err.cmd))} failed (exit {err.returncode}) {detail}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            for folder in folders:
                subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True)
    before, after = runs
    print(f"\nmake test, CI=true, {os.cpu_count()} CPUs, one after the other (logs in {base}):")
    for run in runs:
        print(
            f"  {run.ref:>12} {run.commit[:10]}  {run.wall_s:7.0f} s wall  {run.cpu_s:7.0f} s CPU  exit {run.returncode}"
        )
    print(f"  after / before: {after.wall_s / before.wall_s:.2f}x wall, {after.cpu_s / before.cpu_s:.2f}x CPU")
    return 0 if after.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
