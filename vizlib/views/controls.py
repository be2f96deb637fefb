"""Inputs the reader moves: Vega-Lite variable params bound to HTML controls.

Each returns an Altair parameter; add it to the top-level chart with `add_params`, and
refer to its value in expressions by its name.
"""

from __future__ import annotations

from typing import Any, Sequence

import altair as alt


def slider(name: str, label: str, minimum: float, maximum: float, step: float, value: float) -> alt.Parameter:
    """A range input; its value is a number between minimum and maximum."""
    return alt.param(name=name, value=value, bind=alt.binding_range(min=minimum, max=maximum, step=step, name=label))


def choice(
    name: str,
    label: str,
    values: Sequence[str],
    value: str,
    labels: Sequence[str] | None = None,
    menu: bool = False,
) -> alt.Parameter:
    """Radio buttons (or a drop-down menu when `menu`) choosing one of `values`."""
    binding = alt.binding_select if menu else alt.binding_radio
    extra: dict[str, Any] = {"labels": list(labels)} if labels is not None else {}
    return alt.param(name=name, value=value, bind=binding(options=list(values), name=label, **extra))


def checkbox(name: str, label: str, value: bool) -> alt.Parameter:
    """A checkbox; its value is true or false."""
    return alt.param(name=name, value=value, bind=alt.binding_checkbox(name=label))
