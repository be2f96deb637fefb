"""Decision boundaries as TensorFlow Playground's readers use it: input features and their
crosses, weighted edges, mini-batches and L1, points added by clicking, stopping at a step
or a test loss, the weights exported and loaded back, the boundary saved as a PNG, and
every one of those controls kept in the address."""

from __future__ import annotations

import json
import re

import numpy as np

from test_live_classifier import address, open_page, page_url, reader, step_count, training_loss  # noqa: F401
from vizlib import live


def accuracy(page) -> int:
    summary = re.search(r"Training loss [\d.]+ \(accuracy (\d+) %\)", page.inner_text(".lc-summary"))
    assert summary, page.inner_text(".lc-summary")
    return int(summary.group(1))


def play_until_stopped(page) -> None:
    page.get_by_role("button", name="Play: train continuously").click()
    page.wait_for_function(
        "() => /Stopped at step/.test(document.querySelector('.lc-summary').textContent)", timeout=30_000
    )
    page.wait_for_selector("button[aria-pressed=false]")


def grid(page) -> list[float]:
    return page.evaluate("() => document.querySelector('.live-classifier')._classifier.gridProbabilities()")


def test_the_cross_x1_x2_solves_xor_with_no_hidden_layer_and_the_plain_coordinates_do_not(reader, page_url):  # noqa: F811
    page = open_page(reader, page_url + "?data=xor&layers=0&features=x1x2&lr=0.1&stop=300")
    assert page.locator(".lc-hidden").count() == 0
    play_until_stopped(page)
    assert step_count(page) == 300
    assert accuracy(page) >= 95, "x1·x2 alone separates xor's quadrants"
    page.goto(page_url + "?data=xor&layers=0&features=x1,x2&lr=0.1&stop=300")
    page.wait_for_selector(".live-classifier.lc-mounted")
    play_until_stopped(page)
    assert accuracy(page) < 75, "no straight line separates xor"


def test_features_are_switched_on_in_the_input_column_and_edges_follow_the_weights(reader, page_url):  # noqa: F811
    page = open_page(reader, page_url + "?layers=3")
    boxes = page.locator(".lc-inputs input[type=checkbox]")
    assert boxes.count() == 7
    labels = page.eval_on_selector_all(".lc-feature-row span", "spans => spans.map(s => s.textContent)")
    assert labels == ["x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"]
    page.get_by_label("feed x1·x2 to the network").check()
    page.get_by_label("feed sin x1 to the network").check()
    assert address(page)["features"] == "x1,x2,x1x2,sinx1"
    page.locator(".lc-hidden .lc-neuron").first.hover()
    assert "x1·x2 × " in page.inner_text(".lc-tooltip") and "sin x1 × " in page.inner_text(".lc-tooltip")
    edges = page.locator(".lc-edges")
    before = edges.evaluate("c => c.toDataURL()")
    assert edges.evaluate("c => c.width > 50 && c.height > 50")
    for _ in range(20):
        page.get_by_role("button", name=re.compile("^Step")).click()
    assert edges.evaluate("c => c.toDataURL()") != before, "the edges did not follow the weights"
    # an edge's colour is its weight's sign: some blue and some orange pixels
    colours = edges.evaluate("""c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let blue = 0, orange = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 60) { if (d[i + 2] > d[i]) blue++; else orange++; } } return [blue, orange]; }""")
    assert min(colours) > 20, colours


def test_batches_and_l1_train_as_torch_does_and_stay_in_the_address(reader, page_url):  # noqa: F811
    query = "?data=circles&layers=4&activation=relu&features=x1,x2,x1sq,x2sq&batch=10&l1=0.003&lr=0.03&seed=11"
    page = open_page(reader, page_url + query)
    for _ in range(30):
        page.get_by_role("button", name=re.compile("^Step")).click()
    assert {key: address(page)[key] for key in ("batch", "l1", "features")} == {
        "batch": "10",
        "l1": "0.003",
        "features": "x1,x2,x1sq,x2sq",
    }
    settings = live.Settings(
        dataset="circles",
        hidden=(4,),
        activation="relu",
        features=("x1", "x2", "x1sq", "x2sq"),
        batch_size=10,
        l1=0.003,
        learning_rate=0.03,
        seed=11,
    )
    assert training_loss(page) == round(live.train_torch(live.export(settings), 30).train_loss[-1], 4)


