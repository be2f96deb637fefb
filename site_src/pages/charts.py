"""Vega-Lite charts: specs are written to JSON files and mounted in the browser by
assets/js/charts.js, which follows the light/dark palette. Specs never go inline: Material's
instant navigation re-creates inline scripts without their type."""
from __future__ import annotations

from functools import cache
from typing import Any

from site_src.pages import urls
from site_src.pages.html import attr, to_json

VENDOR_BUNDLE = "assets/vendor/vega-bundle.js"


def chart_div(page: str, spec_path: str, label: str) -> str:
    """The placeholder element the chart script fills in; `label` describes the chart."""
    return (f'<div class="vl-chart" data-vl-spec="{attr(urls.href(page, spec_path))}" '
            f'role="figure" aria-label="{attr(label)}"></div>')


def spec_file(spec: dict[str, Any]) -> str:
    return to_json(spec)


def vendor_files() -> dict[str, str]:
    """Vega, Vega-Lite and Vega-Embed, served by the site itself (no CDN)."""
    return {VENDOR_BUNDLE: _vega_bundle()}


@cache
def _vega_bundle() -> str:
    import vl_convert

    return vl_convert.javascript_bundle()
