"""The query language on a small fixture collection: the Python parser
(survey/query/language.py) answers the vectors of tests/query_vectors.json, which its
JavaScript twin (survey-query.js) answers under node too (tests/js/query.test.js)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import survey
from kb_helpers import record_text
from site_src.pages.table import table_data
from survey import Collection, QueryError, parse_query
from tests.js.vectors import query_cases, query_vectors, vector_collection

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = survey.load_taxonomy()  # the vectors are written in the flagship's vocabulary
VECTORS = query_vectors()
SELECTS = query_cases(VECTORS, "selects")
ERRORS = query_cases(VECTORS, "errors")


@pytest.fixture(scope="module")
def works() -> Collection:
    return vector_collection(VECTORS)


def ids(collection) -> list[str]:
    return [w.id for w in collection]


@pytest.mark.parametrize("query,expected", SELECTS.items())
def test_query_selects(works, query, expected):
    assert sorted(ids(works.query(query))) == sorted(expected)


@pytest.mark.parametrize("query,phrases", ERRORS.items())
def test_query_errors_say_how_to_fix(works, query, phrases):
    with pytest.raises(QueryError) as caught:
        works.query(query)
    message = str(caught.value)
    assert "\n" not in message
    for phrase in phrases:
        assert phrase in message


def test_works_data_carries_the_author_lists(works):
    """The table's works.json gives the script every author, for author: and bare words."""
    rows = {row[0]: row for row in table_data(works)["works"]}
    assert rows["gamma2017play"][8] == ["Gus Gamma", "Dora Delta", "Ola Orsted"]
    assert rows["delta2018embed"][8] == []


def test_cli_argument_list_form(works):
    """The CLI passes terms as a list; an argument with a space is one term."""
    assert ids(works.query(["venue:ICML VIS"])) == ["beta2016graph"]
    assert ids(works.query(["-how:node-link", "who:model-developers"])) == ["alpha2015lstm"]
    assert ids(works.query(["hidden state"])) == ["alpha2015lstm"]


def test_query_returns_a_collection_in_id_order(works):
    result = works.query("why:interpretability")
    assert isinstance(result, Collection)
    assert ids(result) == sorted(ids(result))
    assert len(result.query("-in:2018")) == 3  # delta, epsilon and the undated zeta


def test_parsed_query_round_trips_to_text():
    query = parse_query(["-how:node-link", "venue:ICML VIS", "year:2016..2018", "LSTM"], FLAGSHIP)
    assert str(query) == '-how:node-link venue:"ICML VIS" year:2016..2018 lstm'
    assert str(parse_query(str(query), FLAGSHIP)) == str(query)
    joined = parse_query('HOW:Line+Scatter author:"Minsuk Kahng"+Chau', FLAGSHIP)
    assert str(joined) == 'how:line+scatter author:"minsuk kahng"+chau'
    assert [t.values for t in joined.terms] == [("line", "scatter"), ("minsuk kahng", "chau")]
    assert str(parse_query(str(joined), FLAGSHIP)) == str(joined)


@pytest.mark.parametrize(
    "query,message",
    [
        ("how:", "survey: 'how:' needs a value, e.g. how:node-link"),
        ("OR", "survey: 'OR' is not an operator"),
    ],
)
def test_cli_usage_errors(query, message):
    """A query the CLI cannot read is a usage error: one line on stderr, exit status 2."""
    result = subprocess.run(
        [sys.executable, "-m", "survey.cli", "query", query], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    "query,hint",
    [
        ("hw:node-link", "(did you mean 'how'?)"),
        ("how:nodelink", "(did you mean 'node-link'?)"),
        ("venue:TVGC", "(did you mean 'TVCG'?)"),
    ],
)
def test_python_errors_suggest_the_closest_name(works, query, hint):
    with pytest.raises(QueryError, match=re.escape(hint)):
        works.query(query)


def test_fixture_records_on_disk_load_and_query(write_record, tmp_path):
    write_record(record_text())
    write_record(
        record_text(id="other", title="Other", year="2014", how="[node-link]", in_2018_table="true"), name="other.yaml"
    )
    loaded = survey.load(tmp_path)
    assert ids(loaded) == ["good", "other"]
    assert ids(loaded.query("in:2018")) == ["other"]
    assert ids(loaded.query("-how:node-link year:2018..")) == ["good"]
