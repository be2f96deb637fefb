"""/trends/ in headless Chromium: the heatmap shows empty combinations as labelled gaps and
opens the table on a pair, the year axis is continuous with the empty years marked, every
chart has its numbers as a table, and the charts stay readable in dark mode and at 390 px."""
from __future__ import annotations

import json
import re

import pytest

import survey
from site_src.pages.trends import empty_runs, pair_query

WORKS = survey.load()
RENDERED = "[...document.querySelectorAll('.vl-chart')].every(c => c.dataset.rendered === 'true')"


def open_trends(watched, site_url: str, width: int = 1280, scheme: str = "light"):
    page = watched.page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}/trends/")
    page.wait_for_function(RENDERED)
    return page


def choose_facets(page, rows: str, columns: str) -> None:
    heatmap = page.locator(".vl-chart").first
    before = heatmap.locator("svg").inner_html()
    heatmap.locator("select[name=rows]").select_option(rows)
    heatmap.locator("select[name=columns]").select_option(columns)
    page.wait_for_function("b => document.querySelector('.vl-chart svg').innerHTML !== b", arg=before)


def click_cell(page, sentence: str) -> None:
    """Click a heatmap cell, found by its screen-reader sentence, beside its number (which links too)."""
    cell = page.locator(".vl-chart").first.locator(f"svg .mark-rect path[aria-label='{sentence}']")
    cell.evaluate("c => c.scrollIntoView({block: 'center'})")
    box = cell.bounding_box()
    cell.click(position={"x": box["width"] - 4, "y": box["height"] - 4})


def heatmap_labels(page) -> list[str]:
    return page.locator(".vl-chart").first.locator("svg .mark-text.role-mark text").all_text_contents()


def rows_of(spec):
    """The heatmap's data rows, wherever Vega-Lite keeps them in the spec."""
    if isinstance(spec, dict):
        if spec.get("values") and isinstance(spec["values"], list) and "fa" in spec["values"][0]:
            return spec["values"]
        return next((r for v in spec.values() if (r := rows_of(v))), None)
    if isinstance(spec, list):
        return next((r for v in spec if (r := rows_of(v))), None)
    return None


def test_empty_heatmap_cells_are_gaps_labelled_none(watched, site_url):
    """The records have a work for every pair of categories by now: the heatmap's data is
    given gaps (the first row of the default pair emptied) on its way to the page."""
    facets = WORKS.taxonomy.tagged_facets
    rows, columns = facets[0], facets[1]
    counts = {(a.id, b.id): 0 if i == 0 else len(WORKS.query(pair_query(rows.id, a.id, columns.id, b.id)))
              for i, a in enumerate(rows.categories) for b in columns.categories}

    def with_gaps(route):
        spec = json.loads(route.fetch().text())
        for row in rows_of(spec):
            if row["fa"] == rows.id and row["fb"] == columns.id and row["ia"] == 0:
                row["n"] = row["n_snapshot"] = 0
        route.fulfill(json=spec)

    watched.page.route("**/assets/charts/cooccurrence.json", with_gaps)
    page = open_trends(watched, site_url)
    assert 0 in counts.values()
    labels = heatmap_labels(page)
    assert labels.count("none") == list(counts.values()).count(0)
    assert sorted(int(t) for t in labels if t != "none") == sorted(n for n in counts.values() if n)
    # A gap has no fill: only cells with works are painted.
    filled = page.locator(".vl-chart").first.locator("svg .mark-rect path[aria-label]").count()
    assert filled == sum(1 for n in counts.values() if n)
    watched.assert_clean()


def test_a_heatmap_cell_opens_the_table_on_that_pair(watched, site_url):
    page = open_trends(watched, site_url)
    choose_facets(page, "why", "what")
    query = "why:interpretability what:units"
    n = len(WORKS.query(query))
    click_cell(page, f"Interpretability & Explainability and Individual Computational Units: {n} works")
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.text_content("[data-result-count]") == str(n)
    assert page.input_value("#survey-q") == query
    watched.assert_clean()


