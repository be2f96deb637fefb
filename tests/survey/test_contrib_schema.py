"""The JSON Schema of a record: the committed copy is what `survey schema` prints, it is a
valid draft 2020-12 schema, and it agrees with `survey validate` on the project's records
and on a table of bad ones. Editors are pointed at it."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
import yaml

from kb_helpers import RECORD_COUNT, REPO, WORKS_DIR, record_text
from survey.records.record_schema import KIND_SCHEMAS
from survey import load_taxonomy
from survey.records.validate import validate_paths

SCHEMA_FILE = REPO / "survey" / "record.schema.json"


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_is_what_survey_schema_prints(survey_cli):
    status, out, err = survey_cli("schema")
    assert (status, err) == (0, "")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == out, (
        "survey/record.schema.json is stale: run `make schema` and commit it"
    )


def test_schema_is_generated_from_fields_and_taxonomy(survey_cli):
    schema = json.loads(survey_cli("schema")[1])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    fields = load_taxonomy().fields
    assert list(schema["properties"]) == [f.name for f in fields]
    waived = ("authors", "author_list", "year", "url", "sources")
    assert schema["required"] == [f.name for f in fields if f.required and f.name not in waived]
    # authors, author_list, year, url and sources are required unless `unverified` names them
    assert schema["allOf"][:5] == [
        {
            "anyOf": [
                {"required": [name]},
                {"required": ["unverified"], "properties": {"unverified": {"contains": {"const": name}}}},
            ]
        }
        for name in waived
    ]
    # a work in no snapshot needs a rationale for each facet it lists a category of
    assert [rule["then"] for rule in schema["allOf"][5:]] == [
        {"required": ["rationale"], "properties": {"rationale": {"required": [facet]}}}
        for facet in ("why", "who", "what", "how", "when")
    ]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["how"]["items"]["enum"] == [
        "node-link",
        "scatter",
        "line",
        "instance-based",
        "interactive-experimentation",
        "algorithms",
    ]
    assert "ICML VIS" in schema["properties"]["venue"]["enum"]
    assert schema["properties"]["year"]["minimum"] == 1940


def test_every_field_kind_has_a_schema():
    kinds = {field.kind for field in load_taxonomy().fields}
    assert kinds <= set(KIND_SCHEMAS)


def _as_json(data: dict) -> dict:
    """What a YAML language server sees: dates are text."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}


def test_every_record_is_valid_under_both(schema_validator):
    documents, problems = validate_paths(WORKS_DIR, load_taxonomy())
    assert problems == [] and len(documents) == RECORD_COUNT
    for doc in documents:
        errors = [e.message for e in schema_validator.iter_errors(_as_json(doc.data))]
        assert errors == [], doc.path


def test_a_record_without_an_unconfirmed_author_list_is_valid_under_both(write_record, schema_validator):
    path = write_record(record_text(author_list=None, unverified="[author_list]"))
    assert validate_paths(path, load_taxonomy())[1] == []
    assert list(schema_validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))) == []


def test_a_record_without_a_year_named_unverified_is_valid_under_both(write_record, schema_validator):
    # an imported entry without a year (SurVis shows it so) is kept, its year unconfirmed
    path = write_record(record_text(year=None, unverified="[year]"))
    assert validate_paths(path, load_taxonomy())[1] == []
    assert list(schema_validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))) == []


def test_a_new_record_with_optional_fields_is_valid_under_both(write_record, schema_validator):
    path = write_record(
        record_text(
            added="2024-05-01",
            author_list="[Ada Lovelace]",
            doi="10.1109/X.1",
            arxiv="'1704.01942'",
            in_2018_table="false",
            unverified="[doi]",
            rationale="{why: 'Abstract: because', who: 'Introduction: for', what: 'Figure 2: of', "
            "how: 'Section 3: so', when: 'Project page: then'}",
            corrections="[The survey's year is wrong.]",
            published="{year: 2019, month: 1, journal: IEEE TVCG, volume: '25', "
            "pages: 1--10, url: 'https://doi.org/10.1109/X.1', "
            "date: '2019-01-02'}",
        )
    )
    assert validate_paths(path, load_taxonomy())[1] == []
    assert list(schema_validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))) == []


