"""The table's filters as a researcher uses them: counts beside every category that equal
`survey stats`, include / exclude / any / all by clicks that round-trip through the URL,
the bad-query state, the linked charts, the author box, and export file names."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from test_site_browser import cli_ids, open_table, visible_ids


def stats_counts(query: str) -> dict[str, int]:
    """Category counts as `survey stats --query QUERY` prints them: {"how:line": 11, ...}."""
    out = subprocess.run([sys.executable, "-m", "survey.cli", "stats", f"--query={query}"],
                         capture_output=True, text=True, check=True).stdout
    counts, facet = {}, None
    for line in out.splitlines():
        heading = re.match(r"^([A-Z]+): ", line)
        entry = re.match(r"^\s+(\d+)\s+(\S+)", line)
        if heading:
            facet = heading.group(1).lower()
        elif entry and facet in ("why", "who", "what", "how", "when"):
            counts[f"{facet}:{entry.group(2)}"] = int(entry.group(1))
    return counts


def ui_counts(page) -> dict[str, int]:
    """The number beside each category's checkbox."""
    return page.eval_on_selector_all(
        ".survey-cat input[type=checkbox]",
        "boxes => Object.fromEntries(boxes.map(b => [b.value, "
        "+b.closest('.survey-cat').querySelector('.survey-cat-count').textContent]))")


def wait_for_query(page, query: str) -> None:
    page.wait_for_function("q => document.querySelector('#survey-q').value === q", arg=query)


def test_the_done_when_scenario_by_clicks_alone(watched, site_url):
    """Works for non-experts that use attribution and experimentation but not node-link
    diagrams, after 2016: asked with clicks, with a count beside each remaining choice and
    a year chart of the result."""
    page = open_table(watched, site_url)
    page.click("label[for='survey-cat-who-non-experts']")
    page.click("input[name=survey-mode-how][value=all]")
    page.click("label[for='survey-cat-how-algorithms']")
    page.click("label[for='survey-cat-how-interactive-experimentation']")
    page.click("button.survey-not[data-facet=how][data-category=node-link]")
    page.select_option("#survey-year-from", "2017")
    query = "who:non-experts how:interactive-experimentation+algorithms -how:node-link year:2017.."
    wait_for_query(page, query)
    expected = cli_ids(query)
    assert expected, "the scenario should select some works"
    assert page.text_content("[data-result-count]") == str(len(expected))
    assert sorted(visible_ids(page)) == sorted(expected)
    assert ui_counts(page) == stats_counts(query)
    # The year chart shows the result: nothing before 2017, and bars that add up to it.
    bars = page.eval_on_selector_all("[data-chart=year] button.survey-bar",
                                     "bs => bs.map(b => b.textContent)")
    per_bar = [re.match(r"^(\d{4}): (\d+) works?$", b) for b in bars]
    assert all(per_bar), bars
    per_year = {int(m[1]): int(m[2]) for m in per_bar if m}
    assert sum(per_year.values()) == len(expected)
    assert all(n == 0 for year, n in per_year.items() if year <= 2016)
    assert page.is_checked("input[value='how:algorithms']")
    watched.assert_clean()


def test_counts_follow_every_toggle(watched, site_url):
    page = open_table(watched, site_url)
    assert ui_counts(page) == stats_counts("")
    page.check("input[value='how:instance-based']")
    wait_for_query(page, "how:instance-based")
    assert ui_counts(page) == stats_counts("how:instance-based")
    page.click("button.survey-not[data-facet=who][data-category=model-developers]")
    wait_for_query(page, "how:instance-based -who:model-developers")
    assert ui_counts(page) == stats_counts("how:instance-based -who:model-developers")
    page.check("#survey-only-2018")
    query = "how:instance-based -who:model-developers in:2018"
    wait_for_query(page, query)
    assert ui_counts(page) == stats_counts(query)
    assert page.text_content("[data-result-count]") == str(len(cli_ids(query)))
    watched.assert_clean()


def test_exclude_and_all_round_trip_through_the_url(watched, site_url):
    page = open_table(watched, site_url)
    page.click("input[name=survey-mode-what][value=all]")
    page.check("input[value='what:units']")
    page.check("input[value='what:neurons']")
    page.click("button.survey-not[data-facet=how][data-category=node-link]")
    query = "what:units+neurons -how:node-link"
    wait_for_query(page, query)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
    page.reload()
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.input_value("#survey-q") == query
    assert page.is_checked("input[name=survey-mode-what][value=all]")
    assert page.is_checked("input[value='what:units']") and page.is_checked("input[value='what:neurons']")
    assert page.get_attribute("button.survey-not[data-facet=how][data-category=node-link]", "aria-pressed") == "true"
    assert sorted(visible_ids(page)) == sorted(cli_ids(query))
    # Un-excluding by ticking the category includes it instead.
    page.check("input[value='how:node-link']")
    wait_for_query(page, "what:units+neurons how:node-link")
    assert page.get_attribute("button.survey-not[data-facet=how][data-category=node-link]", "aria-pressed") == "false"
    watched.assert_clean()


