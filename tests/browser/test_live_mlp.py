"""The live 2-D classifier's engine (assets/js/explorables/mlp-engine.js) against torch.

Chromium and torch (float64) train the same network, from the same initial weights, on
the same points, with the same full-batch SGD (vizlib.live exports all three). Over the
first live.PARITY_STEPS steps their losses agree to live.PARITY_TOLERANCE relative, and so does the final boundary on a
grid. The seeded generator is checked too: a seed gives the same points and the same
initial weights in the browser as in Python, so a seed in the address reproduces curves.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vizlib import live

ASSETS = Path(__file__).resolve().parents[2] / "site_src" / "docs" / "assets"
ENGINE = ASSETS / "js" / "explorables" / "mlp-engine.js"

STEPS = live.PARITY_STEPS
GRID_CELLS = 20
RUNS = live.PARITY_RUNS  # shared with the article, which states how many settings agree and how closely


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


@pytest.mark.parametrize("name", RUNS)
def test_a_seed_gives_the_same_points_and_weights_in_the_browser_as_in_python(engine_page, name):
    settings = RUNS[name]
    exported = live.export(settings)
    in_browser = engine_page.evaluate(
        "(s) => ({data: LiveMLP.points(s), weights: LiveMLP.initialWeights(s)})", exported["settings"]
    )
    assert len(in_browser["data"]["train"]) == round(settings.train_share * live.POINTS)
    for split in ("train", "test"):
        np.testing.assert_allclose(in_browser["data"][split], exported["data"][split], rtol=1e-13, atol=1e-13)
    for ours, theirs in zip(in_browser["weights"], exported["weights"], strict=True):
        assert ours == theirs  # uniform draws scaled once: bit for bit


def test_the_generators_first_numbers_are_mulberry32s(engine_page):
    uniform = live.mulberry32(1)
    assert engine_page.evaluate("() => { const u = LiveMLP.mulberry32(1); return [u(), u(), u()]; }") == [
        uniform(),
        uniform(),
        uniform(),
    ]


@pytest.mark.parametrize("name", RUNS)
def test_browser_training_matches_torch_float64(engine_page, name):
    exported = live.export(RUNS[name])
    reference = live.train_torch(exported, STEPS, GRID_CELLS)
    in_browser = engine_page.evaluate(
        "([e, steps, cells]) => LiveMLP.train(e, steps, cells)", [json.loads(json.dumps(exported)), STEPS, GRID_CELLS]
    )
    for key in ("train_loss", "test_loss", "grid_probability"):
        assert len(in_browser[key]) == len(getattr(reference, key))
        np.testing.assert_allclose(
            in_browser[key], getattr(reference, key), rtol=live.PARITY_TOLERANCE, atol=0, err_msg=key
        )
    assert reference.train_loss[-1] < reference.train_loss[0], "the run should learn something"


@pytest.mark.parametrize("preset", sorted(live.SONG_PRESETS))
def test_the_song_neuron_trains_as_torch_does(engine_page, preset):
    exported = live.song_export(live.SONG_PRESETS[preset], seed=3)
    reference = live.train_torch(exported, STEPS)
    in_browser = engine_page.evaluate("([e, steps]) => LiveMLP.train(e, steps)", [exported, STEPS])
    np.testing.assert_allclose(in_browser["train_loss"], reference.train_loss, rtol=1e-4, atol=0)
    assert in_browser["test_loss"] == reference.test_loss == []


def test_a_song_list_that_is_not_eight_letters_is_refused():
    with pytest.raises(ValueError, match="8 letters of L, D and -"):
        live.song_export("LLD")


@pytest.fixture(scope="module")
def digit_model():
    """The attribution demo's trained weights and its example digits, from its build."""
    import vizlib

    spec = vizlib.build_spec("attribution")
    return spec["datasets"]["model"], spec["datasets"]["originals"]


