"""axe-core in the browser tests: the rules engine of WCAG checks, run on a loaded page.

axe.min.js comes from the `axe-playwright-python` wheel (pinned in pyproject's test extra),
read from the installed package and injected into the page: nothing is fetched at run time.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files

SERIOUS = ("serious", "critical")


@cache
def _axe_source() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """The serious and critical violations axe-core finds on the page (WCAG 2 A and AA rules)."""
    page.add_script_tag(content=_axe_source())
    results = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [v for v in results["violations"] if v["impact"] in SERIOUS]
