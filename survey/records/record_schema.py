"""The JSON Schema (draft 2020-12) of a record, generated from survey.records.schema.FIELDS and the
taxonomy, for editors with a YAML language server and for other tools.

`survey schema` prints it; `survey/record.schema.json` is the committed copy (a test keeps
it equal to the output). The schema checks each file on its own and does not depend on the
date, so a few rules stay with `survey validate` alone: the id equals the file name, the
year is at most next year, a date is written unquoted, and no work is recorded twice.
(Named record_schema, not jsonschema, so as not to shadow the jsonschema package.)
"""

from __future__ import annotations

import json
from typing import Any, Callable

from survey.records.schema import PUBLISHED_KEYS, WORK_KINDS, Field, unverifiable
from survey.records.taxonomy import Taxonomy
from survey.records.validate import (
    ARXIV_PATTERN,
    DATE_TEXT_PATTERN,
    DOI_PATTERN,
    ID_PATTERN,
    MIN_YEAR,
    RATIONALE_PATTERN,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NON_BLANK: dict[str, Any] = {"type": "string", "pattern": r"\S"}  # like the validator: text with a visible character
# http(s), a host, no whitespace anywhere (the validator parses the URL the same way)
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$"


def _categories(field: Field, taxonomy: Taxonomy) -> dict[str, Any]:
    facet = taxonomy.facet(field.name)
    guide = "; ".join(f"{c.id}: {c.description}" for c in facet.categories)
    return {
        "type": "array",
        "uniqueItems": True,
        "items": {"enum": [c.id for c in facet.categories]},
        "description": f"{field.doc} {facet.question} {guide}",
    }


# An author "Given Family": two or more words, no comma, single spaces, no "et al." or
# "and others" (the validator's rules, as far as a regular expression says them).
AUTHOR_PATTERN = r"^(?!.*\bet\.? al\b)(?!and others$)[^\s,]+( [^\s,]+)+$"
URL: dict[str, Any] = {"type": "string", "pattern": URL_PATTERN}
# The keys of `published`, by how the validator checks them.
PUBLISHED_KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": dict(NON_BLANK),
    "year": {"type": "integer", "minimum": MIN_YEAR},
    "month": {"type": "integer", "minimum": 1, "maximum": 12},
    "url": URL,
    "date": {"type": "string", "pattern": DATE_TEXT_PATTERN.pattern},
}


def _published(field: Field, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: dict(PUBLISHED_KIND_SCHEMAS[kind]) for key, kind in PUBLISHED_KEYS.items()},
    }


def _rationale(field: Field, taxonomy: Taxonomy) -> dict[str, Any]:
    line = {"type": "string", "pattern": RATIONALE_PATTERN.pattern}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {facet: dict(line) for facet in taxonomy.tagged_ids},
    }


def _rationale_required(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """A work in no snapshot of a survey that names snapshots needs a rationale for each facet
    it lists a category of (the
    validator's rule, said as if/then: a facet with a category, and no snapshot field true
    nor a snapshot listed, requires `rationale.<facet>`)."""
    members = [{"required": [s.field], "properties": {s.field: {"const": True}}} for s in taxonomy.snapshots if s.field]
    if taxonomy.snapshots:
        members.append({"required": ["snapshots"], "properties": {"snapshots": {"minItems": 1}}})
    rules: list[dict[str, Any]] = []
    if not members:
        return rules  # a survey without snapshots: every work is its own (see the validator)
    for facet in taxonomy.tagged_ids:
        tagged: dict[str, Any] = {
            "required": [facet],
            "properties": {facet: {"minItems": 1}},
            "not": {"anyOf": members},
        }
        rules.append(
            {"if": tagged, "then": {"required": ["rationale"], "properties": {"rationale": {"required": [facet]}}}}
        )
    return rules


# One schema per field kind; the same kinds as survey.records.validate.CHECKS (a test checks it).
KIND_SCHEMAS: dict[str, Callable[[Field, Taxonomy], dict[str, Any]]] = {
    "id": lambda f, t: {"type": "string", "pattern": ID_PATTERN.pattern},
    "text": lambda f, t: dict(NON_BLANK),
    "text-list": lambda f, t: {"type": "array", "items": dict(NON_BLANK)},
    "field-list": lambda f, t: {"type": "array", "items": {"enum": list(unverifiable(t.fields))}},
    "snapshots": lambda f, t: {"type": "array", "uniqueItems": True, "items": {"enum": [s.id for s in t.snapshots]}},
    "author-list": lambda f, t: {
        "type": "array",
        "minItems": 1,
        "items": {"type": "string", "pattern": AUTHOR_PATTERN},
    },
    "work-kind": lambda f, t: {"enum": list(WORK_KINDS)},
    "url-list": lambda f, t: {"type": "array", "minItems": 1, "items": dict(URL)},
    "published": _published,
    "year": lambda f, t: {"type": "integer", "minimum": t.earliest_year},
    "venue": lambda f, t: {"enum": list(t.venues)},
    "url": lambda f, t: dict(URL),
    "doi": lambda f, t: {"type": "string", "pattern": DOI_PATTERN.pattern},
    "arxiv": lambda f, t: {"type": "string", "pattern": ARXIV_PATTERN.pattern},
    "bool": lambda f, t: {"type": "boolean"},
    "date": lambda f, t: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "categories": _categories,
    "rationale": _rationale,
}


def record_schema(taxonomy: Taxonomy, survey_title: str) -> dict[str, Any]:
    """The JSON Schema of one record file of the survey `survey_title`."""
    fields = taxonomy.fields
    properties: dict[str, dict[str, Any]] = {}
    for field in fields:
        schema = {"description": field.doc, **KIND_SCHEMAS[field.kind](field, taxonomy)}
        properties[field.name] = schema
    return {
        "$schema": DRAFT,
        "title": f"A work of the survey '{survey_title}'",
        "description": (
            "One record of survey/works/. Generated by `survey schema` from "
            "survey/schema.py and survey/taxonomy.yaml; `survey validate` also checks "
            "that the id equals the file name, the year is at most next year, dates "
            "are unquoted and no work is recorded twice."
        ),
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required and not f.waived_if_unverified],
        # a waivable field is required unless `unverified` names it
        "allOf": [
            *(
                {
                    "anyOf": [
                        {"required": [f.name]},
                        {"required": ["unverified"], "properties": {"unverified": {"contains": {"const": f.name}}}},
                    ]
                }
                for f in fields
                if f.waived_if_unverified
            ),
            *_rationale_required(taxonomy),
        ],
        "additionalProperties": False,
    }


def schema_json(taxonomy: Taxonomy, survey_title: str) -> str:
    """The schema as the committed file holds it: indented JSON, a final newline."""
    return json.dumps(record_schema(taxonomy, survey_title), indent=2, ensure_ascii=False) + "\n"
