"""The live networks' data, initial weights and recipes, as the browser makes them.

The explorables train small networks in the reader's browser with one engine,
site_src/docs/assets/js/explorables/mlp-engine.js, driven by live-classifier.js (the
Decision boundaries page), live-neuron.js (How a network learns) and live-training.js
(Watching training). This module is that engine's Python twin: the same seeded generator
(mulberry32, a 32-bit PRNG that is easy to write identically in both languages), the same
point clouds, the same initial weights and the same recipes (SGD, SGD with momentum or
Adam; binary or softmax cross-entropy), so that a seed in the page's address gives the
same data and the same curves here as there. `train_torch` and `history_torch` are the
references the browser's training is checked against (tests/browser/test_live_mlp.py,
tests/browser/test_live_training.py).

Nothing here imports torch but `train_torch`, so the site can import the module cheaply.
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable

DATASETS = ("circles", "xor", "gaussians", "spiral")
ACTIVATIONS = ("tanh", "relu", "sigmoid")
EXTENT = 6.0  # points lie in [-EXTENT, EXTENT]^2, the square the boundary is drawn on
POINTS = 400  # generated per dataset; the train share of them is trained on
MAX_LAYERS = 4
MAX_NEURONS = 8
LEARNING_RATE_RANGE = (1e-4, 10.0)  # the page's log slider spans this
L2_RANGE = (0.0, 1.0)
NOISE_RANGE = (0.0, 1.0)
TRAIN_SHARE_RANGE = (0.1, 0.9)
SEED_RANGE = (0, 2**32 - 1)
WEIGHT_STREAM = 0x9E3779B9  # xor-ed into the seed: weights and data draw from separate streams
BATCH_STREAM = 0x85EBCA6B  # and the mini-batches' order a third one
L1_RANGE = (0.0, 1.0)
OPTIMIZERS = ("sgd", "adam")  # mlp-engine.js OPTIMIZERS
ADAM_BETAS = (0.9, 0.999)  # torch.optim.Adam's defaults, and mlp-engine.js ADAM
ADAM_EPS = 1e-8
BATCH_SIZES = (0, 1, 5, 10, 25, 50, 100)  # 0: full batch
# The features a point can be given to the network as (mlp-engine.js FEATURES): id -> (label, value).
FEATURES: dict[str, tuple[str, Callable[[float, float], float]]] = {
    "x1": ("x1", lambda a, b: a),
    "x2": ("x2", lambda a, b: b),
    "x1sq": ("x1²", lambda a, b: a * a),
    "x2sq": ("x2²", lambda a, b: b * b),
    "x1x2": ("x1·x2", lambda a, b: a * b),
    "sinx1": ("sin x1", lambda a, b: math.sin(a)),
    "sinx2": ("sin x2", lambda a, b: math.sin(b)),
}


@dataclass(frozen=True)
class Settings:
    """Everything that decides a live run; the page keeps it in its address."""

    dataset: str = "circles"
    noise: float = 0.25  # standard deviation of the Gaussian noise added to each coordinate
    train_share: float = 0.5  # share of the points trained on; the rest are test points
    seed: int = 1
    activation: str = "tanh"
    hidden: tuple[int, ...] = (4, 4)  # neurons per hidden layer
    learning_rate: float = 0.3
    l2: float = 0.0  # the loss adds l2 / 2 * (sum of squared weights; biases are not penalised)
    inputs: int = 2  # columns per row read as they are (no features): 2 for the plane, 3 for the song neuron
    features: tuple[str, ...] = ()  # ids of FEATURES the network reads instead, when given
    batch_size: int = 0  # rows per step; 0 (or the training set's size or more): all of them
    l1: float = 0.0  # the loss adds l1 * (sum of absolute weights)
    optimizer: str = "sgd"  # one of OPTIMIZERS, as torch.optim.SGD or torch.optim.Adam (default betas and eps)
    momentum: float = 0.0  # SGD's momentum (torch's: no dampening, no Nesterov)
    outputs: int = 1  # 1: one logit, binary cross-entropy; more: softmax cross-entropy over that many classes

    @property
    def sizes(self) -> list[int]:
        return [len(self.features) or self.inputs, *self.hidden, self.outputs]


# The settings the browser's engine is checked against torch with (tests/browser/test_live_mlp.py),
# and how close the two must stay: the Decision boundaries article states these figures.
PARITY_STEPS = 200
PARITY_TOLERANCE = 1e-12  # relative, on every loss and on the final boundary
PARITY_RUNS = {
    "circles, tanh, 2 layers": Settings(dataset="circles", activation="tanh", hidden=(4, 4), learning_rate=0.3),
    "spiral, relu, 3x6, L2": Settings(
        dataset="spiral", activation="relu", hidden=(6, 6, 6), learning_rate=0.1, l2=0.003, noise=0.1, seed=7
    ),
    "xor, sigmoid, 4x8": Settings(
        dataset="xor", activation="sigmoid", hidden=(8, 8, 8, 8), learning_rate=1.0, train_share=0.3, seed=12345
    ),
    "gaussians, tanh, 1x1": Settings(
        dataset="gaussians",
        activation="tanh",
        hidden=(1,),
        learning_rate=0.03,
        noise=0.6,
        train_share=0.85,
        seed=4_000_000_000,
    ),
    "xor, x1·x2 alone, no hidden layer": Settings(
        dataset="xor", hidden=(), features=("x1x2",), learning_rate=0.1, seed=3
    ),
    "circles, all features, batches of 10, L1": Settings(
        dataset="circles",
        activation="relu",
        hidden=(4,),
        features=tuple(FEATURES),
        batch_size=10,
        l1=0.003,
        learning_rate=0.03,
        seed=11,
    ),
    "spiral, sines, batches of 25, L1 and L2": Settings(
        dataset="spiral",
        activation="tanh",
        hidden=(6, 4),
        features=("x1", "x2", "sinx1", "sinx2"),
        batch_size=25,
        l1=0.001,
        l2=0.001,
        learning_rate=0.1,
        seed=21,
    ),
}
# The optimizers beyond plain SGD, checked the same way (tests/browser/test_live_training.py).
OPTIMIZER_PARITY_STEPS = 400
OPTIMIZER_PARITY_RUNS = {
    "circles, tanh, Adam": Settings(
        dataset="circles", activation="tanh", hidden=(4, 4), learning_rate=0.01, optimizer="adam"
    ),
    "spiral, relu, Adam, L2": Settings(
        dataset="spiral",
        activation="relu",
        hidden=(8, 8),
        learning_rate=0.005,
        optimizer="adam",
        l2=0.001,
        noise=0.1,
        seed=7,
    ),
    "xor, sigmoid, Adam, batches of 25": Settings(
        dataset="xor", activation="sigmoid", hidden=(6,), learning_rate=0.02, optimizer="adam", batch_size=25, seed=5
    ),
    "gaussians, tanh, momentum 0.9": Settings(
        dataset="gaussians", activation="tanh", hidden=(4,), learning_rate=0.03, momentum=0.9, seed=9
    ),
    "circles, relu, momentum 0.5, batches of 10, L1": Settings(
        dataset="circles",
        activation="relu",
        hidden=(6,),
        learning_rate=0.02,
        momentum=0.5,
        batch_size=10,
        l1=0.001,
        seed=13,
    ),
}


def feature_rows(rows: list, features: tuple[str, ...] | list[str]) -> list[list[float]]:
    """Rows [x1, x2, label] as [feature..., label] for the given feature ids."""
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown features {unknown}; choose from {', '.join(FEATURES)}")
    return [[*(FEATURES[f][1](row[0], row[1]) for f in features), row[2]] for row in rows]


def batches(n: int, batch_size: int, seed: int) -> Callable[[], list[int]]:
    """next_batch() gives the row indices of each step's mini-batch, as mlp-engine.js's Batches:
    consecutive slices of a seeded shuffle, reshuffled each epoch; all rows when batch_size is
    0 or at least n."""
    size = batch_size if 0 < batch_size < n else n
    uniform = mulberry32(seed ^ BATCH_STREAM)
    order: list[int] = []
    at = n

    def next_batch() -> list[int]:
        nonlocal order, at
        if at >= n:
            order = list(range(n))
            for i in range(n - 1, 0, -1):
                j = math.floor(uniform() * (i + 1))
                order[i], order[j] = order[j], order[i]
            at = 0
        batch = order[at : at + size]
        at += len(batch)
        return batch

    return next_batch


def mulberry32(seed: int) -> Callable[[], float]:
    """Uniform floats in [0, 1), the same sequence as the JavaScript mulberry32 for `seed`."""
    state = seed & 0xFFFFFFFF

    def next_uniform() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((state ^ (state >> 15)) * (state | 1)) & 0xFFFFFFFF
        t = (((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_uniform


def _normal(uniform: Callable[[], float]) -> float:
    """One standard normal draw (Box-Muller, cosine branch), from two uniform draws."""
    u1 = 1.0 - uniform()  # in (0, 1]: log(u1) is finite
    u2 = uniform()
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def _point(name: str, index: int, uniform: Callable[[], float]) -> tuple[float, float, int]:
    """The index-th point of a dataset before noise: (x1, x2, label); label 1 is blue."""
    if name == "circles":  # a blue disc inside an orange ring
        label = index % 2
        radius = 2.5 * uniform() if label == 1 else 3.5 + 1.5 * uniform()
        angle = 2 * math.pi * uniform()
        return radius * math.cos(angle), radius * math.sin(angle), label
    if name == "xor":  # blue where both coordinates have the same sign
        x1, x2 = 10 * uniform() - 5, 10 * uniform() - 5
        x1 += 0.3 if x1 > 0 else -0.3  # a gap along the axes, as in TensorFlow Playground
        x2 += 0.3 if x2 > 0 else -0.3
        return x1, x2, int(x1 * x2 > 0)
    if name == "gaussians":  # two round blobs around (2, 2) (blue) and (-2, -2)
        label = index % 2
        centre = 2.0 if label == 1 else -2.0
        return centre + _normal(uniform), centre + _normal(uniform), label
    if name == "spiral":  # two interleaved arms
        label = index % 2
        t = uniform()
        angle = 1.75 * t * 2 * math.pi + math.pi * label
        return 5 * t * math.sin(angle), 5 * t * math.cos(angle), label
    raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")


def points(settings: Settings) -> dict[str, list]:
    """The run's training and test points: {"train": [[x1, x2, label]...], "test": [...]}."""
    uniform = mulberry32(settings.seed)
    rows = []
    for index in range(POINTS):
        x1, x2, label = _point(settings.dataset, index, uniform)
        x1 += settings.noise * _normal(uniform)
        x2 += settings.noise * _normal(uniform)
        rows.append([min(EXTENT, max(-EXTENT, x1)), min(EXTENT, max(-EXTENT, x2)), label])
    for i in range(len(rows) - 1, 0, -1):  # Fisher-Yates: both splits hold both classes
        j = math.floor(uniform() * (i + 1))
        rows[i], rows[j] = rows[j], rows[i]
    n_train = round(settings.train_share * POINTS)
    return {"train": rows[:n_train], "test": rows[n_train:]}


