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
from tests.browser.test_live_mlp import ENGINE, engine_page  # noqa: F401  (the module's page with the engine)

OPTIMIZER_TOLERANCE = 1e-12  # relative, on every loss
DIGITS_TOLERANCE = 1e-9  # relative, on every loss of a digit run (wider nets, longer sums)


@pytest.mark.parametrize("name", live.OPTIMIZER_PARITY_RUNS)
def test_adam_and_momentum_train_as_torch_optim_does(engine_page, name):
    exported = live.export(live.OPTIMIZER_PARITY_RUNS[name])
    steps = live.OPTIMIZER_PARITY_STEPS
    reference = live.train_torch(exported, steps)
    in_browser = engine_page.evaluate(
        "([e, steps]) => LiveMLP.train(e, steps)", [json.loads(json.dumps(exported)), steps]
    )
    for key in ("train_loss", "test_loss", "grid_probability"):
        assert len(in_browser[key]) == len(getattr(reference, key))
        np.testing.assert_allclose(
            in_browser[key], getattr(reference, key), rtol=OPTIMIZER_TOLERANCE, atol=0, err_msg=key
        )
    assert reference.train_loss[-1] < 0.8 * reference.train_loss[0], "the run should learn something"


def test_adam_is_not_sgd(engine_page):
    """The optimizer setting changes the run (a check that it is read at all)."""
    settings = live.OPTIMIZER_PARITY_RUNS["circles, tanh, Adam"]
    runs = [
        engine_page.evaluate("([e, steps]) => LiveMLP.train(e, steps).train_loss", [live.export(s), 20])
        for s in (
            settings,
            live.Settings(
                **{**live.export_settings(settings), "hidden": settings.hidden, "features": (), "optimizer": "sgd"}
            ),
        )
    ]
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
    in_browser = engine_page.evaluate(
        "([e, steps, every]) => LiveMLP.history(e, steps, every)", [exported, steps, every]
    )
    assert in_browser["step"] == reference["step"] == [*range(steps + 1)]
    assert in_browser["test_step"] == reference["test_step"] == [*range(0, steps, every), steps]
    for key in ("train_loss", "test_loss"):
        np.testing.assert_allclose(in_browser[key], reference[key], rtol=DIGITS_TOLERANCE, atol=0, err_msg=key)
    for key in ("train_accuracy", "test_accuracy"):
        assert in_browser[key] == reference[key], key


