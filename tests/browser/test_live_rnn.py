"""The live recurrent network of "Reading a recurrent network's memory", as a reader uses it,
on a page holding exactly the markup the site writes for its {{ live(...) }} directive, with
the model JSON the site writes: play a preset and watch the distribution and the heatmap
follow, select a span and get ranked units, generate at temperature 0 and get torch's notes.
No request leaves the page's origin, and nothing makes a sound before a click."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import vizlib
from site_src.pages.explorables import _live
from tests.support.browser import WatchedPage, serve_directory
from vizlib.demos import reading_a_recurrent_networks_memory as rnn

ASSETS = Path(__file__).resolve().parents[2] / "site_src" / "docs" / "assets"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Memory</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/css/explorables.css"></head><body><main>{markup}</main>
<script src="assets/js/explorables/loader.js"></script></body></html>"""
# Counts the audio contexts and oscillators a page makes, before any of its scripts runs.
WATCH_AUDIO = """
window.__audio = {contexts: 0, oscillators: 0};
const Real = window.AudioContext;
window.AudioContext = class extends Real {
  constructor(...args) { super(...args); window.__audio.contexts++; }
  createOscillator() { window.__audio.oscillators++; return super.createOscillator(); }
};
"""


@pytest.fixture(scope="module")
def model():
    return rnn.model_payload(vizlib.build_spec(rnn.INFO.name))  # the site writes this file from the same build


@pytest.fixture(scope="module")
def memory_url(tmp_path_factory, model):
    folder = tmp_path_factory.mktemp("live-rnn")
    shutil.copytree(ASSETS, folder / "assets")
    (folder / "rnn-model.json").write_text(json.dumps(model), encoding="utf-8")
    (folder / "index.html").write_text(PAGE.format(markup=_live(rnn.INFO.name, "rnn-model.json")), encoding="utf-8")
    with serve_directory(folder) as origin:
        yield origin + "/index.html"


