"""Activations projected to 2-D, one scatter plot per layer, points coloured by class."""

from __future__ import annotations

import altair as alt

CLASS_SCALE = alt.Scale(scheme="category10")


def projection(
    base: alt.Chart,
    title: str,
    highlight: alt.Parameter,
    size: int = 180,
    chosen: alt.Parameter | None = None,
    axis_titles: tuple[str, str] = ("first principal component", "second principal component"),
) -> alt.Chart:
    """Points (fields x, y, label, id) of `base`; those outside `highlight` fade, and the
    point in `chosen` (one image, in every panel that shares it) is drawn large and ringed."""
    marked = (
        {}
        if chosen is None
        else {
            "size": alt.condition(chosen, alt.value(160), alt.value(22)),
            "stroke": alt.condition(chosen, alt.value("black"), alt.value(None)),
            "strokeWidth": alt.condition(chosen, alt.value(2), alt.value(0)),
        }
    )
    return (
        base.mark_circle(size=22)
        .encode(
            x=alt.X("x:Q", title=axis_titles[0], axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("y:Q", title=axis_titles[1], axis=alt.Axis(labels=False, ticks=False)),
            color=alt.Color("label:N", title="digit", scale=CLASS_SCALE),
            opacity=alt.condition(highlight, alt.value(0.85), alt.value(0.08)),
            **marked,
            tooltip=[alt.Tooltip("label:N", title="digit"), alt.Tooltip("id:Q", title="image #")],
        )
        .properties(title=title, width=size, height=size)
    )
