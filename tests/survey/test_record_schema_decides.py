"""A record is checked against its JSON Schema: the schema generated from the field table and
the taxonomy decides what `survey validate` refuses, and its messages are what it prints.
Every message about a malformed value of any field kind comes either from the schema or
from one of the named checks of survey.records.validate.NAMED_CHECKS."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kb_helpers import record_text
from survey import load_taxonomy
from survey.records import validate
from survey.records.record_schema import KIND_SCHEMAS, checked_schemas
from survey.records.source import read_document

TAXONOMY = load_taxonomy()
MARK = "«schema» "  # put in front of every message of the schema, to tell them apart


def problems_of(tmp_path: Path, text: str, taxonomy: Any = TAXONOMY) -> list[str]:
    path = tmp_path / "good.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path, keep_positions=True)
    validate.check_document(doc, path, taxonomy)
    return [f"{p.line}:{p.column}: {p.message}" for p in doc.problems]


def with_schema(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Check records against a copy of the flagship's schema that `change` edited."""
    record, fields = (copy.deepcopy(schema) for schema in checked_schemas(TAXONOMY))
    change(record)
    change(fields)
    monkeypatch.setattr(validate, "checked_schemas", lambda taxonomy: (record, fields))


def test_a_narrowed_enum_refuses_what_the_field_table_allows(tmp_path, monkeypatch):
    assert problems_of(tmp_path, record_text(kind="article")) == []

    def no_articles(schema: dict) -> None:
        schema["properties"]["kind"]["enum"].remove("article")

    with_schema(monkeypatch, no_articles)
    [problem] = problems_of(tmp_path, record_text(kind="article"))
    assert problem.startswith("13:7: 'kind' must be one of inproceedings, preprint")  # the schema's x-message
    assert problem.endswith("not 'article'")


def test_the_message_printed_is_the_schemas(tmp_path, monkeypatch):
    def reworded(schema: dict) -> None:
        schema["properties"]["year"]["x-messages"]["minimum"] = (
            "too early: {plain} (before 1940; {latest_year} at most)"
        )

    with_schema(monkeypatch, reworded)
    assert problems_of(tmp_path, record_text(year="1900")) == [
        f"4:7: too early: 1900 (before 1940; {validate.latest_year()} at most)"
    ]


def test_an_edited_taxonomy_changes_what_is_refused(tmp_path):
    how = TAXONOMY.facet("how")
    without_line = dataclasses.replace(how, categories=tuple(c for c in how.categories if c.id != "line"))
    taxonomy = dataclasses.replace(
        TAXONOMY, facets=tuple(without_line if f.id == "how" else f for f in TAXONOMY.facets)
    )
    text = record_text(how="[line]")
    assert problems_of(tmp_path, text) == []
    [problem] = problems_of(tmp_path, text, taxonomy)
    assert problem.startswith("10:7: unknown 'how' category 'line'; allowed: node-link, scatter, instance-based")