def initial_weights(settings: Settings) -> list[dict[str, list]]:
    """One {"w": rows (out x in), "b": out} per layer, uniform in +-1/sqrt(fan in) as torch's
    nn.Linear draws them (but from mulberry32, so the browser draws the same numbers)."""
    uniform = mulberry32(settings.seed ^ WEIGHT_STREAM)
    layers: list[dict[str, list[Any]]] = []
    sizes = settings.sizes
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = 1 / math.sqrt(fan_in)
        w = [[bound * (2 * uniform() - 1) for _ in range(fan_in)] for _ in range(fan_out)]
        b = [bound * (2 * uniform() - 1) for _ in range(fan_out)]
        layers.append({"w": w, "b": b})
    return layers


def export(settings: Settings) -> dict[str, Any]:
    """What the browser needs to reproduce a run, and what torch needs to check it."""
    recipe = asdict(settings)
    recipe["hidden"] = list(settings.hidden)
    recipe["features"] = list(settings.features)
    return {
        "settings": recipe,
        "data": points(settings),
        "weights": initial_weights(settings),
        "loss": "mean binary cross-entropy of the logit, plus l2 / 2 * sum of squared weights "
        "plus l1 * sum of absolute weights",
        "optimizer": "SGD (with momentum when given) or Adam, on batches of batch_size rows (0: all of them)",
    }


