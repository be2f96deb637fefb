"""The JSON Schema (draft 2020-12) of a record, generated from the field table
(survey.records.schema) and the taxonomy: what `survey validate` checks every record
against (survey.records.validate runs it through survey.records.schema_check), and what
editors with a YAML language server read.

Each field's schema carries the messages `survey validate` prints: `x-message` for a value
that does not fit, `x-messages` for a keyword or an empty value with a message of its own
(`minimum`: "year 1900 is out of range"), `x-missing` for a required field left out and
`x-unknown-key` for a key the mapping does not know; they come from one table per field
kind, `KIND_SCHEMAS`, beside the schema they describe. Editors ignore them.

`survey schema` prints the schema; `survey/record.schema.json` is the committed copy (a test
keeps it equal to the output). What a schema cannot say stays with `survey validate`, as
the named checks of survey.records.validate: the id equals the file name, the year is at
most next year, a date is written quoted or not, hints for a value as BibTeX or YAML wrote
it, control characters in text, and no work is recorded twice. The root's `allOf` (a field
left out only where `unverified` names it; a rationale for each tagged facet of a work
outside every snapshot) is said for editors; `survey validate` checks the same rules as
named checks, which say more and cost far less (jsonschema evaluates every branch of an
`anyOf` or `if` for every record: they made its schema check seven times slower).
(Named record_schema, not jsonschema, so as not to shadow the jsonschema package.)
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from survey.records.identity_cache import IdentityCache
from survey.records.schema import PUBLISHED_KEYS, WORK_KINDS, Field, unverifiable
from survey.records.taxonomy import Taxonomy

DRAFT = "https://json-schema.org/draft/2020-12/schema"
MIN_YEAR = 1940  # artificial neural networks were first described in the 1940s

# Control characters: C0, DEL and C1 (line separators are whitespace, `\s`). Written as
# escapes that both Python and ECMA-262 (editors) read.
_CONTROLS = r"\x00-\x1f\x7f-\x9f"
# Always matched to the end (survey.records.schema_check: `$` alone would accept a
# trailing newline). The anchors stay for the JSON Schema, whose patterns are not anchored.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
DOI_PATTERN = re.compile(rf"^10\.\d{{4,9}}/[^\s{_CONTROLS}]+$")
DOI_LINK_PATTERN = r"^(\w+://)?[^/\s]*doi\.org"  # https://doi.org/10..., dx.doi.org/10...: never a DOI
# New-style (2007-) and old-style (math.GT/0309136) arXiv identifiers, optional version.
ARXIV_PATTERN = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
# One facet's rationale: where in the paper it comes from ("Abstract", "Section 3", "Project
# page": a capital or digit first, no colon), a colon, then the quote or close paraphrase.
RATIONALE_PATTERN = re.compile(r"^[A-Z0-9][^:]{0,59}: +\S.*$")
RATIONALE_EXAMPLE = "'Abstract: \"<quote or close paraphrase>\"'"
DATE_TEXT_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# http(s), a host (an IPv6 address in brackets, as urllib reads one), then no whitespace or
# control character anywhere.
_HOST = rf"[^\s{_CONTROLS}/?#\[\]]"
_IPV6_HOST = rf"(?:{_HOST}*@)?\[[0-9A-Fa-f:.]+\](?::[0-9]*)?"  # [user@][::1][:port]
URL_PATTERN = rf"^[Hh][Tt][Tt][Pp][Ss]?://(?:{_HOST}+|{_IPV6_HOST})(?:[/?#][^\s{_CONTROLS}]*)?$"
# An author "Given Family": two or more words, no comma, one space between words (a
# non-breaking one too), no "et al." or "and others" (validation's named check
# `author_name_problem` says which, with a hint).
AUTHOR_PATTERN = r"^(?!.*\bet\.?\s+al\b)(?!and others$)[^\s,]+(\s[^\s,]+)+$"
VISIBLE = r"\S"  # text with a visible character (JSON Schema patterns are searched)

# Placeholders the messages use besides schema_check's own: filled in when a record is checked.
LATEST_YEAR = "{latest_year}"  # next year: the latest a record may give (it depends on the date)

Schema = dict[str, Any]


def _text(name: str) -> Schema:
    """Non-empty text; one line unless the field is notes or abstract (a named check)."""
    return {"type": "string", "pattern": VISIBLE, "x-message": f"'{name}' must be non-empty text, not {{value}}"}


def _year(what: str, earliest: int) -> Schema:
    return {
        "type": "integer",
        "minimum": earliest,
        "x-message": f"{what} must be a whole number such as 2018, not {{value}}",
        "x-messages": {"minimum": f"{what} {{plain}} is out of range: expected {earliest} to {LATEST_YEAR}"},
    }


def _link(name: str, many: bool = False) -> Schema:
    return {
        "type": "string",
        "pattern": URL_PATTERN,
        "x-message": (
            f"'{name}' items must be http:// or https:// links without spaces, not {{value}}"
            if many
            else f"'{name}' must be an http:// or https:// link without spaces or control characters, not {{value}}"
        ),
    }


def _url(field: Field, taxonomy: Taxonomy) -> Schema:
    return {**_link(field.name), "x-messages": {"type": f"'{field.name}' must be an http or https link, not {{value}}"}}


def _id(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "string",
        "pattern": ID_PATTERN.pattern,
        "x-message": "id must be lowercase letters, digits, '-' or '_', starting with a letter "
        "(e.g. doe2020keyword: first author, year, a word of the title), not {value}",
    }


def _doi(field: Field, taxonomy: Taxonomy) -> Schema:
    rule = "doi must look like 10.PREFIX/SUFFIX (e.g. 10.1000/xyz123)"
    return {
        "type": "string",
        "not": {"pattern": DOI_LINK_PATTERN},  # a link to the resolver: said with its own hint
        "pattern": DOI_PATTERN.pattern,
        "x-message": f"{rule}, not {{value}}",
        "x-messages": {"not": f"{rule} (leave out the https://doi.org/ prefix), not {{value}}"},
    }


def _arxiv(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "string",
        "pattern": ARXIV_PATTERN.pattern,
        "x-message": "arxiv must be an arXiv identifier such as \"1704.01942\" (no 'arXiv:' prefix or link), "
        "not {value}",
    }


def _text_list(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "array",
        "items": {**_text(field.name), "x-message": f"'{field.name}' items must be non-empty text, not {{value}}"},
        "x-message": f"'{field.name}' must be a list of text items, not {{value}}",
    }


def _field_list(field: Field, taxonomy: Taxonomy) -> Schema:
    listed = _text_list(field, taxonomy)
    items = {
        **listed["items"],
        "enum": list(unverifiable(taxonomy.fields)),
        "x-messages": {"enum": f"'{field.name}' lists field names; {{value}} is not one{{suggestion}}"},
    }
    return {**listed, "items": items}


def _snapshots(field: Field, taxonomy: Taxonomy) -> Schema:
    known = [s.id for s in taxonomy.snapshots]
    return {
        "type": "array",
        "uniqueItems": True,
        "items": {
            "type": "string",
            "enum": known,
            "x-message": "unknown snapshot {value}{suggestion}; survey.yml names: {allowed}",
        },
        "x-message": f"'{field.name}' must be a list of snapshot ids like [{known[0] if known else 'id'}], not {{value}}",
        "x-messages": {"uniqueItems": "snapshot {value} is listed twice"},
    }


def _author_list(field: Field, taxonomy: Taxonomy) -> Schema:
    name = field.name
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "string",
            "pattern": AUTHOR_PATTERN,
            "x-message": f"'{name}' items must be author names, one each, written 'Given Family' with single "
            "spaces (e.g. 'Jane Doe'), not {value}",
        },
        "x-message": f"'{name}' must list every author, one item each, e.g. [Jane Doe, Richard Roe], not {{value}}",
    }


def _work_kind(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "enum": list(WORK_KINDS),
        "x-message": f"'{field.name}' must be one of {{allowed}}, not {{value}}{{suggestion}}",
    }


def _url_list(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "array",
        "minItems": 1,
        "items": _link(field.name, many=True),
        "x-message": f"'{field.name}' must list at least one http(s) link where the facts were seen, not {{value}}",
    }


def _venue(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "string",
        "enum": list(taxonomy.venues),
        "x-message": "venue must be the abbreviation of a venue of the project's venues file, not {value}",
        "x-messages": {
            "enum": "unknown venue {value}{suggestion}; known venues are listed in survey/venues.yaml "
            "(add a new one there)"
        },
    }


def _bool(field: Field, taxonomy: Taxonomy) -> Schema:
    return {"type": "boolean", "x-message": f"'{field.name}' must be true or false, not {{value}}"}


def _date(field: Field, taxonomy: Taxonomy) -> Schema:
    # YAML reads 2024-05-01 as a date, which the record checks see as its text (a named
    # check says that it is written without quotes); an editor sees text in any case.
    return {
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "x-message": f"'{field.name}' must be a date written YYYY-MM-DD, not {{value}}",
    }


# The keys of `published`, by their kind (survey.records.schema.PUBLISHED_KEYS).
def _published_key(key: str, kind: str, taxonomy: Taxonomy) -> Schema:
    name = f"'published.{key}'"
    if kind == "year":
        return _year("year", taxonomy.earliest_year)
    if kind == "month":
        return {
            "type": "integer",
            "minimum": 1,
            "maximum": 12,
            "x-message": f"{name} must be a month number 1 to 12, not {{value}}",
        }
    if kind == "url":
        return {**_link(""), "x-message": f"{name} must be an http:// or https:// link without spaces, not {{value}}"}
    if kind == "date":
        return {
            "type": "string",
            "pattern": DATE_TEXT_PATTERN.pattern,
            "x-message": f"{name} must be a quoted date 'YYYY-MM-DD' (or 'YYYY-MM'), not {{value}}",
        }
    return {**_text(""), "x-message": f"{name} must be non-empty text, not {{value}}"}


def _published(field: Field, taxonomy: Taxonomy) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: _published_key(key, kind, taxonomy) for key, kind in PUBLISHED_KEYS.items()},
        "x-message": f"'{field.name}' must be a mapping of {', '.join(PUBLISHED_KEYS)}, not {{value}}",
        "x-unknown-key": f"unknown key {{key}} in '{field.name}'{{suggestion}}; allowed: {{known}}",
        "x-unknown-key-at": "value",
    }


def _categories(field: Field, taxonomy: Taxonomy) -> Schema:
    facet = taxonomy.facet(field.name)
    ids = [c.id for c in facet.categories]
    allowed = ", ".join(ids)
    guide = "; ".join(f"{c.id}: {c.description}" for c in facet.categories)
    return {
        "type": "array",
        "uniqueItems": True,
        "items": {
            "type": "string",
            "enum": ids,
            "x-message": f"'{field.name}' items must be category ids, not {{value}}",
            "x-messages": {"enum": f"unknown '{field.name}' category {{value}}{{suggestion}}; allowed: {{allowed}}"},
        },
        "description": f"{field.doc} {facet.question} {guide}",
        "x-message": f"'{field.name}' must be a list of categories like [{ids[0]}], not {{value}}",
        "x-messages": {
            "null": f"'{field.name}' has no categories yet: choose from {allowed}, or write [] if none applies",
            "uniqueItems": f"category {{value}} is listed twice in '{field.name}'",
        },
        "x-missing": f"missing required field '{field.name}': list its categories, one of {allowed}, or [] for none",
    }


def _rationale(field: Field, taxonomy: Taxonomy) -> Schema:
    facets = taxonomy.tagged_ids
    name = field.name
    example = f"{facets[0] if facets else 'facet'}: {RATIONALE_EXAMPLE}"

    def line(facet: str) -> Schema:
        return {
            "type": "string",
            "minLength": 1,
            "pattern": RATIONALE_PATTERN.pattern,
            "x-message": f"'{name}.{facet}' must be one line '<Where>: <quote>', e.g. {RATIONALE_EXAMPLE}, "
            "not {value}",
            "x-messages": {
                "pattern": f"'{name}.{facet}' must begin with where in the paper it comes from and a colon "
                f"(Abstract, Introduction, Section 3, Figure 2, Project page), e.g. {RATIONALE_EXAMPLE}, not {{value}}"
            },
        }

    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {facet: line(facet) for facet in facets},
        "x-message": f"'{name}' must map each tagged facet to one line '<Where>: <quote>', e.g. {example}, "
        "not {value}",
        "x-unknown-key": f"unknown facet {{key}} in '{name}'{{suggestion}}; tagged facets: {{known}}",
        "x-unknown-key-at": "value",
    }


# One schema per field kind (survey.records.schema.Field.kind), with its messages.
KIND_SCHEMAS: dict[str, Callable[[Field, Taxonomy], Schema]] = {
    "id": _id,
    "text": lambda f, t: _text(f.name),
    "text-list": _text_list,
    "field-list": _field_list,
    "snapshots": _snapshots,
    "author-list": _author_list,
    "work-kind": _work_kind,
    "url-list": _url_list,
    "published": _published,
    "year": lambda f, t: _year("year", t.earliest_year),
    "venue": _venue,
    "url": _url,
    "doi": _doi,
    "arxiv": _arxiv,
    "bool": _bool,
    "date": _date,
    "categories": _categories,
    "rationale": _rationale,
}


def _field_schema(field: Field, taxonomy: Taxonomy) -> Schema:
    schema = {"description": field.doc, **KIND_SCHEMAS[field.kind](field, taxonomy)}
    schema.setdefault("x-missing", f"missing required field '{field.name}': {field.doc}")
    return schema


def _rationale_required(taxonomy: Taxonomy) -> list[Schema]:
    """A work in no snapshot of a survey that names snapshots needs a rationale for each facet
    it lists a category of (validation's named check, said as if/then: a facet with a
    category, and no snapshot field true nor a snapshot listed, requires `rationale.<facet>`)."""
    members = [{"required": [s.field], "properties": {s.field: {"const": True}}} for s in taxonomy.snapshots if s.field]
    if taxonomy.snapshots:
        members.append({"required": ["snapshots"], "properties": {"snapshots": {"minItems": 1}}})
    rules: list[Schema] = []
    if not members:
        return rules  # a survey without snapshots: every work is its own (see the validator)
    for facet in taxonomy.tagged_ids:
        tagged: Schema = {
            "required": [facet],
            "properties": {facet: {"minItems": 1}},
            "not": {"anyOf": members},
        }
        rules.append(
            {"if": tagged, "then": {"required": ["rationale"], "properties": {"rationale": {"required": [facet]}}}}
        )
    return rules


def field_schemas(taxonomy: Taxonomy) -> Schema:
    """The schema of a mapping of record fields, each optional and none unknown refused:
    what an importer checks a field with before it writes it into a record."""
    return {"type": "object", "properties": {f.name: _field_schema(f, taxonomy) for f in taxonomy.fields}}


def _checked_schema(taxonomy: Taxonomy) -> Schema:
    """The record schema without its root `allOf` (see the module's docstring)."""
    fields = taxonomy.fields
    return {
        "type": "object",
        "properties": field_schemas(taxonomy)["properties"],
        "required": [f.name for f in fields if f.required and not f.waived_if_unverified],
        "additionalProperties": False,
        "x-message": "a record must be a mapping of fields (id:, title:, ...), not {value}",
        "x-unknown-key": "unknown field {key}{suggestion}; allowed fields: {known}",
    }


def record_schema(taxonomy: Taxonomy, survey_title: str) -> Schema:
    """The JSON Schema of one record file of the survey `survey_title`."""
    fields = taxonomy.fields
    checked = _checked_schema(taxonomy)
    return {
        "$schema": DRAFT,
        "title": f"A work of the survey '{survey_title}'",
        "description": (
            "One record of survey/works/. Generated by `survey schema` from "
            "survey/schema.py and survey/taxonomy.yaml; `survey validate` checks records "
            "against it, and also that the id equals the file name, the year is at most "
            "next year, dates are unquoted and no work is recorded twice."
        ),
        **{key: checked[key] for key in ("type", "properties", "required")},
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
        **{key: checked[key] for key in ("additionalProperties", "x-message", "x-unknown-key")},
    }


# The schemas records are checked against, per taxonomy, built once.
_checked: IdentityCache[Taxonomy, tuple[Schema, Schema]] = IdentityCache(limit=8)


def checked_schemas(taxonomy: Taxonomy) -> tuple[Schema, Schema]:
    """What `survey validate` checks a record against, and a mapping of fields (see
    `field_schemas`): the record schema of `taxonomy` less the root's `allOf`, whose rules
    survey.records.validate checks by name. Built once per taxonomy."""
    return _checked.get(taxonomy, _checked_schemas)


def _checked_schemas(taxonomy: Taxonomy) -> tuple[Schema, Schema]:
    checked = _checked_schema(taxonomy)
    return checked, {"type": "object", "properties": checked["properties"]}


def schema_json(taxonomy: Taxonomy, survey_title: str) -> str:
    """The schema as the committed file holds it: indented JSON, a final newline."""
    return json.dumps(record_schema(taxonomy, survey_title), indent=2, ensure_ascii=False) + "\n"
