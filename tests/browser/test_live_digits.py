"""Live attribution: the reader draws a digit, the shipped network reads it in the
browser, explains it three ways and an FGSM step attacks it. (The numbers themselves are
checked against torch in test_live_mlp.py.)"""

from __future__ import annotations

import re

import pytest

from test_live_classifier import open_page, page_url, reader  # noqa: F401  (fixtures)


@pytest.fixture
def digits_url(page_url):  # noqa: F811
    return page_url.replace("/index.html", "/digits.html")


def open_pad(reader, url):  # noqa: F811
    page = open_page(reader, url, ".live-digits")
    page.wait_for_function("() => /reads a/.test(document.querySelector('.ld-prediction')?.textContent)")
    return page


def reads(page) -> int:
    prediction = re.search(r"reads a (\d)", page.inner_text(".ld-prediction"))
    assert prediction, page.inner_text(".ld-prediction")
    return int(prediction.group(1))


def draw_a_seven(page) -> None:
    """Clears the pad and draws a 7 with the mouse: a bar across the top, then down."""
    page.get_by_role("button", name="Clear the drawing").click()
    pad = page.locator(".ld-pad")
    box = pad.bounding_box()
    cell = box["width"] / 8
    page.mouse.move(box["x"] + 1.5 * cell, box["y"] + 1.5 * cell)
    page.mouse.down()
    for column in range(2, 7):
        page.mouse.move(box["x"] + (column + 0.5) * cell, box["y"] + 1.5 * cell)
    for row in range(2, 8):
        page.mouse.move(box["x"] + (6.5 - row / 2) * cell, box["y"] + (row + 0.5) * cell)
    page.mouse.up()


def test_drawing_changes_the_answer_and_an_attack_fools_it(reader, digits_url):
    page = open_pad(reader, digits_url)
    assert reads(page) == 3, "the pad starts with the test set's 3, which the network reads right"
    saliency_before = page.locator(".ld-map canvas").first.evaluate("c => c.toDataURL()")
    draw_a_seven(page)
    assert reads(page) == 7
    assert page.locator(".ld-map canvas").first.evaluate("c => c.toDataURL()") != saliency_before, (
        "saliency did not follow"
    )
    epsilon = page.locator(".live-digits input[type=range]")
    epsilon.fill("0.3")
    assert "After a one-step attack of ε = 0.3 it reads a" in page.inner_text(".ld-attack")
    assert "fooled." in page.inner_text(".ld-attack")


def test_the_pad_works_from_the_keyboard(reader, digits_url):
    page = open_pad(reader, digits_url)
    page.get_by_role("button", name="Clear the drawing").click()
    before = page.inner_text(".ld-prediction")
    page.locator(".ld-pad").focus()
    for key in [
        "ArrowDown",
        "ArrowRight",
        "ArrowRight",
        "ArrowRight",
        " ",
        "ArrowDown",
        " ",
        "ArrowDown",
        " ",
        "ArrowDown",
        " ",
        "ArrowDown",
        " ",
    ]:
        page.keyboard.press(key)
    assert page.inner_text(".ld-prediction") != before
    page.select_option(".live-digits select", index=1)
    assert reads(page) == 0, "loading the test set's 0"
