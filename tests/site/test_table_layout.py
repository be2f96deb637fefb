"""The table answers in the first screen, remembers its filters in the browser's history,
and its author box filters as you type: what a researcher sees at 1280x800 and on a phone."""
from __future__ import annotations

import pytest

from test_site_browser import cli_ids, open_table, visible_ids

FIRST_SCREEN = """() => {
  const count = document.querySelector('.survey-count').getBoundingClientRect();
  const row = document.querySelector('.survey-live tbody tr[data-id]').getBoundingClientRect();
  return {scrolled: window.scrollY, height: innerHeight, count: count.bottom, row: row.top + 40};
}"""


def in_first_screen(page) -> dict:
    layout = page.evaluate(FIRST_SCREEN)
    assert layout["scrolled"] == 0
    assert 0 < layout["count"] <= layout["height"], layout
    assert 0 < layout["row"] <= layout["height"], layout  # the first result's title, at least
    return layout


def test_desktop_count_and_first_results_without_scrolling(watched, site_url):
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})
    open_table(watched, site_url)
    in_first_screen(page)
    # The filters sit beside the results, not above them.
    side = page.locator("[data-side]").bounding_box()
    results = page.locator("#survey-results").bounding_box()
    assert side["x"] + side["width"] <= results["x"]
    assert not page.is_visible(".survey-filters-toggle")
    watched.assert_clean()


def test_phone_filters_fold_behind_a_button_that_counts_them(watched, site_url):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    open_table(watched, site_url, "how:instance-based -who:non-experts visual")
    in_first_screen(page)
    toggle = page.locator(".survey-filters-toggle")
    assert toggle.inner_text() == "Filters (2)"  # two filters; a plain word is no filter
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.is_visible("input[value='how:instance-based']")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.is_visible("input[value='how:instance-based']") and page.is_checked("input[value='how:instance-based']")
    # The filters open under the button, above the results.
    assert page.locator("[data-side]").bounding_box()["y"] > toggle.bounding_box()["y"]
    page.click("label[for='survey-cat-why-debugging']")
    page.wait_for_function("document.querySelector('.survey-filters-toggle').textContent === 'Filters (3)'")
    watched.assert_clean()


def test_author_box_filters_as_you_type(watched, site_url):
    page = open_table(watched, site_url)
    page.click("#survey-author")
    page.keyboard.type("kahng", delay=30)  # no Enter, no Tab
    page.wait_for_function("document.querySelector('#survey-q').value === 'author:kahng'")
    assert sorted(visible_ids(page)) == sorted(cli_ids("author:kahng"))
    assert page.evaluate("document.activeElement.id") == "survey-author"  # typing goes on
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.wait_for_function("document.querySelector('#survey-q').value === 'author:kah'")
    watched.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_author_box_looks_like_an_input(watched, site_url, scheme):
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    open_table(watched, site_url)
    look = page.eval_on_selector("#survey-author", """e => {
        const s = getComputedStyle(e), page = getComputedStyle(document.body);
        return {style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), border: s.borderTopColor,
                background: s.backgroundColor, page: page.backgroundColor, color: s.color,
                text: page.color, opacity: s.opacity};
    }""")
    assert look["style"] == "solid" and look["width"] >= 1, look
    assert look["border"] not in (look["background"], look["page"]), look  # a visible edge
    assert look["color"] == look["text"] and look["opacity"] == "1", look  # not greyed out as if disabled


def test_back_and_forward_walk_through_the_filters(watched, site_url):
    page = open_table(watched, site_url)

    def at(query: str) -> None:
        page.wait_for_function("q => document.querySelector('#survey-q').value === q", arg=query)
        page.wait_for_function("q => (new URLSearchParams(location.search).get('q') || '') === q", arg=query)
        assert sorted(visible_ids(page)) == sorted(cli_ids(query))

    page.check("input[value='how:line']")
    at("how:line")
    page.check("input[value='who:non-experts']")
    at("how:line who:non-experts")
    page.fill("#survey-q", "how:line visual")  # typed: one entry once typing pauses
    at("how:line visual")
    page.go_back()
    at("how:line who:non-experts")
    assert page.is_checked("input[value='who:non-experts']")
    page.go_back()
    at("how:line")
    assert not page.is_checked("input[value='who:non-experts']")
    page.go_back()
    at("")
    assert page.url.rstrip("/").endswith("/table")  # still the table: Back undid the first filter
    page.go_forward()
    at("how:line")
    page.reload()
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    at("how:line")
    assert page.is_checked("input[value='how:line']")
    watched.assert_clean()
