"""A complete, offline HTML page for one spec.

Vega, Vega-Lite and Vega-Embed come inlined from vl-convert's bundle, so the page makes
no network request: it works from a file:// URL on a machine with no network.
"""

from __future__ import annotations

import functools
import html
import json
import re

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem; }}
  @media (prefers-color-scheme: dark) {{ body {{ background: #1e1e1e; color: #ddd; }} }}
  .vega-bind {{ margin: 0.2rem 0; }}
</style>
<script>{javascript}</script>
</head>
<body>
<h1>{title}</h1>
<div id="vis"></div>
<script>
const spec = {spec};
const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
vegaEmbed("#vis", spec, {{actions: false, renderer: "svg", theme: dark ? "dark" : undefined}})
  .catch((error) => {{
    document.getElementById("vis").textContent = "This demo could not be drawn: " + error;
    console.error(error);
  }});
</script>
</body>
</html>
"""


@functools.cache
def _javascript(vega_lite_version: str | None) -> str:
    import vl_convert

    supported = vl_convert.get_vegalite_versions()
    version = vega_lite_version if vega_lite_version in supported else None
    # vl_convert's stub makes `snippet` required; the function's default (None) is the
    # snippet that puts vegaEmbed, vegaLite and vega on the page's window
    return vl_convert.javascript_bundle(vl_version=version)  # type: ignore[call-arg]


def _vega_lite_version(spec: dict) -> str | None:
    """ "6.4" from a spec whose $schema names Vega-Lite v6.4.1, so page and spec agree."""
    match = re.search(r"/v(\d+\.\d+)(?:\.\d+)?\.json$", spec.get("$schema", ""))
    return match.group(1) if match else None


def _json_for_script(value: dict) -> str:
    """JSON that cannot end the <script> element it sits in: every "<" is escaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


def _checked_javascript(code: str) -> str:
    """`code`, after making sure it cannot end its <script> element early.

    JavaScript cannot be escaped blindly (a "</" may sit in a regular expression), so
    the bundle is checked instead; vl-convert's bundle has never contained these.
    """
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError("the Vega JavaScript bundle contains '</script' or '<!--' and cannot be inlined")
    return code


def standalone_html(spec: dict, title: str) -> str:
    """A self-contained page that draws `spec` under the heading `title`, with no network access."""
    return _PAGE.format(
        title=html.escape(title),
        javascript=_checked_javascript(_javascript(_vega_lite_version(spec))),
        spec=_json_for_script(spec),
    )
