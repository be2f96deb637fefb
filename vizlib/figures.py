"""The figures the explorable articles state, computed from the demos they describe.

An article writes a figure inline as `{{ figure("name") }}`; the site build replaces it
with the text `FIGURES[name]` computes from the demo's built spec (or, for the live
demos, from the settings their engine and its tests use). So a number in an article's
prose is never typed by hand: if a demo is retrained with another seed, the text follows.

Percentages are rounded half up, as the charts' d3 format rounds them, so that the text
says what the chart beside it shows (Python's own format rounds 62.5 % to 62 %).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from vizlib import cache, live
from vizlib.errors import DemoError

Build = Callable[..., dict]  # build(demo name, **options) -> the demo's spec (vizlib.build_spec)

INLINE_FIGURE = re.compile(r"\{\{\s*figure\(\s*\"(?P<name>[^\"]+)\"\s*\)\s*\}\}")


def percent(share: float) -> str:
    """`share` as a whole percentage, '83 %', rounded half up as d3's '.0%' format does."""
    whole = (Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{whole} %"


def number(value: float) -> str:
    """A setting as the page's controls print it: 0.003, 3, 0.05."""
    return f"{value:g}"


def power_of_ten(value: float) -> str:
    """1e-12 as '10⁻¹²'."""
    exponent = round(math.log10(value))
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def in_words(count: int) -> str:
    """A small count as prose writes it ('four'); digits from 13 on."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def counted(count: int, noun: str) -> str:
    """'one hidden layer', 'two hidden layers'."""
    return f"{in_words(count)} {noun}{'' if count == 1 else 's'}"


def words(values: list[str], last: str = "or") -> str:
    """'2, 4 or 8'."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} {last} {values[-1]}"


@dataclass(frozen=True)
class Figure:
    compute: Callable[[Build], str]
    source: str  # where the figure comes from, said in an error and in the docs


# --- Decision boundaries: what the live network's preset links will show -----------------------

SLOW_PRESET = live.Settings(dataset="circles", hidden=(4,), activation="tanh", learning_rate=0.003)
GOOD_PRESET = replace(SLOW_PRESET, learning_rate=0.3)
PRESET_STEPS = 300
# The article's starting points, one link per dataset ("Three datasets to start from").
CIRCLES_PRESET = replace(SLOW_PRESET, learning_rate=0.3)
XOR_PRESET = replace(CIRCLES_PRESET, dataset="xor")
SPIRAL_PRESET = replace(CIRCLES_PRESET, dataset="spiral", hidden=(6, 6, 6))
# Where two float64 implementations part ways: a large learning rate on the spiral's network.
CHAOTIC_PRESET = replace(SPIRAL_PRESET, learning_rate=3.0)
# L2 strong enough that the spiral's network cannot follow the arms.
STRONG_L2_PRESET = replace(SPIRAL_PRESET, l2=0.1)


# Where fill() keeps the plain-Python runs behind the figures (the demo cache of the build that
# asks): they are about 2 s of CPU, once per process, and every site build is a new process.
_RUN_CACHE: contextvars.ContextVar[Path | None] = contextvars.ContextVar("figure_run_cache", default=None)


def _stored_run(kind: str, options: dict, run: Callable[[], dict[str, list[float]]]) -> dict[str, list[float]]:
    """`run()`, kept in the run cache under a key of vizlib's sources (live.py and every module
    it may use), the libraries' versions and `options`: plain Python floats with a fixed seed,
    so the same key gives the same numbers, stored with every digit."""
    directory = _RUN_CACHE.get()
    if directory is None:
        return run()
    key = cache.key(f"figure-{kind}", Path(live.__file__), options)
    with cache.locked(directory, key):  # two processes that miss it at once run it once
        stored = cache.read(directory, key)
        if stored is None:
            stored = run()
            cache.write_exact(directory, key, stored)
    return stored


@contextlib.contextmanager
def run_cache(directory: Path | None) -> Iterator[None]:
    """Keep the runs behind the figures in `directory` (a demo cache) while inside: what
    `fill` does with its `cache_dir`, for callers of the run functions themselves."""
    token = _RUN_CACHE.set(directory)
    try:
        yield
    finally:
        _RUN_CACHE.reset(token)


@functools.lru_cache(maxsize=16)
def _live_run(settings: live.Settings, steps: int) -> dict[str, list[float]]:
    return _stored_run(
        "live-run",
        {"settings": dataclasses.asdict(settings), "steps": steps},
        lambda: live.train_plain(settings, steps),
    )


def preset_query(settings: live.Settings, stop: int = 0) -> str:
    """The address that sets the page's live network to `settings` (live-classifier.js reads it)."""
    parts = {
        "data": settings.dataset,
        "layers": "-".join(map(str, settings.hidden)) or "0",
        "activation": settings.activation,
        "lr": number(settings.learning_rate),
        "seed": str(settings.seed),
    }
    if settings.l2:
        parts["l2"] = number(settings.l2)
    if settings.features:
        parts["features"] = ",".join(settings.features)
    if stop:
        parts["stop"] = str(stop)
    return "?" + "&".join(f"{key}={value}" for key, value in parts.items())


def layers_in_words(settings: live.Settings) -> str:
    """The hidden layers of a preset as prose: 'one hidden layer of 4', 'three hidden layers of 6'
    (the presets' layers are all as wide)."""
    count = len(settings.hidden)
    widths = sorted(set(settings.hidden))
    if count == 0:
        return "no hidden layer"
    width = str(widths[0]) if len(widths) == 1 else words([str(w) for w in settings.hidden], "and")
    return f"{counted(count, 'hidden layer')} of {width}"


def _accuracy(settings: live.Settings, at: int) -> str:
    return percent(_live_run(settings, PRESET_STEPS)["train_accuracy"][at])


# --- How a network learns: the live neuron's presets ----------------------------------------------


@functools.lru_cache(maxsize=4)
def _song_run(preset: str) -> dict[str, list[float]]:
    exported = live.song_export(live.SONG_PRESETS[preset], seed=live.SONG_SEED)
    settings = live.Settings(**{**exported["settings"], "hidden": (), "features": ()})
    return live.train_plain(settings, live.SONG_AUTOPLAY_STEPS, data=exported["data"])


def _songs_heard(preset: str) -> int:
    return sum(label != "-" for label in live.SONG_PRESETS[preset])


def _songs_wrong(preset: str) -> int:
    """How many heard songs the neuron answers wrong after its autoplay."""
    return round((1 - _song_run(preset)["train_accuracy"][-1]) * _songs_heard(preset))


def _song_answer(preset: str) -> str:
    """The probability that a neuron giving every song the same answer would need for the
    final loss: exp(-loss), the geometric mean of its answers' right-class probabilities."""
    return percent(math.exp(-_song_run(preset)["train_loss"][-1]))


# --- Watching training: the live digit classifiers' runs, by torch ---------------------------------


@functools.lru_cache(maxsize=8)
def training_run(experiment: str, value: float) -> dict[str, list[float]]:
    """The run the live training widget shows for a preset, computed with torch in float64
    from the same digits and initial weights (the browser's agrees to rounding); kept in the
    build's run cache, as the decision-boundary runs are."""

    def run() -> dict[str, list[float]]:
        exported = live.digits_export(live.training_settings(experiment, value))
        return live.history_torch(exported, live.TRAINING_STEPS, live.RECORD_EVERY)

    # Everything the run depends on beyond live.py's source (which the key hashes), so that
    # a test that changes the steps or the digits does not read the article's runs.
    options = {
        "settings": dataclasses.asdict(live.training_settings(experiment, value)),
        "steps": live.TRAINING_STEPS,
        "every": live.RECORD_EVERY,
        "digits": [live.DIGITS_TRAIN, live.DIGITS_VALIDATION, live.DIGITS_SPLIT_SEED],
    }
    return _stored_run("training-run", options, run)


def training_query(experiment: str, value: float) -> str:
    """The address that sets the live training widget to a preset (live-training.js reads it)."""
    return f"?experiment={experiment}&setting={number(value)}"


def _values(experiment: str) -> tuple[float, ...]:
    return live.TRAINING_EXPERIMENTS[experiment].values


def _best_validation(run: dict[str, list[float]]) -> int:
    """Index of the lowest validation loss (the widget's diamond; the first one on a tie)."""
    return min(range(len(run["test_loss"])), key=lambda k: run["test_loss"][k])


def _widest() -> float:
    return _values("capacity")[-1]


def _fastest() -> float:
    return _values("learning-rate")[-1]


def _slowest() -> float:
    return _values("learning-rate")[0]


def _early_peak(run: dict[str, list[float]], steps: int = 20) -> float:
    return max(run["train_loss"][: steps + 1])


TRAINING_FIGURES: dict[str, Figure] = {
    "training-digits": Figure(lambda b: str(live.DIGITS_TRAIN), "vizlib.live.DIGITS_TRAIN"),
    "training-validation-digits": Figure(lambda b: str(live.DIGITS_VALIDATION), "vizlib.live.DIGITS_VALIDATION"),
    "training-steps": Figure(lambda b: str(live.TRAINING_STEPS), "vizlib.live.TRAINING_STEPS"),
    "training-record-every": Figure(lambda b: str(live.RECORD_EVERY), "vizlib.live.RECORD_EVERY"),
    "capacity-values": Figure(
        lambda b: words([number(v) for v in _values("capacity")]), "vizlib.live.TRAINING_EXPERIMENTS['capacity']"
    ),
    "capacity-count": Figure(lambda b: str(len(_values("capacity"))), "vizlib.live.TRAINING_EXPERIMENTS['capacity']"),
    "capacity-optimizer": Figure(
        lambda b: {"adam": "Adam", "sgd": "plain gradient descent"}[
            live.TRAINING_EXPERIMENTS["capacity"].base.optimizer
        ],
        "vizlib.live.TRAINING_EXPERIMENTS['capacity']",
    ),
    "capacity-rate": Figure(
        lambda b: number(live.TRAINING_EXPERIMENTS["capacity"].base.learning_rate),
        "vizlib.live.TRAINING_EXPERIMENTS['capacity']",
    ),
    "capacity-largest": Figure(lambda b: number(_widest()), "vizlib.live.TRAINING_EXPERIMENTS['capacity']: the widest"),
    "capacity-second-largest": Figure(
        lambda b: number(_values("capacity")[-2]), "vizlib.live.TRAINING_EXPERIMENTS['capacity']: the second widest"
    ),
    "capacity-largest-preset": Figure(lambda b: training_query("capacity", _widest()), "the widest network's preset"),
    "capacity-second-largest-preset": Figure(
        lambda b: training_query("capacity", _values("capacity")[-2]), "the second widest network's preset"
    ),
    "capacity-largest-training-accuracy": Figure(
        lambda b: percent(max(training_run("capacity", _widest())["train_accuracy"])),
        "the widest network's run (torch): its best training accuracy",
    ),
    "capacity-largest-final-training-loss": Figure(
        lambda b: f"{training_run('capacity', _widest())['train_loss'][-1]:.3f}",
        "the widest network's run (torch): the training loss at the end",
    ),
    "capacity-largest-best-step": Figure(
        lambda b: str((run := training_run("capacity", _widest()))["test_step"][_best_validation(run)]),
        "the widest network's run (torch): the step of the lowest validation loss",
    ),
    "capacity-largest-best-loss": Figure(
        lambda b: f"{(run := training_run('capacity', _widest()))['test_loss'][_best_validation(run)]:.2f}",
        "the widest network's run (torch): the lowest validation loss",
    ),
    "capacity-largest-final-loss": Figure(
        lambda b: f"{training_run('capacity', _widest())['test_loss'][-1]:.2f}",
        "the widest network's run (torch): the validation loss at the end",
    ),
    "capacity-largest-validation-accuracy": Figure(
        lambda b: percent(training_run("capacity", _widest())["test_accuracy"][-1]),
        "the widest network's run (torch): the validation accuracy at the end",
    ),
    "learning-rate-values": Figure(
        lambda b: words([number(v) for v in _values("learning-rate")]),
        "vizlib.live.TRAINING_EXPERIMENTS['learning-rate']",
    ),
    "learning-rate-hidden": Figure(
        lambda b: str(live.TRAINING_EXPERIMENTS["learning-rate"].base.hidden[0]),
        "vizlib.live.TRAINING_EXPERIMENTS['learning-rate']",
    ),
    "learning-rate-largest": Figure(lambda b: number(_fastest()), "the largest learning rate tried"),
    "learning-rate-smallest": Figure(lambda b: number(_slowest()), "the smallest learning rate tried"),
    "learning-rate-largest-preset": Figure(
        lambda b: training_query("learning-rate", _fastest()), "the largest learning rate's preset"
    ),
    "learning-rate-smallest-preset": Figure(
        lambda b: training_query("learning-rate", _slowest()), "the smallest learning rate's preset"
    ),
    "learning-rate-smallest-final-loss": Figure(
        lambda b: f"{training_run('learning-rate', _slowest())['train_loss'][-1]:.2f}",
        "the smallest learning rate's run (torch): the training loss at the end",
    ),
    "learning-rate-largest-start-loss": Figure(
        lambda b: f"{training_run('learning-rate', _fastest())['train_loss'][0]:.1f}",
        "the largest learning rate's run (torch): the loss before training",
    ),
    "learning-rate-largest-peak-loss": Figure(
        lambda b: f"{_early_peak(training_run('learning-rate', _fastest())):.1f}",
        "the largest learning rate's run (torch): the highest loss of its first 20 steps",
    ),
    "learning-rate-largest-accuracy": Figure(
        lambda b: percent(training_run("learning-rate", _fastest())["test_accuracy"][-1]),
        "the largest learning rate's run (torch): the validation accuracy at the end",
    ),
}


# --- The figures, by name ----------------------------------------------------------------------

FIGURES: dict[str, Figure] = {
    "boundary-steps": Figure(lambda b: str(PRESET_STEPS), "vizlib.figures.PRESET_STEPS"),
    "boundary-slow-rate": Figure(lambda b: number(SLOW_PRESET.learning_rate), "vizlib.figures.SLOW_PRESET"),
    "boundary-good-rate": Figure(lambda b: number(GOOD_PRESET.learning_rate), "vizlib.figures.GOOD_PRESET"),
    "boundary-slow-preset": Figure(lambda b: preset_query(SLOW_PRESET, PRESET_STEPS), "vizlib.figures.SLOW_PRESET"),
    "boundary-good-preset": Figure(lambda b: preset_query(GOOD_PRESET, PRESET_STEPS), "vizlib.figures.GOOD_PRESET"),
    "boundary-slow-start": Figure(
        lambda b: _accuracy(SLOW_PRESET, 0), "the live network, SLOW_PRESET: accuracy at step 0"
    ),
    "boundary-slow-end": Figure(
        lambda b: _accuracy(SLOW_PRESET, -1), "the live network, SLOW_PRESET: accuracy at the end"
    ),
    "boundary-good-end": Figure(
        lambda b: _accuracy(GOOD_PRESET, -1), "the live network, GOOD_PRESET: accuracy at the end"
    ),
    "boundary-slow-layers": Figure(lambda b: layers_in_words(SLOW_PRESET), "vizlib.figures.SLOW_PRESET"),
    "boundary-slow-activation": Figure(lambda b: SLOW_PRESET.activation, "vizlib.figures.SLOW_PRESET"),
    "boundary-circles-preset": Figure(lambda b: preset_query(CIRCLES_PRESET), "vizlib.figures.CIRCLES_PRESET"),
    "boundary-xor-preset": Figure(lambda b: preset_query(XOR_PRESET), "vizlib.figures.XOR_PRESET"),
    "boundary-spiral-preset": Figure(lambda b: preset_query(SPIRAL_PRESET), "vizlib.figures.SPIRAL_PRESET"),
    "boundary-spiral-layers": Figure(lambda b: layers_in_words(SPIRAL_PRESET), "vizlib.figures.SPIRAL_PRESET"),
    "boundary-preset-count": Figure(
        lambda b: in_words(len({CIRCLES_PRESET.dataset, XOR_PRESET.dataset, SPIRAL_PRESET.dataset})),
        "vizlib.figures: the datasets of the starting points",
    ),
    "boundary-chaotic-rate": Figure(lambda b: number(CHAOTIC_PRESET.learning_rate), "vizlib.figures.CHAOTIC_PRESET"),
    "boundary-chaotic-layers": Figure(lambda b: layers_in_words(CHAOTIC_PRESET), "vizlib.figures.CHAOTIC_PRESET"),
    "boundary-chaotic-activation": Figure(lambda b: CHAOTIC_PRESET.activation, "vizlib.figures.CHAOTIC_PRESET"),
    "boundary-strong-l2": Figure(lambda b: number(STRONG_L2_PRESET.l2), "vizlib.figures.STRONG_L2_PRESET"),
    "boundary-strong-l2-preset": Figure(lambda b: preset_query(STRONG_L2_PRESET), "vizlib.figures.STRONG_L2_PRESET"),
    "live-datasets": Figure(lambda b: in_words(len(live.DATASETS)), "vizlib.live.DATASETS"),
    "live-smallest-batch": Figure(
        lambda b: str(min(size for size in live.BATCH_SIZES if size)), "vizlib.live.BATCH_SIZES"
    ),
    "live-max-layers": Figure(lambda b: str(live.MAX_LAYERS), "vizlib.live.MAX_LAYERS"),
    "live-max-neurons": Figure(lambda b: str(live.MAX_NEURONS), "vizlib.live.MAX_NEURONS"),
    "live-parity-steps": Figure(lambda b: str(live.PARITY_STEPS), "vizlib.live.PARITY_STEPS"),
    "live-parity-tolerance": Figure(lambda b: power_of_ten(live.PARITY_TOLERANCE), "vizlib.live.PARITY_TOLERANCE"),
    "live-parity-settings": Figure(lambda b: str(len(live.PARITY_RUNS)), "vizlib.live.PARITY_RUNS"),
    # How a network learns
    "songs-four-final-loss": Figure(
        lambda b: f"{_song_run('four-songs')['train_loss'][-1]:.2f}",
        "the live neuron, four songs: the loss after its autoplay",
    ),
    "songs-eight-final-loss": Figure(
        lambda b: f"{_song_run('eight-songs')['train_loss'][-1]:.2f}",
        "the live neuron, eight songs: the loss after its autoplay",
    ),
    "songs-steps": Figure(lambda b: str(live.SONG_AUTOPLAY_STEPS), "vizlib.live.SONG_AUTOPLAY_STEPS"),
    "songs-eight-preset": Figure(lambda b: live.SONG_PRESETS["eight-songs"], "vizlib.live.SONG_PRESETS"),
    "songs-features": Figure(lambda b: in_words(len(live.SONGS[0])), "vizlib.live.SONGS: features per song"),
    "songs-kinds": Figure(lambda b: in_words(len(live.SONGS)), "vizlib.live.SONGS: every kind of song"),
    "songs-kinds-but-one": Figure(
        lambda b: in_words(len(live.SONGS) - 1), "vizlib.live.SONGS: every kind of song but one"
    ),
    "songs-four-heard": Figure(
        lambda b: in_words(_songs_heard("four-songs")), "vizlib.live.SONG_PRESETS['four-songs']"
    ),
    "songs-four-liked": Figure(
        lambda b: in_words(live.SONG_PRESETS["four-songs"].count("L")),
        "vizlib.live.SONG_PRESETS['four-songs']: the songs liked",
    ),
    "songs-four-wrong": Figure(
        lambda b: in_words(_songs_wrong("four-songs")) if _songs_wrong("four-songs") else "none",
        "the live neuron, four songs: songs on the wrong side after its autoplay",
    ),
    "songs-four-answer": Figure(
        lambda b: _song_answer("four-songs"), "the live neuron, four songs: exp(-loss) after its autoplay"
    ),
    # Watching training
    **TRAINING_FIGURES,
    # Instance-based analysis
    "instances-count": Figure(
        lambda b: str(len(b("instance-based-analysis")["datasets"]["instances"])),
        "instance-based-analysis: the held-out digits",
    ),
    "instances-hidden-layers": Figure(
        lambda b: counted(len(b("instance-based-analysis")["datasets"]["model"]) - 1, "hidden layer"),
        "instance-based-analysis: the classifier's hidden layers",
    ),
    "instances-hidden": Figure(
        lambda b: str(len(b("instance-based-analysis")["datasets"]["instances"][0]["act"])),
        "instance-based-analysis: hidden neurons",
    ),
    # Neurons in high-dimensional space
    "projection-points": Figure(
        lambda b: str(len(b("neurons-in-high-dimensional-space")["datasets"]["points"])),
        "neurons-in-high-dimensional-space: the held-out digits projected",
    ),
    "projection-pixels": Figure(
        lambda b: str(len(b("neurons-in-high-dimensional-space")["datasets"]["points"][0]["pixels"])),
        "neurons-in-high-dimensional-space: pixels per digit",
    ),
    "projection-views": Figure(
        lambda b: in_words(len(_projection_layers(b))),
        "neurons-in-high-dimensional-space: the pixels and each hidden layer",
    ),
    "projection-panels": Figure(
        lambda b: in_words(len(_projection_panels(b))),
        "neurons-in-high-dimensional-space: the panels (a projection of a layer each)",
    ),
    "projection-last-epoch": Figure(
        lambda b: _epochs(b)[-1], "neurons-in-high-dimensional-space: the last epoch offered"
    ),
    "projection-hidden-1": Figure(
        lambda b: _projection_widths(b)[0], "neurons-in-high-dimensional-space: layer 1's width"
    ),
    "projection-hidden-2": Figure(
        lambda b: _projection_widths(b)[1], "neurons-in-high-dimensional-space: layer 2's width"
    ),
    # Attribution
    "attack-flip-low": Figure(lambda b: f"{min(_flips(b)):g}", "attribution: the smallest epsilon that flips a digit"),
    "attack-flip-high": Figure(lambda b: f"{max(_flips(b)):g}", "attribution: the largest epsilon that flips a digit"),
    "attack-flip-low-percent": Figure(lambda b: percent(min(_flips(b))), "attribution: the smallest flip, in ink"),
    "attack-flip-high-percent": Figure(lambda b: percent(max(_flips(b))), "attribution: the largest flip, in ink"),
    "attribution-maps": Figure(
        lambda b: in_words(len(_options(b("attribution"), "explanation"))),
        "attribution: the explanations the chart offers",
    ),
    "attack-digits": Figure(lambda b: str(len(_flips(b))), "attribution: the digits attacked"),
    "units-firing": Figure(
        lambda b: str(sum(u["reached"] > 0 for u in _units(b))), "feature-visualization: units that fire"
    ),
    "units-total": Figure(lambda b: str(len(_units(b))), "feature-visualization: hidden units"),
    # Reading a recurrent network's memory
    "rnn-units": Figure(lambda b: str(_rnn_model(b)["hidden"]), "reading-a-recurrent-networks-memory: LSTM units"),
    "rnn-training-chorales": Figure(
        lambda b: str(_rnn_model(b)["chorales"]["training"]),
        "reading-a-recurrent-networks-memory: the chorales trained on",
    ),
    "rnn-held-out-chorales": Figure(
        lambda b: str(_rnn_model(b)["chorales"]["held_out"]),
        "reading-a-recurrent-networks-memory: the chorales held out",
    ),
    "rnn-held-out-accuracy": Figure(
        lambda b: percent(_rnn_model(b)["held_out_accuracy"]),
        "reading-a-recurrent-networks-memory: held-out next-note accuracy",
    ),
    "rnn-finding-threshold": Figure(
        lambda b: f"{_rnn_threshold():g}", "vizlib.demos.reading_a_recurrent_networks_memory.FINDING_THRESHOLD"
    ),
    "units-silent": Figure(
        lambda b: str(sum(u["reached"] <= 0 for u in _units(b))), "feature-visualization: units that stay off"
    ),
}


def _epochs(build: Build) -> list[str]:
    spec = build("neurons-in-high-dimensional-space")
    (param,) = [p for p in spec["params"] if p.get("name") == "epoch"]
    return sorted(param["bind"]["options"], key=int)


def _projection_widths(build: Build) -> list[str]:
    """The hidden layers' widths, as the demo's panel titles state them ("layer 1, 32 neurons")."""
    import json

    found = dict(re.findall(r"layer (\d), (\d+) neurons", json.dumps(build("neurons-in-high-dimensional-space"))))
    return [found["1"], found["2"]]


def _options(spec: dict, name: str) -> list:
    """The options of the spec's parameter `name` (a chart's menu)."""
    (param,) = [p for p in spec["params"] if p.get("name") == name]
    return list(param["bind"]["options"])


def _projection_panels(build: Build) -> list[str]:
    """The panels' keys of a projected digit: '<method> <layer>', e.g. 'PCA hidden 1'."""
    row = build("neurons-in-high-dimensional-space")["datasets"]["points"][0]
    return [key for key in row if key.endswith(" pixels") or " hidden " in key]


def _projection_layers(build: Build) -> set[str]:
    return {key.split(" ", 1)[1] for key in _projection_panels(build)}


def _rnn_model(build: Build) -> dict:
    (model,) = build("reading-a-recurrent-networks-memory")["datasets"]["model"]
    return model


def _rnn_threshold() -> float:
    from vizlib.demos import reading_a_recurrent_networks_memory

    return reading_a_recurrent_networks_memory.FINDING_THRESHOLD


def _flips(build: Build) -> list[float]:
    return [row["flips_at"] for row in build("attribution")["datasets"]["originals"]]


def _units(build: Build) -> list[dict]:
    return [row for row in build("feature-visualization")["datasets"]["images"] if row["kind"] == "hidden unit"]


def names_in(text: str) -> list[str]:
    """The figure names an article's text uses, in order."""
    return [match.group("name") for match in INLINE_FIGURE.finditer(text)]


def fill(line: str, build: Build, cache_dir: Path | None = None) -> str:
    """`line` with every inline `{{ figure("name") }}` replaced by the figure's text.
    DemoError names the figures there are when a name is unknown. `cache_dir`: where to keep
    the plain-Python training runs some figures come from (the build's demo cache); without
    it, the `run_cache` in effect, if any."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in FIGURES:
            raise DemoError(f"unknown figure {name!r}; the figures are: {', '.join(sorted(FIGURES))}")
        return FIGURES[name].compute(build)

    with run_cache(cache_dir) if cache_dir is not None else contextlib.nullcontext():
        return INLINE_FIGURE.sub(replace, line)
