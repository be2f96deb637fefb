"""Every live explorable on a 390 px phone: no element wider than the screen, no text cut off
by the box that holds it, no two pieces of text on top of each other, and the classifier's
Play button and its output on screen together.

(The build-time charts of the articles are checked at 390 px by tests/site/test_narrow_screens.py.)
"""

from __future__ import annotations

import pytest

from tests.support.browser import WatchedPage
from tests.support.phone_layout import LAYOUT_PROBLEMS
from test_live_classifier import page_url  # noqa: F401  (fixture)

PHONE = {"width": 390, "height": 844}
PAGES = {
    "decision-boundaries": ("index.html", ".live-classifier"),
    "how-a-network-learns": ("neuron.html", ".live-neuron"),
    "attribution": ("digits.html", ".live-digits"),
    "instance-based-analysis": ("instances.html", ".live-instances"),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_live_explorable_fits_a_phone_with_no_text_cut_or_overlapping(browser, page_url, name):  # noqa: F811
    file, selector = PAGES[name]
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    watched = WatchedPage(page, page_url.rsplit("/", 1)[0])
    page.goto(page_url.replace("index.html", file))
    page.wait_for_selector(f"{selector}.lc-mounted .lc-toolbar")
    page.wait_for_timeout(300)  # the first drawing
    problems = page.evaluate(LAYOUT_PROBLEMS, selector)
    assert problems == [], "\n".join(problems[:25])
    watched.assert_clean()
    context.close()


def test_on_a_phone_play_and_the_output_are_on_screen_together(browser, page_url):  # noqa: F811
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(page_url + "?layers=4-4-4")
    page.wait_for_selector(".live-classifier.lc-mounted")

    def on_screen(locator) -> bool:
        box = locator.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and box["width"] > 0

    play = page.get_by_role("button", name="Play: train continuously")
    play.scroll_into_view_if_needed()
    assert on_screen(play) and on_screen(page.locator(".lc-plane")), "Play and the boundary on one screen"
    # scrolled down to the controls, the toolbar stays in view with a thumbnail of the output
    page.locator(".lc-controls fieldset").nth(1).scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(100)
    assert on_screen(play) and on_screen(page.locator(".lc-thumbnail")), "the toolbar scrolled away"
    before = page.locator(".lc-thumbnail").evaluate("c => c.toDataURL()")
    play.tap()
    page.wait_for_timeout(400)
    assert page.locator(".lc-thumbnail").evaluate("c => c.toDataURL()") != before, (
        "the thumbnail does not follow training"
    )
    context.close()


def test_on_a_phone_the_heatmaps_off_screen_wait_and_are_drawn_when_scrolled_to(browser, page_url):  # noqa: F811
    """Playing with the network below the screen, its heatmaps are not painted (a frame's time
    goes to training); scrolled to, they show the current weights at once."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(page_url + "?data=xor&layers=4&lr=0.3")
    page.wait_for_selector(".live-classifier.lc-mounted")
    page.locator(".lc-plane").scroll_into_view_if_needed()
    neuron = page.locator(".lc-neuron").first
    assert neuron.bounding_box()["y"] > PHONE["height"], "the network should start below the screen"
    before = neuron.evaluate("c => c.toDataURL()")
    page.get_by_role("button", name="Play: train continuously").tap()
    page.wait_for_function("() => Number(document.querySelector('.lc-step').textContent.split(' ')[1]) >= 100")
    page.get_by_role("button", name="Pause training").tap()
    assert neuron.evaluate("c => c.toDataURL()") == before, "a heatmap off screen was painted"
    neuron.scroll_into_view_if_needed()
    page.wait_for_function("before => document.querySelector('.lc-neuron').toDataURL() !== before", arg=before)
    context.close()