# Malformed values of every field kind (one record each): what a contributor gets wrong.
MALFORMED: dict[str, list[dict[str, str | None]]] = {
    "id": [dict(id="Good"), dict(id="5"), dict(id="[a]"), dict(id='"good\\n"'), dict(id="other"), dict(id=None)],
    "text": [
        dict(title="[a, b]"),
        dict(title="'  '"),
        dict(authors="42"),
        dict(title=r'"A\tGood"'),
        dict(notes=r'"bell \x07"'),
        dict(title=None),
        dict(title="2018-01-01"),
    ],
    "author-list": [
        dict(author_list="[]"),
        dict(author_list="Ann Doe and Bo Roe"),
        dict(author_list="[Ann Doe, '']"),
        dict(author_list="[3]"),
        dict(author_list="['Doe, Ann']"),
        dict(author_list="[Ann Doe and Bo Roe]"),
        dict(author_list="[and Bo Roe]"),
        dict(author_list="[Ann Doe, et al.]"),
        dict(author_list="[Doe]"),
        dict(author_list="['Ann  Doe']"),
        dict(author_list=None),
    ],
    "work-kind": [dict(kind="jounral"), dict(kind="[a]"), dict(kind=None)],
    "year": [dict(year="'2018'"), dict(year="true"), dict(year="2018.5"), dict(year="1900"), dict(year="2999")],
    "venue": [dict(venue="TVGC"), dict(venue="[a]"), dict(venue="")],
    "url": [dict(url="ftp://example.org/x"), dict(url="5"), dict(url="https://example.o[rg/x"), dict(url=None)],
    "doi": [dict(doi="https://doi.org/10.1/x"), dict(doi="'10.12/x'"), dict(doi="5"), dict(doi=r'"10.1234/a\x07b"')],
    "arxiv": [dict(arxiv="1810.03910"), dict(arxiv="'arXiv:1704.01942'"), dict(arxiv="1234")],
    "published": [
        dict(published="[TVCG]"),
        dict(published="{jornal: TVCG}"),
        dict(published="{month: 13}"),
        dict(published="{volume: 24}"),
        dict(published="{year: 1850}"),
        dict(published="{year: 2999}"),
        dict(published="{url: 'doi.org/x'}"),
        dict(published="{date: 2018-03-06}"),
        dict(published="{date: March 2018}"),
        dict(published="{note: ''}"),
    ],
    "url-list": [dict(sources="[]"), dict(sources="https://example.org"), dict(sources="['see the PDF']")],
    "categories": [
        dict(how="[instance-base]"),
        dict(how="[units]"),
        dict(why="[interpretability, interpretability]"),
        dict(why="interpretability"),
        dict(how="[[a]]"),
        dict(how=""),
        dict(how=None),
    ],
    "snapshots": [dict(snapshots="[tvcg2019]"), dict(snapshots="tvcg2018"), dict(snapshots="[tvcg2018, tvcg2018]")],
    "bool": [dict(in_2018_table="'yes'"), dict(in_2018_table="5")],
    "date": [dict(added="yesterday"), dict(added="'2024-05-01'"), dict(added="[a]")],
    "text-list": [dict(corrections="['']"), dict(keywords="x"), dict(keywords=r'["a\nb"]')],
    "field-list": [dict(unverified="[titel]"), dict(unverified="['']"), dict(unverified="x")],
    "rationale": [
        dict(rationale="Because."),
        dict(rationale="{why: 'a'}"),
        dict(rationale="{why: ''}"),
        dict(rationale="{wen: 'Abstract: a'}"),
        dict(rationale='{why: "Abstract: a\\nb"}'),
        dict(in_2018_table="false", rationale=None),  # no rationale for the facets it is tagged under
    ],
}


def test_every_field_kind_has_malformed_examples():
    assert set(MALFORMED) == set(KIND_SCHEMAS)


@pytest.mark.parametrize(
    "fields", [fields for kind in MALFORMED for fields in MALFORMED[kind]], ids=lambda fields: repr(fields)[:60]
)
def test_every_message_comes_from_the_schema_or_a_named_check(tmp_path, monkeypatch, fields):
    named: list[str] = []  # what the named checks said

    def noted(check: Any) -> Any:
        def run(record: Any) -> None:
            before = len(record.doc.problems)
            check(record)
            named.extend(p.message for p in record.doc.problems[before:])

        return run

    for group in ("HINTS", "CHECKS_OF_ACCEPTED_VALUES", "CHECKS_OF_A_RECORD"):
        monkeypatch.setattr(validate, group, tuple(noted(c) for c in getattr(validate, group)))

    def marked(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("x-message", "x-missing", "x-unknown-key"):
                if key in node:
                    node[key] = MARK + node[key]
            for keyword in node.get("x-messages", {}):
                node["x-messages"][keyword] = MARK + node["x-messages"][keyword]
            for value in node.values():
                marked(value)
        elif isinstance(node, list):
            for value in node:
                marked(value)

    with_schema(monkeypatch, marked)
    problems = problems_of(tmp_path, record_text(**fields))
    assert problems, "a malformed value is refused"
    for problem in problems:
        message = problem.split(": ", 1)[1]
        from_reader = message.startswith(("cannot read value", "duplicate key"))  # the YAML reader's own
        assert message.startswith(MARK) or message in named or from_reader, problem


def test_the_named_checks_are_listed_in_one_place():
    assert validate.NAMED_CHECKS == (*validate.HINTS, *validate.CHECKS_OF_ACCEPTED_VALUES, *validate.CHECKS_OF_A_RECORD)
    assert all(check.__doc__ for check in validate.NAMED_CHECKS)  # each says what it checks


def test_a_long_list_is_checked_in_linear_time(tmp_path):
    """`uniqueItems` as jsonschema checks it compares every pair of items of a list it cannot
    sort (text and numbers mixed): 20,000 of them would take half a minute. The checker's
    own is linear, like the rest."""
    import time

    def seconds(n: int) -> float:
        text = record_text(how="[" + ", ".join(f"c{i}" if i % 2 else str(i) for i in range(n)) + "]")
        start = time.process_time()  # CPU time: what the check costs, whatever else the machine runs
        problems = problems_of(tmp_path, text)
        elapsed = time.process_time() - start
        assert len(problems) == 50  # the first 50 kept, the others counted
        return elapsed

    seconds(200)  # warm up: the schema and its validators are built once per taxonomy
    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(20_000) for _ in range(3))
    assert large < 25 * small + 0.5, (small, large)
