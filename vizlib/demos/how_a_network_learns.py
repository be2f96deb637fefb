"""How a network learns: one neuron decides whether a listener likes a song.

The toy example of "Visualizing neural networks" (seed 003): three yes/no features of
a song (modern, sad, piano), one weight each plus a bias, a weighted sum and a
sigmoid. Training is plain gradient descent, replayed by a slider: the edges of the
computational graph thicken and change colour as the weights move, the loss falls
(or does not), and every prediction on the page is computed in the browser from the
weights of the step shown, including the one for a song the reader makes up.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Option, Progress
from vizlib.views import controls, expressions, lines, network
from vizlib.views.data import named

INFO = DemoInfo(
    name="how-a-network-learns",
    title="How a network learns",
    description="Replay a single neuron learning whether a listener likes a song, and see when no rule can be learned.",
    options={
        "songs": Option(
            values=datasets.SONG_SETS,
            default="four-songs",
            help="four songs with no learnable rule, or all eight with one",
        ),
    },
)

STEPS = 100  # full-batch gradient descent updates
SNAPSHOT_EVERY = 2  # a slider position every this many steps
LEARNING_RATE = 1.0  # plain SGD on eight examples takes big steps happily
SEED = 3  # an initialisation whose first guesses are visibly wrong

# The computational graph: inputs and a constant 1 (for the bias) feed a weighted sum,
# which the sigmoid turns into the probability that the listener likes the song.
_INPUTS = (*datasets.SONG_FEATURES, "bias")
NODES = [
    *(
        {"node": name, "label": name if name != "bias" else "1 (bias)", "x": 0, "y": row}
        for row, name in enumerate(_INPUTS)
    ),
    {"node": "sum", "label": "Σ weighted sum", "x": 2, "y": 1.5},
    {"node": "sigmoid", "label": "σ P(likes)", "x": 3.4, "y": 1.5},
]
EDGES = [
    *(
        {"name": f"weight of {name}", "index": row, "x": 0, "y": row, "x2": 2, "y2": 1.5}
        for row, name in enumerate(_INPUTS)
    ),
    {"name": "sigmoid of the sum", "index": -1, "x": 2, "y": 1.5, "x2": 3.4, "y2": 1.5},
]


def _snapshot_rows(record: training.TrainingRecord) -> list[dict]:
    """Per snapshot: weights [modern, sad, piano, bias], their gradients, and the loss."""
    loss_at = dict(zip(record.steps, record.train_loss))
    rows = []
    for snapshot in record.snapshots:
        weights = [*snapshot.weights["0.weight"][0], snapshot.weights["0.bias"][0]]
        gradients = [*snapshot.gradients["0.weight"][0], snapshot.gradients["0.bias"][0]]
        rows.append({"step": snapshot.step, "w": weights, "g": gradients, "loss": loss_at[snapshot.step]})
    return rows


def _song_rows(data: datasets.Dataset) -> list[dict]:
    return [
        {
            "song": datasets.song_title(x),
            **dict(zip(datasets.SONG_FEATURES, map(int, x))),
            "truth": data.class_names[label],
        }
        for x, label in zip(data.x_train, data.y_train)
    ]


def _probability_of(feature_exprs: list[str]) -> str:
    """P(likes) from the looked-up weights datum.w, for features given as expressions."""
    return expressions.sigmoid(
        expressions.weighted_sum(feature_exprs, [f"datum.w[{i}]" for i in range(3)], "datum.w[3]")
    )


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    data = datasets.songs(options["songs"])
    progress(f"how-a-network-learns: training one neuron on {options['songs']}")
    recipe = training.Recipe(
        steps=STEPS,
        learning_rate=LEARNING_RATE,
        optimizer="sgd",
        seed=SEED,
        record_every=SNAPSHOT_EVERY,
        snapshot_at=tuple(range(0, STEPS + 1, SNAPSHOT_EVERY)),
    )
    record = training.train(lambda: models.mlp([3, 1]), data, recipe)

    step = controls.slider("training_step", "training step ", 0, STEPS, SNAPSHOT_EVERY, value=0)
    song = [controls.checkbox(f"song_{name}", f"your song is {name} ", value=False) for name in datasets.SONG_FEATURES]
    song_values = [f"({param.name} ? 1 : 0)" for param in song]
    snapshots = alt.LookupData(data=named("snapshots"), key="step", fields=["w", "g"])

    z = expressions.weighted_sum(song_values, [f"datum.w[{i}]" for i in range(3)], "datum.w[3]")
    node_value = (
        " : ".join(
            f"datum.node == '{name}' ? '= ' + {value}" for name, value in zip(datasets.SONG_FEATURES, song_values)
        )
        + f" : datum.node == 'bias' ? '' : datum.node == 'sum' ? '= ' + format({z}, '.2f')"
        + f" : '= ' + format({_probability_of(song_values)}, '.0%')"
    )
    graph = network.diagram(
        named("nodes"),
        named("edges"),
        snapshots,
        key_expr="training_step",
        edge_weight_expr="datum.index >= 0 ? datum.w[datum.index] : null",
        edge_note_expr=(
            f"datum.index < 0 ? '' : 'the next step moves it by ' "
            f"+ format(-{LEARNING_RATE} * datum.g[datum.index], '+.3f')"
        ),
        node_value_expr=node_value,
        x_extent=(-0.5, 4.0),
        y_extent=(-0.5, 3.5),
        width=340,
        height=230,
    )

    history = alt.Chart(named("snapshots")).transform_calculate(data="'training'")
    loss = alt.layer(
        lines.curves(
            history,
            "loss",
            "loss (cross-entropy)",
            "data",
            "data",
            width=190,
            height=230,
            value_scale=alt.Scale(domainMin=0),
            series_scale=lines.split_scale(None),
        ),
        lines.step_marker(step),
    )

    predictions = (
        alt.Chart(named("songs"))
        .transform_calculate(step="training_step")
        .transform_lookup(lookup="step", from_=snapshots)
        .transform_calculate(likes=_probability_of([f"datum.{name}" for name in datasets.SONG_FEATURES]))
    )
    song_bars = alt.layer(
        predictions.mark_bar().encode(
            x=alt.X("likes:Q", title="the neuron's P(likes) at this step", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("song:N", title=None, sort=None),
            color=alt.Color(
                "truth:N",
                title="the listener actually",
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=list(data.class_names), range=["#d95f02", "#1b9e77"]),
            ),
            tooltip=["song:N", "truth:N", alt.Tooltip("likes:Q", format=".0%")],
        ),
        alt.Chart(alt.Data(values=[{"half": 0.5}])).mark_rule(strokeDash=[2, 2]).encode(x="half:Q"),
    ).properties(width=340, title="the training songs (by their features)")

    return (
        alt.vconcat(
            alt.hconcat(graph, loss).resolve_scale(color="independent"),
            song_bars,
            datasets={"snapshots": _snapshot_rows(record), "songs": _song_rows(data), "nodes": NODES, "edges": EDGES},
        )
        .resolve_scale(color="independent")
        .add_params(step, *song)
    )
