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
    rules: tuple[str, ...] | None = None,
) -> list[dict]:
    """The violations axe-core finds on the page: by default the serious and critical ones
    of the WCAG 2 A and AA rules and best practice, on the whole document. `context` limits
    the check to part of the page (axe's include/exclude); `tags=None` runs every rule axe
    runs by default; `enable` adds rules axe leaves off by default (its experimental ones,
    such as label-content-name-mismatch); `rules` runs those rules alone, whatever `tags`
    says; `impacts=None` keeps every violation."""
    page.add_script_tag(content=_axe_source())
    # Only the violations come back: axe's full result lists every passing node too (2 to 3 MB
    # of JSON on the table and trend pages), and carrying that to Python took longer than the
    # check itself. resultTypes stops axe from detailing more than one node of the other kinds.
    violations = page.evaluate(
        """async ([context, tags, enable, rules]) => {
             const options = rules ? {runOnly: {type: 'rule', values: rules}}
                           : tags ? {runOnly: {type: 'tag', values: tags}} : {};
             options.rules = Object.fromEntries(enable.map(id => [id, {enabled: true}]));
             options.resultTypes = ['violations'];
             return (await axe.run(context || document, options)).violations;
           }""",
        [context, list(tags) if tags else None, list(enable), list(rules) if rules else None],
    )
    return [v for v in violations if impacts is None or v["impact"] in impacts]
