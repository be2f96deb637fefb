"""`survey query` and `survey stats` as a user runs them: output formats and exit codes
(on the project's records)."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
import yaml

import survey
from kb_helpers import RECORD_COUNT, WORKS_DIR, survey_command
from survey.cli import main

# The survey's 45 records gave the numbers below; works added since (issue 25: an `added`
# date) add to them, so each figure is the 45's plus the added works that match.
_WORKS = survey.load()


def added(query: str) -> int:
    """How many of the works added after the survey's 45 match `query`."""
    return sum(1 for w in _WORKS.query(query) if w.added)


def ids_of(out: str) -> list[str]:
    return out.split()


def test_query_ids(survey_cli):
    status, out, err = survey_cli("query", "how:node-link", "--format", "ids")
    assert (status, err) == (0, "")
    assert len(ids_of(out)) == 11 + added("how:node-link")
    assert "kahng2018activis" in ids_of(out)


def test_negated_term_as_cli_argument(survey_cli):
    status, out, err = survey_cli("query", "-how:node-link", "--format=ids")
    assert (status, err) == (0, "")
    assert len(ids_of(out)) == 45 - 11 + added("-how:node-link")
    assert "kahng2018activis" not in ids_of(out)


def test_venue_with_space_as_one_argument(survey_cli):
    status, out, _ = survey_cli("query", "venue:ICML VIS", "--format", "ids")
    assert status == 0
    assert ids_of(out) == ["rong2016visual", "smilkov2017direct", "zhong2017evolutionary"]
    assert survey_cli("query", 'venue:"ICML VIS"', "--format", "ids")[1] == out


def test_in_2018_and_later(survey_cli):
    table = ids_of(survey_cli("query", "in:2018", "--format", "ids")[1])
    later = ids_of(survey_cli("query", "-in:2018", "--format", "ids")[1])
    assert (len(table), len(later)) == (38, 7 + added("-in:2018"))
    assert "liu2018aevis" in later and "liu2018analyzing" in table


def test_table_format(survey_cli):
    status, out, _ = survey_cli("query", "activis")
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split() == ["id", "year", "venue", "authors", "title"]
    assert lines[1].startswith("kahng2018activis  2018  TVCG")
    assert lines[1].endswith("ActiVis: Visual Exploration of Industry-Scale Deep Neural Network Models")
    assert lines[-1] == "1 work"


def test_json_lists_the_records_with_the_yaml_field_names(survey_cli):
    status, out, _ = survey_cli("query", "in:2018", "how:node-link", "--format", "json")
    document = json.loads(out)
    records = document["works"]
    assert status == 0 and isinstance(records, list) and len(records) == 9
    assert (document["query"], document["selected"]) == ("in:2018 how:node-link", 9)
    assert document["collection"]["works"] == len(list(WORKS_DIR.glob("*.yaml")))
    for record in records:
        on_disk = yaml.safe_load((WORKS_DIR / f"{record['id']}.yaml").read_text(encoding="utf-8"))
        on_disk = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in on_disk.items()}
        assert record == on_disk
        assert list(record) == [f.name for f in survey.load_taxonomy().fields if f.name in record]  # canonical order


def test_csv_format(survey_cli):
    status, out, _ = survey_cli("query", "venue:TVCG", "how:line", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert list(rows[0]) == [
        "id",
        "title",
        "authors",
        "year",
        "venue",
        "url",
        "doi",
        "arxiv",
        "why",
        "who",
        "what",
        "how",
        "when",
        "in_2018_table",
        "collection_version",
    ]
    assert all(r["venue"] == "TVCG" and "line" in r["how"].split(";") for r in rows)
    dgm = next(r for r in rows if r["id"] == "liu2018analyzing")
    assert dgm["doi"] == "10.1109/TVCG.2017.2744938" and dgm["in_2018_table"] == "true"


def test_bibtex_format(survey_cli):
    status, out, _ = survey_cli("query", "activis", "--format", "bibtex")
    assert status == 0
    header, entry = out.split("\n\n", 1)
    assert header.startswith("@comment{Visual Analytics in Deep Learning, a living survey: ")
    assert header.endswith("; 1 selected by the query activis}")
    assert entry.startswith("@article{kahng2018activis,\n")
    assert "  title = {{ActiVis: Visual Exploration of Industry-Scale Deep Neural Network Models}}" in out
    assert "  journal = {IEEE Transactions on Visualization and Computer Graphics}" in out
    assert "  doi = {10.1109/TVCG.2017.2744718}" in out
    assert "  eprint = {1704.01942}" in out
    entries = survey_cli("query", "type:workshop", "--format", "bibtex")[1]
    # workshop papers are @inproceedings, except a preprint (smilkov2016embedding), which is @misc
    assert entries.count("@inproceedings{") == 9 and entries.count("@misc{") == 1 and "@article" not in entries


@pytest.mark.parametrize(
    "args,phrase",
    [
        (["query", "color:red"], "unknown filter 'color:'"),
        (["query", "how:nodelink"], "(did you mean 'node-link'?)"),
        (["query", "how:units"], "it is a 'what' category"),
        (["query", "-how:units"], "it is a 'what' category"),
        (["query", "venue:Nature"], "unknown venue"),
        (["query", "year:2018..2016"], "the range is empty"),
        (["stats", "--cross", "who", "colour"], "unknown facet 'colour'"),
        (["stats", "-q", "why:fun"], "unknown 'why' category"),
    ],
)
def test_unknown_facet_or_category_is_one_line_and_status_2(survey_cli, args, phrase):
    status, out, err = survey_cli(*args)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("survey: ") and phrase in err


@pytest.mark.parametrize("args", [["query", "--format", "xml"], ["query", "--bogus"], [], ["stats", "-q"]])
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert "usage: survey" in capsys.readouterr().err


def test_stats_prints_counts(survey_cli):
    status, out, _ = survey_cli("stats")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"{RECORD_COUNT} works"
    counts = {line.split()[1]: int(line.split()[0]) for line in lines if line.startswith("  ")}
    assert counts["instance-based"] == 40 + added("how:instance-based")
    assert counts["model-developers"] == 36 + added("who:model-developers")
    assert counts["TVCG"] == 15 + added("venue:TVCG")
    assert counts["2017"] == 16 + added("year:2017")


def test_stats_on_a_query_with_negation(survey_cli):
    assert survey_cli("stats", "-q", "in:2018")[1].splitlines()[0] == "38 works"
    assert survey_cli("stats", "-q", "-how:node-link")[1].splitlines()[0] == f"{34 + added('-how:node-link')} works"


def test_stats_cross(survey_cli):
    status, out, _ = survey_cli("stats", "--cross", "who", "how", "-q", "in:2018")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "how",
        "node-link",
        "scatter",
        "line",
        "instance-based",
        "interactive-experimentation",
        "algorithms",
    ]
    rows = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in lines[2:]}
    assert set(rows) == {"model-developers", "model-users", "non-experts"}
    assert rows["model-developers"][3] == 26  # developers x instance-based, 2018 table
    assert rows["non-experts"][4] == 11


def test_query_console_script(tmp_path):
    command = survey_command()
    ok = subprocess.run(
        [*command, "query", "-how:node-link", "in:2018", "--format", "ids"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    assert len(ok.stdout.split()) == 38 - 9
    bad = subprocess.run([*command, "query", "how:nope"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1