# The messages of every query that cannot be read are the query vectors' (tests/js/query.test.js).
@pytest.mark.parametrize("query,message", [
    ("how:foo", "unknown 'how' category 'foo'"),
])
def test_a_query_that_cannot_be_read_matches_nothing(watched, site_url, query, message):
    page = open_table(watched, site_url, query)
    assert message in page.text_content("#survey-q-error")
    assert page.text_content("[data-result-count]") == "0"
    assert page.locator(".survey-live tbody tr").count() == 0
    assert page.get_attribute("#survey-q", "aria-invalid") == "true"
    watched.assert_clean()


def test_typing_shows_the_error_once_typing_pauses(watched, site_url):
    page = open_table(watched, site_url)
    # In one task: type a query that cannot be read, and look at once.
    at_once = page.evaluate("""() => {
        const input = document.querySelector('#survey-q');
        input.value = 'how:lin';
        input.dispatchEvent(new Event('input'));
        return [document.querySelector('#survey-q-error').textContent,
                document.querySelector('[data-result-count]').textContent,
                document.querySelectorAll('.survey-live tbody tr').length];
    }""")
    assert at_once == ["", "0", 0]  # nothing matches, and no error flashes mid-word
    page.wait_for_function("document.querySelector('#survey-q-error').textContent.includes(\"'lin'\")")
    page.press("#survey-q", "End")
    page.keyboard.type("e")  # how:line: the error goes at once
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === "
                           f"'{len(cli_ids('how:line'))}'")
    assert page.text_content("#survey-q-error") == ""
    watched.assert_clean()


def test_a_small_selection_is_drawn_whole(watched, site_url):
    page = open_table(watched, site_url)
    page.wait_for_selector(".survey-live tbody[data-complete=true]", state="attached")
    assert page.locator(".survey-live tbody tr").count() == len(cli_ids(""))
    assert not page.is_visible("button.survey-more")


def test_chart_bars_refine_the_query(watched, site_url):
    """A click on a bar (a year, a venue, a category with matches) adds its term."""
    page = open_table(watched, site_url, "who:non-experts")
    query = "who:non-experts"
    for chart in ("year", "how", "venue"):
        bar = page.locator(f"[data-chart={chart}] button.survey-bar:not([disabled])").first
        term = bar.get_attribute("data-term")
        shown = re.search(r": (\d+) works?$", bar.text_content())
        assert shown, bar.text_content()
        count = int(shown.group(1))
        bar.click()
        query += " " + term
        wait_for_query(page, query)
        assert sorted(visible_ids(page)) == sorted(cli_ids(query))
        assert len(cli_ids(query)) == count  # the bar said how many the refined query keeps
    assert page.input_value("#survey-year-from") != ""
    assert page.locator(".survey-cat input:checked").count() == 2  # non-experts and the How bar's
    watched.assert_clean()


def test_author_box_and_venue_type(watched, site_url):
    page = open_table(watched, site_url)
    page.fill("#survey-author", "kahng")
    page.press("#survey-author", "Enter")
    wait_for_query(page, "author:kahng")
    assert sorted(visible_ids(page)) == sorted(cli_ids("author:kahng"))
    page.select_option("#survey-type", "workshop")
    wait_for_query(page, "author:kahng type:workshop")
    assert sorted(visible_ids(page)) == sorted(cli_ids("author:kahng type:workshop"))
    watched.assert_clean()


# Names of other queries: exportName in tests/js/table.test.js.
@pytest.mark.parametrize("query,fmt,name", [
    ("-how:node-link how:algorithms+line", "json", "survey-not-how-node-link-how-algorithms-and-line.json"),
])
def test_exports_are_named_after_the_query(watched, site_url, query, fmt, name):
    page = open_table(watched, site_url, query)
    with page.expect_download() as download:
        page.click(f"button[data-export={fmt}]")
    assert download.value.suggested_filename == name
    watched.assert_clean()


def test_labels_show_the_query_word(watched, site_url):
    page = open_table(watched, site_url)
    label = page.text_content("label[for='survey-cat-how-algorithms']")
    assert "Attribution" in label and "algorithms" in label
    assert "learned" in page.text_content("label[for='survey-cat-what-learned']")
    assert "Where" in page.text_content(".survey-note")  # why Where is not a filter of its own
