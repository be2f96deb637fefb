"""The song neuron of "How a network learns", trained live: the reader says which songs
the listener likes, watches the neuron retrain, and builds the unlearnable case."""

from __future__ import annotations

import re

import pytest

from test_live_classifier import address, open_page, page_url, reader  # noqa: F401  (fixtures)
from vizlib import live


@pytest.fixture
def neuron_url(page_url):  # noqa: F811
    return page_url.replace("/index.html", "/neuron.html")


def loss(page) -> float:
    summary = re.search(r"Loss ([\d.]+)", page.inner_text(".live-neuron .lc-summary"))
    assert summary, page.inner_text(".live-neuron .lc-summary")
    return float(summary.group(1))


def retrained(page) -> None:
    """Waits until the automatic retraining after a change (300 steps) has stopped."""
    page.wait_for_function(
        "() => document.querySelector('.live-neuron .lc-step').textContent === 'step 300'", timeout=20_000
    )


def test_the_eight_songs_are_learned_and_the_four_are_not(reader, neuron_url):
    page = open_page(reader, neuron_url + "?songs=DLLLDDDL&seed=3", ".live-neuron")
    page.get_by_role("button", name="Play: train continuously").click()
    retrained(page)
    assert "8 of the 8 songs heard are on the right side" in page.inner_text(".live-neuron .lc-summary")
    reference = live.train_torch(live.song_export("DLLLDDDL", seed=3), 300)
    assert loss(page) == round(reference.train_loss[-1], 4)

    page.get_by_role("button", name=re.compile("^The four songs of the article")).click()
    retrained(page)
    assert address(page)["songs"] == "-L-D-D-L"
    assert abs(loss(page) - 0.6931) < 0.002, "the four songs should leave the neuron at a coin flip"


def test_changing_what_the_listener_likes_retrains_from_the_start(reader, neuron_url):
    page = open_page(reader, neuron_url + "?songs=DLLLDDDL&seed=3", ".live-neuron")
    picture = page.locator(".ln-picture svg")
    assert "sad, piano: says" in picture.get_attribute("aria-label")
    page.get_by_label("Does the listener like the song: modern, sad, piano?").select_option("dislikes")
    assert address(page)["songs"] == "DLLLDDDD"
    retrained(page)
    label = picture.get_attribute("aria-label")
    assert "modern, sad, piano: says dislikes" in label and "sad, piano: says likes" in label
    page.get_by_label("Does the listener like the song: piano?").select_option("not heard")
    assert address(page)["songs"] == "D-LLDDDD"


def test_the_graph_draws_the_edge_from_the_sum_to_the_sigmoid(reader, neuron_url):
    page = open_page(reader, neuron_url, ".live-neuron")
    assert page.locator(".ln-graph .ln-fixed-edge").count() == 1
    weights = live.initial_weights(live.Settings(seed=1, hidden=(), inputs=3))[0]
    label = page.locator(".ln-graph svg").get_attribute("aria-label")
    assert f"modern {weights['w'][0][0]:.2f}" in label and f"bias {weights['b'][0]:.2f}" in label


def test_a_bad_song_list_in_the_address_is_named(reader, neuron_url):
    page = open_page(reader, neuron_url + "?songs=LLX", ".live-neuron")
    assert "songs=LLX (8 letters" in page.inner_text(".live-neuron .lc-note")
    assert address(page)["songs"] == live.SONG_PRESETS["four-songs"]