@pytest.fixture(params=[(1100, 900), (390, 844)], ids=["desktop", "phone"])
def page(browser, memory_url, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.add_init_script(WATCH_AUDIO)
    watched = WatchedPage(tab, memory_url.rsplit("/", 1)[0])
    tab.goto(memory_url)
    tab.wait_for_selector(".live-rnn.lc-mounted .rnn-note")
    yield tab
    watched.assert_clean()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    context.close()


def notes(page) -> list[int]:
    return [
        int(token)
        for token in page.locator(".live-rnn .rnn-note").evaluate_all("nodes => nodes.map(n => n.dataset.token)")
    ]


def heatmap(page) -> str:
    return page.locator(".rnn-heatmap").evaluate("c => c.toDataURL()")


def test_playing_a_preset_moves_the_distribution_and_the_heatmap(page, model):
    assert notes(page) == model["presets"][0]["tokens"]
    page.get_by_label("Preset melody", exact=True).select_option(label=model["presets"][-1]["name"])
    before_text, before_map = page.inner_text(".rnn-expect"), heatmap(page)
    page.get_by_role("button", name="Load the preset melody").click()
    assert notes(page) == model["presets"][-1]["tokens"]
    assert heatmap(page) != before_map
    assert page.inner_text(".rnn-expect") != before_text
    page.get_by_role("button", name="Play the melody from the start, note by note").click()
    page.wait_for_function("() => /^After note 1 /.test(document.querySelector('.rnn-expect').textContent)")
    first = (
        page.inner_text(".rnn-expect"),
        page.locator(".rnn-distribution svg").get_attribute("aria-label"),
        heatmap(page),
    )
    page.wait_for_function("() => /^After note 3 /.test(document.querySelector('.rnn-expect').textContent)")
    third = (
        page.inner_text(".rnn-expect"),
        page.locator(".rnn-distribution svg").get_attribute("aria-label"),
        heatmap(page),
    )
    assert all(a != b for a, b in zip(first, third)), "the distribution and the heatmap should follow the notes"
    # the text alternatives: the notes as text, the strongest units per note in a table
    assert page.locator(".rnn-note").first.inner_text() == model["names"][model["presets"][-1]["tokens"][0]]
    page.locator(".rnn-table-box summary").click()
    rows = page.locator(".rnn-top-units tbody tr")
    assert rows.count() == len(model["presets"][-1]["tokens"])
    assert re.fullmatch(
        r"1\s+\S+ \S+( \S+)?\s+unit \d+: [+−][\d.]+\s+unit \d+: [+−][\d.]+\s+unit \d+: [+−][\d.]+",
        rows.first.inner_text().strip(),
    )
    assert page.evaluate("window.__audio") == {"contexts": 0, "oscillators": 0}, "sound before the reader asked for it"


def test_selecting_a_span_ranks_units_and_a_unit_colours_the_melody(page, model):
    page.locator(".rnn-note").nth(2).click()
    page.locator(".rnn-note").nth(5).click()
    ranked = page.locator(".rnn-ranked")
    assert ranked.count() == 8
    shown = [re.search(r"score (-?[\d.]+)", ranked.nth(k).inner_text()) for k in range(8)]
    assert all(shown)
    scores = [float(m.group(1)) for m in shown if m]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert "Notes 3 to 6 selected" in page.inner_text(".live-rnn")
    assert page.locator(".rnn-note.rnn-in-span").count() == 4
    unit = ranked.first.get_attribute("data-unit")
    ranked.first.get_by_role("button").click()
    colours = page.locator(".rnn-note").evaluate_all("nodes => nodes.map(n => n.style.background)")
    assert all(colours) and len(set(colours)) > 1, "the melody should be coloured by the unit"
    assert f"coloured by unit {unit}" in page.inner_text(".live-rnn")
    # the same from the keyboard alone: the span's numbers, then the button
    page.get_by_label("from note", exact=True).fill("1")
    page.get_by_label("to note", exact=True).fill("2")
    page.get_by_label("to note", exact=True).press("Tab")
    page.keyboard.press("Enter")
    assert "Notes 1 to 2 selected" in page.inner_text(".live-rnn")


def test_generating_at_temperature_0_gives_torchs_notes(page, model):
    prefix = notes(page)
    page.get_by_role("button", name="Generate a continuation of the melody").click()
    made = notes(page)[len(prefix) :]
    assert len(made) == 16
    assert made == rnn.torch_generate(model["weights"], model["token_inputs"], [0, *prefix], 16)
    assert page.locator(".rnn-note.rnn-made").count() == 16
    assert page.evaluate("window.__audio") == {"contexts": 0, "oscillators": 0}


def test_the_keyboard_alone_plays_notes_and_sound_starts_only_after_a_click(page, model):
    page.get_by_role("button", name="Remove every note").click()
    assert notes(page) == []
    page.locator(".rnn-keyboard").focus()
    for key in "adg":  # C, E and G of the octave from C5, quarter notes
        page.keyboard.press(key)
    assert [model["names"][token] for token in notes(page)] == ["C5 quarter", "E5 quarter", "G5 quarter"]
    assert page.evaluate("window.__audio") == {"contexts": 0, "oscillators": 0}
    page.get_by_role("button", name="Sound is off: click to hear the notes").click()
    page.locator(".rnn-keyboard").focus()
    page.keyboard.press("k")
    audio = page.evaluate("window.__audio")
    assert audio["contexts"] == 1 and audio["oscillators"] == 1
    assert model["names"][notes(page)[-1]] == "C6 quarter"


def test_axe_finds_no_serious_violation_in_the_demo(page):
    from tests.support.axe import run_axe

    page.locator(".rnn-note").nth(1).click()
    page.locator(".rnn-note").nth(3).click()  # with a ranking, and the table open
    page.locator(".rnn-table-box summary").click()
    violations = run_axe(page, context={"include": [[".live-rnn"]]})
    assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations] == []
