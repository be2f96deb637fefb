"""Small images drawn as grids of squares: digits, and maps of per-pixel numbers."""

from __future__ import annotations

import altair as alt

from vizlib.views import arrays

INK_SCALE = alt.Scale(domain=[0, 1], scheme="greys")
# Diverging around zero, for attributions that push a class up (positive) or down.
SIGNED_SCALE = alt.Scale(domainMid=0, scheme="redblue", reverse=True)


def image(
    base: alt.Chart,
    field: str,
    side: int,
    title: str,
    scale: alt.Scale,
    size: int = 110,
    legend: alt.Legend | None = None,
) -> alt.Chart:
    """The `side` x `side` image in array field `field` of the single row of `base`."""
    cells = arrays.elements(base, [field], group_by=[], position="pixel").transform_calculate(
        row=f"floor(datum.pixel / {side})", column=f"datum.pixel % {side}"
    )
    hidden = alt.Axis(labels=False, ticks=False, title=None, domain=False, grid=False)
    return (
        cells.mark_rect(**arrays.CELL_MARK)
        .encode(
            x=alt.X("column:O", axis=hidden),
            y=alt.Y("row:O", axis=hidden),
            color=alt.Color(f"{field}:Q", scale=scale, title=title, legend=legend),
            tooltip=[alt.Tooltip(f"{field}:Q", format=".3f")],
        )
        .properties(title=title, width=size, height=size)
    )
