"""Guide → Performance shows the figures of benchmarks/results.json, generated on every build:
no benchmark figure is typed into the page's words."""
from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import pytest

from site_src.pages import performance

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results.json"
TEMPLATE = ROOT / "site_src" / "pages" / "templates" / "guide" / "performance.md"
TO_BASE = {"ms": ("s", 1e-3), "s": ("s", 1.0), "KB": ("KB", 1.0), "MiB": ("MiB", 1.0)}


class _Table(html.parser.HTMLParser):
    """The text of each cell of the page's figures table, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table" and ("class", "benchmark-figures") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.rows[-1][-1] += data


def table_rows(page_html: str) -> list[list[str]]:
    parser = _Table()
    parser.feed(page_html)
    return parser.rows[1:]  # without the header


def in_base_unit(shown: str) -> tuple[float, str]:
    number, unit = shown.rsplit(" ", 1)
    base, factor = TO_BASE[unit]
    return float(number.replace(",", "")) * factor, base


def check_page_shows(page_html: str, results: dict) -> None:
    rows = table_rows(page_html)
    assert [row[0] for row in rows] == [f["name"] for f in results["figures"]]
    for row, figure in zip(rows, results["figures"]):
        value, unit = in_base_unit(row[1])
        expected, expected_unit = in_base_unit(f"{figure['value']} {figure['unit']}")
        assert unit == expected_unit and value == pytest.approx(expected, rel=5e-3, abs=1e-9), (row, figure)
        if figure["ratio"] is not None:
            assert float(row[3].rstrip("x")) == pytest.approx(figure["ratio"], abs=0.006), (row, figure)
            assert row[2].startswith(figure["floor_name"] + ": ")
        assert row[4].startswith(figure["goal"])
        assert row[4].endswith({True: "✔", False: "✘", None: figure["goal"]}[figure["met"]]), (row, figure)


def test_the_page_shows_every_figure_of_results_json():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    page = performance.files(RESULTS)[performance.PAGE]
    check_page_shows(page, results)
    assert f"{results['machine']['cpus']} CPUs" in page


def test_a_new_run_changes_the_page(tmp_path):
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    results["machine"] = {**results["machine"], "date": "2030-01-02"}
    results["figures"][0] = {**results["figures"][0], "value": 1234.5, "unit": "s", "ratio": 9.87, "met": False}
    changed = tmp_path / "results.json"
    changed.write_text(json.dumps(results, indent=2), encoding="utf-8")
    page = performance.files(changed)[performance.PAGE]
    check_page_shows(page, results)
    assert "2030-01-02" in page and table_rows(page)[0][1] == "1,234 s"


def test_the_words_of_the_page_state_no_measurement():
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", TEMPLATE.read_text(encoding="utf-8"))
    measured = re.findall(r"\d[\d,.]*\s*(?:s|ms|KB|MB|MiB|%|x|×)(?![\w-])", text)
    assert measured == []


@pytest.mark.parametrize("content, where, message", [
    ('{"machine": {}, "figures": [\n  {"name": "x", "value": }\n]}', ":2:", "not JSON"),
    ('{"machine": {}, "figures": [\n  {"name": "x", "value": "fast", "unit": "s"}\n]}', ":2:1:",
     "figure 1 needs a 'name', a numeric 'value' and a 'unit'"),
    ('[1, 2]', ":1:1:", "expected an object"),
])
def test_a_broken_results_file_is_one_positioned_message(tmp_path, content, where, message):
    broken = tmp_path / "results.json"
    broken.write_text(content, encoding="utf-8")
    with pytest.raises(performance.BenchmarkResultsError) as raised:
        performance.files(broken)
    assert str(raised.value).startswith(f"{broken}{where}") and message in str(raised.value)


def test_the_built_site_has_the_page_with_the_figures(site_dir):
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    check_page_shows((site_dir / "guide" / "performance" / "index.html").read_text(encoding="utf-8"), results)
