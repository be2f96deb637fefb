"""The live 2-D classifier as a reader uses it, on a page holding exactly the markup the
site writes for {{ live("decision-boundaries") }} with the site's CSS and scripts.

(neuron.html, digits.html and instances.html, beside it, hold the song neuron and the two
drawing pads: test_live_neuron.py, test_live_digits.py, test_live_instances.py.) A reader plays, pauses, steps and resets; adds and removes layers and neurons; hovers a
neuron to read its weights; and copies the address into a fresh tab to get the same
setting and, step for step, the same losses, which are torch's losses too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from site_src.pages.explorables import _live
from tests.support.browser import WatchedPage, serve_directory
import vizlib
from vizlib import live

ASSETS = Path(__file__).resolve().parents[2] / "site_src" / "docs" / "assets"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Decision boundaries</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/css/explorables.css"></head><body><main>{markup}</main>
<script src="assets/js/explorables/mlp-engine.js"></script>
<script src="assets/js/explorables/live-common.js"></script>
<script src="assets/js/explorables/live-classifier.js"></script>
<script src="assets/js/explorables/live-neuron.js"></script>
<script src="assets/js/explorables/live-digits.js"></script>
<script src="assets/js/explorables/live-instances.js"></script></body></html>"""


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    shutil.copytree(ASSETS, folder / "assets")
    (folder / "index.html").write_text(PAGE.format(markup=_live("decision-boundaries")), encoding="utf-8")
    (folder / "neuron.html").write_text(PAGE.format(markup=_live("how-a-network-learns")), encoding="utf-8")
    for demo, page in (("attribution", "digits"), ("instance-based-analysis", "instances")):
        # the site writes the same file from the same build
        model = live.model_payload(demo, vizlib.build_spec(demo))
        (folder / f"{page}-model.json").write_text(json.dumps(model), encoding="utf-8")
        (folder / f"{page}.html").write_text(PAGE.format(markup=_live(demo, f"{page}-model.json")), encoding="utf-8")
    with serve_directory(folder) as origin:
        yield origin + "/index.html"


@pytest.fixture
def reader(browser, page_url):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = WatchedPage(page, page_url.rsplit("/", 1)[0])
    yield watched
    watched.assert_clean()
    context.close()


def open_page(reader: WatchedPage, url: str, demo: str = ".live-classifier"):
    page = reader.page
    page.goto(url)
    page.wait_for_selector(f"{demo}.lc-mounted")
    return page


def step_count(page) -> int:
    return int(page.inner_text(".lc-step").split()[1])


def training_loss(page) -> float:
    summary = re.search(r"Training loss ([\d.]+)", page.inner_text(".lc-summary"))
    assert summary, page.inner_text(".lc-summary")
    return float(summary.group(1))


def address(page) -> dict[str, str]:
    # read from the page: Playwright's page.url follows history.replaceState only a moment later
    return {key: values[0] for key, values in parse_qs(urlparse(page.evaluate("location.href")).query).items()}


def test_fallback_text_is_there_before_the_script_runs():
    markup = _live("decision-boundaries")
    assert "it needs JavaScript" in markup
    with pytest.raises(TypeError, match="the live demos are: decision-boundaries"):
        _live("no-such-demo")


def test_play_pause_step_and_reset(reader, page_url):
    page = open_page(reader, page_url)
    assert page.locator(".live-fallback").count() == 0, "the fallback text stays after mounting"
    assert step_count(page) == 0
    initial_loss = training_loss(page)
    page.get_by_role("button", name="Play: train continuously").click()
    page.wait_for_function("() => Number(document.querySelector('.lc-step').textContent.split(' ')[1]) >= 50")
    page.get_by_role("button", name="Pause training").click()
    paused_at = step_count(page)
    page.wait_for_timeout(200)
    assert step_count(page) == paused_at, "training went on after pause"
    assert training_loss(page) < initial_loss
    page.get_by_role("button", name=re.compile("^Step")).click()
    assert step_count(page) == paused_at + 1
    page.get_by_role("button", name=re.compile("^Reset")).click()
    assert step_count(page) == 0 and training_loss(page) == initial_loss
    assert page.locator(".lc-loss polyline").count() == 2


