"""Feature visualization by activation maximization, on the attribution demo's classifier.

For each of the 64 hidden units and each of the 10 classes, gradient ascent looks for the
8x8 image that excites it most: the unit's weighted sum (before the relu, so that a unit
that is off still has a gradient), or the class's score (its logit). Left alone, the
optimum is a speckle that no digit looks like, so the objective is regularized, as in
Yosinski et al.'s deep visualization: an L2 penalty keeps ink where it pays, and a total
variation penalty keeps neighbouring pixels alike. Pixels are the sigmoid of free
parameters, so they stay in [0, 1]; every image starts from the same seeded grey.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import torch

from vizlib import datasets, training
from vizlib.registry import DemoInfo, Progress
from vizlib.views import arrays, controls, pixels
from vizlib.views.data import named

INFO = DemoInfo(
    name="feature-visualization",
    title="Feature visualization",
    description="See, for every hidden unit and every class of a digit classifier, the input that excites it most.",
    options={},
)

STEPS, LEARNING_RATE, SEED = 300, 0.1, 0
L2_PENALTY = 0.05  # per unit of squared ink, summed over the pixels
SMOOTHNESS_PENALTY = 0.3  # per unit of squared difference between neighbouring pixels
COLUMNS = 8  # images per row in the hidden units' grid; the classes take one row of 10
GAP = 1  # blank cells between images


def _total_variation(images: torch.Tensor) -> torch.Tensor:
    """Sum of squared differences between horizontal and vertical neighbours, per image."""
    side = datasets.DIGIT_SIDE
    grid = images.reshape(-1, side, side)
    across = (grid[:, :, 1:] - grid[:, :, :-1]) ** 2
    down = (grid[:, 1:, :] - grid[:, :-1, :]) ** 2
    return across.sum(dim=(1, 2)) + down.sum(dim=(1, 2))


def _linear(layer: torch.nn.Module) -> torch.nn.Linear:
    """A layer of models.mlp's network that is linear, as its first and last are."""
    if not isinstance(layer, torch.nn.Linear):
        raise TypeError(f"expected a linear layer, found {type(layer).__name__}")
    return layer


def maximize(model: torch.nn.Sequential) -> tuple[np.ndarray, np.ndarray]:
    """One image per hidden unit, then one per class, each optimized to excite it (regularized);
    returns the images (rows of 64 pixels in [0, 1]) and the activation each reaches."""
    first_layer = _linear(model[0])
    hidden, classes = first_layer.out_features, _linear(model[-1]).out_features
    targets = torch.arange(hidden + classes)
    noise = torch.Generator().manual_seed(SEED)
    free = (0.01 * torch.randn(hidden + classes, first_layer.in_features, generator=noise)).requires_grad_(True)
    optimizer = torch.optim.Adam([free], lr=LEARNING_RATE)
    for parameter in model.parameters():
        parameter.requires_grad_(False)

    def excitation(images: torch.Tensor) -> torch.Tensor:
        units = first_layer(images[:hidden]).gather(1, targets[:hidden, None])[:, 0]
        scores = model(images[hidden:]).gather(1, (targets[hidden:] - hidden)[:, None])[:, 0]
        return torch.cat([units, scores])

    for _ in range(STEPS):
        images = torch.sigmoid(free)
        penalty = L2_PENALTY * (images**2).sum(dim=1) + SMOOTHNESS_PENALTY * _total_variation(images)
        optimizer.zero_grad()
        (penalty - excitation(images)).sum().backward()
        optimizer.step()
    with torch.no_grad():
        images = torch.sigmoid(free)
        return images.numpy(), excitation(images).numpy()


