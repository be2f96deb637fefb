"""Every figure an article states is computed from the demo it describes.

Articles write figures inline as {{ figure("name") }} (vizlib/figures.py) and the site
build fills them in. These tests pin each figure against the demo's data, computed here
independently; check that the percentages are rounded as the charts round them; and
retrain a demo with another seed to see the article's text follow.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

import pytest

import vizlib
from vizlib import figures, live
from vizlib.errors import DemoError
from vizlib_test_support import EXPLORABLES

ARTICLES = sorted(EXPLORABLES.glob("*.md"))


def filled(build, article: str) -> str:
    """The article's prose with its figures filled in, on one line per paragraph."""
    text = (EXPLORABLES / f"{article}.md").read_text(encoding="utf-8")
    return " ".join(figures.fill(line, build) for line in text.splitlines()).replace("  ", " ")


def flat(text: str) -> str:
    return " ".join(text.split())


def half_up_percent(share: float) -> str:  # as d3's format(x, '.0%') in the chart beside the text
    return f"{int(share * 100 + 0.5 + 1e-9)} %"


def _learning_rate_too_small(build) -> tuple:
    rows = build("decision-boundaries", dataset="circles")["datasets"]["history"]
    accuracy = {row["step"]: row["training_accuracy"] for row in rows if row["setting"] == "4|tanh|0.003"}
    return half_up_percent(accuracy[0]), half_up_percent(accuracy[max(accuracy)]), max(accuracy)


def _four_songs_loss(build) -> tuple:
    return (f"{build('how-a-network-learns', songs='four-songs')['datasets']['snapshots'][-1]['loss']:.2f}",)


def _capacity(build) -> tuple:
    rows = build("watching-training", experiment="capacity")["datasets"]["history"]
    best = max(row["accuracy"] for row in rows if row["setting"] == "512" and row["split"] == "training")
    return (half_up_percent(best),)


def _attack_flips(build) -> tuple:
    flips = [row["flips_at"] for row in build("attribution")["datasets"]["originals"]]
    return len(flips), f"{min(flips):g}", f"{max(flips):g}", half_up_percent(min(flips)), half_up_percent(max(flips))


def _units_that_fire(build) -> tuple:
    units = [row for row in build("feature-visualization")["datasets"]["images"] if row["kind"] == "hidden unit"]
    firing = sum(row["reached"] > 0 for row in units)
    return firing, len(units), len(units) - firing


def _parity(build) -> tuple:
    return len(live.PARITY_RUNS), live.PARITY_STEPS


def _instances(build) -> tuple:
    instances = build("instance-based-analysis")["datasets"]["instances"]
    return len(instances[0]["act"]), len(instances)


SENTENCES: list[tuple[str, str, Callable]] = [
    ("decision-boundaries", "training accuracy goes from {} to {} in {} steps", _learning_rate_too_small),
    ("decision-boundaries", "in {} settings, and over the first {} steps every loss agrees to a relative 10⁻¹²", _parity),
    ("how-a-network-learns", "goes flat at about {}", _four_songs_loss),
    ("watching-training", "the training accuracy reaches {}", _capacity),
    ("attribution", "For the {} digits below the answer flips at an ε between {} and {}, that is, with every pixel "
                    "moved by {} to {} of full ink", _attack_flips),
    ("attribution", "For {} of the {} hidden units the optimized image makes the unit fire; for the other {} the",
     _units_that_fire),
    ("instance-based-analysis", "one hidden layer of {} neurons", _instances),
]


@pytest.mark.parametrize("article, sentence, compute", SENTENCES, ids=[f"{a}:{s[:30]}" for a, s, _ in SENTENCES])
def test_the_figures_an_article_states_come_from_its_demo(build, article, sentence, compute):
    expected = sentence.format(*compute(build))
    assert expected in flat(filled(build, article)), f"{article}.md should say: {expected!r}"


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_figure_an_article_uses_exists_and_is_filled(build, path):
    text = path.read_text(encoding="utf-8")
    assert set(figures.names_in(text)) <= set(figures.FIGURES)
    assert "{{ figure" not in filled(build, path.stem)


def test_the_text_rounds_percentages_as_the_chart_beside_it_does():
    # d3's '.0%' (the replay's summary line) rounds 62.5 % up; Python's format rounds it to even
    assert figures.percent(0.625) == "63 %" and figures.percent(0.825) == "83 %"
    assert figures.percent(0.135) == "14 %" and figures.percent(0.1) == "10 %"


def test_an_unknown_figure_is_refused_with_the_names_there_are():
    with pytest.raises(DemoError, match="unknown figure 'nope'; the figures are: .*boundary-slow-end"):
        figures.fill('it reaches {{ figure("nope") }}', lambda *a, **k: {})


def test_retrained_with_another_seed_the_text_follows(monkeypatch, tmp_path, build):
    """The decision-boundaries demo retrained (one network per learning rate, to keep it
    quick) from another seed: the article's accuracy figures follow the new run."""
    from vizlib import datasets, training
    from vizlib.demos import decision_boundaries as demo

    before = _learning_rate_too_small(build)
    monkeypatch.setattr(demo, "HIDDEN_UNITS", ("4",))
    monkeypatch.setattr(demo, "ACTIVATIONS", ("tanh",))

    class Reseeded:  # the demo's datasets and training modules, with seed 7 instead of 0
        two_d = functools.partial(datasets.two_d, seed=7)
        TWO_D_NAMES = datasets.TWO_D_NAMES
        TWO_D_EXTENT = datasets.TWO_D_EXTENT
        Recipe = functools.partial(training.Recipe, seed=7)
        train = staticmethod(training.train)

    monkeypatch.setattr(demo, "datasets", Reseeded)
    monkeypatch.setattr(demo, "training", Reseeded)
    cache = tmp_path / "cache"

    def reseeded_build(name, **options):
        return build(name, **options) if name != "decision-boundaries" else vizlib.build_spec(name, cache_dir=cache, **options)

    after = _learning_rate_too_small(reseeded_build)
    assert after[:2] != before[:2], "seed 7 should train to other accuracies than seed 0"
    sentence = "training accuracy goes from {} to {} in {} steps"
    text = flat(filled(reseeded_build, "decision-boundaries"))
    assert sentence.format(*after) in text
    assert sentence.format(*before) not in text
