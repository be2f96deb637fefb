"""The JSON Schemas (draft 2020-12) of a project's settings files: `survey.yml`, the
taxonomy (`taxonomy.yaml`) and the venues (`venues.yaml`).

Declared once, here. survey.records.schema_check validates the files against them (as
`survey validate`, `survey build` and every other command read them; it checks records
against survey.records.record_schema the same way), and `write_schemas`
publishes them as `settings.schema.json`, `taxonomy.schema.json` and `venues.schema.json`
for editors with a YAML language server, next to `record.schema.json`: `make schema` for
the flagship (a test fails while the copies under survey/ are stale), `survey init` for a
new project.

Two keywords besides the standard ones:
- `errorMessage`: what is wrong with a value that does not fit its schema, in one
  sentence. VS Code's YAML and JSON language servers show it; `survey` shows it with the
  file, line and column, followed by the value found.
- `x-message`: the same for `survey` where it names the value or its key (`{value}`,
  `{key}`), which an editor's message cannot; `x-unknown-key`: how an unknown key of a
  mapping is reported (`{key}` is the key). Editors ignore both. The record schema uses a
  few more (`x-messages`, `x-missing`, `x-unknown-key-at`; survey.records.schema_check
  lists them and their placeholders).

What a schema cannot say is checked after it, in the modules that read each file: paths
stay inside the project folder (survey.records.project), no snapshot, facet or category
name is used twice, and a venue's type is one of the listed types (survey.records.taxonomy).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Text with a visible character (JSON Schema patterns are searched, not matched).
VISIBLE = r"\S"

# -- survey.yml -------------------------------------------------------------------------

# Survey-specific generated pages a project may declare; a new survey has none of them.
SURVEY_PAGES = ("takeaways",)
# A snapshot's id and the record field that also puts a work in it.
SNAPSHOT_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
# The site's address becomes MkDocs' site_url, which the themes print into links and the
# sitemap: an http(s) URL without spaces, quotes, angle brackets or backslashes. Empty means
# none.
SITE_URL_PATTERN = r"^([Hh][Tt][Tt][Pp][Ss]?://[^\s\"'<>\\`]+)?$"
# The paths survey.yml may name, relative to the project folder, with their defaults.
PATH_DEFAULTS = {"taxonomy": "taxonomy.yaml", "venues": "venues.yaml", "works": "works", "schema": "record.schema.json"}
OPTIONAL_PATHS = ("docs", "articles")
EARLIEST_YEAR = 1940  # the flagship's default: neural networks date from the 1940s


def _text(key: str, doc: str) -> dict[str, Any]:
    """An optional line of text; left empty or out, it is not given."""
    return {"type": ["string", "null"], "description": doc, "errorMessage": f"'{key}' must be text"}


def _path(key: str, doc: str) -> dict[str, Any]:
    return {
        "type": ["string", "null"],
        "description": doc,
        "errorMessage": f"'{key}' must be a path relative to the project folder",
    }


_SNAPSHOT: dict[str, Any] = {
    "type": "object",
    "description": "A fixed set of works, e.g. those of the survey paper's table.",
    "errorMessage": "a snapshot must be a mapping with 'id' and 'label'",
    "x-unknown-key": "unknown key {key} in a snapshot",
    "required": ["id", "label"],
    "additionalProperties": False,
    "properties": {
        "id": {
            "type": "string",
            "pattern": SNAPSHOT_ID_PATTERN,
            "description": "What records list under `snapshots` and `in:` takes, e.g. paper2024.",
            "errorMessage": "a snapshot's 'id' must be lowercase letters, digits, '-' or '_' (e.g. paper2024)",
        },
        "label": {
            "type": "string",
            "pattern": VISIBLE,
            "description": "What its works are, for readers, e.g. 'the works of the 2024 paper's table'.",
            "errorMessage": "a snapshot needs a 'label': what its works are",
        },
        "aliases": {
            "type": ["array", "null"],
            "items": {"type": ["string", "integer"]},
            "description": 'Other names `in:` accepts, e.g. ["2024"].',
            "errorMessage": "'aliases' must be a list of names",
        },
        "field": {
            "type": ["string", "null"],
            "pattern": SNAPSHOT_ID_PATTERN,
            "description": "A true/false record field that also puts a work in the snapshot.",
            "errorMessage": "'field' must be a record field name: lowercase letters, digits, "
            "'-' or '_' (e.g. in_paper_table)",
        },
        "short": _text("short", "Its name in charts and sentences, e.g. '2024 table' (default: the id)."),
        "since": _text("since", "What later works were added after, e.g. 'the 2024 paper' (default: 'the ' + short)."),
    },
}

SETTINGS_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "survey.yml: the settings of a survey project",
    "description": "Names the survey and its files; paths are relative to the folder of survey.yml.",
    "type": "object",
    "errorMessage": "survey.yml must be a mapping (title:, description:, snapshots:, ...)",
    "x-unknown-key": "unknown setting {key}",
    "required": ["title"],
    "additionalProperties": False,
    "properties": {
        "title": {
            "type": "string",
            "pattern": VISIBLE,
            "description": "The survey's title.",
            "errorMessage": "'title' must be non-empty text",
        },
        "description": _text("description", "One sentence for the site's home page and metadata."),
        "citation": _text("citation", "The survey paper, as readers should cite it."),
        "url": {
            "type": ["string", "null"],
            "pattern": SITE_URL_PATTERN,
            "description": "Where the site lives, e.g. https://example.org/survey/.",
            "errorMessage": "'url' must be the site's http(s) address, such as https://example.org/survey/",
        },
        "subject": _text("subject", "What the works are about, for the site's sentences, e.g. 'graph visualization'."),
        "snapshots": {
            "type": ["array", "null"],
            "items": _SNAPSHOT,
            "description": "Fixed sets of works, e.g. those of the survey paper's table.",
            "errorMessage": "'snapshots' must be a list of {id, label}",
        },
        "earliest_year": {
            "type": "integer",
            "minimum": 1,
            "maximum": 9999,
            "description": f"The earliest year a record may give (default {EARLIEST_YEAR}).",
            "errorMessage": "'earliest_year' must be a year such as 1940",
        },
        "pages": {
            "type": ["array", "null"],
            "items": {"enum": list(SURVEY_PAGES)},
            "description": "Survey-specific pages the site adds: " + ", ".join(SURVEY_PAGES) + ".",
            "errorMessage": "'pages' must be a list of survey-specific pages from: " + ", ".join(SURVEY_PAGES),
        },
        "query_examples": {
            "type": ["array", "null"],
            "items": {"type": "string"},
            "description": "Queries the table page shows as examples (default: made from the records).",
            "errorMessage": "'query_examples' must be a list of queries",
        },
        "taxonomy": _path("taxonomy", "The facets and categories (default taxonomy.yaml)."),
        "venues": _path("venues", "The publication venues (default venues.yaml)."),
        "works": _path("works", "The folder of records (default works)."),
        "schema": _path(
            "schema", "The JSON Schema of a record, as `survey schema` writes it (default record.schema.json)."
        ),
        "docs": _path("docs", "Hand-written pages and assets of the site (optional)."),
        "articles": _path("articles", "Explorable articles (optional)."),
    },
}

# -- taxonomy.yaml ----------------------------------------------------------------------

# A facet id is a record field and a query filter (`facet:value`), hence lowercase letters,
# digits and '_'; a category id is a query value, where '-' reads well too.
FACET_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
CATEGORY_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
# Names a facet cannot take: the record's other fields and the query's other filters.
RESERVED_FACET_IDS = (
    "abstract",
    "added",
    "arxiv",
    "author",
    "author_list",
    "authors",
    "corrections",
    "doi",
    "id",
    "in",
    "keywords",
    "kind",
    "notes",
    "published",
    "rationale",
    "snapshots",
    "sources",
    "survey_key",
    "survey_url",
    "text",
    "title",
    "type",
    "unverified",
    "url",
    "venue",
    "year",
)
_FACET_ID_RULE = (
    "lowercase letters, digits or '_', starting with a letter, and not a record field or "
    "query filter (" + ", ".join(RESERVED_FACET_IDS) + ")"
)


def _nonblank(what: str, doc: str) -> dict[str, Any]:
    return {"type": "string", "pattern": VISIBLE, "description": doc, "errorMessage": f"{what} must be non-empty text"}


def _id(owner: str, doc: str, pattern: str, rule: str, also: dict[str, Any] | None = None) -> dict[str, Any]:
    """Non-empty text, then (checked only for text: JSON Schema's `pattern` and `not` pass
    other values) the form of an id, with a message of its own."""
    return {
        **_nonblank(f"a {owner}'s 'id'", doc),
        "allOf": [
            {
                "pattern": pattern,
                **(also or {}),
                "errorMessage": f"a {owner} id must be {rule}",
                "x-message": f"{owner} id {{value}} must be {rule}",
            }
        ],
    }


_CATEGORY: dict[str, Any] = {
    "type": "object",
    "description": "A category of the facet; records list its id.",
    "errorMessage": "a category must be a mapping",
    "x-unknown-key": "unknown key {key} in a category",
    "required": ["id", "label", "short", "description"],
    "additionalProperties": False,
    "properties": {
        "id": _id(
            "category",
            "What records and queries write, e.g. case-study; unique across facets.",
            CATEGORY_ID_PATTERN,
            "lowercase letters, digits, '-', '_' or '.'",
        ),
        "label": _nonblank("a category's 'label'", "Its name, e.g. the survey's section title."),
        "short": _nonblank("a category's 'short'", "A column header for narrow tables."),
        "description": _nonblank("a category's 'description'", "One or two sentences for readers and contributors."),
    },
}

_FACET: dict[str, Any] = {
    "type": "object",
    "description": "One of the survey's questions; records list its categories under its id.",
    "errorMessage": "a facet must be a mapping",
    "x-unknown-key": "unknown key {key} in a facet",
    "required": ["id", "question", "color"],
    "additionalProperties": False,
    "properties": {
        "id": _id(
            "facet",
            "A record field and query filter, e.g. method.",
            FACET_ID_PATTERN,
            _FACET_ID_RULE,
            {"not": {"enum": list(RESERVED_FACET_IDS)}},
        ),
        "name": _nonblank("a facet's 'name'", "Its name where the id cannot say it, e.g. 'how (data input)'."),
        "question": _nonblank("a facet's 'question'", "The survey's question, e.g. 'Who would use it?'."),
        "color": _nonblank("a facet's 'color'", "The colour of its columns, e.g. '#d95f02'."),
        "categories": {
            "type": ["array", "null"],
            "items": _CATEGORY,
            "description": "Its categories; a facet without any (the venue) is not tagged.",
            "errorMessage": "'categories' must be a list",
        },
    },
}

TAXONOMY_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "taxonomy.yaml: the facets of a survey and their categories",
    "description": "Records list, per facet, the ids of its categories. Facet and category ids are each used once.",
    "type": "object",
    "errorMessage": "taxonomy.yaml must be a mapping",
    "x-unknown-key": "unknown key {key} in the taxonomy",
    "required": ["facets"],
    "additionalProperties": False,
    "properties": {
        "facets": {
            "type": "array",
            "items": _FACET,
            "description": "The survey's facets, in order.",
            "errorMessage": "'facets' must be a list",
        },
    },
}

# -- venues.yaml ------------------------------------------------------------------------

VENUES_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "venues.yaml: where the works appeared",
    "description": "Records name a venue by its key; a venue's type is a key of 'types'.",
    "type": "object",
    "errorMessage": "venues.yaml must be a mapping",
    "x-unknown-key": "unknown key {key} in the venues file",
    "required": ["types", "venues"],
    "additionalProperties": False,
    "properties": {
        "types": {
            "type": "object",
            "errorMessage": "'types' must be a mapping",
            "description": "Kinds of venue, key: label, in display order.",
            "additionalProperties": {
                "type": "string",
                "pattern": VISIBLE,
                "errorMessage": "the label of a venue type must be non-empty text",
                "x-message": "the label of venue type '{key}' must be non-empty text",
            },
        },
        "venues": {
            "type": "object",
            "errorMessage": "'venues' must be a mapping",
            "description": "The venues, keyed by the short name that records write in `venue`.",
            "additionalProperties": {
                "type": "object",
                "required": ["name", "type"],
                "errorMessage": "a venue must be a mapping of name, type and, optionally, aliases",
                "x-message": "venue '{key}' must be a mapping",
                "x-unknown-key": "unknown key {key} in a venue",
                "additionalProperties": False,
                "properties": {
                    "name": {
                        "type": "string",
                        "pattern": VISIBLE,
                        "description": "Its full name.",
                        "errorMessage": "a venue's name must be non-empty text",
                        "x-message": "the name of venue '{key}' must be non-empty text",
                    },
                    "type": {
                        "type": "string",
                        "pattern": VISIBLE,
                        "description": "A key of 'types', e.g. journal.",
                        "errorMessage": "a venue's type must be non-empty text",
                        "x-message": "the type of venue '{key}' must be non-empty text",
                    },
                    "aliases": {
                        "type": "array",
                        "description": "Other names publishers give it, which `survey new` recognizes in a "
                        "BibTeX entry's journal or booktitle.",
                        "errorMessage": "a venue's aliases must be a list of non-empty text",
                        "x-message": "the aliases of venue '{key}' must be a list of non-empty text",
                        "items": {
                            "type": "string",
                            "pattern": VISIBLE,
                            "errorMessage": "an alias must be non-empty text",
                        },
                    },
                },
            },
        },
    },
}

# The published files, by name: what `make schema` writes next to record.schema.json.
PUBLISHED: dict[str, dict[str, Any]] = {
    "settings.schema.json": SETTINGS_SCHEMA,
    "taxonomy.schema.json": TAXONOMY_SCHEMA,
    "venues.schema.json": VENUES_SCHEMA,
}
# Which settings file each describes, for editors' `yaml-language-server: $schema=` lines.
DESCRIBES = {
    "settings.schema.json": "survey.yml",
    "taxonomy.schema.json": "taxonomy.yaml",
    "venues.schema.json": "venues.yaml",
}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the published file holds it: indented JSON, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every published schema into `folder`; the paths written."""
    written = []
    for name, schema in PUBLISHED.items():
        path = folder / name
        partial = path.with_suffix(".json.partial")
        partial.write_text(schema_text(schema), encoding="utf-8")
        partial.replace(path)  # never a half-written schema for an editor to read
        written.append(path)
    return written
