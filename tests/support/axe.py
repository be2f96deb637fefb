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


SITE_RULES = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")


def run_axe(
    page,
    *,
    context: dict | None = None,
    tags: tuple[str, ...] | None = SITE_RULES,
    impacts: tuple[str, ...] | None = SERIOUS,
    enable: tuple[str, ...] = (),
) -> list[dict]:
    """The violations axe-core finds on the page: by default the serious and critical ones
    of the WCAG 2 A and AA rules and best practice, on the whole document. `context` limits
    the check to part of the page (axe's include/exclude); `tags=None` runs every rule axe
    runs by default; `enable` adds rules axe leaves off by default (its experimental ones,
    such as label-content-name-mismatch); `impacts=None` keeps every violation."""
    page.add_script_tag(content=_axe_source())
    results = page.evaluate(
        """([context, tags, enable]) => {
             const options = tags ? {runOnly: {type: 'tag', values: tags}} : {};
             options.rules = Object.fromEntries(enable.map(id => [id, {enabled: true}]));
             return axe.run(context || document, options);
           }""",
        [context, list(tags) if tags else None, list(enable)],
    )
    return [v for v in results["violations"] if impacts is None or v["impact"] in impacts]
