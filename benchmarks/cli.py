"""`survey query` wall time, against starting Python and importing pandas."""

from __future__ import annotations

import sys

from benchmarks.figures import Figure, median_wall


def measure(repeats: int = 7) -> list[Figure]:
    floor = median_wall(repeats, [sys.executable, "-c", "import pandas"])
    query = median_wall(
        repeats, [sys.executable, "-m", "survey.cli", "query", "how:instance-based", "-in:2018", "--format", "ids"]
    )
    return [Figure("survey query (45 works)", query, "s", floor, "python -c 'import pandas'", "<= 1.3x", 1.3)]
