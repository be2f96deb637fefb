"""The figures the explorable articles state, computed from the demos they describe.

An article writes a figure inline as `{{ figure("name") }}`; the site build replaces it
with the text `FIGURES[name]` computes from the demo's built spec (or, for the live
demos, from the settings their engine and its tests use). So a number in an article's
prose is never typed by hand: if a demo is retrained with another seed, the text follows.

Percentages are rounded half up, as the charts' d3 format rounds them, so that the text
says what the chart beside it shows (Python's own format rounds 62.5 % to 62 %).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from vizlib import live
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


def words(values: list[str], last: str = "or") -> str:
    """'2, 4 or 8'."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} {last} {values[-1]}"


@dataclass(frozen=True)
class Figure:
    compute: Callable[[Build], str]
    source: str  # where the figure comes from, said in an error and in the docs


# --- Decision boundaries --------------------------------------------------------------------

SLOW_SETTING = ("circles", "4", "tanh")  # the What-to-try item: circles, 4 tanh neurons, the smallest rate


def _boundary_settings(build: Build) -> list[tuple[str, str, str]]:
    history = build("decision-boundaries", dataset="circles")["datasets"]["history"]
    return sorted({tuple(row["setting"].split("|")) for row in history},
                  key=lambda s: (int(s[0]), s[1], float(s[2])))


def _rates(build: Build) -> list[str]:
    return sorted({s[2] for s in _boundary_settings(build)}, key=float)


def _slow_history(build: Build) -> list[dict]:
    dataset, units, activation = SLOW_SETTING
    setting = f"{units}|{activation}|{_rates(build)[0]}"
    rows = [row for row in build("decision-boundaries", dataset=dataset)["datasets"]["history"]
            if row["setting"] == setting]
    return sorted(rows, key=lambda row: row["step"])


def _boundary_steps(build: Build) -> str:
    return str(max(row["step"] for row in build("decision-boundaries", dataset="circles")["datasets"]["history"]))


# --- The figures, by name ----------------------------------------------------------------------

FIGURES: dict[str, Figure] = {
    "boundary-replay-steps": Figure(_boundary_steps, "decision-boundaries: the last step of its history"),
    "boundary-replay-widths": Figure(
        lambda b: words(sorted({s[0] for s in _boundary_settings(b)}, key=int)), "decision-boundaries: hidden widths"),
    "boundary-replay-rates": Figure(lambda b: str(len(_rates(b))), "decision-boundaries: learning rates trained"),
    "boundary-slow-rate": Figure(lambda b: _rates(b)[0], "decision-boundaries: the smallest learning rate"),
    "boundary-fast-rate": Figure(lambda b: _rates(b)[-1], "decision-boundaries: the largest learning rate"),
    "boundary-slow-start": Figure(lambda b: percent(_slow_history(b)[0]["training_accuracy"]),
                                  "decision-boundaries circles, 4 tanh, smallest rate: training accuracy at step 0"),
    "boundary-slow-end": Figure(lambda b: percent(_slow_history(b)[-1]["training_accuracy"]),
                                "decision-boundaries circles, 4 tanh, smallest rate: training accuracy at the end"),
    "boundary-slow-steps": Figure(lambda b: str(_slow_history(b)[-1]["step"]), "decision-boundaries: steps trained"),
    "live-max-layers": Figure(lambda b: str(live.MAX_LAYERS), "vizlib.live.MAX_LAYERS"),
    "live-max-neurons": Figure(lambda b: str(live.MAX_NEURONS), "vizlib.live.MAX_NEURONS"),
    "live-parity-steps": Figure(lambda b: str(live.PARITY_STEPS), "vizlib.live.PARITY_STEPS"),
    "live-parity-tolerance": Figure(lambda b: power_of_ten(live.PARITY_TOLERANCE), "vizlib.live.PARITY_TOLERANCE"),
    "live-parity-settings": Figure(lambda b: str(len(live.PARITY_RUNS)), "vizlib.live.PARITY_RUNS"),
    # How a network learns
    "songs-four-final-loss": Figure(
        lambda b: f"{b('how-a-network-learns', songs='four-songs')['datasets']['snapshots'][-1]['loss']:.2f}",
        "how-a-network-learns four-songs: the loss at the last snapshot"),
    # Watching training
    "capacity-largest-training-accuracy": Figure(
        lambda b: percent(max(row["accuracy"] for row in _capacity(b) if row["split"] == "training"
                              and row["setting"] == _largest_capacity(b))),
        "watching-training capacity: the widest network's best training accuracy"),
    "capacity-largest": Figure(lambda b: _largest_capacity(b), "watching-training capacity: the widest network"),
    # Instance-based analysis
    "instances-count": Figure(lambda b: str(len(b("instance-based-analysis")["datasets"]["instances"])),
                              "instance-based-analysis: the held-out digits"),
    "instances-hidden": Figure(lambda b: str(len(b("instance-based-analysis")["datasets"]["instances"][0]["act"])),
                               "instance-based-analysis: hidden neurons"),
    # Neurons in high-dimensional space
    "projection-points": Figure(lambda b: str(len(b("neurons-in-high-dimensional-space")["datasets"]["points"])),
                                "neurons-in-high-dimensional-space: the held-out digits projected"),
    "projection-pixels": Figure(lambda b: str(len(b("neurons-in-high-dimensional-space")["datasets"]["points"][0]["pixels"])),
                                "neurons-in-high-dimensional-space: pixels per digit"),
    # Attribution
    "attack-flip-low": Figure(lambda b: f"{min(_flips(b)):g}", "attribution: the smallest epsilon that flips a digit"),
    "attack-flip-high": Figure(lambda b: f"{max(_flips(b)):g}", "attribution: the largest epsilon that flips a digit"),
    "attack-flip-low-percent": Figure(lambda b: percent(min(_flips(b))), "attribution: the smallest flip, in ink"),
    "attack-flip-high-percent": Figure(lambda b: percent(max(_flips(b))), "attribution: the largest flip, in ink"),
    "attack-digits": Figure(lambda b: str(len(_flips(b))), "attribution: the digits attacked"),
    "units-firing": Figure(lambda b: str(sum(u["reached"] > 0 for u in _units(b))), "feature-visualization: units that fire"),
    "units-total": Figure(lambda b: str(len(_units(b))), "feature-visualization: hidden units"),
    "units-silent": Figure(lambda b: str(sum(u["reached"] <= 0 for u in _units(b))), "feature-visualization: units that stay off"),
}


def _capacity(build: Build) -> list[dict]:
    return build("watching-training", experiment="capacity")["datasets"]["history"]


def _largest_capacity(build: Build) -> str:
    return max({row["setting"] for row in _capacity(build)}, key=int)


def _flips(build: Build) -> list[float]:
    return [row["flips_at"] for row in build("attribution")["datasets"]["originals"]]


def _units(build: Build) -> list[dict]:
    return [row for row in build("feature-visualization")["datasets"]["images"] if row["kind"] == "hidden unit"]


def names_in(text: str) -> list[str]:
    """The figure names an article's text uses, in order."""
    return [match.group("name") for match in INLINE_FIGURE.finditer(text)]


def fill(line: str, build: Build) -> str:
    """`line` with every inline `{{ figure("name") }}` replaced by the figure's text.
    DemoError names the figures there are when a name is unknown."""
    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in FIGURES:
            raise DemoError(f"unknown figure {name!r}; the figures are: {', '.join(sorted(FIGURES))}")
        return FIGURES[name].compute(build)

    return INLINE_FIGURE.sub(replace, line)