def scribble() -> list[float]:
    """A made-up drawing: a rough 7, not one of the digits the network trained on."""
    image = [0.0] * 64
    for column in range(1, 7):
        image[8 + column] = 1.0
    for row in range(2, 8):
        image[row * 8 + 7 - row // 2 - 1] = 0.75
    return image


@pytest.mark.parametrize("which", ["drawn", "3", "8"])
def test_live_attribution_matches_torch(engine_page, digit_model, which):
    weights, originals = digit_model
    pixels = scribble() if which == "drawn" else next(o["pixels"] for o in originals if o["example"] == which)
    epsilon = 0.15
    reference = live.torch_attributions(weights, pixels, epsilon)
    in_browser = engine_page.evaluate(
        """([weights, x, epsilon, steps]) => {
        const model = new LiveMLP.Classifier(weights), p = model.probabilities(x);
        const predicted = p.indexOf(Math.max(...p)), attacked = model.fgsm(x, predicted, epsilon);
        return {predicted, probabilities: p, ...model.attributions(x, predicted, steps), attacked,
                attacked_probabilities: model.probabilities(attacked)};
    }""",
        [weights, pixels, epsilon, live.INTEGRATED_GRADIENT_STEPS],
    )
    assert in_browser["predicted"] == reference["predicted"]
    for key in (
        "probabilities",
        "saliency",
        "gradient_x_input",
        "integrated_gradients",
        "attacked",
        "attacked_probabilities",
    ):
        np.testing.assert_allclose(in_browser[key], reference[key], rtol=1e-4, atol=1e-12, err_msg=key)
    if which != "drawn":
        assert reference["predicted"] == int(which), "the shipped weights should read the example right"


@pytest.fixture(scope="module")
def instance_model():
    """What the instance-based analysis page ships: the trained weights, example digits and class averages."""
    import vizlib

    return live.model_payload("instance-based-analysis", vizlib.build_spec("instance-based-analysis"))


@pytest.mark.parametrize("which", ["drawn", "4", "9"])
def test_the_live_matrix_row_matches_torch(engine_page, instance_model, which):
    pixels = scribble() if which == "drawn" else instance_model["examples"][int(which)]["pixels"]
    reference = live.torch_hidden(instance_model["weights"], pixels)
    in_browser = engine_page.evaluate(
        """([weights, x]) => {
        const model = new LiveMLP.Classifier(weights);
        return {hidden: model.hidden(x), probabilities: model.probabilities(x)};
    }""",
        [instance_model["weights"], pixels],
    )
    for key in ("hidden", "probabilities"):
        np.testing.assert_allclose(in_browser[key], reference[key], rtol=1e-4, atol=1e-12, err_msg=key)
    assert len(reference["hidden"]) == len(instance_model["class_means"][0]["act"]) == 24


def test_the_shipped_class_averages_are_the_matrix_rows():
    """The page's average rows are the build-time matrix's: each class's mean activation over its held-out digits."""
    import vizlib

    spec = vizlib.build_spec("instance-based-analysis")
    payload = live.model_payload("instance-based-analysis", spec)
    instances = spec["datasets"]["instances"]
    for mean in payload["class_means"]:
        rows = [row["act"] for row in instances if row["label"] == mean["label"]]
        np.testing.assert_allclose(mean["act"], np.mean(rows, axis=0), rtol=1e-12)
        assert mean["count"] == len(rows)
    assert sum(mean["count"] for mean in payload["class_means"]) == 300, "the article says 300 held-out digits"


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_the_one_backward_pass_gives_input_gradients_as_torch_does(engine_page, activation):
    """Network.backward, the pass training uses, also returns d(logit)/d(input): the pads'
    attributions read it instead of a second, relu-only backpropagation."""
    import torch

    settings = live.Settings(hidden=(5, 3), activation=activation, seed=9)
    weights = live.initial_weights(settings)
    rows = [[0.5, -1.25], [2.0, 3.0], [-4.0, 0.1]]
    in_browser = engine_page.evaluate(
        """([weights, rows, activation]) => {
        const net = new LiveMLP.Network([2, 5, 3, 1], activation, weights), x = Float64Array.from(rows.flat());
        net.forward(x, rows.length);
        return Array.from(net.backward(x, rows.length, new Float64Array(rows.length).fill(1), true));
    }""",
        [weights, rows, activation],
    )
    x = torch.tensor(rows, dtype=torch.float64, requires_grad=True)
    h = x
    for index, layer in enumerate(weights):
        h = h @ torch.tensor(layer["w"], dtype=torch.float64).T + torch.tensor(layer["b"], dtype=torch.float64)
        if index < len(weights) - 1:
            h = getattr(torch, activation)(h)
    (gradient,) = torch.autograd.grad(h.sum(), x)
    np.testing.assert_allclose(in_browser, gradient.flatten().tolist(), rtol=1e-12, atol=1e-15)


def test_a_mini_batch_order_is_the_same_in_the_browser_as_in_python(engine_page):
    next_batch = live.batches(23, 5, 77)
    expected = [next_batch() for _ in range(7)]  # past an epoch's end: a reshuffle and a short batch
    assert (
        engine_page.evaluate(
            "() => { const b = new LiveMLP.Batches(23, 5, 77); return [...Array(7)].map(() => b.next()); }"
        )
        == expected
    )
    assert [len(batch) for batch in expected] == [5, 5, 5, 5, 3, 5, 5]
