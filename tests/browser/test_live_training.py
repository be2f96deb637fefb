"""The live engine's optimizers and the Watching training widget, against torch.

mlp-engine.js steps Adam and SGD with momentum as torch.optim does, operation for
operation, so float64 runs in Chromium and in torch agree to rounding over hundreds of
steps (vizlib.live.OPTIMIZER_PARITY_RUNS). The Watching training article's digit
classifiers (softmax outputs, vizlib.live.TRAINING_EXPERIMENTS) train in the page the way
torch trains them, which is where the article's numbers come from.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from vizlib import live
from tests.browser.test_live_mlp import ENGINE

OPTIMIZER_TOLERANCE = 1e-12  # relative, on every loss
DIGITS_TOLERANCE = 1e-9  # relative, on every loss of a digit run (wider nets, longer sums)


@pytest.fixture(scope="module")
def engine_page(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(path=str(ENGINE))
    yield page
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("name", live.OPTIMIZER_PARITY_RUNS)
def test_adam_and_momentum_train_as_torch_optim_does(engine_page, name):
    exported = live.export(live.OPTIMIZER_PARITY_RUNS[name])
    steps = live.OPTIMIZER_PARITY_STEPS
    reference = live.train_torch(exported, steps)
    in_browser = engine_page.evaluate("([e, steps]) => LiveMLP.train(e, steps)", [json.loads(json.dumps(exported)), steps])
    for key in ("train_loss", "test_loss", "grid_probability"):
        assert len(in_browser[key]) == len(getattr(reference, key))
        np.testing.assert_allclose(in_browser[key], getattr(reference, key), rtol=OPTIMIZER_TOLERANCE, atol=0,
                                   err_msg=key)
    assert reference.train_loss[-1] < 0.8 * reference.train_loss[0], "the run should learn something"


def test_adam_is_not_sgd(engine_page):
    """The optimizer setting changes the run (a check that it is read at all)."""
    settings = live.OPTIMIZER_PARITY_RUNS["circles, tanh, Adam"]
    runs = [engine_page.evaluate("([e, steps]) => LiveMLP.train(e, steps).train_loss", [live.export(s), 20])
            for s in (settings, live.Settings(**{**live.export_settings(settings), "hidden": settings.hidden,
                                                 "features": (), "optimizer": "sgd"}))]
    assert runs[0][0] == runs[1][0] and runs[0][-1] != runs[1][-1]


def test_an_unknown_optimizer_is_refused(engine_page):
    message = engine_page.evaluate("""() => { try { new LiveMLP.Optimizer({optimizer: "rmsprop", learning_rate: 1})
        .update([new Float64Array(1)], [new Float64Array(1)]); return ""; } catch (e) { return e.message; } }""")
    assert message == "unknown optimizer rmsprop"
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'; choose from sgd, adam"):
        live.torch_optimizer([], {"optimizer": "rmsprop", "learning_rate": 1})


@pytest.mark.parametrize("experiment, value", [("capacity", 16), ("learning-rate", 8)])
def test_a_digit_preset_trains_in_the_browser_as_in_torch(engine_page, experiment, value):
    exported = live.digits_export(live.training_settings(experiment, value))
    steps, every = live.TRAINING_STEPS, live.RECORD_EVERY
    reference = live.history_torch(exported, steps, every)
    in_browser = engine_page.evaluate("([e, steps, every]) => LiveMLP.history(e, steps, every)",
                                      [exported, steps, every])
    assert in_browser["step"] == reference["step"] == [*range(steps + 1)]
    assert in_browser["test_step"] == reference["test_step"] == [*range(0, steps, every), steps]
    for key in ("train_loss", "test_loss"):
        np.testing.assert_allclose(in_browser[key], reference[key], rtol=DIGITS_TOLERANCE, atol=0, err_msg=key)
    for key in ("train_accuracy", "test_accuracy"):
        assert in_browser[key] == reference[key], key