def _rows(images: np.ndarray, reached: np.ndarray, hidden: int) -> list[dict]:
    """One row per image, with where its top-left corner goes in its grid."""
    rows = []
    for index, (image, value) in enumerate(zip(images, reached)):
        kind, number = ("hidden unit", index) if index < hidden else ("class", index - hidden)
        per_row = COLUMNS if kind == "hidden unit" else 10
        rows.append(
            {
                "kind": kind,
                "number": number,
                "reached": round(float(value), 3),
                "pixels": np.round(image, 3),
                "left": (number % per_row) * (datasets.DIGIT_SIDE + GAP),
                "top": (number // per_row) * (datasets.DIGIT_SIDE + GAP),
            }
        )
    return rows


def describe(rows: list[dict]) -> str:
    """The grid in words: its text alternative."""
    units = [row for row in rows if row["kind"] == "hidden unit"]
    excited = sum(row["reached"] > 0 for row in units)
    strongest = max(units, key=lambda row: row["reached"])
    return (
        f"Activation maximization on the 64-64-10 digit classifier: a grid of {len(units)} images, one per "
        f"hidden unit, and a row of 10, one per class; each 8 by 8 image is the input, optimized from grey "
        f"with an L2 and a smoothness penalty, that excites that unit or class most. For {excited} of the "
        f"{len(units)} hidden units the optimized image makes the unit fire; the strongest, unit {strongest['number']}, reaches "
        f"{strongest['reached']:.1f}."
    )


def _grid(base: alt.Chart, kind: str, title: str, width: int, height: int) -> alt.Chart:
    side = datasets.DIGIT_SIDE
    hidden_axis = alt.Axis(labels=False, ticks=False, title=None, domain=False, grid=False)
    cells = arrays.elements(
        base.transform_filter(f"datum.kind == '{kind}'"), ["pixels"], group_by=["number"], position="pixel"
    ).transform_calculate(
        x=f"datum.left + datum.pixel % {side}",
        y=f"datum.top + floor(datum.pixel / {side})",
        x2="datum.x + 1",
        y2="datum.y + 1",
    )
    return (
        cells.mark_rect(**arrays.CELL_MARK)
        .encode(
            x=alt.X("x:Q", axis=hidden_axis, scale=alt.Scale(nice=False, zero=True)),
            x2="x2:Q",
            y=alt.Y("y:Q", axis=hidden_axis, scale=alt.Scale(nice=False, zero=True, reverse=True)),
            y2="y2:Q",
            color=alt.Color("pixels:Q", scale=alt.Scale(domain=[0, 1], scheme="greys"), legend=None),
            tooltip=[
                alt.Tooltip("kind:N", title="image for"),
                alt.Tooltip("number:Q", title="number"),
                alt.Tooltip("reached:Q", title="activation reached", format=".2f"),
            ],
        )
        .properties(title=title, width=width, height=height)
    )


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    progress("feature-visualization: training the 64-64-10 digit classifier")
    _, model = training.digit_classifier()
    progress("feature-visualization: maximizing the activation of 64 hidden units and 10 classes")
    images, reached = maximize(model)
    hidden_units = _linear(model[0]).out_features
    rows = _rows(images, reached, hidden_units)
    images_for = alt.Chart(named("images"))
    strongest = max((row for row in rows if row["kind"] == "hidden unit"), key=lambda row: row["reached"])
    unit = controls.slider("unit", "enlarge hidden unit ", 0, hidden_units - 1, 1, value=strongest["number"])
    chosen = images_for.transform_filter("datum.kind == 'hidden unit' && datum.number == unit")
    enlarged = alt.layer(
        pixels.image(
            chosen,
            "pixels",
            datasets.DIGIT_SIDE,
            "the chosen unit's image",
            alt.Scale(domain=[0, 1], scheme="greys"),
            size=140,
        ),
        chosen.transform_calculate(caption="'unit ' + datum.number + ' reaches ' + format(datum.reached, '.2f')")
        .mark_text(baseline="top", dy=4)
        .encode(x=alt.value(70), y=alt.value(140), text="caption:N"),
    )
    return alt.vconcat(
        alt.hconcat(
            _grid(images_for, "hidden unit", "the 64 hidden units (row by row, unit 0 at top left)", 280, 280), enlarged
        ),
        _grid(images_for, "class", "the 10 classes, 0 to 9", 350, 35),
        datasets={"images": rows},
        description=describe(rows),
    ).add_params(unit)