def torch_optimizer(params: list[Any], settings: dict[str, Any]) -> Any:
    """The torch.optim optimizer a run's settings name, as mlp-engine.js's Optimizer steps."""
    import torch

    name = settings.get("optimizer", "sgd")
    if name == "adam":
        return torch.optim.Adam(params, lr=settings["learning_rate"], betas=ADAM_BETAS, eps=ADAM_EPS)
    if name == "sgd":
        return torch.optim.SGD(params, lr=settings["learning_rate"], momentum=settings.get("momentum", 0.0))
    raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}")


# --- The song neuron of "How a network learns" ------------------------------------------

SONGS = [(modern, sad, piano) for modern in (0, 1) for sad in (0, 1) for piano in (0, 1)]  # as the page lists them
SONG_LEARNING_RATE = 1.0  # as the build-time demo: plain SGD on eight examples takes big steps happily
SONG_SEED = 1  # the live neuron's seed unless its address gives one (live-neuron.js)
SONG_AUTOPLAY_STEPS = 300  # after a change the live neuron trains this many steps (live-neuron.js AUTOPLAY_STEPS)
SONG_PRESETS = {  # one letter per song of SONGS: L likes, D dislikes, - not heard
    # sad + piano - modern >= 1, the rule of datasets.songs("eight-songs")
    "eight-songs": "".join("L" if sad + piano - modern >= 1 else "D" for modern, sad, piano in SONGS),
    # datasets.songs("four-songs"): liked when modern and sad or neither; all have piano
    "four-songs": "".join("-" if not piano else "L" if modern == sad else "D" for modern, sad, piano in SONGS),
}