# --- The widget, as a reader uses it ---------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Watching training</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/css/explorables.css"></head><body><main>{markup}</main>
<script src="assets/js/explorables/mlp-engine.js"></script>
<script src="assets/js/explorables/live-common.js"></script>
<script src="assets/js/explorables/live-training.js"></script></body></html>"""


@pytest.fixture(scope="module")
def training_url(tmp_path_factory):
    import shutil

    from site_src.pages.explorables import _live
    from tests.browser.test_live_classifier import ASSETS
    from tests.support.browser import serve_directory

    folder = tmp_path_factory.mktemp("training")
    shutil.copytree(ASSETS, folder / "assets")
    # the site writes this file from the same function (site_src/pages/explorables.py _live_model)
    (folder / "training-model.json").write_text(json.dumps(live.training_payload()), encoding="utf-8")
    (folder / "training.html").write_text(
        PAGE.format(markup=_live("watching-training", "training-model.json")), encoding="utf-8"
    )
    with serve_directory(folder) as origin:
        yield origin + "/training.html"


@pytest.fixture
def reader(browser, training_url):
    from tests.support.browser import WatchedPage

    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)  # a whole run, on a busy machine
    watched = WatchedPage(page, training_url.rsplit("/", 1)[0])
    yield watched
    watched.assert_clean()
    context.close()


def open_widget(page, url: str):
    page.goto(url)
    page.wait_for_selector(".live-training.lc-mounted svg")
    return page


def finished(page) -> dict:
    page.wait_for_function("() => document.querySelector('.live-training')._training.recorder.done()")
    return page.evaluate("() => document.querySelector('.live-training')._training.run")


def test_a_preset_in_the_address_trains_in_the_page_as_torch_trains_it(reader, training_url):
    page = open_widget(reader.page, training_url + "?experiment=capacity&setting=2")
    in_page = finished(page)
    reference = live.history_torch(
        live.digits_export(live.training_settings("capacity", 2)), live.TRAINING_STEPS, live.RECORD_EVERY
    )
    assert in_page["step"] == reference["step"] and in_page["test_step"] == reference["test_step"]
    for key in ("train_loss", "test_loss"):
        np.testing.assert_allclose(in_page[key], reference[key], rtol=DIGITS_TOLERANCE, atol=0, err_msg=key)
    for key in ("train_accuracy", "test_accuracy"):
        assert in_page[key] == reference[key], key
    # what the reader reads: the controls, the step, the summary and the charts' labels
    assert page.locator(".live-training select").nth(1).input_value() == "2"
    assert page.inner_text(".lc-step") == f"step {live.TRAINING_STEPS}"
    best = min(range(len(reference["test_loss"])), key=lambda k: reference["test_loss"][k])
    summary = page.inner_text(".lt-summary")
    assert (
        f"hidden neurons 2, step {live.TRAINING_STEPS} of {live.TRAINING_STEPS}: training loss "
        f"{reference['train_loss'][-1]:.3f}" in summary
    )
    assert (
        f"lowest validation loss so far {reference['test_loss'][best]:.3f} at step {reference['test_step'][best]}"
        in summary
    )
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.lt-chart svg')].map(n => n.getAttribute('aria-label'))"
    )
    assert labels[0].startswith(f"Loss over {live.TRAINING_STEPS} of {live.TRAINING_STEPS} steps")
    assert labels[1].startswith("Accuracy over")
    assert (
        page.locator(".lt-best title").text_content()
        == f"lowest validation loss, at step {reference['test_step'][best]}"
    )


def test_the_controls_work_from_the_keyboard_and_keep_the_address(reader, training_url):
    page = open_widget(reader.page, training_url + "?experiment=learning-rate&setting=8")
    finished(page)
    setting = page.get_by_label("learning rate", exact=True)
    setting.focus()
    page.keyboard.press("ArrowUp")  # 8 -> 0.5
    assert "setting=0.5" in page.url and "experiment=learning-rate" in page.url
    page.wait_for_function("() => document.querySelector('.live-training')._training.recorder.at > 0")
    page.get_by_role("button", name="Pause training").focus()
    page.keyboard.press("Space")
    at = page.evaluate("() => document.querySelector('.live-training')._training.recorder.at")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelector('.live-training')._training.recorder.at") == at, "paused"
    assert "learning rate 0.5, step" in page.inner_text(".lt-summary")
    page.get_by_label("Experiment").select_option("capacity")
    assert "experiment=capacity" in page.url and "setting=16" in page.url


def test_a_bad_address_is_named_and_the_defaults_train(reader, training_url):
    page = open_widget(reader.page, training_url + "?experiment=dropout&setting=3")
    note = page.inner_text(".live-training .lc-note")
    assert "experiment=dropout (one of capacity, learning-rate)" in note
    assert "setting=3 (for capacity: one of 2, 16, 512)" in note
    assert "experiment=capacity" in page.url and "setting=16" in page.url


def test_the_widget_fits_a_phone(browser, training_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = open_widget(context.new_page(), training_url + "?experiment=learning-rate&setting=0.02")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # queried and measured in one go: a playing widget redraws its charts every frame
    boxes = page.evaluate("""() => [...document.querySelectorAll('.lt-chart svg')].map(n => {
            const r = n.getBoundingClientRect(); return [r.left, r.right, r.width]; })""")
    assert len(boxes) == 2, "a loss chart and an accuracy chart"
    for box in boxes:
        assert box[0] >= 0 and box[1] <= 390 and box[2] > 250
    context.close()
