"""Named datasets: a demo's data is inlined once, at the top level, and referred to by name.

Type inference from the spec is switched off for them. The data is already typed JSON,
and with inference on, Vega-Lite 6.4 makes a lookup read from a parsed copy of the
dataset that it defines only after the lookup, which fails with "Undefined data set".
"""

from __future__ import annotations

import altair as alt


def named(name: str) -> alt.NamedData:
    """A reference to the top-level dataset `name` (pass the rows as `datasets={name: rows}`)."""
    return alt.NamedData(name=name, format=alt.DataFormat(parse=None))
