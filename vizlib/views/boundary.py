"""A 2-D classifier's decision boundary, drawn as a heatmap the browser computes.

The plane is cut into a grid of cells; for each cell a Vega expression evaluates the
network on the cell's centre with the weights of the chosen training snapshot, looked
up by key. A 30 x 30 grid keeps each redraw to a few milliseconds.
"""

from __future__ import annotations

import altair as alt

# Class 0 orange, class 1 blue, as in TensorFlow Playground; shared by heatmap and points.
PROBABILITY_SCALE = alt.Scale(domain=[0, 1], scheme="blueorange", reverse=True)
PROBABILITY_TITLE = "P(blue)"


def heatmap(
    lookup: alt.LookupData,
    key_expr: str,
    logit_expr: str,
    extent: float,
    cells: int = 30,
    size: int = 280,
) -> alt.Chart:
    """Cells over [-extent, extent]^2 coloured by the network's probability of class 1.

    `key_expr` computes the key of the weights row in `lookup` (from the params);
    `logit_expr` computes the logit from datum.x1, datum.x2 and the looked-up fields.
    """
    width = 2 * extent / cells
    return (
        alt.Chart(alt.sequence(0, cells * cells, as_="cell"))
        .transform_calculate(
            x1=f"-{extent} + (datum.cell % {cells} + 0.5) * {width}",
            x2=f"-{extent} + (floor(datum.cell / {cells}) + 0.5) * {width}",
            key=key_expr,
        )
        .transform_calculate(
            x1_low=f"datum.x1 - {width / 2}",
            x1_high=f"datum.x1 + {width / 2}",
            x2_low=f"datum.x2 - {width / 2}",
            x2_high=f"datum.x2 + {width / 2}",
        )
        .transform_lookup(lookup="key", from_=lookup)
        .transform_calculate(probability=f"1 / (1 + exp(-({logit_expr})))")
        .mark_rect(opacity=0.75)
        .encode(
            x=alt.X("x1_low:Q", title="x1", scale=alt.Scale(domain=[-extent, extent], nice=False)),
            x2="x1_high:Q",
            y=alt.Y("x2_low:Q", title="x2", scale=alt.Scale(domain=[-extent, extent], nice=False)),
            y2="x2_high:Q",
            color=alt.Color("probability:Q", scale=PROBABILITY_SCALE, title=PROBABILITY_TITLE),
        )
        .properties(width=size, height=size)
    )


def points(data: alt.NamedData, visible_expr: str) -> alt.Chart:
    """The data points (fields x1, x2, label, split), filled by class, where `visible_expr` holds."""
    return (
        alt.Chart(data)
        .transform_filter(visible_expr)
        .mark_point(filled=True, size=28, stroke="white", strokeWidth=0.6, opacity=1)
        .encode(
            x="x1:Q",
            y="x2:Q",
            color=alt.Color("label:Q", scale=PROBABILITY_SCALE, title=PROBABILITY_TITLE),
            shape=alt.Shape(
                "split:N", title="data", scale=alt.Scale(domain=["training", "test"], range=["circle", "triangle"])
            ),
            tooltip=["split:N", "label:Q", alt.Tooltip("x1:Q", format=".2f"), alt.Tooltip("x2:Q", format=".2f")],
        )
    )