def song_export(labels: str, seed: int = 1) -> dict[str, Any]:
    """The song neuron's run for `labels` (one letter per song of SONGS), as the page makes it."""
    if len(labels) != len(SONGS) or set(labels) - set("LD-"):
        raise ValueError(f"labels must be {len(SONGS)} letters of L, D and -, not {labels!r}")
    settings = Settings(seed=seed, hidden=(), inputs=3, learning_rate=SONG_LEARNING_RATE, activation="sigmoid")
    heard = [[*song, 1 if label == "L" else 0] for song, label in zip(SONGS, labels) if label != "-"]
    exported = export(settings)
    exported["data"] = {"train": heard, "test": []}
    return exported


# --- Watching training: digit classifiers trained in the page -----------------------------

DIGITS_TRAIN, DIGITS_VALIDATION = 200, 500  # few training digits, so that a wide network can memorise them
DIGITS_SPLIT_SEED = 0  # the shuffle that picks them, as vizlib.datasets.digits(seed=0)
DIGITS_INK = 16  # the 8x8 digits' pixels are ink levels 0-16; the network reads ink / 16
TRAINING_STEPS = 300  # full-batch steps a live run takes
RECORD_EVERY = 5  # steps between two points of a curve


@dataclass(frozen=True)
class TrainingExperiment:
    """Networks that differ in one setting, which the live training widget switches between."""

    label: str  # what the setting is, as the widget's control names it
    varies: str  # "hidden" (the hidden layer's width) or "learning_rate"
    values: tuple[float, ...]  # the values tried, smallest first
    default: float  # the value shown first
    base: Settings  # everything else


_DIGIT_NETWORK = Settings(inputs=64, outputs=10, activation="relu", hidden=(64,), seed=1)
TRAINING_EXPERIMENTS = {
    "capacity": TrainingExperiment(
        "hidden neurons", "hidden", (2, 16, 512), 16, replace(_DIGIT_NETWORK, optimizer="adam", learning_rate=0.01)
    ),
    "learning-rate": TrainingExperiment(
        "learning rate", "learning_rate", (0.02, 0.5, 8), 0.5, replace(_DIGIT_NETWORK, optimizer="sgd")
    ),
}


def training_settings(experiment: str, value: float) -> Settings:
    """The live run of `experiment` (a key of TRAINING_EXPERIMENTS) at one of its values."""
    chosen = TRAINING_EXPERIMENTS[experiment]
    if value not in chosen.values:
        raise ValueError(f"{experiment} tries {', '.join(map(str, chosen.values))}, not {value}")
    if chosen.varies == "hidden":
        return replace(chosen.base, hidden=(int(value),))
    return replace(chosen.base, learning_rate=float(value))


