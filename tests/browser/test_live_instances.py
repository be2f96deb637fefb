"""Live instance-based analysis: the reader draws a digit and its hidden activations join
the class-activation matrix as a new row (the numbers are checked against torch in
test_live_mlp.py)."""

from __future__ import annotations

import pytest

from test_live_classifier import open_page, page_url, reader  # noqa: F401  (fixtures)
from test_live_digits import draw_a_seven


@pytest.fixture
def instances_url(page_url):  # noqa: F811
    return page_url.replace("/index.html", "/instances.html")


def own_row(page) -> list[str]:
    return page.eval_on_selector_all(".li-own td", "cells => cells.map(c => c.title)")


def test_a_drawn_digit_becomes_a_row_of_the_matrix(reader, instances_url):  # noqa: F811
    page = open_page(reader, instances_url, ".live-instances")
    page.wait_for_selector(".li-matrix .li-own")
    rows = page.eval_on_selector_all(".li-matrix tbody th", "cells => cells.map(c => c.textContent)")
    assert rows == [f"average {d}" for d in range(10)] + ["your digit"]
    assert len(own_row(page)) == 24
    assert "closest to the average 0's row" in page.inner_text(".ld-prediction"), "the pad starts with a test-set 0"
    before = own_row(page)
    page.get_by_role("button", name="Clear the drawing").click()
    assert "None of its neurons fire" in page.inner_text(".ld-prediction") or own_row(page) != before
    draw_a_seven(page)
    after = own_row(page)
    assert after != before, "the row did not follow the drawing"
    assert "The network reads a" in page.inner_text(".ld-prediction")


def test_loading_an_example_puts_it_in_the_row(reader, instances_url):  # noqa: F811
    page = open_page(reader, instances_url, ".live-instances")
    page.wait_for_selector(".li-matrix .li-own")
    page.select_option(".live-instances select", index=8)
    assert "reads a 7" in page.inner_text(".ld-prediction")
    assert "closest to the average 7's row" in page.inner_text(".ld-prediction")
