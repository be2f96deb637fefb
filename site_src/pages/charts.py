"""Vega-Lite charts: specs are written to JSON files and mounted in the browser by
assets/js/charts.js, which follows the light/dark palette. Specs never go inline: Material's
instant navigation re-creates inline scripts without their type."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType
from typing import Any

from markupsafe import Markup

from site_src.pages import urls
from site_src.pages.html import to_json
from site_src.pages.templating import render

VENDOR_BUNDLE = "assets/vendor/vega-bundle.js"

# Text in our charts is never under 11 px, and no label or legend entry is cut with "…"
# (a limit of 0 is none); Vega's defaults are 10 px and 160-180 px limits.
READABLE = {
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0, "symbolLimit": 0},
    "text": {"fontSize": 11},
}


def lazy_module(name: str) -> ModuleType:
    """`name`, imported on its first use (importlib's LazyLoader recipe). Altair takes about a
    second to import, and a generate whose charts all come from the page memo needs none."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # not installed: as `import name` says it
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def chart_div(page: str, spec_path: str, label: str) -> str:
    """The placeholder element the chart script fills in; `label` describes the chart."""
    return render("charts/chart.html", spec=urls.href(page, spec_path), label=label)


def spec_file(spec: dict[str, Any]) -> str:
    return to_json(spec)


def readable(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with the site's text sizes and no label limits (its own config wins)."""
    config = {key: {**value, **spec.get("config", {}).get(key, {})} for key, value in READABLE.items()}
    return {**spec, "config": {**spec.get("config", {}), **config}}


def works_phrase(n: int) -> str:
    """'1 work', '16 works'."""
    return f"{n} work" if n == 1 else f"{n} works"


def data_table(caption: str, columns: list[str], rows: list[tuple[str, list[tuple[str, str | None]]]]) -> str:
    """A chart's numbers as an HTML table behind a "Data" toggle, for screen readers and
    keyboards: `rows` are (row header, [(cell text, link or None), ...])."""
    return render("charts/data_table.html", caption=caption, columns=columns, rows=rows)


def data_toggle(summary: str, tables: list[str]) -> str:
    """Tables inside <details>: closed, the page reads as before; open, each scrolls on its own.
    `tables` are data_table()'s HTML (built by its template from escaped values)."""
    return render("charts/data_toggle.html", summary=summary, tables=[Markup(t) for t in tables])


def vendor_files() -> dict[str, str]:
    """Vega, Vega-Lite and Vega-Embed, served by the site itself (no CDN)."""
    return {VENDOR_BUNDLE: _vega_bundle()}


@cache
def _vega_bundle() -> str:
    import vl_convert

    # vl_convert's stub makes `snippet` required; the function's default (None) is the
    # snippet that puts vegaEmbed, vegaLite and vega on the page's window
    return vl_convert.javascript_bundle()  # type: ignore[call-arg]
