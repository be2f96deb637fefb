"""The Watching training article's numbers come from the runs its live widget shows.

The widget (live-training.js) trains vizlib.live.TRAINING_EXPERIMENTS in the page; torch
trains the same presets from the same digits and initial weights (the browser agrees to
rounding: tests/browser/test_live_training.py), and vizlib.figures fills the article's
numbers from torch's runs. These tests check that the article says what those runs show,
that its claims (overfitting, early stopping, a learning rate too large) hold for them,
and that changing the experiments or the data changes the text.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.demo_cache import DEMO_CACHE
from vizlib import figures, live
from vizlib_test_support import EXPLORABLES

ARTICLE = EXPLORABLES / "watching-training.md"


@pytest.fixture(autouse=True)
def stored_runs():
    """The runs in the suite's one demo cache, as a site build keeps them: torch trains each
    preset once per suite, not once per test process."""
    with figures.run_cache(DEMO_CACHE):
        yield


def no_demo(*args, **kwargs) -> dict:
    raise AssertionError("the article's figures come from the live runs, not from a build-time demo")


def filled() -> str:
    """The article's text with its figures filled in, whitespace collapsed."""
    text = ARTICLE.read_text(encoding="utf-8")
    return " ".join(" ".join(figures.fill(line, no_demo) for line in text.splitlines()).split())


def run(experiment: str, value: float) -> dict[str, list[float]]:
    return live.history_torch(
        live.digits_export(live.training_settings(experiment, value)), live.TRAINING_STEPS, live.RECORD_EVERY
    )


def lowest(values: list[float]) -> int:
    return values.index(min(values))


def test_the_article_states_the_widest_networks_run():
    widest = live.TRAINING_EXPERIMENTS["capacity"].values[-1]
    wide = figures.training_run("capacity", widest)
    best = lowest(wide["test_loss"])
    text = filled()
    assert (
        f"[Train the network with {widest:g} neurons](?experiment=capacity&setting={widest:g}#train-it-yourself). "
        f"Its training loss heads to zero ({wide['train_loss'][-1]:.3f} at the end) while the validation loss, "
        f"after an early minimum of {wide['test_loss'][best]:.2f} at step {wide['test_step'][best]} (the diamond), "
        f"creeps back up to {wide['test_loss'][-1]:.2f}."
    ) in text
    assert f"the training accuracy reaches {figures.percent(max(wide['train_accuracy']))}" in text
    # what the words claim, on the numbers they state
    assert wide["train_loss"][-1] < 0.01, "the training loss should head to zero"
    assert wide["test_step"][best] < live.TRAINING_STEPS / 4, "the minimum should come early"
    assert wide["test_loss"][-1] > 1.2 * wide["test_loss"][best], "the validation loss should creep back up"
    assert max(wide["train_accuracy"]) - wide["test_accuracy"][-1] > 0.05, "an overfitting gap"


def test_the_article_states_the_learning_rate_runs():
    slow_rate, _, fast_rate = live.TRAINING_EXPERIMENTS["learning-rate"].values
    slow, fast = figures.training_run("learning-rate", slow_rate), figures.training_run("learning-rate", fast_rate)
    text = filled()
    assert (
        f"[at {slow_rate:g}](?experiment=learning-rate&setting={slow_rate:g}#train-it-yourself) the training loss "
        f"is still {slow['train_loss'][-1]:.2f} after {live.TRAINING_STEPS} steps"
    ) in text
    peak = max(fast["train_loss"][:21])
    assert (
        f"the loss jumps from {fast['train_loss'][0]:.1f} to {peak:.1f} within the first steps, then stays stuck "
        f"high, and the network ends with a validation accuracy of {figures.percent(fast['test_accuracy'][-1])}, "
        "no better than chance among ten digits"
    ) in text
    assert slow["train_loss"][-1] > 0.5 * slow["train_loss"][0], "too small: training ends long before it is good"
    assert peak > 2 * fast["train_loss"][0], "too large: the loss jumps up"
    assert fast["test_accuracy"][-1] < 0.2 and fast["train_loss"][-1] > 0.9 * fast["train_loss"][0], "and stays stuck"


def test_the_settings_the_text_names_are_the_experiments():
    text = filled()
    capacity, rates = live.TRAINING_EXPERIMENTS["capacity"], live.TRAINING_EXPERIMENTS["learning-rate"]
    assert (
        f"with only {live.DIGITS_TRAIN} images to learn from and {live.DIGITS_VALIDATION} others to validate on. "
        f"It trains in your browser, {live.TRAINING_STEPS} steps"
    ) in text
    assert (
        f"gives the hidden layer 2, 16 or 512 neurons and trains each network with Adam at a learning rate of "
        f"{capacity.base.learning_rate:g}"
    ) in text
    assert (
        f"a network of {rates.base.hidden[0]} hidden neurons with plain gradient descent at a rate of 0.02, 0.5 or 8"
        in text
    )


def test_with_other_experiments_and_data_the_text_follows(monkeypatch):
    """Fewer steps, other widths, other training digits: every number in the text follows."""
    before = filled()
    experiments = dict(live.TRAINING_EXPERIMENTS)
    experiments["capacity"] = replace(experiments["capacity"], values=(3, 9, 40), default=9)
    monkeypatch.setattr(live, "TRAINING_EXPERIMENTS", experiments)
    monkeypatch.setattr(live, "TRAINING_STEPS", 30)
    monkeypatch.setattr(live, "DIGITS_TRAIN", 120)
    live.digit_rows.cache_clear()  # the caches hold the article's own runs: cleared before and after
    figures.training_run.cache_clear()
    try:
        after = filled()
        wide = run("capacity", 40)
    finally:
        live.digit_rows.cache_clear()
        figures.training_run.cache_clear()
    assert after != before
    assert "with only 120 images to learn from" in after and "It trains in your browser, 30 steps" in after
    assert "gives the hidden layer 3, 9 or 40 neurons" in after
    assert "[Train the network with 40 neurons](?experiment=capacity&setting=40#train-it-yourself)" in after
    best = lowest(wide["test_loss"])
    assert f"after an early minimum of {wide['test_loss'][best]:.2f} at step {wide['test_step'][best]}" in after
    assert f"the training accuracy reaches {figures.percent(max(wide['train_accuracy']))}" in after


def test_a_value_an_experiment_does_not_try_is_refused():
    with pytest.raises(ValueError, match="capacity tries 2, 16, 512, not 3"):
        live.training_settings("capacity", 3)
