"""`make bench`: run the benchmark suite, print a table, write benchmarks/results.json.

python -m benchmarks            everything (about 6-8 minutes on 2 cores)
python -m benchmarks --quick    skip the 10,000-work site build and the browser
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from benchmarks import cli, demos, hostile, records, search, sites, table_page
from benchmarks.figures import Figure, report
from benchmarks.synthetic import write_records

RESULTS = Path(__file__).parent / "results.json"
WORKS_DIR = sites.ROOT / "survey" / "works"


def run(quick: bool) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        synthetic = {n: write_records(tmp / f"works-{n}", n) for n in (1000, 10000)}
        figures += records.measure(WORKS_DIR, "45 records", repeats=5)
        for n, path in synthetic.items():
            figures += records.measure(path, f"{n} records")
        figures += hostile.measure()
        figures += cli.measure()
        demo_cache = sites.ROOT / "build" / "demo-cache"
        sites.prime_demo_cache(tmp, demo_cache)
        figures += sites.measure(tmp, WORKS_DIR, 45, demo_cache, edit=False)
        figures += sites.measure(tmp, synthetic[1000], 1000, demo_cache, edit=True)
        for n, works in ((45, WORKS_DIR), (1000, synthetic[1000])):
            figures += search.measure(
                tmp / f"material-{n}" / "build" / "site",
                works,
                n,
                _figure(figures, f"material: cold build, {n} works").value,
                sites.SITE_URL,
            )
        if not quick:
            site, figure, seconds = site_memory(tmp, synthetic[10000])
            figures.append(figure)
            figures += table_page.measure(site, "10000 works")
            figures += search.measure(site, synthetic[10000], 10000, seconds, sites.SITE_URL)
            figures += demos.measure()
    return figures


def site_memory(tmp: Path, works: Path) -> tuple[Path, Figure, float]:
    """A build with 10,000 works (demos cached from the builds above): its peak memory, and
    how long it took."""
    out, seconds, peak_kib = sites.memory(tmp, works, sites.ROOT / "build" / "demo-cache")
    return out, Figure(f"site build, 10000 works: peak RSS ({seconds:.0f} s)", peak_kib / 1024, "MiB"), seconds


def _figure(figures: list[Figure], name: str) -> Figure:
    return next(f for f in figures if f.name == name)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-work site and the browser")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    figures = run(args.quick)
    print(report(figures))
    machine = {
        "date": datetime.date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "seconds": round(time.perf_counter() - started),
    }
    RESULTS.write_text(
        json.dumps({"machine": machine, "figures": [f.as_dict() for f in figures]}, indent=2) + "\n", encoding="utf-8"
    )
    print(f"\n{len(figures)} figures in {machine['seconds']} s; written to {RESULTS}")


if __name__ == "__main__":
    main()
