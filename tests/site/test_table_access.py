"""The table page for readers on a phone, on a keyboard, and with assistive technology:
no sideways scrolling at 390 px (rows become cards), a visible focus ring on every control,
a short way from Tab to the first result, and no serious axe-core violation of our own."""
from __future__ import annotations


import pytest

from test_site_browser import cli_ids, open_table
from tests.support.axe import run_axe

# What axe finds in Material for MkDocs' own templates and palette, which this page cannot
# change, each with its reason. Matched on the offending element's HTML.
MATERIAL_OWN = {
    "md-tabs__link": "Material's tab bar: its indigo palette puts #c6cbe9 on #4051b5 (4.28:1)",
    "md-copyright": "Material's footer: #7f7f7f on #171717 (4.47:1)",
}


def is_material_own(node: dict) -> bool:
    return any(f'class="{name}' in node["html"] or f" {name}" in node["html"].split(">")[0]
               for name in MATERIAL_OWN)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_of_ours(watched, site_url, scheme):
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    open_table(watched, site_url, "who:non-experts -how:node-link")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    ours = [(v["id"], node["target"], node["html"][:120])
            for v in run_axe(page) for node in v["nodes"] if not is_material_own(node)]
    assert ours == []
    watched.assert_clean()


@pytest.mark.parametrize("query", ["", "who:non-experts", "how:foo"])
def test_no_sideways_scrolling_at_390_px(watched, site_url, query):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    open_table(watched, site_url, query)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if query != "how:foo":
        # Each row is a card whose tags read as labelled chips grouped by question.
        card = page.locator(".survey-live tbody tr").first
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        chip = card.locator("td.mark.on[data-question]").first
        assert chip.is_visible() and chip.get_attribute("data-question").endswith(":")
        assert chip.evaluate("c => getComputedStyle(c, '::after').content") == f'"{chip.get_attribute("data-short")}"'
        assert not card.locator("td.mark:not(.on)").first.is_visible()  # the grid's empty cells
    watched.assert_clean()


def test_keyboard_only_from_tab_to_the_first_result(watched, site_url):
    page = open_table(watched, site_url)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, 40):  # Material's header first: skip link, logo, palette, search, tabs
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "survey-q":
            break
    else:
        pytest.fail("Tab never reached the query box")
    page.keyboard.type("how:line")
    page.keyboard.press("Tab")  # Clear filters
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('survey-skip')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "survey-results"
    page.keyboard.press("Tab")  # the sort headers: one stop, arrow keys move along them
    assert page.evaluate("document.activeElement.dataset.sort") == "title"
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.closest('tr').dataset.id, document.activeElement.tagName]")
    assert first[1] == "A" and first[0] in cli_ids("how:line")
    assert page.text_content("[data-result-count]") == str(len(cli_ids("how:line")))
    watched.assert_clean()


def test_keyboard_toggles_include_exclude_and_sorting(watched, site_url):
    page = open_table(watched, site_url)
    page.focus("input[value='how:line']")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('#survey-q').value === 'how:line'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.category") == "line"  # its "not" toggle
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#survey-q').value === '-how:line'")
    page.focus("th[data-sort=title]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert page.get_attribute("th[data-sort=year]", "aria-sort") == "ascending"
    watched.assert_clean()


def test_every_control_shows_its_focus(watched, site_url):
    page = open_table(watched, site_url)
    page.focus("#survey-q")
    seen = set()
    for _ in range(120):
        state = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {inside: !!el.closest('[data-survey-table]'), tag: el.tagName, id: el.id,
                    name: el.getAttribute('aria-label') || el.value || el.textContent.trim().slice(0, 30),
                    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
        }""")
        if not state["inside"]:
            break
        assert state["ring"], f"no visible focus on {state}"
        seen.add(state["tag"])
        page.keyboard.press("Tab")
    assert {"INPUT", "BUTTON", "SELECT", "A"} <= seen
