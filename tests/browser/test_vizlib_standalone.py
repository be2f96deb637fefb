"""Each demo's standalone page, opened in a real (headless) Chromium with no network.

Checks what a reader would see: the chart draws, nothing is logged as an error or a
warning, no
request leaves the machine, and every control changes the drawing. (How long a reaction
to a control blocks the page is a speed goal, measured by `make bench`.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vizlib
from benchmarks.demos import MOVE_CONTROL  # moves a control as a reader would
from tests.support.demo_cache import DEMO_CACHE

DEMO_NAMES = [
    "how-a-network-learns",
    "decision-boundaries",
    "watching-training",
    "neurons-in-high-dimensional-space",
    "instance-based-analysis",
    "attribution",
    "feature-visualization",
    "reading-a-recurrent-networks-memory",
]


@pytest.fixture(scope="session")
def page_files(tmp_path_factory) -> dict[str, Path]:
    """A standalone page per demo (default options); specs come from a session-wide cache."""
    cache_dir = DEMO_CACHE  # the suite's one cache (tests/support/demo_cache.py)
    pages = tmp_path_factory.mktemp("pages")
    files = {}
    for info in vizlib.list_demos():
        spec = vizlib.build_spec(info.name, cache_dir=cache_dir)
        files[info.name] = pages / f"{info.name}.html"
        files[info.name].write_text(vizlib.standalone_html(spec, info.title), encoding="utf-8")
    return files


def _drawing(page) -> str:
    return page.inner_html("#vis svg")


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_page_draws_offline_and_every_control_changes_it(browser, page_files, name):
    context = browser.new_context()
    page = context.new_page()
    errors, outside_requests = [], []  # console errors and warnings (e.g. Vega's "Infinite extent")
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def only_local(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    context.route("**/*", only_local)
    page.goto(page_files[name].as_uri())
    page.wait_for_selector(
        "#vis svg .mark-rect, #vis svg .mark-symbol, #vis svg .mark-line, #vis svg .mark-rule",
        state="attached",
        timeout=20_000,
    )
    page.wait_for_timeout(300)

    controls = page.locator(".vega-bind").count()
    assert controls >= 1, "the demo has no control for the reader"
    for index in range(controls):
        before = _drawing(page)
        kind = page.evaluate(MOVE_CONTROL, index)
        page.wait_for_timeout(250)
        assert kind != "none", f"control {index} of {name} is not an input vizlib knows how to move"
        assert _drawing(page) != before, f"moving control {index} ({kind}) of {name} changed nothing drawn"

    assert not errors, f"console errors or warnings on {name}: {errors}"
    assert not outside_requests, f"{name} tried to reach the network: {outside_requests}"
    context.close()


def test_clicking_a_projected_digit_marks_that_image_in_every_panel_and_pointing_shows_it(browser, page_files):
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    page.goto(page_files["neurons-in-high-dimensional-space"].as_uri())
    page.wait_for_selector("#vis svg .mark-symbol.role-mark path", state="attached", timeout=20_000)
    panels = page.locator("#vis svg .mark-symbol.role-mark")
    assert panels.count() == 6, "PCA and t-SNE, for the pixels and both hidden layers"
    titles = page.eval_on_selector_all("#vis svg .role-title-text", "texts => texts.map(t => t.textContent)")
    assert sum(title.startswith("t-SNE: ") for title in titles) == 3

    def ringed() -> list[int]:  # per panel, how many points are drawn large with a ring
        return page.eval_on_selector_all(
            "#vis svg .mark-symbol.role-mark",
            """marks => marks.map(m =>
            [...m.querySelectorAll('path')].filter(p => p.getAttribute('stroke') === 'black').length)""",
        )

    assert ringed() == [0] * 6
    point = panels.nth(0).locator("path").nth(5).bounding_box()
    page.mouse.click(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    page.wait_for_timeout(300)
    assert ringed() == [1] * 6, "one image, not its whole class, in every panel"
    caption_after_click = page.locator("#vis svg .mark-text.role-mark text").last.text_content()
    assert caption_after_click.startswith("image #")
    other = panels.nth(4).locator("path").nth(40).bounding_box()
    page.mouse.move(other["x"] + other["width"] / 2, other["y"] + other["height"] / 2)
    page.wait_for_timeout(300)
    caption_on_hover = page.locator("#vis svg .mark-text.role-mark text").last.text_content()
    assert caption_on_hover.startswith("image #") and caption_on_hover != caption_after_click
    page.close()


def test_no_label_of_watching_training_is_cut_off_at_any_learning_rate(browser, tmp_path):
    """The "lowest validation loss" label at the loss chart's right edge used to push the
    accuracy chart past the drawing's width at learning rate 0.02."""
    spec = vizlib.build_spec("watching-training", experiment="learning-rate", cache_dir=DEMO_CACHE)
    page_file = tmp_path / "watching-training.html"
    page_file.write_text(vizlib.standalone_html(spec, "Watching training"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    warnings = []
    page.on("console", lambda message: warnings.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(page_file.as_uri())
    page.wait_for_selector("#vis svg .mark-line", state="attached", timeout=20_000)
    for rate in ("0.02", "8", "0.5"):
        page.check(f'input[value="{rate}"]')
        page.wait_for_timeout(300)
        overflow = page.evaluate("""() => {
            const svg = document.querySelector('#vis svg').getBoundingClientRect();
            return [...document.querySelectorAll('#vis svg text')].map(t => t.getBoundingClientRect())
              .filter(box => box.width > 0 && (box.right > svg.right + 0.5 || box.left < svg.left - 0.5)).length;
        }""")
        assert overflow == 0, f"{overflow} labels cut off at learning rate {rate}"
    assert not warnings, warnings
    page.close()
