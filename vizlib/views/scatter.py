"""Activations projected to 2-D, one scatter plot per layer, points coloured by class."""
from __future__ import annotations

import altair as alt

CLASS_SCALE = alt.Scale(scheme="category10")


def projection(base: alt.Chart, title: str, highlight: alt.Parameter, size: int = 180) -> alt.Chart:
    """Points (fields x, y, label, id) of `base`; those outside `highlight` fade."""
    return (
        base.mark_circle(size=22)
        .encode(
            x=alt.X("x:Q", title="first principal component", axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("y:Q", title="second principal component", axis=alt.Axis(labels=False, ticks=False)),
            color=alt.Color("label:N", title="digit", scale=CLASS_SCALE),
            opacity=alt.condition(highlight, alt.value(0.85), alt.value(0.08)),
            tooltip=[alt.Tooltip("label:N", title="digit"), alt.Tooltip("id:Q", title="image #")],
        )
        .properties(title=title, width=size, height=size)
    )