def test_a_cell_of_two_categories_of_one_facet_opens_works_with_both(watched, site_url):
    """Needs the all-of form `how:a+b` of the query language (branch `table`)."""
    query = pair_query("how", "algorithms", "how", "interactive-experimentation")
    assert query == "how:algorithms+interactive-experimentation"
    n = sum(1 for w in WORKS if {"algorithms", "interactive-experimentation"} <= set(w.tags["how"]))
    page = open_trends(watched, site_url)
    choose_facets(page, "how", "how")
    click_cell(page, "Algorithms for Attribution & Feature Visualization and "
                     f"Interactive Experimentation: {n} works")
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.text_content("[data-result-count]") == str(n)


def test_year_axis_is_continuous_and_marks_the_years_without_works(watched, site_url):
    years = WORKS.years()
    every_year = [str(y) for y in range(min(years), max(years) + 1)]
    runs = empty_runs(WORKS)
    assert runs, "the records no longer have a gap in years to mark"
    page = open_trends(watched, site_url)
    for index in range(1, page.locator(".vl-chart").count()):  # every chart but the heatmap
        chart = page.locator(".vl-chart").nth(index)
        labels = chart.locator("svg .role-axis-label text").all_text_contents()
        assert [t for t in labels if re.fullmatch(r"\d{4}", t)] == every_year  # the x axis's
        for run in runs:
            assert f"no works {run[0]}–{run[-1]}" in chart.locator("svg text").all_text_contents()
    watched.assert_clean()


def test_every_chart_has_its_data_as_a_table(watched, site_url):
    page = open_trends(watched, site_url)
    charts = page.locator(".vl-chart")
    toggles = page.locator(".vl-chart + details.chart-data")
    assert toggles.count() == charts.count() == 7
    # The how-facet chart: its table holds the same numbers as the records.
    how = page.locator("details.chart-data", has=page.locator("caption", has_text="How category"))
    how.locator("summary").click()
    table = how.locator("table")
    assert table.is_visible()
    headers = table.locator("thead th").all_text_contents()
    for row in table.locator("tbody tr").all():
        year = row.locator("th").text_content()
        for label, cell in zip(headers, row.locator("td").all_text_contents()):
            category = next(c for c in WORKS.taxonomy.facet("how").categories if c.label == label)
            assert int(cell) == len(WORKS.query(f"how:{category.id} year:{year}")), (year, label)
    # Each non-zero count links to its works in the table.
    first_link = table.locator("td a").first
    first_link.click()
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert re.fullmatch(r"how:[a-z-]+ year:\d{4}", page.input_value("#survey-q"))
    watched.assert_clean()


def test_bars_and_cells_read_as_sentences(watched, site_url):
    page = open_trends(watched, site_url)
    venue_chart = page.locator(".vl-chart").nth(1)
    labels = venue_chart.locator("svg .mark-rect path[aria-label]").evaluate_all(
        "paths => paths.map(p => p.getAttribute('aria-label'))")
    assert labels and all(re.fullmatch(r"\d{4}, [^:]+: \d+ works?", label) for label in labels), labels[:3]
    assert not any(label.startswith("1 works") or ": 1 works" in label for label in labels)
    watched.assert_clean()


def test_charts_use_the_page_background_in_dark_mode(watched, site_url):
    page = open_trends(watched, site_url, scheme="dark")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    backgrounds = page.locator(".vl-chart svg.marks").evaluate_all(
        "svgs => svgs.map(s => s.style.backgroundColor)")
    assert len(backgrounds) == 7 and set(backgrounds) == {page_background}
    # Text drawn on that background is light: the empty-years labels and the heatmap's "none".
    on_page = page.locator(".vl-chart svg .mark-text.role-mark text").evaluate_all(
        "ts => ts.filter(t => /^(no works|none)/.test(t.textContent)).map(t => t.getAttribute('fill'))")
    assert on_page and set(on_page) <= {"#ddd", "#ccc"}, on_page
    watched.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_chart_text_is_cut_small_or_outside_its_chart(watched, site_url, width):
    page = open_trends(watched, site_url, width=width)
    for index in range(page.locator(".vl-chart").count()):
        chart = page.locator(".vl-chart").nth(index)
        texts = chart.locator("svg text").evaluate_all(
            "ts => ts.map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)])")
        assert not [t for t, _ in texts if "…" in t], f"chart {index}: truncated labels"
        assert min(size for _, size in texts) >= 11, f"chart {index}: text under 11 px"
        box, svg = chart.bounding_box(), chart.locator("svg").bounding_box()
        assert svg["x"] >= box["x"] - 1 and svg["x"] + svg["width"] <= box["x"] + box["width"] + 1, \
            f"chart {index} is {svg['width']:.0f} px wide in a {box['width']:.0f} px column"
    watched.assert_clean()