def test_a_point_added_by_clicking_changes_the_boundary(reader, page_url):  # noqa: F811
    page = open_page(reader, page_url + "?data=gaussians&layers=3&stop=60")
    play_until_stopped(page)
    without = grid(page)
    page.get_by_role("button", name=re.compile("^Reset")).click()
    page.get_by_label("orange (0)", exact=True).check()
    plane = page.locator(".lc-plane").bounding_box()
    for dx, dy in ((0.75, 0.25), (0.8, 0.3), (0.7, 0.2)):  # orange points in the blue blob's corner
        page.mouse.click(plane["x"] + dx * plane["width"], plane["y"] + dy * plane["height"])
    assert len(address(page)["add"].split(";")) == 3
    play_until_stopped(page)
    with_points = grid(page)
    assert max(abs(a - b) for a, b in zip(with_points, without)) > 0.01, "the added points did not move the boundary"
    page.get_by_label("removes a point").check()
    page.mouse.click(plane["x"] + 0.75 * plane["width"], plane["y"] + 0.25 * plane["height"])
    assert len(address(page)["add"].split(";")) == 2


def test_stop_at_a_step_and_at_a_target_test_loss(reader, page_url):  # noqa: F811
    page = open_page(reader, page_url + "?data=gaussians&stop=37")
    play_until_stopped(page)
    assert step_count(page) == 37
    assert "Stopped at step 37, as asked." in page.inner_text(".lc-summary")
    page.get_by_role("button", name=re.compile("^Step")).click()
    assert step_count(page) == 37, "a step past the stop"
    page.goto(page_url + "?data=gaussians&target=0.2&stop=0")
    page.wait_for_selector(".live-classifier.lc-mounted")
    play_until_stopped(page)
    summary = re.search(r"test loss ([\d.]+)", page.inner_text(".lc-summary"))
    assert summary, page.inner_text(".lc-summary")
    test_loss = float(summary.group(1))
    assert test_loss <= 0.2 and "reached 0.2" in page.inner_text(".lc-summary")


def test_exported_weights_load_back_with_the_same_boundary(reader, browser, page_url, tmp_path):  # noqa: F811
    page = open_page(reader, page_url + "?data=spiral&layers=5-4&features=x1,x2,sinx1&batch=25&l2=0.001&test=1")
    for _ in range(25):
        page.get_by_role("button", name=re.compile("^Step")).click()
    exported_grid = grid(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("^Export weights")).click()
    path = tmp_path / "weights.json"
    download.value.save_as(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["step"] == 25 and saved["settings"]["features"] == ["x1", "x2", "sinx1"]
    with page.expect_download() as picture:
        page.get_by_role("button", name=re.compile("^Save picture")).click()
    picture.value.save_as(tmp_path / "boundary.png")
    assert (tmp_path / "boundary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    fresh = browser.new_context().new_page()
    fresh.goto(page_url)
    fresh.wait_for_selector(".live-classifier.lc-mounted")
    fresh.set_input_files(".lc-file", str(path))
    fresh.wait_for_function(
        "() => /Loaded weights exported at step 25/.test(document.querySelector('.lc-note').textContent)"
    )
    np.testing.assert_allclose(grid(fresh), exported_grid, rtol=0, atol=1e-12)
    state = address(fresh)
    assert (state["data"], state["layers"], state["features"], state["test"]) == ("spiral", "5-4", "x1,x2,sinx1", "1")
    (tmp_path / "bad.json").write_text(
        '{"format": "decision-boundaries-weights", "settings": {"hidden": [2]}, "weights": []}'
    )
    fresh.set_input_files(".lc-file", str(tmp_path / "bad.json"))
    fresh.wait_for_function(
        "() => /^Not loaded/.test(document.querySelector('.lc-note').textContent)"
    )  # read asynchronously
    assert fresh.inner_text(".lc-note") == "Not loaded: its weights do not fit a 2-2-1 network."
    fresh.context.close()


def test_show_test_data_is_kept_in_the_address(reader, browser, page_url):  # noqa: F811
    page = open_page(reader, page_url)
    page.get_by_label("show test data").check()
    assert address(page)["test"] == "1"
    fresh = browser.new_context().new_page()
    fresh.goto(page.url)
    fresh.wait_for_selector(".live-classifier.lc-mounted")
    assert fresh.get_by_label("show test data").is_checked()
    fresh.context.close()
