"""Accessibility of every kind of page, in headless Chromium: axe-core finds no serious or
critical violation of our own in either colour scheme, every control shows a focus ring, and
at 390 px (a phone) no page scrolls sideways or cuts content off."""
from __future__ import annotations

import html
import re

import pytest

from sitebuild import BUILDERS
from tests.support.axe import run_axe

# One page of every kind the site has.
PAGES = {
    "home": "/",
    "table": "/table/?q=how:instance-based%20who:model-developers",
    "trends": "/trends/",
    "takeaways": "/takeaways/",
    "work": "/works/kahng2018activis/",
    "search": "/search/?q=kahng",
    "category": "/taxonomy/how/instance-based/",
    "facet": "/taxonomy/how/",
    "where": "/taxonomy/where/",
    "explorables": "/explorables/",
    "explorable": "/explorables/attribution/",
    "changelog": "/changelog/",
    "contributing": "/contributing/",
    "about": "/about/",
}

SCHEMES = {"light": "default", "dark": "slate"}

# The Zensical build is checked on these pages alone. Its pages' bodies are the Material
# build's, byte for byte (test_builders.py); what differs is the theme around them, the same
# on every page, and the theme's styles, which these bodies between them put to every kind of
# element the site draws: buttons and cards, the table's controls and grid, charts, a work's
# citation block, an article's live demo, code blocks and tables, the search box and results.
SECOND_BUILDER_PAGES = ("home", "table", "trends", "work", "search", "explorable", "contributing")


def builders_and_pages(pages) -> list[tuple[str, str]]:
    """(builder, page) pairs: every page of the Material build, SECOND_BUILDER_PAGES of Zensical's."""
    first, *others = BUILDERS
    return [(first, kind) for kind in pages] + [(other, kind) for other in others for kind in pages
                                                if kind in SECOND_BUILDER_PAGES]

# Violations that come from Material's own templates, not from our markup or CSS: each rule
# with the elements it may flag and why we leave it. Any other element that breaks the rule
# still fails the test.
MATERIAL_VIOLATIONS: dict[str, tuple[str, str]] = {}


def open_page(watched, site_url: str, path: str, scheme: str = "light"):
    """The page, loaded in the given colour scheme, with its charts and table drawn."""
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                           arg=SCHEMES[scheme])
    page.wait_for_function("[...document.querySelectorAll('.vl-chart')].every(c => c.dataset.rendered === 'true')"
                           " && [...document.querySelectorAll('[data-survey-table]')].every(t => t.dataset.mounted === 'true')"
                           " && [...document.querySelectorAll('[data-site-search] [role=status]')].every(s => s.textContent)")
    return page


def ours(violations: list[dict]) -> list[str]:
    """Violations minus the listed ones of Material's, as readable lines."""
    found = []
    for violation in violations:
        allowed = MATERIAL_VIOLATIONS.get(violation["id"], (None,))[0]
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if allowed is None or allowed not in target:
                found.append(f"{violation['id']} ({violation['impact']}): {target}: "
                             f"{node['failureSummary'].splitlines()[-1].strip()}")
    return found


# A desktop and a phone: the narrow layout has controls of its own (the table's "Filters"
# button, cards instead of the grid) and scrolling boxes of its own.
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# Rules axe leaves off by default that the site is held to: an accessible name holds the
# visible text (WCAG 2.5.3), so that "click not" works by voice.
EXTRA_RULES = ("label-content-name-mismatch",)


# The rules whose outcome depends on colour. The dark scheme changes colours alone (Material's
# slate palette, our slate overrides in survey.css and survey-table.css, the charts' dark
# theme in charts.js): the markup, and so every other rule's outcome, is the light scheme's.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("builder", "kind"), builders_and_pages(PAGES), indirect=["builder"], scope="session")
def test_axe_finds_no_serious_violation_of_ours(watched, site_url, builder, kind, scheme, width):
    """Every rule axe runs by default, plus EXTRA_RULES, at both widths; in the dark scheme,
    the colour rules again."""
    watched.page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page = open_page(watched, site_url, PAGES[kind], scheme)
    rules = COLOUR_RULES if scheme == "dark" else None
    assert ours(run_axe(page, tags=None, enable=EXTRA_RULES, rules=rules)) == []
    watched.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_table_has_no_finding_at_all(watched, site_url, width):
    """The table's own markup (its controls, the grid and its headers, the charts): no
    violation of any impact, minor ones included (an empty header cell is one)."""
    watched.page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page = open_page(watched, site_url, PAGES["table"])
    found = run_axe(page, context={"include": [[".survey-table"]]}, tags=None, enable=EXTRA_RULES, impacts=None)
    assert ours(found) == [], "\n".join(ours(found))


