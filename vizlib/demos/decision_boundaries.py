"""Decision boundaries: a small network learns to separate two classes of 2-D points.

In the spirit of TensorFlow Playground. At build time one network is trained for every
combination of hidden units, activation and learning rate the page offers, and its
weights are kept every few steps. In the browser the reader picks a combination and a
training step; the page looks up those weights and evaluates the network on a grid,
so the boundary drawn is computed live from the exported weights.
"""

from __future__ import annotations

import itertools
from typing import Any

import altair as alt

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Option, Progress
from vizlib.views import boundary, controls, expressions, lines
from vizlib.views.data import named

INFO = DemoInfo(
    name="decision-boundaries",
    title="Decision boundaries",
    description="Watch a small neural network carve the plane into two classes, and change its size, activation and learning rate.",
    options={
        "dataset": Option(values=datasets.TWO_D_NAMES, default="circles", help="the 2-D point set to learn"),
    },
)

HIDDEN_UNITS = ("2", "4", "8")  # widths of the single hidden layer
ACTIVATIONS = ("tanh", "relu")
LEARNING_RATES = ("0.003", "0.03", "3")  # Adam step sizes: too small, about right, too large
STEPS = 300  # full-batch updates per network
SNAPSHOT_EVERY = 15  # weights kept every this many steps: 21 frames per network


def _train_all(data: datasets.Dataset, progress: Progress) -> tuple[list[dict], list[dict]]:
    """Rows of weights (one per setting and snapshot, keyed for lookup) and of metrics."""
    settings = list(itertools.product(HIDDEN_UNITS, ACTIVATIONS, LEARNING_RATES))
    snapshot_steps = tuple(range(0, STEPS + 1, SNAPSHOT_EVERY))
    weights, history = [], []
    for number, (units, activation, learning_rate) in enumerate(settings, start=1):
        progress(
            f"decision-boundaries: training network {number}/{len(settings)} "
            f"({units} hidden, {activation}, learning rate {learning_rate})"
        )
        recipe = training.Recipe(
            steps=STEPS, learning_rate=float(learning_rate), record_every=SNAPSHOT_EVERY, snapshot_at=snapshot_steps
        )
        record = training.train(lambda: models.mlp([2, int(units), 1], activation), data, recipe)
        setting = f"{units}|{activation}|{learning_rate}"
        for snapshot in record.snapshots:
            weights.append(
                {
                    "key": f"{setting}|{snapshot.step}",
                    "units": int(units),
                    "w": expressions.flatten_one_hidden_layer(snapshot.weights),
                }
            )
        metrics = zip(record.steps, record.train_loss, record.val_loss, record.train_accuracy, record.val_accuracy)
        for step, train_loss, test_loss, train_accuracy, test_accuracy in metrics:
            history.append(
                {
                    "setting": setting,
                    "step": step,
                    "training": train_loss,
                    "test": test_loss,
                    "training_accuracy": train_accuracy,
                    "test_accuracy": test_accuracy,
                }
            )
    return weights, history


def _points(data: datasets.Dataset) -> list[dict]:
    splits = [("training", data.x_train, data.y_train), ("test", data.x_val, data.y_val)]
    return [
        {"x1": float(x[0]), "x2": float(x[1]), "label": int(label), "split": split}
        for split, xs, labels in splits
        for x, label in zip(xs, labels)
    ]


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    data = datasets.two_d(options["dataset"])
    weight_rows, history_rows = _train_all(data, progress)

    units = controls.choice("units", "hidden neurons ", HIDDEN_UNITS, value="4")
    activation = controls.choice("activation", "activation ", ACTIVATIONS, value="tanh")
    learning_rate = controls.choice("learning_rate", "learning rate ", LEARNING_RATES, value="0.03")
    step = controls.slider("training_step", "training step ", 0, STEPS, SNAPSHOT_EVERY, value=STEPS)
    show_test = controls.checkbox("show_test", "show test data ", value=False)
    setting = "units + '|' + activation + '|' + learning_rate"

    weights = alt.LookupData(data=named("weights"), key="key", fields=["w", "units"])
    logit = expressions.one_hidden_layer(
        ["datum.x1", "datum.x2"],
        "datum.w",
        "datum.units",
        max_units=int(HIDDEN_UNITS[-1]),
        activation_expr="activation",
    )
    plane = alt.layer(
        boundary.heatmap(weights, f"{setting} + '|' + training_step", logit, extent=datasets.TWO_D_EXTENT),
        boundary.points(named("points"), "datum.split == 'training' || show_test"),
    )

    history = alt.Chart(named("history")).transform_filter(f"datum.setting == {setting}")
    loss = history.transform_fold(["training", "test"], as_=["data", "loss"])
    now = history.transform_filter("datum.step == training_step").transform_calculate(
        summary="'accuracy: ' + format(datum.training_accuracy, '.0%') + ' training, '"
        " + format(datum.test_accuracy, '.0%') + ' test'"
    )
    curves = alt.layer(
        lines.curves(
            loss,
            "loss",
            "loss (cross-entropy)",
            "data",
            "data",
            width=240,
            height=280,
            series_scale=lines.split_scale(),
        ),
        lines.step_marker(step),
        now.mark_text(align="left", baseline="top").encode(x=alt.value(4), y=alt.value(4), text="summary:N"),
    )
    return (
        alt.hconcat(plane, curves, datasets={"weights": weight_rows, "history": history_rows, "points": _points(data)})
        .resolve_scale(color="independent", shape="independent")
        .add_params(units, activation, learning_rate, step, show_test)
    )
