"""A neuron-activation matrix, as in ActiVis: neurons across, groups of instances down."""

from __future__ import annotations

import altair as alt

from vizlib.views import arrays

ACTIVATION_SCALE = alt.Scale(scheme="viridis", domainMin=0)


def activation_matrix(
    base: alt.Chart, row: str, row_title: str, width: int, height: int, scale: alt.Scale = ACTIVATION_SCALE
) -> alt.Chart:
    """Mean of the array field "act" (one value per neuron) over the rows of `base`, by `row`."""
    return (
        arrays.elements(base, ["act"], group_by=["id"], position="neuron")
        .mark_rect(**arrays.CELL_MARK)
        .encode(
            x=alt.X("neuron:O", title="neuron of the hidden layer"),
            y=alt.Y(f"{row}:O", title=row_title),
            color=alt.Color("mean(act):Q", title="mean activation", scale=scale),
            tooltip=[
                alt.Tooltip(f"{row}:O", title=row_title),
                "neuron:O",
                alt.Tooltip("mean(act):Q", title="mean activation", format=".3f"),
                alt.Tooltip("count():Q", title="instances"),
            ],
        )
        .properties(width=width, height=height)
    )