@functools.lru_cache(maxsize=1)
def digit_rows() -> dict[str, list[list[int]]]:
    """The training and validation digits as rows of 64 ink levels (0-16) and the label."""
    import numpy as np
    from sklearn.datasets import load_digits  # ships with scikit-learn: no download

    bunch = load_digits()
    order = np.random.RandomState(DIGITS_SPLIT_SEED).permutation(len(bunch.target))
    rows = [[*map(int, bunch.data[i]), int(bunch.target[i])] for i in order[: DIGITS_TRAIN + DIGITS_VALIDATION]]
    return {"train": rows[:DIGITS_TRAIN], "test": rows[DIGITS_TRAIN:]}


def training_payload() -> dict[str, Any]:
    """What the live training widget fetches: the digits and the experiments' settings."""
    experiments = {}
    for name, experiment in TRAINING_EXPERIMENTS.items():
        experiments[name] = {
            "label": experiment.label,
            "varies": experiment.varies,
            "values": list(experiment.values),
            "default": experiment.default,
            "settings": [export_settings(training_settings(name, v)) for v in experiment.values],
        }
    return {
        "digits": digit_rows(),
        "ink": DIGITS_INK,
        "steps": TRAINING_STEPS,
        "every": RECORD_EVERY,
        "experiments": experiments,
    }


# Live demos that train in the page: what their data-model file holds, by demo name.
LIVE_DATA_DEMOS: dict[str, Callable[[], dict[str, Any]]] = {"watching-training": training_payload}


def export_settings(settings: Settings) -> dict[str, Any]:
    """A run's settings as the page's engine reads them (lists, not tuples)."""
    recipe = asdict(settings)
    recipe["hidden"] = list(settings.hidden)
    recipe["features"] = list(settings.features)
    return recipe


def digits_export(settings: Settings) -> dict[str, Any]:
    """A live training run as vizlib.live.export gives a 2-D one: settings, data (pixels
    scaled to 0-1 as the page scales them) and initial weights."""
    data = {
        split: [[v / DIGITS_INK for v in row[:-1]] + [row[-1]] for row in rows] for split, rows in digit_rows().items()
    }
    return {"settings": export_settings(settings), "data": data, "weights": initial_weights(settings)}


def history_torch(exported: dict[str, Any], steps: int, every: int) -> dict[str, list[float]]:
    """Train an exported run with torch in float64, measuring loss and accuracy on the
    training rows before every step and after the last, and on the test rows every `every`
    steps and after the last: the reference for mlp-engine.js's history() (its Recorder,
    which the live training widget draws) and the figures the Watching training article states."""
    import torch
    from torch.nn import functional as F

    settings = exported["settings"]
    if settings.get("features"):
        raise ValueError("history_torch reads rows as they are; features are the 2-D classifier's")
    activation = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[settings["activation"]]
    params = []
    for layer in exported["weights"]:
        params.append(torch.tensor(layer["w"], dtype=torch.float64, requires_grad=True))
        params.append(torch.tensor(layer["b"], dtype=torch.float64, requires_grad=True))
    inputs, outputs = settings.get("inputs", 2), settings.get("outputs", 1)

    def logits(x: torch.Tensor) -> torch.Tensor:
        for index in range(0, len(params), 2):
            x = x @ params[index].T + params[index + 1]
            if index < len(params) - 2:
                x = activation(x)
        return x

    def loss_and_accuracy(x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, float]:
        z = logits(x)
        if outputs == 1:
            return (F.binary_cross_entropy_with_logits(z[:, 0], y), ((z[:, 0] > 0) == (y == 1)).double().mean().item())
        labels = y.long()
        return F.cross_entropy(z, labels), (z.argmax(dim=1) == labels).double().mean().item()

    def split(rows: list) -> tuple[torch.Tensor, torch.Tensor]:
        table = torch.tensor(rows, dtype=torch.float64).reshape(-1, inputs + 1)
        return table[:, :inputs], table[:, inputs]

    x_train, y_train = split(exported["data"]["train"])
    x_test, y_test = split(exported["data"]["test"])
    optimizer = torch_optimizer(params, settings)
    next_batch = batches(len(x_train), settings.get("batch_size", 0), settings["seed"])
    run: dict[str, list[float]] = {
        key: [] for key in ("step", "train_loss", "train_accuracy", "test_step", "test_loss", "test_accuracy")
    }
    for step in range(steps + 1):
        with torch.no_grad():
            for name, (x, y), wanted in (
                ("train", (x_train, y_train), True),
                ("test", (x_test, y_test), step % every == 0 or step == steps),
            ):
                if wanted:
                    loss, accuracy = loss_and_accuracy(x, y) if len(x) else (torch.tensor(math.nan), math.nan)
                    run[f"{name}_loss"].append(loss.item())
                    run[f"{name}_accuracy"].append(accuracy)
                    run["test_step" if name == "test" else "step"].append(step)
        if step == steps:
            break
        rows = torch.tensor(next_batch())
        data_loss, _ = loss_and_accuracy(x_train[rows], y_train[rows])
        penalty = settings["l2"] / 2 * sum((w**2).sum() for w in params[0::2])
        if settings.get("l1"):
            penalty = penalty + settings["l1"] * sum(w.abs().sum() for w in params[0::2])
        optimizer.zero_grad()
        (data_loss + penalty).backward()
        optimizer.step()
    return run


