"""Instance-based analysis, in the style of ActiVis: activations by class and by instance.

A digit classifier with one hidden layer of 24 neurons is trained briefly on few
examples, so it gets some held-out digits wrong. The matrix shows each neuron's
average activation for each true class, over all, correct or misclassified
instances; clicking an instance shows its image, its prediction and its own row of
activations, to set against its class's average.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Progress
from vizlib.views import controls, matrix, pixels
from vizlib.views.data import named

INFO = DemoInfo(
    name="instance-based-analysis",
    title="Instance-based analysis",
    description="Compare the neuron activations of single digits, right or wrongly classified, with their class's average, as in ActiVis.",
    options={},
)

HIDDEN = 24  # neurons in the hidden layer: the matrix's columns
N_TRAIN, N_SHOWN = 300, 300
STEPS = 60  # few enough full-batch updates to leave some held-out digits misclassified
CORRECT_SCALE = alt.Scale(domain=["correct", "misclassified"], range=["#9e9e9e", "#d62728"])


def _instances(data: datasets.Dataset, model) -> list[dict]:
    """One row per held-out digit: label, prediction, hidden activations, pixels (0-16), place in the grid."""
    activations = models.hidden_activations(model, data.x_val)[0]
    predicted = models.predict_proba(model, data.x_val).argmax(axis=1)
    rows = []
    for label in range(10):
        members = np.flatnonzero(data.y_val == label)
        # misclassified first, so they line up at the left of their class's row
        ordered = sorted(members, key=lambda i: (predicted[i] == label, i))
        for column, i in enumerate(ordered):
            rows.append(
                {
                    "id": int(i),
                    "label": label,
                    "predicted": int(predicted[i]),
                    "column": column,
                    "outcome": "correct" if predicted[i] == label else "misclassified",
                    "act": activations[i],
                    "pixels": np.rint(data.x_val[i] * datasets.DIGIT_MAX).astype(int),
                }
            )
    return rows


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    data = datasets.digits(N_TRAIN, N_SHOWN)
    progress(f"instance-based-analysis: training a 64-{HIDDEN}-10 network for {STEPS} steps")
    record = training.train(
        lambda: models.mlp([64, HIDDEN, 10]), data, training.Recipe(steps=STEPS, learning_rate=0.01, record_every=STEPS)
    )
    model = record.model
    assert model is not None  # train() records the model it trained
    rows = _instances(data, model)
    first_mistake = next((row["id"] for row in rows if row["outcome"] == "misclassified"), rows[0]["id"])

    subset = controls.choice("subset", "average over ", ["all", "correct", "misclassified"], value="all")
    instance = alt.selection_point(
        name="instance", fields=["id"], on="click", value=[{"id": first_mistake}], empty=False, toggle=False
    )
    instances = alt.Chart(named("instances"))

    grid = (
        instances.mark_square(size=70)
        .encode(
            x=alt.X(
                "column:O",
                title=["held-out digits of each class", "(misclassified first); click one"],  # fits a phone
                axis=alt.Axis(labels=False, ticks=False),
            ),
            y=alt.Y("label:O", title="true digit"),
            color=alt.Color(
                "outcome:N",
                scale=CORRECT_SCALE,
                title="prediction",
                legend=alt.Legend(orient="top", symbolStrokeWidth=0),
            ),
            strokeWidth=alt.condition(instance, alt.value(3), alt.value(0)),
            stroke=alt.value("#ff7f0e"),
            tooltip=[
                alt.Tooltip("label:O", title="true digit"),
                alt.Tooltip("predicted:O", title="predicted"),
                "outcome:N",
            ],
        )
        .add_params(instance)
        .properties(width=380, height=170)
    )

    chosen = instances.transform_filter(instance)
    picture = alt.layer(
        pixels.image(
            chosen,
            "pixels",
            datasets.DIGIT_SIDE,
            "the chosen digit",
            alt.Scale(domain=[0, datasets.DIGIT_MAX], scheme="greys"),
            size=110,
            legend=None,
        ),
        chosen.transform_calculate(caption="'true ' + datum.label + ', predicted ' + datum.predicted")
        .mark_text(baseline="top", dy=4)
        .encode(x=alt.value(55), y=alt.value(110), text="caption:N"),
    )

    averaged = instances.transform_filter("subset == 'all' || datum.outcome == subset")
    by_class = matrix.activation_matrix(averaged, "label", "true digit (average)", width=380, height=170)
    own_row = matrix.activation_matrix(
        chosen.transform_calculate(which="'chosen digit'"), "which", "", width=380, height=17
    )

    return (
        alt.vconcat(
            alt.hconcat(grid, picture),
            alt.vconcat(by_class, own_row),
            # "model" feeds the page's live matrix row (live-instances.js); no chart reads it
            datasets={"instances": rows, "model": models.linear_weights(model)},
        )
        .resolve_scale(color="independent")
        .add_params(subset)
    )
