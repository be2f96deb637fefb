"""Neurons in high-dimensional space: hidden activations of a digit classifier, projected.

Each held-out digit is a point in the space of a layer's activations (64 pixels, then
32 and 16 neurons). Principal component analysis flattens each space to the two
directions in which the points spread most; t-SNE (scikit-learn, seeded) instead keeps
each point's nearest neighbours near, and is drawn beside it. Side by side, the layers
show the classes pulling apart as data flows through the network; the epoch control
shows the same happening as training goes on. Clicking a point marks that one image in
every panel, and the digit under the pointer is drawn beside them.
"""

from __future__ import annotations

import warnings
from typing import Any

import altair as alt
import numpy as np
from sklearn.manifold import TSNE
from threadpoolctl import threadpool_limits

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Progress
from vizlib.views import controls, pixels, scatter
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
PERPLEXITY, TSNE_SEED, TSNE_ITERATIONS = 30, 0, 500
PANEL_SIZE, DIGIT_SIZE = 140, 90  # pixels: six panels, the legend and the digit fit an article's width


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


def t_sne(points: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """A seeded 2-D t-SNE embedding of `points`. It starts from `previous` (the same points
    one epoch earlier, scaled down as scikit-learn advises) so that clusters stay in place
    between epochs; otherwise from the principal components."""
    start = "pca" if previous is None else previous / previous[:, 0].std() * 1e-4
    embedding = TSNE(
        n_components=2, perplexity=PERPLEXITY, init=start, random_state=TSNE_SEED, max_iter=TSNE_ITERATIONS
    )
    with threadpool_limits(1):  # one thread: the same sums in the same order on every machine
        return embedding.fit_transform(points.astype(np.float64))


PROJECTIONS = {"PCA": principal_components, "t-SNE": t_sne}


LAYERS = {
    "pixels": "64 pixels",
    "hidden 1": f"layer 1, {HIDDEN[0]} neurons",
    "hidden 2": f"layer 2, {HIDDEN[1]} neurons",
}


def _points(record: training.TrainingRecord, probe: datasets.Dataset) -> list[dict]:
    """One row per held-out digit: its label, its image (ink 0-16) and, under "<method> <layer>",
    its coordinates in that panel, [[x at each epoch], [y at each epoch]] (the pixels' panels
    have one epoch). A change of epoch then picks other numbers from the same rows, which the
    browser does far faster than unpacking new rows."""
    rows = [
        {"id": i, "label": int(label), "pixels": np.rint(x * datasets.DIGIT_MAX).astype(int)}
        for i, (x, label) in enumerate(zip(probe.x_val, probe.y_val))
    ]

    def store(key: str, per_epoch: list[np.ndarray]) -> None:
        stacked = np.round(np.stack(per_epoch), 2)  # epochs x points x 2
        for i, row in enumerate(rows):
            row[key] = [stacked[:, i, 0], stacked[:, i, 1]]

    for method, project in PROJECTIONS.items():
        store(f"{method} pixels", [project(probe.x_val, None)])
        for depth in range(len(HIDDEN)):
            previous, per_epoch = None, []
            for snapshot in record.snapshots:
                previous = project(snapshot.activations[depth], previous)
                per_epoch.append(previous)
            store(f"{method} hidden {depth + 1}", per_epoch)
    return rows


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    data = datasets.digits(N_TRAIN, N_PROBE)
    progress(
        f"neurons-in-high-dimensional-space: training a {64}-{HIDDEN[0]}-{HIDDEN[1]}-10 network for {EPOCHS[-1]} epochs"
    )
    recipe = training.Recipe(
        steps=EPOCHS[-1] * STEPS_PER_EPOCH,
        learning_rate=0.003,
        batch_size=BATCH_SIZE,
        record_every=STEPS_PER_EPOCH,
        snapshot_at=tuple(epoch * STEPS_PER_EPOCH for epoch in EPOCHS),
    )
    record = training.train(lambda: models.mlp([64, *HIDDEN, 10]), data, recipe, probe=data.x_val)

    progress("neurons-in-high-dimensional-space: projecting every layer and epoch with PCA and t-SNE")
    rows = _points(record, data)

    epoch = controls.choice("epoch", "after training epochs ", [str(e) for e in EPOCHS], value=str(EPOCHS[-1]))
    digit = alt.selection_point(name="digit", fields=["label"], bind="legend")
    image = alt.selection_point(name="image", fields=["id"], on="click", empty=False, toggle=False, clear="dblclick")
    hovered = alt.selection_point(name="hovered", fields=["id"], on="pointerover", clear="pointerout", empty=False)

    def points(method: str, layer: str) -> alt.Chart:
        # the pixels' panels do not depend on the epoch, so they stay as drawn
        at = "0" if layer == "pixels" else f"indexof({list(EPOCHS)}, toNumber(epoch))"
        key = f"{method} {layer}"
        return alt.Chart(named("points")).transform_calculate(
            x=f"datum['{key}'][0][{at}]", y=f"datum['{key}'][1][{at}]"
        )

    rows_of_panels = []
    for method in PROJECTIONS:
        panels = [
            scatter.projection(
                points(method, layer),
                f"{method}: {title}",
                digit,
                chosen=image,
                axis_titles=AXIS_TITLES[method],
                size=PANEL_SIZE,
            )
            for layer, title in LAYERS.items()
        ]
        rows_of_panels.append(alt.hconcat(*panels))
    rows_of_panels[0].hconcat[0] = rows_of_panels[0].hconcat[0].add_params(digit)
    with warnings.catch_warnings():
        # Altair adds a selection to each panel of a concat and then merges the copies into
        # one parameter shared by all six panels, which is the point here; it warns that it did.
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection parameter")
        projections = alt.vconcat(*rows_of_panels).add_params(image, hovered)  # one image, marked in every panel
    # the digit under the pointer; when the pointer is on no point, the one clicked
    shown = alt.Chart(named("points")).transform_filter(
        "length(data('hovered_store')) ? vlSelectionTest('hovered_store', datum) : vlSelectionTest('image_store', datum)"
    )
    under_pointer = alt.layer(
        pixels.image(
            shown,
            "pixels",
            datasets.DIGIT_SIDE,
            "digit under the pointer",
            alt.Scale(domain=[0, datasets.DIGIT_MAX], scheme="greys"),
            size=DIGIT_SIZE,
        ),
        shown.transform_calculate(caption="'image #' + datum.id + ', a ' + datum.label")
        .mark_text(baseline="top", dy=4)
        .encode(x=alt.value(DIGIT_SIZE / 2), y=alt.value(DIGIT_SIZE), text="caption:N"),
    )
    return (
        alt.hconcat(projections, under_pointer, datasets={"points": rows})
        .resolve_scale(x="independent", y="independent")
        .add_params(epoch)
    )


AXIS_TITLES = {"PCA": ("principal component 1", "principal component 2"), "t-SNE": ("t-SNE 1", "t-SNE 2")}
