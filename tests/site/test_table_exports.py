"""The table's exports and the years it shows: every export of a selection says which
version of the collection it comes from; and a year that differs from the published
version's carries a marker that says so. (Its CSV follows OWASP's formula rule, as every CSV
of the project does: the shared vectors in tests/csv_vectors.json, run under node by
tests/js/table.test.js.)"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import survey
from test_site_browser import open_table
from survey.query.dataset import collection_version

ROOT = Path(__file__).resolve().parents[2]
WORKS = survey.load()
VERSION = collection_version(WORKS).label


def download(page, fmt: str) -> str:
    with page.expect_download() as started:
        page.click(f"button[data-export={fmt}]")
    return Path(started.value.path()).read_bytes().decode("utf-8")  # line breaks as written


@pytest.mark.parametrize("fmt", ["csv", "json", "bibtex"])
def test_every_export_names_the_collection_version(watched, site_url, fmt):
    page = open_table(watched, site_url, "how:line")
    content = download(page, fmt)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content)))
        assert rows and {row["collection_version"] for row in rows} == {VERSION}
    elif fmt == "json":
        document = json.loads(content)
        assert document["collection"]["label"] == VERSION and document["query"] == "how:line"
        assert len(document["works"]) == len(WORKS.query("how:line"))
    else:
        first = content.splitlines()[0]
        assert first.startswith("@comment{") and VERSION in first and "how:line" in first
    watched.assert_clean()


def test_a_year_that_differs_from_the_published_one_is_marked(watched, site_url):
    differs = {w.id: w for w in WORKS if w.citation_year != w.year}
    assert differs, "the flagship has works whose published year differs from its table's"
    page = open_table(watched, site_url)
    page.wait_for_selector(".survey-live tbody[data-complete=true]", state="attached")
    marks = page.eval_on_selector_all(".survey-live tbody tr[data-id]", """rows => Object.fromEntries(rows.map(r => {
        const mark = r.children[1].querySelector('.survey-year-mark');
        return [r.dataset.id, mark ? [mark.title, r.children[1].textContent] : null];
    }))""")
    for work_id, mark in marks.items():
        work = next(w for w in WORKS if w.id == work_id)
        if work_id not in differs:
            assert mark is None, work_id
            continue
        tooltip, cell = mark
        assert f"Published in {work.citation_year}" in tooltip and f"gives {work.year}" in tooltip
        assert cell.startswith(str(work.year)) and f"cite {work.citation_year}" in cell  # read aloud too
    watched.assert_clean()


def test_a_work_without_a_year_reads_n_d_and_sorts_last(watched, site_url):
    """works.json gives a work without a year as null (its logic: tests/js/table.test.js): the
    page shows n.d. ("no date" to a screen reader), sorts it last both ways, and draws no
    year bar for it."""
    page = watched.page
    undated = WORKS[0].id

    def without_year(route):
        data = json.loads(route.fetch().text())
        row = next(r for r in data["works"] if r[0] == undated)
        row[3], row[9] = None, ""
        route.fulfill(json=data)

    page.route("**/assets/data/works.json", without_year)
    open_table(watched, site_url)
    cell = page.locator(f".survey-live tr[data-id='{undated}'] td:nth-child(2)")
    assert cell.locator("[aria-hidden=true]").text_content() == "n.d."  # on screen
    assert cell.locator(".survey-sr").text_content() == "no date"  # read aloud
    for _ in ("ascending", "descending"):
        page.click("th[data-sort=year]")
        page.wait_for_selector(".survey-live tbody[data-complete=true]", state="attached")
        ids = page.eval_on_selector_all(".survey-live tbody tr", "rows => rows.map(r => r.dataset.id)")
        assert ids[-1] == undated and len(ids) == len(WORKS)
    bars = page.eval_on_selector_all("[data-chart=year] button.survey-bar", "bars => bars.map(b => b.dataset.term)")
    years = sorted(w.year for w in WORKS if w.id != undated and w.year is not None)
    assert bars == [f"year:{y}" for y in range(years[0], years[-1] + 1)]
    watched.assert_clean()
