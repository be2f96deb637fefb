"""The query language on a small fixture collection: OR within a facet, AND across,
negation, years, venues, venue types, the 2018 table, and words."""
from __future__ import annotations

import pytest

import survey
from kb_helpers import record_text
from survey import Collection, QueryError, Work, parse_query


def work(id, title, authors, year, venue, in_2018_table=False, **tags):
    return Work(id=id, title=title, authors=authors, year=year, venue=venue,
                url=f"https://example.org/{id}", in_2018_table=in_2018_table,
                tags={f: tuple(tags.get(f, ())) for f in ("why", "who", "what", "how", "when")})


@pytest.fixture(scope="module")
def works() -> Collection:
    return Collection([
        work("alpha2015lstm", "Visualizing LSTM Hidden State", "Alpha, et al.", 2015, "TVCG", True,
             why=["interpretability"], who=["model-developers"], how=["instance-based", "line"], when=["after"]),
        work("beta2016graph", "Graph Views of Networks", "Beta & Gamma", 2016, "ICML VIS", True,
             why=["debugging"], who=["model-developers"], how=["node-link"], when=["during"]),
        work("gamma2017play", "A Playground for Neural Nets", "Gamma, et al.", 2017, "VADL", True,
             why=["education"], who=["non-experts"], how=["interactive-experimentation", "node-link"]),
        work("delta2018embed", "Embedding Projector", "Delta, et al.", 2018, "arXiv", False,
             why=["interpretability"], who=["model-users"], how=["scatter", "instance-based"], when=["after"]),
        work("epsilon2019saliency", "Saliency for LSTM models", "Épsilon, et al.", 2019, "Distill", False,
             why=["interpretability", "education"], who=["non-experts"], how=["algorithms"]),
    ])


def ids(collection) -> list[str]:
    return [w.id for w in collection]


@pytest.mark.parametrize("query,expected", [
    ("", ["alpha2015lstm", "beta2016graph", "gamma2017play", "delta2018embed", "epsilon2019saliency"]),
    ("how:node-link", ["beta2016graph", "gamma2017play"]),
    # OR within one facet
    ("how:node-link how:scatter", ["beta2016graph", "delta2018embed", "gamma2017play"]),
    ("who:model-users who:non-experts", ["delta2018embed", "epsilon2019saliency", "gamma2017play"]),
    # AND across facets
    ("how:instance-based why:interpretability", ["alpha2015lstm", "delta2018embed"]),
    ("how:instance-based who:model-users", ["delta2018embed"]),
    ("how:node-link why:interpretability", []),
    # both at once: (node-link OR instance-based) AND (debugging OR education)
    ("how:node-link how:instance-based why:debugging why:education", ["beta2016graph", "gamma2017play"]),
    # negation
    ("-how:node-link", ["alpha2015lstm", "delta2018embed", "epsilon2019saliency"]),
    ("-how:node-link -how:instance-based", ["epsilon2019saliency"]),
    ("why:interpretability -who:non-experts", ["alpha2015lstm", "delta2018embed"]),
    ("-when:after -when:during", ["epsilon2019saliency", "gamma2017play"]),
    # years
    ("year:2016..2018", ["beta2016graph", "delta2018embed", "gamma2017play"]),
    ("year:2017..", ["delta2018embed", "epsilon2019saliency", "gamma2017play"]),
    ("year:..2015", ["alpha2015lstm"]),
    ("year:2016", ["beta2016graph"]),
    ("-year:2016..2018", ["alpha2015lstm", "epsilon2019saliency"]),
    # venues and venue types
    ("venue:TVCG", ["alpha2015lstm"]),
    ("venue:tvcg", ["alpha2015lstm"]),
    ('venue:"ICML VIS"', ["beta2016graph"]),
    ("venue:TVCG venue:arXiv", ["alpha2015lstm", "delta2018embed"]),
    ("type:workshop", ["beta2016graph", "gamma2017play"]),
    ("type:journal", ["alpha2015lstm", "epsilon2019saliency"]),
    ("-type:workshop -type:journal", ["delta2018embed"]),
    # the 2018 table
    ("in:2018", ["alpha2015lstm", "beta2016graph", "gamma2017play"]),
    ("-in:2018", ["delta2018embed", "epsilon2019saliency"]),
    ("in:2018 how:node-link -why:education", ["beta2016graph"]),
    # words in titles and authors, case-insensitive; all must match
    ("lstm", ["alpha2015lstm", "epsilon2019saliency"]),
    ("LSTM", ["alpha2015lstm", "epsilon2019saliency"]),
    ("gamma", ["beta2016graph", "gamma2017play"]),
    ("lstm saliency", ["epsilon2019saliency"]),
    ('"hidden state"', ["alpha2015lstm"]),
    ('"state hidden"', []),
    ("épsilon", ["epsilon2019saliency"]),
    ("-lstm -gamma", ["delta2018embed"]),
    # facet names and categories are case-insensitive too
    ("HOW:Node-Link", ["beta2016graph", "gamma2017play"]),
])
def test_query_selects(works, query, expected):
    assert sorted(ids(works.query(query))) == sorted(expected)


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
    query = parse_query(['-how:node-link', 'venue:ICML VIS', 'year:2016..2018', 'LSTM'])
    assert str(query) == '-how:node-link venue:"ICML VIS" year:2016..2018 lstm'
    assert str(parse_query(str(query))) == str(query)


@pytest.mark.parametrize("query,phrases", [
    ("color:red", ["unknown filter 'color:'", "use one of why:, who:, what:, how:, when:, year:, venue:, type:, in:"]),
    ("hw:node-link", ["unknown filter 'hw:'", "(did you mean 'how'?)"]),
    ("how:nodelink", ["unknown 'how' category in 'how:nodelink'", "(did you mean 'node-link'?)", "allowed: node-link"]),
    ("how:units", ["it is a 'what' category: what:units"]),
    ("venue:TVGC", ["unknown venue in 'venue:TVGC'", "(did you mean 'TVCG'?)"]),
    ("type:conference", ["unknown venue type in 'type:conference'", "known: vis-hci-conference"]),
    ("year:18", ["cannot read 'year:18'", "year:2016..2018"]),
    ("year:2018..2016", ["the range is empty"]),
    ("in:2017", ["write in:2018"]),
])
def test_query_errors_say_how_to_fix(works, query, phrases):
    with pytest.raises(QueryError) as caught:
        works.query(query)
    message = str(caught.value)
    assert "\n" not in message
    for phrase in phrases:
        assert phrase in message


def test_fixture_records_on_disk_load_and_query(write_record, tmp_path):
    write_record(record_text())
    write_record(record_text(id="other", title="Other", year="2014", how="[node-link]", in_2018_table="true"),
                 name="other.yaml")
    loaded = survey.load(tmp_path)
    assert ids(loaded) == ["good", "other"]
    assert ids(loaded.query("in:2018")) == ["other"]
    assert ids(loaded.query("-how:node-link year:2018..")) == ["good"]
