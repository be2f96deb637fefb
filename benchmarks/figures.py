"""A measured figure, its floor, and the goal it is held to."""

from __future__ import annotations

import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from typing import Callable


@dataclass
class Figure:
    name: str  # what was measured, e.g. "validate 10000 records (cold)"
    value: float  # the measurement, in `unit`
    unit: str  # "s", "ms", "KB", "MiB"
    floor: float | None = None  # the reference measured in the same run, same unit
    floor_name: str = ""  # what the floor is
    goal: str = ""  # e.g. "<= 1.5x floor", "<= 1000 ms"
    limit: float | None = None  # the bound the goal sets: on the ratio if there is a floor, else on the value

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.ratio if self.floor is not None else self.value
        if measured is None:  # a floor of 0: no ratio to hold to the goal
            return None
        return measured <= self.limit

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "met": self.met}


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of `repeats` runs, in seconds: the least disturbed by other load."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def median_wall(repeats: int, command: list[str], **kwargs) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(figures: list[Figure]) -> str:
    lines = [f"{'figure':58} {'value':>10} {'floor':>9} {'ratio':>6}  goal", "-" * 100]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        floor = f"{f.floor:.3g}" if f.floor is not None else ""
        verdict = {True: "met", False: "MISSED", None: ""}[f.met]
        lines.append(f"{f.name:58} {f.value:>8.3g} {f.unit:<2}{floor:>8} {ratio:>6}  {f.goal} {verdict}")
    return "\n".join(lines)
