"""Both drawing pads (live attribution and live instances) as a reader draws on them: with a
finger on a phone, where a drag must draw rather than scroll the page, and with a fast mouse
stroke, whose few pointer samples must still ink every cell in between. A blank pad asks for
a digit instead of reading one, and a test-set digit can be loaded onto it."""

from __future__ import annotations

import pytest

from tests.support.browser import WatchedPage
from test_live_classifier import page_url  # noqa: F401  (fixture)

SIDE = 8
PADS = {
    "attribution": ("digits.html", ".live-digits", "_digits"),
    "instances": ("instances.html", ".live-instances", "_instances"),
}
# A diagonal stroke from the top-left cell to the bottom-right one: every cell (k, k).
DIAGONAL = {k * SIDE + k for k in range(SIDE)}


def open_pad(browser, page_url, name, **context_options):  # noqa: F811
    file, selector, handle = PADS[name]
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = WatchedPage(page, page_url.rsplit("/", 1)[0])
    page.goto(page_url.replace("index.html", file))
    page.wait_for_function(f"() => document.querySelector('{selector}')?.{handle}")
    page.get_by_role("button", name="Clear the drawing").click()
    return context, page, watched, selector, handle


def inked(page, selector, handle) -> set[int]:
    pixels = page.evaluate(f"() => document.querySelector('{selector}').{handle}.pad.pixels")
    return {index for index, value in enumerate(pixels) if value >= 0.5}


def cell_centre(box, column, row) -> tuple[float, float]:
    cell = box["width"] / SIDE
    return box["x"] + (column + 0.5) * cell, box["y"] + (row + 0.5) * cell


@pytest.mark.parametrize("name", PADS)
def test_a_fast_mouse_stroke_inks_every_cell_between_its_samples(browser, page_url, name):  # noqa: F811
    context, page, watched, selector, handle = open_pad(
        browser, page_url, name, viewport={"width": 1100, "height": 900}
    )
    assert inked(page, selector, handle) == set()
    assert "Draw a digit" in page.inner_text(".ld-prediction"), "a blank pad asks for a digit"
    assert "reads a" not in page.inner_text(".ld-prediction"), "a blank pad reads no digit"
    box = page.locator(".ld-pad").bounding_box()
    page.mouse.move(*cell_centre(box, 0, 0))
    page.mouse.down()
    page.mouse.move(*cell_centre(box, SIDE - 1, SIDE - 1), steps=1)  # one sample at the far end: a fast stroke
    page.mouse.up()
    assert inked(page, selector, handle) == DIAGONAL
    assert "reads a" in page.inner_text(".ld-prediction")
    page.get_by_role("button", name="Clear the drawing").click()
    assert inked(page, selector, handle) == set()
    page.select_option(f"{selector} select", index=1)  # the test set's 0
    assert len(inked(page, selector, handle)) > 8, "loading a test-set digit puts it on the pad"
    watched.assert_clean()
    context.close()


@pytest.mark.parametrize("name", PADS)
def test_a_finger_draws_on_the_pad_instead_of_scrolling_the_page(browser, page_url, name):  # noqa: F811
    context, page, watched, selector, handle = open_pad(
        browser, page_url, name, viewport={"width": 390, "height": 500}, has_touch=True, is_mobile=True
    )
    page.evaluate("() => document.body.style.paddingBottom = '2000px'")  # a page that can scroll
    page.locator(".ld-pad").scroll_into_view_if_needed()
    scrolled = page.evaluate("() => window.scrollY")
    box = page.locator(".ld-pad").bounding_box()
    session = context.new_cdp_session(page)
    start, end = cell_centre(box, 1, 0), cell_centre(box, 1, SIDE - 1)  # a vertical stroke down column 1

    def touch(kind: str, point) -> None:
        points = [] if point is None else [{"x": point[0], "y": point[1], "id": 1}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", start)
    for fraction in (0.3, 0.6, 1.0):  # three samples over eight cells
        touch("touchMove", (start[0], start[1] + fraction * (end[1] - start[1])))
    touch("touchEnd", None)
    assert inked(page, selector, handle) == {row * SIDE + 1 for row in range(SIDE)}
    assert page.evaluate("() => window.scrollY") == scrolled, "the drag scrolled the page"
    assert "reads a" in page.inner_text(".ld-prediction")
    watched.assert_clean()
    context.close()
