"""Watching training: loss and accuracy curves on training and validation data.

Two experiments on the 8x8 handwritten digits, each trained at build time for three
settings the reader switches between: growing capacity (hidden neurons) on a small
training set, which ends in overfitting, and a learning rate that is too small,
about right, or too large.

The site no longer embeds this replay: the Watching training article trains the same
experiments live in the page (live-training.js; vizlib.live.TRAINING_EXPERIMENTS), and
vizlib still builds it for the command line and notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Option, Progress
from vizlib.views import controls, lines
from vizlib.views.data import named


@dataclass(frozen=True)
class Experiment:
    setting_label: str  # what the three settings vary, as the control names it
    settings: tuple[str, ...]  # the values tried, as shown to the reader
    default: str  # the setting shown first
    recipe: dict  # Recipe fields shared by every setting
    varies: str  # which Recipe field or "hidden" (the width of the hidden layer) the setting sets
    hidden: int = 64  # width of the hidden layer when it is not what varies
    activation: str = "relu"


EXPERIMENTS = {
    # 200 training digits are few enough for a wide network to memorise them.
    "capacity": Experiment(
        setting_label="hidden neurons ",
        settings=("2", "16", "512"),
        default="16",
        recipe=dict(steps=300, learning_rate=0.01, optimizer="adam"),
        varies="hidden",
    ),
    "learning-rate": Experiment(
        setting_label="learning rate ",
        settings=("0.02", "0.5", "8"),
        default="0.5",
        recipe=dict(steps=300, optimizer="sgd"),
        varies="learning_rate",
    ),
}
RECORD_EVERY = 5  # steps between two points of a curve
N_TRAIN, N_VAL = 200, 500

INFO = DemoInfo(
    name="watching-training",
    title="Watching training",
    description="Follow loss and accuracy on training and validation data while a digit classifier trains, and see overfitting and bad learning rates.",
    options={
        "experiment": Option(
            values=tuple(EXPERIMENTS), default="capacity", help="vary the network's capacity or its learning rate"
        ),
    },
)


def _history(experiment: Experiment, data: datasets.Dataset, progress: Progress) -> list[dict]:
    """One row per (setting, step, split) with the loss and accuracy measured there."""
    rows = []
    for number, setting in enumerate(experiment.settings, start=1):
        progress(
            f"watching-training: training network {number}/{len(experiment.settings)} "
            f"({experiment.setting_label.strip()} {setting})"
        )
        hidden = int(setting) if experiment.varies == "hidden" else experiment.hidden
        recipe_fields = {**experiment.recipe, "record_every": RECORD_EVERY}
        if experiment.varies == "learning_rate":
            recipe_fields["learning_rate"] = float(setting)
        record = training.train(
            lambda: models.mlp([64, hidden, 10], experiment.activation), data, training.Recipe(**recipe_fields)
        )
        splits = {
            "training": (record.train_loss, record.train_accuracy),
            "validation": (record.val_loss, record.val_accuracy),
        }
        for split, (losses, accuracies) in splits.items():
            rows += [
                {"setting": setting, "step": step, "split": split, "loss": loss, "accuracy": accuracy}
                for step, loss, accuracy in zip(record.steps, losses, accuracies)
            ]
    return rows


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    experiment = EXPERIMENTS[options["experiment"]]
    data = datasets.digits(N_TRAIN, N_VAL)
    setting = controls.choice("setting", experiment.setting_label, experiment.settings, value=experiment.default)
    shown = alt.Chart(named("history")).transform_filter("datum.setting == setting")
    splits = lines.split_scale("validation")
    halfway = experiment.recipe["steps"] / 2

    best = (
        shown.transform_filter("datum.split == 'validation' && isValid(datum.loss)")
        .transform_joinaggregate(lowest="min(loss)")
        .transform_filter("datum.loss == datum.lowest")
        .transform_window(rank="row_number()")
        .transform_filter("datum.rank == 1")
    )
    loss = alt.layer(
        lines.curves(
            shown, "loss", "loss (cross-entropy)", "split", "data", width=290, height=240, series_scale=splits
        ),
        best.mark_point(shape="diamond", size=90, filled=True, color="#e7298a").encode(
            x="step:Q", y="loss:Q", tooltip=[alt.Tooltip("step:Q", title="lowest validation loss at step")]
        ),
        # the label reads away from the nearer edge: past the right one it would push the
        # accuracy chart out of the page (one mark, not two filtered ones: an empty mark
        # gives the shared scales an infinite extent, a console warning)
        best.mark_text(
            align=alt.expr(f"datum.step >= {halfway} ? 'right' : 'left'"),
            dx=alt.expr(f"datum.step >= {halfway} ? -6 : 6"),
            dy=-10,
        ).encode(x="step:Q", y="loss:Q", text=alt.value("lowest validation loss")),
        lines.hover_readout(
            shown.transform_filter("datum.split == 'validation'"),
            ["step:Q", alt.Tooltip("loss:Q", title="validation loss", format=".3f")],
            "hover_loss",
        ),
    )
    accuracy = alt.layer(
        lines.curves(
            shown,
            "accuracy",
            "accuracy",
            "split",
            "data",
            width=290,
            height=240,
            value_scale=alt.Scale(domain=[0, 1]),
            series_scale=splits,
        ),
        lines.hover_readout(
            shown.transform_filter("datum.split == 'validation'"),
            ["step:Q", alt.Tooltip("accuracy:Q", title="validation accuracy", format=".1%")],
            "hover_accuracy",
        ),
    )
    return alt.hconcat(loss, accuracy, datasets={"history": _history(experiment, data, progress)}).add_params(setting)