def test_layers_and_neurons_are_added_and_removed_on_the_page(reader, page_url):
    page = open_page(reader, page_url + "?layers=2-3")
    assert page.locator(".lc-hidden").count() == 2
    assert [page.locator(".lc-hidden").nth(i).locator(".lc-neuron").count() for i in range(2)] == [2, 3]
    page.get_by_role("button", name="Add a hidden layer").click()
    page.get_by_role("button", name="Add a neuron to layer 1").click()
    page.get_by_role("button", name="Remove a neuron from layer 2").click()
    assert [page.locator(".lc-hidden").nth(i).locator(".lc-neuron").count() for i in range(3)] == [3, 2, 4]
    assert address(page)["layers"] == "3-2-4"
    for _ in range(3):
        page.get_by_role("button", name="Remove a hidden layer").click()
    assert page.locator(".lc-hidden").count() == 0, "down to no hidden layer: the features feed the output"
    assert address(page)["layers"] == "0"
    page.get_by_role("button", name="Remove a hidden layer").click()
    assert page.locator(".lc-hidden").count() == 0, "and no fewer"


def test_hovering_a_neuron_shows_its_weights(reader, page_url):
    settings = live.Settings(hidden=(3,), seed=5)
    page = open_page(reader, page_url + "?layers=3&seed=5")
    tooltip = page.locator(".lc-tooltip")
    assert tooltip.is_hidden()
    page.locator(".lc-neuron").nth(1).hover()
    first_layer = live.initial_weights(settings)[0]
    w, b = first_layer["w"][1], first_layer["b"][1]
    assert tooltip.inner_text() == f"Neuron 1.2: tanh(x1 × {w[0]:.3f} + x2 × {w[1]:.3f} + bias {b:.3f})"
    page.mouse.move(0, 0)
    assert tooltip.is_hidden()


def test_the_address_holds_the_setting_and_a_fresh_tab_gets_the_same_curves(reader, browser, page_url):
    page = open_page(reader, page_url + "?data=spiral&layers=6-6-6&seed=42")
    page.select_option(".lc-controls select >> nth=1", "relu")
    rate = page.locator(".lc-controls input[type=range] >> nth=2")
    rate.fill("60")  # a log slider from 1e-4 to 10: 10^(-4 + 5 * 0.6) = 0.1
    for _ in range(30):
        page.get_by_role("button", name=re.compile("^Step")).click()
    state = address(page)
    assert state | {"seed": "42"} == {
        "data": "spiral",
        "noise": "0.25",
        "train": "50",
        "seed": "42",
        "activation": "relu",
        "layers": "6-6-6",
        "lr": "0.1",
        "l2": "0",
        "l1": "0",
        "batch": "0",
        "features": "x1,x2",
        "test": "0",
        "stop": "0",
        "target": "0",
    }
    losses_here = training_loss(page)

    fresh = browser.new_context().new_page()
    fresh.goto(page.url)
    fresh.wait_for_selector(".live-classifier.lc-mounted")
    assert fresh.input_value(".lc-controls select >> nth=1") == "relu"
    assert fresh.locator(".lc-neuron").count() == 18
    for _ in range(30):
        fresh.get_by_role("button", name=re.compile("^Step")).click()
    assert training_loss(fresh) == losses_here
    fresh.context.close()

    settings = live.Settings(dataset="spiral", hidden=(6, 6, 6), seed=42, activation="relu", learning_rate=0.1)
    reference = live.train_torch(live.export(settings), 30)
    assert losses_here == round(reference.train_loss[-1], 4), "the page's curve is not torch's"


def test_a_bad_address_is_named_and_the_rest_of_it_is_kept(reader, page_url):
    page = open_page(reader, page_url + "?data=spiral&lr=fast&layers=9-2&seed=-1")
    note = page.inner_text(".lc-note")
    assert note.startswith("Ignored from the address: ")
    for part in (
        "lr=fast (a number from 0.0001 to 10)",
        "layers=9-2 (0 (no hidden layer), or 1 to 4 layer widths",
        "seed=-1 (a whole number",
    ):
        assert part in note
    assert page.input_value(".lc-controls select >> nth=0") == "spiral"
    assert address(page)["lr"] == "0.3", "the address now holds the setting in use"
