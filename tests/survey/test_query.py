"""The query language on a small fixture collection, in both twins: the Python parser
(survey/query/language.py) and the JavaScript one (survey-query.js, run in node) answer the
same vectors, read from tests/query_vectors.yaml."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import survey
from kb_helpers import record_text
from site_src.pages.table import table_data
from survey import Collection, QueryError, Work, parse_query

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = survey.load_taxonomy()  # the vectors are written in the flagship's vocabulary
VECTORS = yaml.safe_load((ROOT / "tests" / "query_vectors.yaml").read_text(encoding="utf-8"))
QUERY_JS = ROOT / "site_src" / "docs" / "assets" / "js" / "survey-query.js"
FACETS = ("why", "who", "what", "how", "when")


def work(record: dict) -> Work:
    record = {"url": f"https://example.org/{record['id']}", **record}
    in_2018 = record.get("in_2018_table", False)
    return Work(id=record["id"], title=record["title"], authors=record["authors"], year=record["year"],
                venue=record["venue"], url=record["url"],
                snapshots=frozenset(record.get("snapshots", [])) | ({"tvcg2018"} if in_2018 else set()),
                tags={f: tuple(record.get(f, ())) for f in FACETS},
                author_list=tuple(record.get("author_list", ())))


@pytest.fixture(scope="module")
def works() -> Collection:
    return Collection([work(r) for r in VECTORS["works"]], FLAGSHIP)


def ids(collection) -> list[str]:
    return [w.id for w in collection]


@pytest.mark.parametrize("query,expected", VECTORS["selects"].items())
def test_query_selects(works, query, expected):
    assert sorted(ids(works.query(query))) == sorted(expected)


@pytest.mark.parametrize("query,phrases", VECTORS["errors"].items())
def test_query_errors_say_how_to_fix(works, query, phrases):
    with pytest.raises(QueryError) as caught:
        works.query(query)
    message = str(caught.value)
    assert "\n" not in message
    for phrase in phrases:
        assert phrase in message


# Runs in node: every vector through survey-query.js; prints {query: ids or {error: message}}.
_NODE_RUNNER = """
const SurveyQuery = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const query of input.queries) {
  try {
    const match = SurveyQuery.compile(SurveyQuery.parse(query, input.vocab));
    out[query] = input.works.filter(match).map(w => w.id);
  } catch (err) {
    if (!(err instanceof SurveyQuery.QueryError)) throw err;
    out[query] = {error: err.message};
  }
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def javascript_answers(works) -> dict:
    """What the JavaScript twin answers to every vector, given the vocabulary the site's
    works.json carries and the works as the table script sees them."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed to test survey-query.js")
        pytest.skip("node is not installed")
    data = table_data(works)
    vocab = {key: data[key] for key in ("facets", "venues", "venueTypes", "snapshots")}
    # Both twins' messages name an author and a venue of the survey's own records
    # (survey.query.examples), which the site's works.json carries as "examples".
    vocab["examples"] = data["examples"]
    js_works = [{"id": w.id, "title": w.title, "authors": w.authors, "authorList": list(w.author_list),
                 "year": w.year, "venue": w.venue, "snapshotIndices": row[5],
                 "tags": {f: list(w.tags[f]) for f in FACETS}} for w, row in zip(works, data["works"])]
    queries = [*VECTORS["selects"], *VECTORS["errors"]]
    result = subprocess.run([node, "-e", _NODE_RUNNER, str(QUERY_JS)], capture_output=True, text=True,
                            input=json.dumps({"vocab": vocab, "works": js_works, "queries": queries}),
                            check=True, timeout=60)
    return json.loads(result.stdout)


@pytest.mark.parametrize("query,expected", VECTORS["selects"].items())
def test_javascript_twin_selects(javascript_answers, query, expected):
    assert sorted(javascript_answers[query]) == sorted(expected)


@pytest.mark.parametrize("query,phrases", VECTORS["errors"].items())
def test_javascript_twin_errors(javascript_answers, query, phrases):
    answer = javascript_answers[query]
    assert isinstance(answer, dict), f"{query!r} selected {answer} instead of failing"
    for phrase in phrases:
        assert phrase in answer["error"]


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
    assert len(result.query("-in:2018")) == 2


def test_parsed_query_round_trips_to_text():
    query = parse_query(['-how:node-link', 'venue:ICML VIS', 'year:2016..2018', 'LSTM'], FLAGSHIP)
    assert str(query) == '-how:node-link venue:"ICML VIS" year:2016..2018 lstm'
    assert str(parse_query(str(query), FLAGSHIP)) == str(query)
    joined = parse_query('HOW:Line+Scatter author:"Minsuk Kahng"+Chau', FLAGSHIP)
    assert str(joined) == 'how:line+scatter author:"minsuk kahng"+chau'
    assert [t.values for t in joined.terms] == [("line", "scatter"), ("minsuk kahng", "chau")]
    assert str(parse_query(str(joined), FLAGSHIP)) == str(joined)


@pytest.mark.parametrize("query,message", [
    ("how:", "survey: 'how:' needs a value, e.g. how:node-link"),
    ("OR", "survey: 'OR' is not an operator"),
])
def test_cli_usage_errors(query, message):
    """A query the CLI cannot read is a usage error: one line on stderr, exit status 2."""
    result = subprocess.run([sys.executable, "-m", "survey.cli", "query", query],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize("query,hint", [
    ("hw:node-link", "(did you mean 'how'?)"),
    ("how:nodelink", "(did you mean 'node-link'?)"),
    ("venue:TVGC", "(did you mean 'TVCG'?)"),
])
def test_python_errors_suggest_the_closest_name(works, query, hint):
    with pytest.raises(QueryError, match=re.escape(hint)):
        works.query(query)


def test_fixture_records_on_disk_load_and_query(write_record, tmp_path):
    write_record(record_text())
    write_record(record_text(id="other", title="Other", year="2014", how="[node-link]", in_2018_table="true"),
                 name="other.yaml")
    loaded = survey.load(tmp_path)
    assert ids(loaded) == ["good", "other"]
    assert ids(loaded.query("in:2018")) == ["other"]
    assert ids(loaded.query("-how:node-link year:2018..")) == ["good"]
