"""Metrics over training: curves per series, and a marker at the step being shown."""

from __future__ import annotations

import altair as alt

STEP_TITLE = "training step"


def split_scale(held_out: str | None = "test") -> alt.Scale:
    """Colours for "training" and the held-out data (named `held_out`, None if there is none).

    Neither colour is a class colour of any demo.
    """
    domain = ["training", held_out] if held_out else ["training"]
    return alt.Scale(domain=domain, range=["#7570b3", "#e7298a"][: len(domain)])


def curves(
    base: alt.Chart,
    value: str,
    value_title: str,
    series: str,
    series_title: str,
    width: int = 260,
    height: int = 200,
    value_scale: alt.Scale | None = None,
    series_scale: alt.Scale | None = None,
) -> alt.Chart:
    """A line per `series` of field `value` over field "step", from the rows of `base`."""
    return (
        base.mark_line()
        .encode(
            x=alt.X("step:Q", title=STEP_TITLE, scale=alt.Scale(nice=False)),
            y=alt.Y(f"{value}:Q", title=value_title, scale=value_scale or alt.Undefined),
            color=alt.Color(
                f"{series}:N", title=series_title, legend=alt.Legend(orient="top"), scale=series_scale or alt.Undefined
            ),
            tooltip=[
                alt.Tooltip(f"{series}:N", title=series_title),
                "step:Q",
                alt.Tooltip(f"{value}:Q", title=value_title, format=".3f"),
            ],
        )
        .properties(width=width, height=height)
    )


def step_marker(step_param: alt.Parameter) -> alt.Chart:
    """A dashed vertical rule at the training step that the slider `step_param` shows."""
    return (
        alt.Chart(alt.Data(values=[{}]))
        .transform_calculate(step=step_param.name)
        .mark_rule(strokeDash=[4, 3])
        .encode(x=alt.X("step:Q", title=STEP_TITLE))
    )


def hover_readout(base: alt.Chart, fields: list[str | alt.Tooltip], name: str) -> alt.LayerChart:
    """A vertical rule that follows the pointer to the nearest step, with `fields` in its tooltip.

    `name` names the selection; it must be unique within a spec.
    """
    nearest = alt.selection_point(
        name=name, on="pointerover", nearest=True, fields=["step"], empty=False, clear="pointerout"
    )
    targets = base.mark_rule(opacity=0, strokeWidth=8).encode(x="step:Q", tooltip=fields).add_params(nearest)
    # Hidden by opacity, not filtered out: an empty layer would give the shared step scale
    # an infinite extent (a console warning on every redraw).
    shown = base.mark_rule(strokeDash=[2, 2]).encode(
        x="step:Q", opacity=alt.condition(nearest, alt.value(1), alt.value(0))
    )
    return alt.LayerChart(layer=[targets, shown])  # alt.layer's, which has no facet to hoist here