@dataclass
class TorchRun:
    train_loss: list[float] = field(default_factory=list)  # data loss (no penalty) before each step, and after the last
    test_loss: list[float] = field(default_factory=list)
    grid_probability: list[float] = field(default_factory=list)  # P(blue) on grid(), after training


def grid(cells: int) -> list[tuple[float, float]]:
    """Cell centres of a cells x cells grid over the plane, row by row from the top."""
    width = 2 * EXTENT / cells
    return [(-EXTENT + (i + 0.5) * width, EXTENT - (j + 0.5) * width) for j in range(cells) for i in range(cells)]


def train_torch(exported: dict[str, Any], steps: int, grid_cells: int = 20) -> TorchRun:
    """Train the exported network with torch in float64: the reference for the browser."""
    import torch
    from torch.nn import functional as F

    settings = exported["settings"]
    activation = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[settings["activation"]]
    params = []
    for layer in exported["weights"]:
        params.append(torch.tensor(layer["w"], dtype=torch.float64, requires_grad=True))
        params.append(torch.tensor(layer["b"], dtype=torch.float64, requires_grad=True))

    def logit(x: torch.Tensor) -> torch.Tensor:
        h = x
        for index in range(0, len(params), 2):
            h = h @ params[index].T + params[index + 1]
            if index < len(params) - 2:
                h = activation(h)
        return h[:, 0]

    features = settings.get("features") or []
    inputs = len(features) or settings.get("inputs", 2)

    def split(rows: list) -> tuple[torch.Tensor, torch.Tensor]:
        rows = feature_rows(rows, features) if features else rows
        table = torch.tensor(rows, dtype=torch.float64).reshape(-1, inputs + 1)
        return table[:, :inputs], table[:, inputs]

    x_train, y_train = split(exported["data"]["train"])
    x_test, y_test = split(exported["data"]["test"])
    optimizer = torch_optimizer(params, settings)
    next_batch = batches(len(x_train), settings.get("batch_size", 0), settings["seed"])
    l1 = settings.get("l1", 0.0)
    run = TorchRun()
    for step in range(steps + 1):
        with torch.no_grad():
            run.train_loss.append(F.binary_cross_entropy_with_logits(logit(x_train), y_train).item())
            if len(x_test):
                run.test_loss.append(F.binary_cross_entropy_with_logits(logit(x_test), y_test).item())
        if step == steps:
            break
        rows = torch.tensor(next_batch())
        data_loss = F.binary_cross_entropy_with_logits(logit(x_train[rows]), y_train[rows])
        penalty = settings["l2"] / 2 * sum((w**2).sum() for w in params[0::2])
        if l1:
            penalty = penalty + l1 * sum(w.abs().sum() for w in params[0::2])
        optimizer.zero_grad()
        (data_loss + penalty).backward()
        optimizer.step()
    if not features and inputs != 2:
        return run
    cells = [[x1, x2, 0] for x1, x2 in grid(grid_cells)]
    plane, _ = split(cells)
    with torch.no_grad():
        run.grid_probability = torch.sigmoid(logit(plane)).tolist()
    return run


