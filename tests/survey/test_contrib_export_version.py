"""Exports from Python (`survey export`, `survey query --format csv|json|bibtex`): every one
carries the collection version (survey.query.dataset.collection_version, the same line the
site's /data/ page shows), and the BibTeX marks each entry without a DOI in a comment."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pybtex.database import parse_string

import survey
from survey.query.dataset import collection_version


@pytest.fixture(scope="module")
def label() -> str:
    return collection_version(survey.load()).label


def test_bibtex_marks_the_entries_without_a_doi(survey_cli):
    status, out, _ = survey_cli("export", "--format", "bibtex")
    works = survey.load()
    without = sorted(w.id for w in works if not w.doi)
    assert status == 0 and without  # the flagship has works without a DOI
    marked = sorted(line.split()[2] for line in out.splitlines() if line.startswith("@comment{no DOI: "))
    assert marked == without
    for work_id in without:  # each comment sits right above its entry
        assert f"@comment{{no DOI: {work_id} has no DOI in the survey's records}}\n@" in out
    assert len(parse_string(out, "bibtex").entries) == len(works)  # comments are no entries


@pytest.mark.parametrize("args", [["export"], ["query", "why:interpretability"]])
def test_every_export_says_its_collection_version(survey_cli, label, args):
    csv_rows = list(csv.DictReader(io.StringIO(survey_cli(*args, "--format", "csv")[1])))
    assert csv_rows and {row["collection_version"] for row in csv_rows} == {label}
    assert json.loads(survey_cli(*args, "--format", "json")[1])["collection"]["label"] == label
    first_line = survey_cli(*args, "--format", "bibtex")[1].splitlines()[0]
    assert first_line.startswith("@comment{") and label in first_line


def test_a_selection_says_what_selected_it(survey_cli):
    out = survey_cli("query", "why:interpretability", "--format", "json")[1]
    document = json.loads(out)
    assert document["query"] == "why:interpretability"
    assert document["selected"] == len(document["works"]) == len(survey.load().query("why:interpretability"))


def test_the_bibtex_header_names_no_survey_when_none_is_given():
    """Generic code takes the survey's title as an argument; without one it names no survey
    (it used to fall back to the flagship's title)."""
    from survey.query.dataset import export_bytes

    first = export_bytes(survey.load(), "bibtex").decode().splitlines()[0]
    assert first.startswith("@comment{A living survey: ") and "Deep Learning" not in first