# Records that both must refuse: one defect each, as in tests/survey/test_validate.py.
BAD_RECORDS = {
    "missing-title": record_text(title=None),
    "missing-facet": record_text(how=None),
    "unknown-field": record_text(rationle="typo"),
    "title-blank": record_text(title="'  '"),
    "title-list": record_text(title="[a, b]"),
    "year-text": record_text(year="'2018'"),
    "year-float": record_text(year="2018.5"),
    "year-too-early": record_text(year="1900"),
    "year-missing": record_text(year=None),
    "year-missing-unverified-other": record_text(year=None, unverified="[doi]"),
    "venue-unknown": record_text(venue="TVGC"),
    "venue-empty": record_text(venue=""),
    "url-ftp": record_text(url="ftp://example.org/x"),
    "url-no-scheme": record_text(url="example.org/paper"),
    "url-inner-space": record_text(url="https://example.org/a paper"),
    "doi-with-resolver": record_text(doi="https://doi.org/10.1109/TVCG.2017.2744718"),
    "arxiv-unquoted": record_text(arxiv="1810.03910"),
    "arxiv-prefix": record_text(arxiv="'arXiv:1704.01942'"),
    "category-unknown": record_text(how="[instance-base]"),
    "category-other-facet": record_text(how="[units]"),
    "category-twice": record_text(why="[interpretability, interpretability]"),
    "facet-left-empty": record_text(why=""),
    "facet-as-text": record_text(why="interpretability"),
    "id-pattern": record_text(id="Good"),
    "bool-as-text": record_text(in_2018_table="'yes'"),
    "date-not-a-date": record_text(added="last week"),
    "unverified-not-a-field": record_text(unverified="[titel]"),
    "author-list-blank-item": record_text(author_list="['']"),
    "author-list-missing": record_text(author_list=None),
    "author-list-empty": record_text(author_list="[]"),
    "author-et-al": record_text(author_list="[Ann Doe, et al.]"),
    "author-et-al-in-name": record_text(author_list="[Ann Doe et al.]"),
    "author-and-others": record_text(author_list="[Ann Doe, and others]"),
    "author-family-first": record_text(author_list="['Doe, Ann']"),
    "author-one-word": record_text(author_list="[Doe]"),
    "author-double-space": record_text(author_list="[Ann  Doe]"),
    "kind-unknown": record_text(kind="journal"),
    "kind-missing": record_text(kind=None),
    "sources-missing": record_text(sources=None),
    "sources-empty": record_text(sources="[]"),
    "sources-ftp": record_text(sources="[ftp://example.org/x]"),
    "published-unknown-key": record_text(published="{jornal: TVCG}"),
    "published-month-13": record_text(published="{month: 13}"),
    "published-volume-number": record_text(published="{volume: 24}"),
    "published-url-no-scheme": record_text(published="{url: example.org}"),
    "published-date-bad": record_text(published="{date: '2018-13-01'}"),
    "published-not-mapping": record_text(published="[TVCG]"),
    "unverified-author-list-but-given-none": record_text(author_list=None, unverified="[doi]"),
    "rationale-missing": record_text(rationale=None),
    "rationale-missing-a-facet": record_text(
        rationale="{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d'}"
    ),
    "rationale-as-text": record_text(rationale="Because."),
    "rationale-without-where": record_text(
        rationale="{why: 'a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d', when: 'Abstract: e'}"
    ),
    "rationale-unknown-facet": record_text(
        rationale="{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', "
        "how: 'Abstract: d', when: 'Abstract: e', wen: 'Abstract: f'}"
    ),
}


@pytest.mark.parametrize("name", BAD_RECORDS)
def test_bad_records_are_refused_by_both(name, write_record, schema_validator):
    path = write_record(BAD_RECORDS[name])
    assert validate_paths(path, load_taxonomy())[1] != [], "survey validate accepts it"
    assert list(schema_validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))) != [], (
        "the JSON Schema accepts it"
    )


def test_editors_map_the_schema_to_the_records():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./survey/record.schema.json"] == "survey/works/*.yaml"