def train_plain(settings: Settings, steps: int, data: dict[str, list] | None = None) -> dict[str, list[float]]:
    """Train as the page does, in plain Python floats (no torch, so the site can call it to
    state what a preset link will show): the training loss and accuracy and the test loss
    before each step and after the last. `data` defaults to the seed's points."""
    data = data or points(settings)
    activation = {"tanh": math.tanh, "relu": lambda z: max(z, 0.0), "sigmoid": lambda z: 1 / (1 + math.exp(-z))}[
        settings.activation
    ]
    slope = {
        "tanh": lambda z, a: 1 - a * a,
        "relu": lambda z, a: 1.0 if z > 0 else 0.0,
        "sigmoid": lambda z, a: a * (1 - a),
    }[settings.activation]

    def rows(raw: list) -> list[list[float]]:
        return feature_rows(raw, settings.features) if settings.features else [list(r) for r in raw]

    train, test = rows(data["train"]), rows(data["test"])
    layers = [([row[:] for row in layer["w"]], layer["b"][:]) for layer in initial_weights(settings)]

    def forward(x: list[float]) -> tuple[list[list[float]], list[list[float]]]:
        zs, outs = [], [x]
        for index, (w, b) in enumerate(layers):
            z = [bias + sum(wi * xi for wi, xi in zip(row, outs[-1])) for row, bias in zip(w, b)]
            zs.append(z)
            outs.append(z if index == len(layers) - 1 else [activation(v) for v in z])
        return zs, outs

    def bce(z: float, y: float) -> float:
        return max(z, 0) - z * y + math.log1p(math.exp(-abs(z)))

    def measure(table: list) -> tuple[float, float]:
        logits = [forward(r[:-1])[1][-1][0] for r in table]
        if not table:
            return math.nan, math.nan
        loss = sum(bce(z, r[-1]) for z, r in zip(logits, table)) / len(table)
        return loss, sum((z > 0) == (r[-1] == 1) for z, r in zip(logits, table)) / len(table)

    next_batch = batches(len(train), settings.batch_size, settings.seed)
    run: dict[str, list[float]] = {"train_loss": [], "train_accuracy": [], "test_loss": []}
    for step in range(steps + 1):
        loss, accuracy = measure(train)
        run["train_loss"].append(loss)
        run["train_accuracy"].append(accuracy)
        run["test_loss"].append(measure(test)[0])
        if step == steps:
            break
        batch = [train[i] for i in next_batch()]
        grads = [([[0.0] * len(row) for row in w], [0.0] * len(b)) for w, b in layers]
        for r in batch:
            zs, outs = forward(r[:-1])
            delta = [(1 / (1 + math.exp(-zs[-1][0])) - r[-1]) / len(batch)]
            for index in range(len(layers) - 1, -1, -1):
                w, _ = layers[index]
                gw, gb = grads[index]
                for o, d in enumerate(delta):
                    gb[o] += d
                    for i, xi in enumerate(outs[index]):
                        gw[o][i] += d * xi
                if index:
                    delta = [
                        sum(delta[o] * w[o][i] for o in range(len(delta))) * slope(zs[index - 1][i], outs[index][i])
                        for i in range(len(outs[index]))
                    ]
        for (w, b), (gw, gb) in zip(layers, grads):
            for o, row in enumerate(w):
                for i, v in enumerate(row):
                    row[i] = v - settings.learning_rate * (
                        gw[o][i] + settings.l2 * v + settings.l1 * ((v > 0) - (v < 0))
                    )
                b[o] -= settings.learning_rate * gb[o]
    return run


# --- The attribution demo's classifier, on a digit the reader draws --------------------

INTEGRATED_GRADIENT_STEPS = 32  # midpoint steps from a blank image


