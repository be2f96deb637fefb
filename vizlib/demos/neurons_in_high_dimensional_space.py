"""Neurons in high-dimensional space: hidden activations of a digit classifier, projected.

Each held-out digit is a point in the space of a layer's activations (64 pixels, then
32 and 16 neurons). Principal component analysis flattens each space to the two
directions in which the points spread most. Side by side, the layers show the
classes pulling apart as data flows through the network; the epoch control shows the
same happening as training goes on.
"""
from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Progress
from vizlib.views import controls, scatter
from vizlib.views.data import named

INFO = DemoInfo(
    name="neurons-in-high-dimensional-space",
    title="Neurons in high-dimensional space",
    description="See a digit classifier's hidden layers sort handwritten digits into clusters, layer by layer and epoch by epoch.",
    options={},
)

HIDDEN = (32, 16)  # widths of the two hidden layers
EPOCHS = (0, 1, 2, 5, 10, 30)  # the moments of training the reader can pick
BATCH_SIZE, N_TRAIN, N_PROBE = 50, 1000, 300
STEPS_PER_EPOCH = N_TRAIN // BATCH_SIZE


def principal_components(points: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The first two principal-component coordinates of `points` (one row each).

    A component's sign is arbitrary; each is flipped to agree with `previous` (the
    same points' coordinates one epoch earlier) so the picture does not mirror itself
    between epochs.
    """
    centred = points - points.mean(axis=0)
    left, singular, _ = np.linalg.svd(centred, full_matrices=False)
    coordinates = left[:, :2] * singular[:2]
    if previous is not None:
        coordinates *= np.where((coordinates * previous).sum(axis=0) < 0, -1, 1)
    return coordinates


def _rows(record: training.TrainingRecord, probe: datasets.Dataset) -> list[dict]:
    """One row per (layer, epoch) holding the projected points as parallel arrays."""
    labels, ids = probe.y_val.tolist(), list(range(len(probe.y_val)))

    def row(layer: str, epoch: int, coordinates: np.ndarray) -> dict:
        return {"layer": layer, "epoch": epoch, "x": coordinates[:, 0], "y": coordinates[:, 1],
                "label": labels, "id": ids}

    rows = [row("pixels", -1, principal_components(probe.x_val, None))]  # -1: the same at every epoch
    for depth, width in enumerate(HIDDEN):
        previous = None
        for epoch, snapshot in zip(EPOCHS, record.snapshots):
            previous = principal_components(snapshot.activations[depth], previous)
            rows.append(row(f"hidden {depth + 1}", epoch, previous))
    return rows


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    data = datasets.digits(N_TRAIN, N_PROBE)
    progress(f"neurons-in-high-dimensional-space: training a {64}-{HIDDEN[0]}-{HIDDEN[1]}-10 network for {EPOCHS[-1]} epochs")
    recipe = training.Recipe(
        steps=EPOCHS[-1] * STEPS_PER_EPOCH, learning_rate=0.003, batch_size=BATCH_SIZE,
        record_every=STEPS_PER_EPOCH, snapshot_at=tuple(epoch * STEPS_PER_EPOCH for epoch in EPOCHS),
    )
    record = training.train(lambda: models.mlp([64, *HIDDEN, 10]), data, recipe, probe=data.x_val)

    epoch = controls.choice("epoch", "after training epochs ", [str(e) for e in EPOCHS], value=str(EPOCHS[-1]))
    digit = alt.selection_point(name="digit", fields=["label"], bind="legend")
    points = (
        alt.Chart(named("projections"))
        .transform_filter("datum.epoch < 0 || datum.epoch == toNumber(epoch)")
        .transform_flatten(["x", "y", "label", "id"])
    )
    titles = {"pixels": "input: 64 pixels", "hidden 1": f"hidden layer 1: {HIDDEN[0]} neurons",
              "hidden 2": f"hidden layer 2: {HIDDEN[1]} neurons"}
    panels = [
        scatter.projection(points.transform_filter(f"datum.layer == '{layer}'"), title, digit)
        for layer, title in titles.items()
    ]
    panels[0] = panels[0].add_params(digit)
    return (
        alt.hconcat(*panels, datasets={"projections": _rows(record, data)})
        .resolve_scale(x="independent", y="independent")
        .add_params(epoch)
    )
