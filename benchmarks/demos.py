"""The explorables' budgets (vizlib issue): training time per demo on one core, data
embedded per demo, and the longest main-thread task while a reader moves the controls."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure
from tests.support.browser import launch

# Registered before any page script runs: remembers every long main-thread task.
WATCH_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push({start: entry.startTime, ms: entry.duration});
}).observe({type: "longtask", buffered: true});
"""

# Changes the index-th control of the page to another value, the way a reader would.
MOVE_CONTROL = """
(index) => {
  const bind = document.querySelectorAll(".vega-bind")[index];
  const fire = (element) => {
    element.dispatchEvent(new Event("input", {bubbles: true}));
    element.dispatchEvent(new Event("change", {bubbles: true}));
  };
  const range = bind.querySelector("input[type=range]");
  if (range) {
    range.value = range.value === range.min ? range.max : range.min;
    fire(range);
    return "range";
  }
  const select = bind.querySelector("select");
  if (select) {
    select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
    fire(select);
    return "select";
  }
  const radio = bind.querySelector("input[type=radio]:not(:checked)");
  if (radio) { radio.click(); return "radio"; }
  const checkbox = bind.querySelector("input[type=checkbox]");
  if (checkbox) { checkbox.click(); return "checkbox"; }
  return "none";
}
"""


def measure() -> list[Figure]:
    import torch

    import vizlib
    from vizlib.serialize import inline_data_bytes

    torch.set_num_threads(1)  # the budget is for one CPU core
    figures = []
    pages: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as folder:
        for info in vizlib.list_demos():
            start = time.perf_counter()
            spec = vizlib.build_spec(info.name, cache_dir=Path(folder) / "cache")  # empty: trains
            seconds = time.perf_counter() - start
            figures.append(Figure(f"demo {info.name}: training", seconds, "s", goal="< 20 s", limit=20))
            figures.append(Figure(f"demo {info.name}: embedded data", inline_data_bytes(spec) / 1000,
                                  "KB", goal="< 300 KB", limit=300))
            pages[info.name] = Path(folder) / f"{info.name}.html"
            pages[info.name].write_text(vizlib.standalone_html(spec, info.title), encoding="utf-8")
        figures += _interaction_tasks(pages)
    return figures


def _interaction_tasks(pages: dict[str, Path]) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as p:
        browser = launch(p)
        for name, path in pages.items():
            page = browser.new_page()
            page.add_init_script(WATCH_LONG_TASKS)
            page.goto(path.as_uri())
            page.wait_for_selector("#vis svg", state="attached", timeout=30_000)
            page.wait_for_timeout(300)
            started = page.evaluate("performance.now()")
            for index in range(page.locator(".vega-bind").count()):
                page.evaluate(MOVE_CONTROL, index)
                page.wait_for_timeout(250)
            longest = page.evaluate(f"Math.max(0, ...window.__longTasks.filter(t => t.start >= {started})"
                                    ".map(t => t.ms))")
            figures.append(Figure(f"demo {name}: longest task on interaction", longest, "ms",
                                  goal="<= 200 ms", limit=200))
            page.close()
        browser.close()
    return figures
