"""The published dataset (survey/query/dataset.py): `survey export` in its four formats,
the collection version each file carries, and Parquet that reads back as to_frame()."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

import survey
from kb_helpers import RECORD_COUNT, REPO
from survey.query.dataset import collection_version, export_bytes


@pytest.fixture(scope="module")
def works():
    return survey.load()


@pytest.fixture(scope="module")
def version(works):
    return collection_version(works)


def _export(fmt: str) -> bytes:
    """`survey export --format FMT` in a fresh process, as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "survey.cli", "export", "--format", fmt], cwd=REPO, capture_output=True, check=True
    ).stdout


def test_every_format_says_which_version_of_the_collection_it_is(works, version):
    assert version.works == RECORD_COUNT and len(version.sha256) == 64
    rows = list(csv.DictReader(io.StringIO(export_bytes(works, "csv").decode())))
    assert {row["collection_version"] for row in rows} == {version.label}
    document = json.loads(export_bytes(works, "json"))
    assert document["collection"]["sha256"] == version.sha256
    assert len(document["works"]) == RECORD_COUNT
    bibtex = export_bytes(works, "bibtex", title="Visual Analytics in Deep Learning").decode()
    assert bibtex.startswith(f"@comment{{Visual Analytics in Deep Learning, a living survey: {version.label}}}\n")
    frame = pd.read_parquet(io.BytesIO(export_bytes(works, "parquet")))
    assert set(frame["collection_version"]) == {version.label}


def test_the_version_changes_with_the_records(works, version):
    fewer = works.query("in:2018")
    assert collection_version(fewer).sha256 != version.sha256
    assert collection_version(fewer).label.startswith("38 works, sha256 ")
    assert collection_version(survey.load()) == version  # and only with them


def test_parquet_reads_back_as_to_frame_with_its_types(works):
    frame = pd.read_parquet(io.BytesIO(export_bytes(works, "parquet"))).set_index("id")
    expected = works.to_frame()
    pd.testing.assert_frame_equal(frame.drop(columns="collection_version"), expected)
    assert isinstance(frame["venue"].dtype, pd.CategoricalDtype)


def test_parquet_is_deterministic_across_processes(works):
    first, second = _export("parquet"), _export("parquet")
    assert first == second == export_bytes(works, "parquet")
    assert first[:4] == b"PAR1"


def test_parquet_without_pyarrow_is_a_clear_message(survey_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    status, out, err = survey_cli("export", "--format", "parquet")
    assert (status, out) == (1, "")
    assert err == "survey export: the parquet format needs pyarrow: pip install 'survey-sitegen[parquet]'\n"


def test_parquet_to_a_file(survey_cli, tmp_path, works):
    target = tmp_path / "works.parquet"
    assert survey_cli("export", "--format", "parquet", "-o", str(target))[0] == 0
    assert target.read_bytes() == export_bytes(works, "parquet")
