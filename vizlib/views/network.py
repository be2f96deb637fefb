"""A computational graph as a node-link diagram whose numbers come from the browser.

Nodes and edges are fixed rows with positions in abstract units. What they show (an
edge's weight, a node's value) is a Vega expression evaluated after looking up the
training snapshot the slider points at, so the diagram replays training and reacts
to the inputs the reader sets.
"""

from __future__ import annotations

import altair as alt

NODE_COLOR = "#888888"
NO_WEIGHT = "no weight"  # an edge that passes a value on unchanged, e.g. from the weighted sum to the sigmoid
# Every edge needs a colour: a null one would be dropped from the drawing.
SIGN_SCALE = alt.Scale(domain=["positive", "negative", NO_WEIGHT], range=["#2b83ba", "#d7191c", NODE_COLOR])


def _positions(x_field: str, y_field: str, x_extent: tuple[float, float], y_extent: tuple[float, float]) -> dict:
    """x and y encodings in the diagram's abstract units, without axes; y grows downwards."""
    return {
        "x": alt.X(f"{x_field}:Q", scale=alt.Scale(domain=list(x_extent)), axis=None),
        "y": alt.Y(f"{y_field}:Q", scale=alt.Scale(domain=list(y_extent), reverse=True), axis=None),
    }


def diagram(
    nodes: alt.NamedData,
    edges: alt.NamedData,
    lookup: alt.LookupData,
    key_expr: str,
    edge_weight_expr: str,
    node_value_expr: str,
    edge_note_expr: str,
    x_extent: tuple[float, float],
    y_extent: tuple[float, float],
    width: int = 400,
    height: int = 240,
) -> alt.LayerChart:
    """Edges (rows with x, y, x2, y2, name) and nodes (rows with x, y, label).

    Both get the snapshot fields from `lookup` by the key `key_expr`; then
    `edge_weight_expr` gives each edge's weight (drawn as width and colour, null for an
    edge without one), `edge_note_expr` a sentence for its tooltip, and `node_value_expr`
    each node's value (printed under its label).
    """
    edge_rows = (
        alt.Chart(edges)
        .transform_calculate(key=key_expr)
        .transform_lookup(lookup="key", from_=lookup)
        .transform_calculate(weight=edge_weight_expr)
        .transform_calculate(
            sign=f"datum.weight === null ? '{NO_WEIGHT}' : datum.weight >= 0 ? 'positive' : 'negative'",
            thickness="datum.weight === null ? 1 : 1 + 3 * min(abs(datum.weight), 4)",
            text="datum.weight === null ? '' : '×' + format(datum.weight, '.2f')",
            note=edge_note_expr,
        )
    )
    position = _positions("x", "y", x_extent, y_extent)
    lines = edge_rows.mark_rule(opacity=0.8).encode(
        **position,
        x2="x2:Q",
        y2="y2:Q",
        strokeWidth=alt.StrokeWidth("thickness:Q", scale=None, legend=None),
        color=alt.Color("sign:N", scale=SIGN_SCALE, title="weight", legend=alt.Legend(orient="bottom")),
        tooltip=["name:N", alt.Tooltip("weight:Q", format=".3f"), "note:N"],
    )
    weights = (
        edge_rows.transform_calculate(middle_x="(datum.x + datum.x2) / 2", middle_y="(datum.y + datum.y2) / 2")
        .mark_text(dy=-8)
        .encode(**_positions("middle_x", "middle_y", x_extent, y_extent), text="text:N")
    )
    node_rows = (
        alt.Chart(nodes)
        .transform_calculate(key=key_expr)
        .transform_lookup(lookup="key", from_=lookup)
        .transform_calculate(value=node_value_expr)
    )
    circles = node_rows.mark_circle(size=1800, opacity=0.25, color=NODE_COLOR).encode(**position)
    labels = node_rows.mark_text(dy=-7, fontWeight="bold").encode(**position, text="label:N")
    values = node_rows.mark_text(dy=8).encode(**position, text="value:N")
    # alt.layer's, which has no facet to hoist here
    return alt.LayerChart(layer=[lines, weights, circles, labels, values]).properties(width=width, height=height)
