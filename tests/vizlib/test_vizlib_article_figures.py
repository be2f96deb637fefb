"""Every figure an article states is read from the demo it describes.

Each entry names an article, the sentence that states the figures (with {} where a
figure goes) and how to compute them from the demo's built data. If a demo changes and
its numbers move, this fails until the article says what the demo shows.
"""
from __future__ import annotations

import re
from typing import Callable

import pytest

from vizlib_test_support import EXPLORABLES


def percent(share: float) -> str:
    return f"{share:.0%}".replace("%", " %")


def _learning_rate_too_small(build) -> tuple:
    rows = build("decision-boundaries", dataset="circles")["datasets"]["history"]
    accuracy = {row["step"]: row["training_accuracy"] for row in rows if row["setting"] == "4|tanh|0.003"}
    return percent(accuracy[0]), percent(accuracy[max(accuracy)]), max(accuracy)


def _trained_in_advance(build) -> tuple:
    text = (EXPLORABLES / "decision-boundaries.md").read_text(encoding="utf-8")
    count = len(re.findall(r'^\{\{ demo\("decision-boundaries"', text, re.M))
    return ({3: "three"}[count],)


def _four_songs_loss(build) -> tuple:
    return (f"{build('how-a-network-learns', songs='four-songs')['datasets']['snapshots'][-1]['loss']:.2f}",)


def _capacity(build) -> tuple:
    rows = build("watching-training", experiment="capacity")["datasets"]["history"]
    best = max(row["accuracy"] for row in rows if row["setting"] == "512" and row["split"] == "training")
    return (percent(best),)


def _attack_flips(build) -> tuple:
    flips = [row["flips_at"] for row in build("attribution")["datasets"]["originals"]]
    return f"{min(flips):g}", f"{max(flips):g}", f"{min(flips):.0%}".replace("%", " %"), f"{max(flips):.0%}".replace("%", " %")


def _units_that_fire(build) -> tuple:
    units = [row for row in build("feature-visualization")["datasets"]["images"] if row["kind"] == "hidden unit"]
    firing = sum(row["reached"] > 0 for row in units)
    return firing, len(units), len(units) - firing


FIGURES: list[tuple[str, str, Callable]] = [
    ("decision-boundaries", "training accuracy goes from {} to {} in {} steps", _learning_rate_too_small),
    ("decision-boundaries", "The {} demos below were trained with PyTorch", _trained_in_advance),
    ("how-a-network-learns", "goes flat at about {}", _four_songs_loss),
    ("watching-training", "the training accuracy reaches {}", _capacity),
    ("attribution", "flips at an ε between {} and {}, that is, with every pixel moved by {} to {} of full ink",
     _attack_flips),
    ("attribution", "For {} of the {} hidden units the optimized image makes the unit fire; for the other {} the",
     _units_that_fire),
]


@pytest.mark.parametrize("article, sentence, compute", FIGURES, ids=[f"{a}:{s[:30]}" for a, s, _ in FIGURES])
def test_the_figures_an_article_states_come_from_its_demo(build, article, sentence, compute):
    text = " ".join((EXPLORABLES / f"{article}.md").read_text(encoding="utf-8").split())
    expected = sentence.format(*compute(build))
    assert expected in text, f"{article}.md should say: {expected!r}"