def torch_attributions(weights: list[dict], pixels: list[float], epsilon: float) -> dict[str, Any]:
    """What the page's live attribution shows for `pixels`, computed by torch in float64 from
    the same weights (a relu network, softmax outputs): the reference for the browser."""
    import torch
    from torch.nn import functional as F

    layers = [
        (torch.tensor(layer["w"], dtype=torch.float64), torch.tensor(layer["b"], dtype=torch.float64))
        for layer in weights
    ]

    def logits(x: torch.Tensor) -> torch.Tensor:
        for index, (w, b) in enumerate(layers):
            x = x @ w.T + b
            if index < len(layers) - 1:
                x = torch.relu(x)
        return x

    def gradient(x: torch.Tensor, output: Callable[[torch.Tensor], torch.Tensor]) -> torch.Tensor:
        x = x.clone().requires_grad_(True)
        (result,) = torch.autograd.grad(output(logits(x)), x)
        return result

    def peak_scaled(values: torch.Tensor) -> list[float]:
        return (values / values.abs().max().clamp_min(1e-12)).tolist()

    x = torch.tensor(pixels, dtype=torch.float64)
    probabilities = torch.softmax(logits(x), dim=0)
    predicted = int(probabilities.argmax())
    score = gradient(x, lambda z: z[predicted])
    m = INTEGRATED_GRADIENT_STEPS
    along = sum(gradient(x * (k + 0.5) / m, lambda z: z[predicted]) for k in range(m)) / m
    loss = gradient(x, lambda z: F.cross_entropy(z[None], torch.tensor([predicted])))
    attacked = (x + epsilon * loss.sign()).clamp(0, 1)
    return {
        "predicted": predicted,
        "probabilities": probabilities.tolist(),
        "saliency": peak_scaled(score.abs()),
        "gradient_x_input": peak_scaled(score * x),
        "integrated_gradients": peak_scaled(x * along),
        "attacked": attacked.tolist(),
        "attacked_probabilities": torch.softmax(logits(attacked), dim=0).tolist(),
    }


# --- What a live digit demo ships: the trained network of its build-time demo -----------

LIVE_MODEL_DEMOS = ("attribution", "instance-based-analysis")  # demos whose spec carries a "model" dataset
DIGIT_INK = 16  # the instance demo keeps pixels as the digits' 0-16 ink levels; the network reads 0-1


def model_payload(demo: str, spec: dict[str, Any]) -> dict[str, Any]:
    """What the page's live demo fetches for `demo`, from that demo's built spec: the
    weights, one example digit per class (pixels 0-1) and, for instance-based analysis,
    each class's average hidden activation over the held-out digits (the matrix's rows)."""
    datasets = spec["datasets"]
    if demo == "attribution":
        examples = [{"example": row["example"], "pixels": row["pixels"]} for row in datasets["originals"]]
        return {"weights": datasets["model"], "examples": examples}
    if demo == "instance-based-analysis":
        instances = datasets["instances"]
        classes = sorted({row["label"] for row in instances})
        examples, class_means = [], []
        for label in classes:
            members = [row for row in instances if row["label"] == label]
            first_right = next(row for row in members if row["outcome"] == "correct")
            examples.append({"example": str(label), "pixels": [v / DIGIT_INK for v in first_right["pixels"]]})
            class_means.append(
                {
                    "label": label,
                    "count": len(members),
                    "act": [sum(column) / len(members) for column in zip(*(row["act"] for row in members))],
                }
            )
        return {"weights": datasets["model"], "examples": examples, "class_means": class_means}
    raise ValueError(f"no live model for demo {demo!r}; the demos with one are: {', '.join(LIVE_MODEL_DEMOS)}")


def torch_hidden(weights: list[dict], pixels: list[float]) -> dict[str, Any]:
    """The relu network's first hidden layer and class probabilities for `pixels`, by torch
    in float64: the reference for the live matrix row."""
    import torch

    x = torch.tensor(pixels, dtype=torch.float64)
    hidden = None
    for index, layer in enumerate(weights):
        x = x @ torch.tensor(layer["w"], dtype=torch.float64).T + torch.tensor(layer["b"], dtype=torch.float64)
        if index < len(weights) - 1:
            x = torch.relu(x)
            hidden = x.clone() if hidden is None else hidden
    return {
        "hidden": hidden.tolist() if hidden is not None else [],  # [] for a network without one
        "probabilities": torch.softmax(x, dim=0).tolist(),
    }
