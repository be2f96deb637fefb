"""Site search at scale (issue 15), on a site built with Material:

- what each kind of page transfers, gzipped: every response it loads (HTML, scripts, styles,
  data, search), and the search page after a query, with the index chunks it fetched;
- the time from typing a query on the loaded search page to its first results (best of
  three fresh pages: each query fetches the index chunks of its words and its results);
- the CPU time of indexing the built site, against the CPU time of building it.

    python -m benchmarks.search 1000    generate and build a site of N synthetic works, measure it
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.figures import Figure
from site_src.pipeline import search
from survey import load
from tests.support.browser import gzipped_transfer, launch, serve_directory

PAGE_BUDGET_KB = 1536  # 1.5 MB per page at 10,000 works
KINDS = {
    "home": ("/", "input.site-search-header__input"),
    "table": ("/table/", "[data-survey-table][data-mounted=true]"),
    "category": ("/taxonomy/how/line/", "input.site-search-header__input"),
}
QUERY = "neural network"

# Runs in the page: type the query, wait until results are listed; milliseconds.
_FIRST_RESULT = """async (query) => {
  const input = document.querySelector('[data-site-search] input[name=q]');
  const list = document.querySelector('.site-search__results');
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input'));
  while (!list.querySelector('a')) await new Promise(r => requestAnimationFrame(r));
  return performance.now() - start;
}"""


def index_cpu_seconds(site: Path, works_dir: Path, site_url: str) -> float:
    """CPU seconds (this process and the Pagefind binary) of indexing `site`."""
    works = load([works_dir])
    before = os.times()
    search.write_index(site, works, site_url)
    after = os.times()
    return sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))


def _transfer_kb(page, url: str, ready: str, then=None) -> float:
    return gzipped_transfer(page, url, ready, then)[0] / 1024


def measure(site: Path, works_dir: Path, n: int, build_cpu: float, site_url: str) -> list[Figure]:
    """Figures for a site of `n` works built (without search) into `site` from `works_dir`
    in `build_cpu` CPU seconds; writes its search index."""
    from playwright.sync_api import sync_playwright

    indexing = index_cpu_seconds(site, works_dir, site_url)
    work = sorted((site / "works").iterdir())[n // 2].name
    kinds = dict(KINDS, work=(f"/works/{work}/", "input.site-search-header__input"))
    figures = [
        Figure(
            f"search: index, {n} works",
            indexing,
            "s",
            build_cpu,
            "the build without search (generate + Material)",
            "<= 0.2x",
            0.2,
        )
    ]
    with serve_directory(site) as origin, sync_playwright() as p:
        browser = launch(p)
        for kind, (path, ready) in kinds.items():
            context = browser.new_context()
            kb = _transfer_kb(context.new_page(), origin + path, ready)
            context.close()
            figures.append(
                Figure(
                    f"search: {kind} page transfers, gzip, {n} works",
                    kb,
                    "KB",
                    goal=f"<= {PAGE_BUDGET_KB} KB",
                    limit=PAGE_BUDGET_KB,
                )
            )
        context = browser.new_context()
        searched = _transfer_kb(
            context.new_page(),
            f"{origin}/search/?q={QUERY.replace(' ', '+')}",
            "[data-site-search][data-mounted=true]",
            lambda page: page.wait_for_selector(".site-search__results a"),
        )
        context.close()
        figures.append(
            Figure(
                f"search: search page with results, gzip, {n} works",
                searched,
                "KB",
                goal=f"<= {PAGE_BUDGET_KB} KB",
                limit=PAGE_BUDGET_KB,
            )
        )
        first = []
        for _ in range(3):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{origin}/search/")
            page.wait_for_selector("[data-site-search][data-mounted=true]")
            page.wait_for_load_state("networkidle")  # the page has loaded Pagefind
            first.append(page.evaluate(_FIRST_RESULT, QUERY))
            context.close()
        browser.close()
    figures.append(
        Figure(f"search: first result after typing, {n} works", min(first), "ms", goal="<= 300 ms", limit=300)
    )
    return figures


def main(n: int) -> None:
    from benchmarks import sites
    from benchmarks.figures import report
    from benchmarks.synthetic import write_records

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        works = sites.ROOT / "survey" / "works" if n == 45 else write_records(tmp / "works", n)
        demo_cache = sites.ROOT / "build" / "demo-cache"
        build = tmp / "build"
        cpu = sites.generate(works, build, demo_cache) + sites.build_docs("material", build, build / "site")
        print(report(measure(build / "site", works, n, cpu, sites.SITE_URL)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
