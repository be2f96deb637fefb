"""The site in headless Chromium: the table filters like the CLI, through the UI and ?q=,
with instant navigation; charts render; no console errors; nothing leaves localhost."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from urllib.parse import quote

import pytest
from pathlib import Path

import survey

WORKS = survey.load()

# Queries the table must answer exactly as `survey query` does.
# The page against the CLI on the flagship's own works: a query of each filter, as the page
# reads works.json. The language itself (every case of each filter, both twins) is tested on
# the query vectors (tests/survey/test_query.py, and under node tests/js/query.test.js).
PARITY_QUERIES = [
    "", "in:2018 how:instance-based", "-how:line+scatter who:non-experts", "year:2016..2017",
    'venue:"ICML VIS"', "-type:journal year:2017", '"neural network"', "author:kahng+chau",
]


def cli_ids(query: str) -> list[str]:
    """What `survey query QUERY --format ids` prints."""
    terms = shlex.split(query)  # as typed in a shell
    out = subprocess.run([sys.executable, "-m", "survey.cli", "query", "--format", "ids", *terms],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def visible_ids(page) -> list[str]:
    """The ids of all matching rows, pressing "Show more" until every one is drawn (a small
    selection is drawn whole, its later rows in idle time: data-complete says when)."""
    for _ in range(len(WORKS)):  # bounded: a button that never hides fails the test
        page.wait_for_selector(".survey-live tbody[data-complete=true]", state="attached")
        if not page.is_visible("button.survey-more"):
            break
        page.click("button.survey-more")
    return page.eval_on_selector_all(".survey-live tbody tr[data-id]", "rows => rows.map(r => r.dataset.id)")


def open_table(watched, site_url: str, query: str | None = None):
    page = watched.page
    page.goto(f"{site_url}/table/" + (f"?q={quote(query)}" if query is not None else ""))
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    return page


def test_query_parameter_selects_what_the_cli_selects(watched, site_url):
    page = open_table(watched, site_url, "how:instance-based")
    expected = cli_ids("how:instance-based")
    assert 0 < len(expected) < len(WORKS)
    assert page.text_content("[data-result-count]") == str(len(expected))
    assert sorted(visible_ids(page)) == sorted(expected)
    assert page.input_value("#survey-q") == "how:instance-based"
    assert page.is_checked("input[value='how:instance-based']")
    page.wait_for_function("location.search === '?q=how%3Ainstance-based'")  # kept in the address bar
    watched.assert_clean()


@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_table_answers_like_the_cli(watched, site_url, query):
    page = open_table(watched, site_url, query)
    assert sorted(visible_ids(page)) == sorted(cli_ids(query))
    assert page.text_content("[data-result-count]") == str(len(cli_ids(query)))
    watched.assert_clean()


def test_filters_in_the_ui_update_rows_count_and_url(watched, site_url):
    page = open_table(watched, site_url)
    assert page.text_content("[data-result-count]") == str(len(WORKS))
    page.check("input[value='how:instance-based']")
    page.check("#survey-only-2018")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '33'")
    assert page.input_value("#survey-q") == "how:instance-based in:2018"
    page.wait_for_function("location.search === '?q=how%3Ainstance-based+in%3A2018'")
    assert sorted(visible_ids(page)) == sorted(cli_ids("how:instance-based in:2018"))
    page.select_option("#survey-year-from", "2017")
    page.wait_for_function("document.querySelector('#survey-q').value.includes('year:2017..')")
    assert sorted(visible_ids(page)) == sorted(cli_ids("how:instance-based in:2018 year:2017.."))
    page.fill("#survey-q", "lstm")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '1'")
    assert visible_ids(page) == ["strobelt2017lstmvis"]
    assert not page.is_checked("input[value='how:instance-based']")
    watched.assert_clean()


def test_a_bad_query_explains_itself(watched, site_url):
    page = open_table(watched, site_url, "how:nodelink")
    assert "unknown 'how' category" in page.text_content("#survey-q-error")
    assert page.get_attribute("#survey-q", "aria-invalid") == "true"
    watched.assert_clean()


def test_sorting_by_year(watched, site_url):
    page = open_table(watched, site_url)
    page.click("th[data-sort=year]")
    years = page.eval_on_selector_all(".survey-live tbody tr td:nth-child(2)", "cells => cells.map(c => +c.textContent)")
    assert years == sorted(years)
    page.click("th[data-sort=year]")
    years = page.eval_on_selector_all(".survey-live tbody tr td:nth-child(2)", "cells => cells.map(c => +c.textContent)")
    assert years == sorted(years, reverse=True)


@pytest.mark.parametrize("fmt", ["csv", "json", "bibtex"])
def test_export_matches_the_cli(watched, site_url, fmt):
    query = "who:non-experts"
    page = open_table(watched, site_url, query)
    with page.expect_download() as download:
        page.click(f"button[data-export={fmt}]")
    content = open(download.value.path(), encoding="utf-8").read()
    expected = subprocess.run([sys.executable, "-m", "survey.cli", "query", "--format", fmt, *shlex.split(query)],
                              capture_output=True, text=True, check=True).stdout
    # The same as the command's, collection version included (tests/site/test_table_exports.py).
    if fmt == "json":
        assert json.loads(content) == json.loads(expected)
    else:
        assert content == expected
    watched.assert_clean()


def test_instant_navigation_to_the_table_and_to_a_filtered_view(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is in
    page.evaluate("window.__sameDocument = true")
    page.click("nav a.md-tabs__link:has-text('Table')")
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert page.text_content("[data-result-count]") == str(len(WORKS))
    # From a category page, the link to its works in the table keeps the query.
    page.goto(f"{site_url}/taxonomy/how/line/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click("text=Open them in the table")
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.evaluate("window.__sameDocument === true")
    assert sorted(visible_ids(page)) == sorted(cli_ids("how:line"))
    watched.assert_clean()


def test_charts_render_and_follow_the_palette(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/trends/")
    page.wait_for_function("document.querySelectorAll('.vl-chart[data-rendered=true] svg').length === "
                           "document.querySelectorAll('.vl-chart').length")
    assert page.locator(".vl-chart").count() == 7
    marks = page.eval_on_selector_all(".vl-chart svg .mark-rect path", "paths => paths.length")
    assert marks > 20
    before = page.inner_html(".vl-chart svg")
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("b => document.querySelector('.vl-chart svg').innerHTML !== b", arg=before)
    watched.assert_clean()


def test_heatmap_cells_link_to_the_filtered_table(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/trends/?rows=who&columns=how")
    page.wait_for_selector(".vl-chart[data-rendered=true] svg")
    query = "who:non-experts how:interactive-experimentation"
    n = len(cli_ids(query))
    # Each cell's screen-reader label is a sentence (tests/site/test_trends.py checks them).
    cell = page.locator(".vl-chart").first.locator(
        f"svg .mark-rect path[aria-label='Non-experts and Interactive Experimentation: {n} works']")
    cell.evaluate("c => c.scrollIntoView({block: 'center'})")
    cell.click(position={"x": 4, "y": 4})  # beside the number, which links too
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert sorted(visible_ids(page)) == sorted(cli_ids(query))
    watched.assert_clean()


TOP_PAGES = ["/", "/table/", "/trends/", "/takeaways/", "/about/", "/taxonomy/", "/taxonomy/how/",
             "/taxonomy/where/", "/taxonomy/how/scatter/", "/works/kahng2018activis/",
             "/works/liu2018aevis/", "/explorables/"]


@pytest.mark.parametrize("path", TOP_PAGES)
def test_pages_render_cleanly_offline(watched, site_url, path):
    page = watched.page
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.querySelectorAll('.vl-chart')].every(c => c.dataset.rendered === 'true')")
    assert page.locator("h1").count() >= 1
    watched.assert_clean()


# The articles with build-time charts (a `demo` directive); those whose ideas run only in a
# live widget are driven by tests/browser/ instead.
ARTICLES = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "explorables").glob("*.md")
                  if "{{ demo(" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", ARTICLES)
def test_explorable_demos_render_and_respond(watched, site_url, slug):
    """Every demo draws; changing its first control changes what is drawn."""
    page = watched.page
    page.goto(f"{site_url}/explorables/{slug}/")
    page.wait_for_function("document.querySelectorAll('.vl-chart').length > 0 && "
                           "[...document.querySelectorAll('.vl-chart')].every(c => c.dataset.rendered === 'true')")
    for index in range(page.locator(".vl-chart").count()):
        chart = page.locator(".vl-chart").nth(index)
        before = chart.locator("svg").first.inner_html()
        control = chart.locator(".vega-bind input, .vega-bind select").first
        kind = control.get_attribute("type") or "select"
        if kind == "range":
            control.evaluate("el => { el.value = el.value === el.max ? el.min : el.max; "
                             "el.dispatchEvent(new Event('input', {bubbles: true})); }")
        elif kind in ("radio", "checkbox"):
            chart.locator(".vega-bind input:not(:checked)").first.check()
        else:
            current = control.evaluate("el => el.selectedIndex")
            control.select_option(index=1 if current == 0 else 0)
        page.wait_for_function("([el, b]) => el.querySelector('svg').innerHTML !== b",
                               arg=[chart.element_handle(), before])
    watched.assert_clean()


# ---- The home page: the count, "Browse the table" and where to start, in the first screen ----

HOME_FIRST_SCREEN = """() => {
  const seen = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight; };
  const count = document.querySelector('.home-count'), cta = document.querySelector('a.home-cta');
  const start = [...document.querySelectorAll('.home-start a')];
  return {scrolled: scrollY, count: count && !count.hidden && seen(count) ? count.textContent : null,
          cta: cta && seen(cta) ? [cta.textContent.trim(), cta.href] : null,
          start: start.filter(seen).map(a => a.href), links: start.length};
}"""


def home_first_screen(page, url: str, width: int, height: int) -> dict:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector(".home-count:not([hidden])")
    screen = page.evaluate(HOME_FIRST_SCREEN)
    assert screen["scrolled"] == 0
    return screen


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_home_shows_the_count_the_table_and_where_to_start(watched, site_url, size):
    screen = home_first_screen(watched.page, f"{site_url}/", *size)
    years = WORKS.years()
    assert screen["count"] == f"{len(WORKS)} works in the knowledge base, published from {min(years)} to {max(years)}."
    assert screen["cta"] == ["Browse the table", f"{site_url}/table/"]
    assert screen["links"] >= 4 and len(screen["start"]) == screen["links"], screen
    assert f"{site_url}/table/" in screen["start"] and f"{site_url}/contributing/" in screen["start"]
    watched.assert_clean()
