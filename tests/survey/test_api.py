"""The Python API: survey.load(), to_frame(), crosstab(), and what importing costs."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest

import survey
from kb_helpers import RECORD_COUNT, REPO, WORKS_DIR, record_text
from survey import Collection, InvalidRecords, Work


@pytest.fixture(scope="module")
def works() -> Collection:
    return survey.load()


def test_load_returns_the_collection(works):
    assert isinstance(works, Collection)
    assert len(works) == RECORD_COUNT
    assert [w.id for w in works] == sorted(p.stem for p in WORKS_DIR.glob("*.yaml"))
    activis = works.get("kahng2018activis")
    assert isinstance(activis, Work)
    assert (activis.year, activis.venue, activis.in_snapshot("tvcg2018")) == (2018, "TVCG", True)
    assert activis.has("how", "node-link") and not activis.has("how", "line")
    assert works.get("nope") is None


def test_to_frame_has_one_row_per_work_and_a_bool_column_per_category(works):
    frame = works.to_frame()
    assert len(frame) == RECORD_COUNT
    assert list(frame.index) == [w.id for w in works]
    category_columns = [f"{f.id}:{c.id}" for f in works.taxonomy.tagged_facets for c in f.categories]
    assert len(category_columns) == 20
    assert set(category_columns) <= set(frame.columns)
    for column in category_columns:
        assert frame[column].dtype == bool, column
    for w in works:
        for column in category_columns:
            facet, category = column.split(":")
            assert frame.at[w.id, column] == (category in w.tags[facet])
    assert frame["how:instance-based"].sum() == len(works.query("how:instance-based"))
    assert frame.loc["kahng2018activis", "venue"] == "TVCG"


def test_crosstab_counts_pairs(works):
    table = works.crosstab("who", "how")
    assert list(table.index) == ["model-developers", "model-users", "non-experts"]
    assert list(table.columns) == works.taxonomy.category_ids("how")
    for who in table.index:
        for how in table.columns:
            expected = sum(1 for w in works if who in w.tags["who"] and how in w.tags["how"])
            assert table.loc[who, how] == expected
    assert table.loc["model-developers", "instance-based"] > 0


def test_crosstab_by_year_and_venue(works):
    table = works.crosstab("year", "where")
    assert table.to_numpy().sum() == RECORD_COUNT  # one year and one venue per work
    assert table.loc[2018, "TVCG"] == sum(1 for w in works if w.year == 2018 and w.venue == "TVCG")


def test_crosstab_unknown_facet(works):
    with pytest.raises(ValueError, match="unknown facet 'colour'"):
        works.crosstab("colour", "how")


def test_counts_and_years(works):
    counts = works.counts()
    assert counts["how"]["instance-based"] == len(works.query("how:instance-based"))
    assert works.query("in:2018").counts()["how"]["instance-based"] == 33  # the survey's figure
    assert sum(counts["where"].values()) == RECORD_COUNT
    assert sum(works.years().values()) == RECORD_COUNT


def test_load_invalid_records_raises_with_every_problem(tmp_path):
    (tmp_path / "a.yaml").write_text(record_text(id="a", year="1900"))
    (tmp_path / "b.yaml").write_text(record_text(id="b", title="B", how="[units]"))
    with pytest.raises(InvalidRecords) as caught:
        survey.load([tmp_path])
    assert [(p.path, p.line, p.column) for p in caught.value.problems] == [
        (str(tmp_path / "a.yaml"), 4, 7),
        (str(tmp_path / "b.yaml"), 10, 7),
    ]


def test_load_accepts_a_single_path(tmp_path):
    (tmp_path / "good.yaml").write_text(record_text())
    assert [w.id for w in survey.load(tmp_path)] == ["good"]
    assert [w.id for w in survey.load(str(tmp_path / "good.yaml"))] == ["good"]


def test_a_work_built_in_python_serializes_its_fields():
    w = Work(
        id="x2020y",
        title="T",
        authors="X, et al.",
        year=2020,
        venue="arXiv",
        url="https://e.org",
        tags={"why": ("debugging",), "who": (), "what": (), "how": ("line",), "when": ()},
    )
    record = w.to_record(survey.load_taxonomy().fields)
    assert record["id"] == "x2020y" and record["how"] == ["line"] and "snapshots" not in record
    assert "doi" not in record


def _as_written(record: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in record.items()}


def test_a_work_holds_its_record_in_typed_fields_and_gives_it_back_exactly():
    """Work has no raw record: to_record writes every field back from the typed ones, in
    the canonical order, for every record of the flagship."""
    from survey.records.validate import validate_paths

    taxonomy = survey.load_taxonomy()
    documents, problems = validate_paths(WORKS_DIR, taxonomy)
    assert problems == [] and len(documents) == RECORD_COUNT
    for doc in documents:
        work = Work.from_record(doc.data, taxonomy)
        assert not hasattr(work, "record")
        again = work.to_record(taxonomy.fields)
        assert again == _as_written(doc.data), doc.path
        assert list(again) == [f.name for f in taxonomy.fields if f.name in doc.data], doc.path


def test_empty_optional_fields_and_a_missing_year_are_given_back_as_written(tmp_path):
    path = tmp_path / "x2020y.yaml"
    path.write_text(
        record_text(
            id="x2020y",
            year=None,
            unverified="[year]",
            keywords="[]",
            corrections="[]",
            snapshots="[]",
            abstract="'An abstract.'",
        )
    )
    taxonomy = survey.load_taxonomy()
    work = survey.load(path)[0]
    assert work.year is None and work.shown_year == "n.d." and work.abstract == "An abstract."
    import yaml

    assert work.to_record(taxonomy.fields) == _as_written(yaml.safe_load(path.read_text()))


def _imported_after(code: str) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nimport json, sys\n"
            "print(json.dumps({m: m in sys.modules for m in ('torch', 'altair', 'pandas')}))",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_and_load_do_not_import_torch_altair_or_pandas():
    assert _imported_after(f"import survey\nassert len(survey.load()) == {RECORD_COUNT}") == {
        "torch": False,
        "altair": False,
        "pandas": False,
    }


def test_survey_query_cli_does_not_import_pandas():
    code = (
        "from survey.cli import main\n"
        "assert main(['query', 'how:node-link', '--format', 'json']) == 0\n"
        "assert main(['validate']) == 0"
    )
    assert _imported_after(code) == {"torch": False, "altair": False, "pandas": False}


def test_to_frame_imports_pandas_when_asked():
    assert _imported_after("import survey\nsurvey.load().to_frame()")["pandas"] is True
