"""The fields of a record: one table that the JSON Schema (which validation checks records
against) and the record writer read, so that they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# The flagship's tagged facets and snapshot field; survey.records.taxonomy keeps the same
# names (this module cannot import it: the taxonomy builds its fields from here).


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # how the value is checked: its schema, survey.records.record_schema.KIND_SCHEMAS
    required: bool
    doc: str  # one line for contributors and the JSON Schema
    # Required, yet may be left out where `unverified` names it: a fact no source confirmed
    # is left out rather than guessed.
    waived_if_unverified: bool = False


# What a work is; each kind has its own BibTeX entry type (survey.query.formats).
WORK_KINDS: tuple[str, ...] = (
    "article",
    "inproceedings",
    "preprint",
    "online",
    "mastersthesis",
    "phdthesis",
    "techreport",
    "software",
    "book",
    "incollection",
    "unpublished",
    "misc",
)

# The keys of `published` and how each is checked (survey.records.record_schema):
# "text" non-empty text, "year" a year, "month" 1-12, "url" an http(s) link,
# "date" quoted 'YYYY-MM-DD' (or 'YYYY-MM', 'YYYY').
PUBLISHED_KEYS: dict[str, str] = {
    "title": "text",
    "year": "year",
    "month": "month",
    "journal": "text",
    "booktitle": "text",
    "volume": "text",
    "number": "text",
    "pages": "text",
    "publisher": "text",
    "school": "text",
    "institution": "text",
    "report_number": "text",
    "url": "url",
    "date": "date",
    "note": "text",
}

_BEFORE_FACETS: tuple[Field, ...] = (
    Field("id", "id", True, "Unique key in the survey's style (lastnameYEARkeyword); equals the file name."),
    Field("title", "text", True, "Title of the paper or system."),
    Field(
        "authors",
        "text",
        True,
        "Authors in the survey's short form: 'Doe' for one, 'Doe & Roe' for two, "
        "'Doe, et al.' for more. Left out only where `unverified` names it (a work whose source names no author).",
        waived_if_unverified=True,
    ),
    Field(
        "author_list",
        "author-list",
        True,
        "The full, ordered author list, each 'Given Family' as printed (diacritics kept), "
        "e.g. [Jane Doe, Richard Roe]. Left out only where `unverified` names it.",
        waived_if_unverified=True,
    ),
    Field(
        "kind",
        "work-kind",
        True,
        "What the work is, which decides its BibTeX entry type: " + ", ".join(WORK_KINDS) + ".",
    ),
    Field(
        "year",
        "year",
        True,
        "Year as the survey gives it; the citation's year, where it differs, is published.year. "
        "Left out only where `unverified` names it (an imported entry without a year).",
        waived_if_unverified=True,
    ),
    Field("venue", "venue", True, "Venue abbreviation, a key of the project's venues (venues.yaml)."),
    Field("url", "url", True, "Link to the paper or project page (http or https).", waived_if_unverified=True),
    Field("doi", "doi", False, "DOI without the resolver: '10.' and the rest, not 'https://doi.org/10.'."),
    Field("arxiv", "arxiv", False, 'arXiv identifier, quoted: "YYMM.NNNNN" (or "YYMM.NNNN").'),
    Field(
        "published",
        "published",
        False,
        "The version of record where it adds to or differs from `year`/`venue` (the survey's): "
        + ", ".join(PUBLISHED_KEYS)
        + "; `published.year` is the citation's year.",
    ),
    Field(
        "sources",
        "url-list",
        True,
        "Where the bibliographic facts were seen: http(s) URLs, at least one.",
        waived_if_unverified=True,
    ),
)
_AFTER_FACETS: tuple[Field, ...] = (
    Field(
        "keywords",
        "text-list",
        False,
        "Plain tags that belong to no facet, as the survey wrote them (e.g. SurVis tags without 'facet:').",
    ),
    Field("added", "date", False, "Date the work was added to the knowledge base (YYYY-MM-DD)."),
    Field(
        "rationale",
        "rationale",
        False,
        "Why the work has its tags: per tagged facet, one line '<Where>: <quote or close "
        "paraphrase>', where <Where> names the part of the paper (Abstract, Introduction, "
        "Section 3, Figure 2, Project page). Required for each tagged facet of a work that "
        "belongs to no snapshot.",
    ),
    Field(
        "unverified",
        "field-list",
        False,
        "Names of bibliographic fields no source confirmed: record fields or `published` keys.",
    ),
    Field("corrections", "text-list", False, "Where the survey's own data is wrong, one sentence each."),
    Field("survey_key", "text", False, "The work's key in the survey site's data, where the id differs."),
    Field("survey_url", "url", False, "The URL in the survey site's data, where `url` corrects it."),
    Field("notes", "text", False, "Provenance and remarks."),
    Field("abstract", "text", False, "The paper's abstract as the source gives it (may span lines)."),
)


@cache
def record_fields(
    facets: tuple[str, ...], snapshot_fields: tuple[tuple[str, str], ...], snapshots: bool = True
) -> tuple[Field, ...]:
    """The fields of a record of a survey with these tagged facets, in canonical order: one
    list of categories per facet, then `snapshots` (when the survey names any) and each
    snapshot's own true/false field, given as (field, snapshot label) pairs (a taxonomy's
    `fields` passes its own)."""
    return (
        *_BEFORE_FACETS,
        *(
            Field(f, "categories", True, f"Categories of the '{f}' facet (ids from the taxonomy); [] for none.")
            for f in facets
        ),
        *(
            (
                Field(
                    "snapshots",
                    "snapshots",
                    False,
                    "The snapshots (ids of survey.yml's snapshots) the work belongs to.",
                ),
            )
            if snapshots
            else ()
        ),
        *(Field(name, "bool", False, f"True for {label}.") for name, label in snapshot_fields),
        *_AFTER_FACETS,
    )


def unverifiable(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """What `unverified` may name: a record field or a key of `published`."""
    return tuple(dict.fromkeys([f.name for f in fields] + list(PUBLISHED_KEYS)))
