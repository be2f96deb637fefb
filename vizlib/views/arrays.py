"""Unpack array-valued fields: one row per element, with the element's position.

Demos ship per-instance vectors (activations, pixels) as arrays, which is several
times smaller than one row per number. Vega-Lite's flatten gives no position, so a
window numbers the elements of each original row in the order flatten emits them.
"""

from __future__ import annotations

from typing import Any

import altair as alt

# The mark of a grid drawn one cell per array element (a pixel, a neuron's mean) leaves ARIA
# out: hundreds of cells make one picture, which a screen reader would otherwise step through
# cell by cell ("column: 3; row: 5; ink: 0.2", 5,000 times on the attribution page). The
# figure's label (the demo's description) is its text alternative; each value stays in its
# cell's tooltip.
CELL_MARK: dict[str, Any] = {"aria": False}


def elements(base: alt.Chart, fields: list[str], group_by: list[str], position: str = "position") -> alt.Chart:
    """`base` with the arrays in `fields` flattened and a 0-based `position` per element.

    `group_by` must identify an original row (e.g. ["id"]).
    """
    numbered: dict[str, Any] = {f"{position}_1": "row_number()"}  # field -> operation, as altair takes it
    return (
        base.transform_flatten([*fields])
        .transform_window(**numbered, groupby=group_by)
        .transform_calculate(**{position: f"datum.{position}_1 - 1"})
    )
