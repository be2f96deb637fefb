"""The fields of a record: one table that validation, the JSON Schema and the record
writer all read, so that they cannot disagree."""
from __future__ import annotations

from dataclasses import dataclass

from survey.records.taxonomy import TAGGED_FACETS


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # how the value is checked; see survey.records.validate.CHECKS
    required: bool
    doc: str  # one line for contributors and the JSON Schema


FIELDS: tuple[Field, ...] = (
    Field("id", "id", True, "Unique key in the survey's style (lastnameYEARkeyword); equals the file name."),
    Field("title", "text", True, "Title of the paper or system."),
    Field("authors", "text", True, "Authors as the survey's table writes them, e.g. 'Kahng, et al.'."),
    Field("author_list", "text-list", False, "The full list of authors, one per item."),
    Field("year", "year", True, "Year of publication."),
    Field("venue", "venue", True, "Venue abbreviation, a key of survey/venues.yaml, e.g. 'TVCG'."),
    Field("url", "url", True, "Link to the paper or project page (http or https)."),
    Field("doi", "doi", False, "DOI without the resolver, e.g. '10.1109/TVCG.2017.2744718'."),
    Field("arxiv", "arxiv", False, "arXiv identifier, quoted, e.g. \"1704.01942\"."),
    *(Field(f, "categories", True, f"Categories of the '{f}' question (ids from survey/taxonomy.yaml); [] for none.")
      for f in TAGGED_FACETS),
    Field("in_2018_table", "bool", False, "True for the 38 works of the 2018 paper's overview table."),
    Field("added", "date", False, "Date the work was added to the knowledge base (YYYY-MM-DD)."),
    Field("rationale", "text", False, "Why the work has these tags, for reviewers and readers."),
    Field("unverified", "field-list", False, "Names of bibliographic fields not yet checked against the source."),
    Field("survey_key", "text", False, "The work's key in the survey site's data, where the id differs."),
    Field("survey_url", "url", False, "The URL in the survey site's data, where `url` corrects it."),
    Field("notes", "text", False, "Provenance and remarks."),
)

FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