def test_every_chart_spec_is_valid_vega_lite():
    """The generators skip altair's schema check (a second per generate at 1,000 works); it
    is made here instead, on every chart the site has."""
    import json

    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    from site_src.pages import categories, trends

    specs = {path: json.loads(content) for path, content in {**trends.files(WORKS), **categories.files(WORKS, [])}.items()
             if path.startswith("assets/charts/")}
    assert len(specs) > 20
    schema = load_schema()
    for path, spec in specs.items():
        assert validate_jsonschema(spec, schema, raise_error=False) is None, path


# ---- The gaps heatmap's choices: the project's default, above the chart, in the URL ----

def heatmap_choice(page) -> tuple[str, str]:
    heatmap = page.locator(".vl-chart").first
    return heatmap.locator("select[name=rows]").input_value(), heatmap.locator("select[name=columns]").input_value()


def test_the_default_pair_is_the_projects_first_two_facets(watched, site_url):
    page = open_trends(watched, site_url)
    facets = [f.id for f in WORKS.taxonomy.tagged_facets]
    assert heatmap_choice(page) == (facets[0], facets[1])
    watched.assert_clean()


def test_the_pickers_sit_above_the_chart(watched, site_url):
    page = open_trends(watched, site_url)
    heatmap = page.locator(".vl-chart").first
    picker = heatmap.locator("select[name=rows]").bounding_box()
    chart = heatmap.locator("svg").bounding_box()
    assert picker["y"] + picker["height"] <= chart["y"]
    watched.assert_clean()


def test_the_chosen_pair_is_in_the_url_and_survives_a_reload(watched, site_url):
    page = open_trends(watched, site_url)
    choose_facets(page, "how", "when")
    page.wait_for_function("new URLSearchParams(location.search).toString() === 'rows=how&columns=when'")
    page.reload()
    page.wait_for_function(RENDERED)
    assert heatmap_choice(page) == ("how", "when")
    labels = page.locator(".vl-chart").first.locator("svg text").all_text_contents()
    assert {c.label for c in WORKS.taxonomy.facet("how").categories} <= set(labels)
    watched.assert_clean()


LABELS_OUTSIDE = """node => {
  const box = node.getBoundingClientRect();
  return [...node.querySelectorAll('svg text')].filter(t => t.textContent).map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
    .map(([text]) => text);
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_heatmap_label_is_cut_whatever_the_pair(watched, site_url, width):
    """Every facet as rows and as columns: each label lies whole inside the chart (the long
    names of the Why categories were cut on the left when chosen as rows)."""
    page = open_trends(watched, site_url, width=width)
    heatmap = page.locator(".vl-chart").first
    facets = [f.id for f in WORKS.taxonomy.tagged_facets]
    pairs = [(f, facets[-1]) for f in facets] + [(facets[-1], f) for f in facets]
    for rows, columns in pairs:
        if (rows, columns) != heatmap_choice(page):
            choose_facets(page, rows, columns)
        page.wait_for_timeout(100)  # the chart is laid out anew for the new labels
        assert heatmap.evaluate(LABELS_OUTSIDE) == [], (rows, columns)
    watched.assert_clean()


def test_venue_types_are_described_from_the_project(site_dir):
    html = (site_dir / "trends" / "index.html").read_text(encoding="utf-8")
    assert "machine-learning venues" not in html
    labels = list(WORKS.taxonomy.venue_types.values())
    sentence = "Works per year by the type of venue that published them: " + \
        ", ".join(labels[:-1]) + " and " + labels[-1] + "."
    assert sentence.replace("&", "&amp;") in html