def test_axe_sees_a_name_that_hides_the_visible_text(watched, site_url):
    """The check can fail: an exclude button named without its visible word is reported."""
    page = open_page(watched, site_url, PAGES["table"])
    page.eval_on_selector("button.survey-not", "b => b.setAttribute('aria-label', 'Leave out this category')")
    found = run_axe(page, context={"include": [[".survey-table"]]}, tags=None, enable=EXTRA_RULES, impacts=None)
    assert any(line.startswith("label-content-name-mismatch") for line in ours(found))


def test_axe_sees_a_contrast_failure(watched, site_url):
    """The check can fail, with the dark scheme's rules: light text on a facet colour as the
    paper has it is reported."""
    page = open_page(watched, site_url, PAGES["table"], "dark")
    page.eval_on_selector_all("th.facet-head", """ths => ths.forEach(th =>
        th.style.background = getComputedStyle(th).getPropertyValue('--facet-color'))""")
    assert any(line.startswith("color-contrast") for line in ours(run_axe(page, rules=COLOUR_RULES)))


VEGA_DEFAULT_NAME = "Vega visualization"  # what Vega names a chart whose spec has no description


def test_a_chart_keeps_the_name_the_page_gave_it(watched, site_url):
    """Each trend chart is named by its figure's label (charts.js), not "Vega visualization"."""
    given = re.findall(r'class="vl-chart"[^>]* aria-label="([^"]+)"', watched.page.request.get(site_url + PAGES["trends"]).text())
    page = open_page(watched, site_url, PAGES["trends"])
    drawn = page.locator(".vl-chart").evaluate_all("charts => charts.map(c => c.getAttribute('aria-label'))")
    assert len(given) >= 3 and drawn == [html.unescape(label) for label in given]


def test_a_grid_of_cells_is_one_figure_to_a_screen_reader(watched, site_url):
    """The attribution article draws its digits and their heatmaps cell by cell, thousands of
    cells: a screen reader meets each chart as one figure with its description, not as a
    list of "column: 3; row: 5" items (vizlib.views.arrays.CELL_MARK)."""
    page = open_page(watched, site_url, PAGES["explorable"])
    charts = page.locator(".vl-chart").evaluate_all(
        "charts => charts.map(c => [c.getAttribute('role'), c.getAttribute('aria-label'),"
        " c.querySelectorAll('[role=graphics-symbol]').length, c.querySelectorAll('svg path').length])")
    assert len(charts) >= 2
    for role, label, items, drawn in charts:
        assert role in ("figure", "graphics-document") and label.strip() and label != VEGA_DEFAULT_NAME
        assert items < 60, f"{items} chart items a screen reader steps through in {label!r}"
    assert sum(drawn for *_, drawn in charts) > 3000  # the cells are drawn, and hidden from ARIA alone


FOCUS_RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {what: e.outerHTML.slice(0, 80), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          body: e === document.body};
}"""


# In the light scheme: the dark one changes the ring's colour alone (COLOUR_RULES), not its
# style or width.
@pytest.mark.parametrize("kind", ["home", "table", "trends", "category"])
def test_every_control_reached_by_tab_shows_a_focus_ring(watched, site_url, kind):
    page = open_page(watched, site_url, PAGES[kind])
    for _ in range(40):  # the first 40 tab stops, or all of a short page's
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_RING)
        if focused["body"]:  # past the last control
            break
        assert focused["style"] != "none" and focused["width"] >= 2, focused


# Elements that reach past the right edge of the viewport, unless a scrolling box of their
# own (the table's grid, a code block) holds them: cut-off content counts as overflow.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let held = false;
    for (let p = e.parentElement; p && !held; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      held = (o === 'auto' || o === 'scroll') && p.getBoundingClientRect().right <= width + 1;
    }
    if (!held) out.push(`${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className} ends at ${Math.round(box.right)} px`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.mark.parametrize(("builder", "kind"), builders_and_pages(PAGES), indirect=["builder"], scope="session")
def test_no_sideways_scrolling_at_390_px(watched, site_url, builder, kind):
    watched.page.set_viewport_size({"width": 390, "height": 844})
    page = open_page(watched, site_url, PAGES[kind])
    page.wait_for_timeout(200)  # charts re-measure the container after the resize
    layout = page.evaluate(OVERFLOWING)
    assert layout["scrollWidth"] <= layout["width"] and layout["out"] == [], layout
