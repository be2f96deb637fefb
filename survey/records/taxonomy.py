"""The controlled vocabulary: facets, their categories, and publication venues.

Read from `taxonomy.yaml` and `venues.yaml` beside this module (or a project's own). Their
form is declared once, in JSON Schemas (survey.records.file_schemas, published as
survey/taxonomy.schema.json and survey/venues.schema.json for editors); this module checks
the files against them, then what a schema cannot say: ids used once, venue types listed.
Everything that needs to know which categories exist (validation, query, pages) asks this
module.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from survey.records.file_schemas import RESERVED_FACET_IDS as RESERVED_FACET_ID_LIST
from survey.records.file_schemas import TAXONOMY_SCHEMA, VENUES_SCHEMA
from survey.records.problems import quoted
from survey.records.schema_check import check_against_schema
from survey.records.suggest import did_you_mean
from survey.records.source import Document, read_document

if TYPE_CHECKING:
    from survey.records.schema import Field  # which builds on this module


@dataclass(frozen=True)
class Snapshot:
    """A fixed set of works named in survey.yml, e.g. the works of a paper's table."""

    id: str  # what records list under `snapshots` and `in:` takes, e.g. "tvcg2018"
    label: str  # what its works are, for readers: "the 38 works of the TVCG 2018 overview table"
    aliases: tuple[str, ...] = ()  # other names `in:` accepts, e.g. ("2018",)
    field: str | None = None  # a true/false record field that also puts a work in it
    short: str = ""  # a short name for charts and sentences: "2018 table" (default: the id)
    since: str = ""  # what later works were added after: "the 2018 paper" (default: "the " + short)

    @property
    def short_name(self) -> str:
        return self.short or self.id

    @property
    def added_since(self) -> str:
        return self.since or f"the {self.short_name}"

    @property
    def query_name(self) -> str:
        """The name a reader types after `in:`: the shortest one, "2018" rather than "tvcg2018"."""
        return min(self.names, key=len)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)


@dataclass(frozen=True)
class Category:
    id: str  # key used in records and queries, e.g. "instance-based"
    facet: str  # the facet it belongs to, e.g. "how"
    label: str  # the paper's section title
    short: str  # a column header for narrow tables
    description: str  # one or two sentences for readers and contributors


@dataclass(frozen=True)
class Facet:
    id: str  # why, who, what, how, when, where
    question: str  # the survey's question, e.g. "Who would use ...?"
    color: str  # column colour of the paper's overview table
    categories: tuple[Category, ...]
    name: str = ""  # the facet's name where its id cannot say it ("how (data input)")

    @property
    def title(self) -> str:
        return self.name or self.id.capitalize()


@dataclass(frozen=True)
class Venue:
    abbr: str  # what records write in `venue`, e.g. "TVCG"
    name: str  # full name
    type: str  # key of Taxonomy.venue_types, e.g. "workshop"
    aliases: tuple[str, ...] = ()  # other names publishers give it (venue_match reads them)


@dataclass(frozen=True)
class Taxonomy:
    facets: tuple[Facet, ...]
    venues: dict[str, Venue]
    venue_types: dict[str, str]  # type key -> label, in display order
    snapshots: tuple[Snapshot, ...] = ()  # from the project's survey.yml
    earliest_year: int = 1940  # survey.yml's; the flagship's: neural networks date from the 1940s

    def facet(self, facet_id: str) -> Facet:
        for facet in self.facets:
            if facet.id == facet_id:
                return facet
        raise KeyError(facet_id)

    @property
    def tagged_facets(self) -> tuple[Facet, ...]:
        """The facets a record lists categories of: those that have categories (the
        flagship's `where`, with none, is the venue)."""
        return tuple(f for f in self.facets if f.categories)

    @property
    def tagged_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.tagged_facets)

    @property
    def fields(self) -> tuple[Field, ...]:
        """The record fields of this survey: survey.records.schema.record_fields."""
        from survey.records.schema import record_fields  # schema builds on this module

        return record_fields(
            self.tagged_ids, tuple((s.field, s.label) for s in self.snapshots if s.field), bool(self.snapshots)
        )

    def snapshot(self, name: str) -> Snapshot | None:
        """The snapshot called `name` (its id or an alias, any case), or None."""
        for snapshot in self.snapshots:
            if name.lower() in (n.lower() for n in snapshot.names):
                return snapshot
        return None

    def category_ids(self, facet_id: str) -> list[str]:
        return [c.id for c in self.facet(facet_id).categories]

    @property
    def categories(self) -> tuple[Category, ...]:
        return tuple(c for f in self.facets for c in f.categories)

    def category(self, facet_id: str, category_id: str) -> Category:
        for category in self.facet(facet_id).categories:
            if category.id == category_id:
                return category
        raise KeyError(f"{facet_id}:{category_id}")

    def facet_of(self, category_id: str) -> str | None:
        """The facet a category id belongs to, or None (ids are unique across facets)."""
        for category in self.categories:
            if category.id == category_id:
                return category.facet
        return None


class TaxonomyError(Exception):
    """taxonomy.yaml or venues.yaml is malformed; the message holds one
    `path:line:column: message` line per problem."""


@cache
def read_taxonomy(
    taxonomy_path: Path, venues_path: Path, snapshots: tuple[Snapshot, ...] = (), earliest_year: int = 1940
) -> Taxonomy:
    """Read a project's vocabulary: its taxonomy and venues files, with its snapshots (a
    project's `taxonomy` passes them; `survey.load_taxonomy` finds the project). Raises
    TaxonomyError, never a KeyError or TypeError, when either file is not what it should be."""
    facets_doc = read_document(taxonomy_path, keep_positions=True)
    venues_doc = read_document(venues_path, keep_positions=True)
    for doc, schema, check_references in (
        (facets_doc, TAXONOMY_SCHEMA, _check_ids_once),
        (venues_doc, VENUES_SCHEMA, _check_venue_types),
    ):
        if not doc.problems:  # a file that cannot be read says so, and only so
            check_against_schema(doc, schema)
            check_references(doc)
    problems = sorted(facets_doc.problems + venues_doc.problems)
    if problems:
        raise TaxonomyError("\n".join(str(p) for p in problems))
    raw, raw_venues = facets_doc.data, venues_doc.data
    facets = tuple(
        Facet(
            id=f["id"],
            question=f["question"],
            color=f["color"],
            categories=tuple(
                Category(id=c["id"], facet=f["id"], label=c["label"], short=c["short"], description=c["description"])
                for c in f.get("categories") or ()
            ),
            name=f.get("name") or "",
        )
        for f in raw["facets"]
    )
    venues = {
        abbr: Venue(abbr=abbr, name=v["name"], type=v["type"], aliases=tuple(v.get("aliases", ())))
        for abbr, v in raw_venues["venues"].items()
    }
    return Taxonomy(
        facets=facets,
        venues=venues,
        venue_types=dict(raw_venues["types"]),
        snapshots=tuple(snapshots),
        earliest_year=earliest_year,
    )


# Names a facet cannot take: the record's other fields and the query's other filters.
RESERVED_FACET_IDS = frozenset(RESERVED_FACET_ID_LIST)


def _check_ids_once(doc: Document) -> None:
    """Each facet id once, and each category id once across all facets (a query names a
    category without its facet). Checked whatever else is wrong (the schema reports that),
    so that one pass finds every problem."""
    facet_ids: set[str] = set()
    category_facets: dict[str, str] = {}  # category id -> the facet it was first seen under
    facets = doc.data.get("facets") if isinstance(doc.data, dict) else None
    for i, facet in enumerate(facets if isinstance(facets, list) else ()):
        if not isinstance(facet, dict):
            continue  # reported by the schema, as is every id below that is not text
        fid = facet.get("id")
        if not isinstance(fid, str):
            continue
        if fid in facet_ids:
            doc.report(("facets", i, "id"), f"facet id {quoted(fid)} is used twice")
        facet_ids.add(fid)
        categories = facet.get("categories")
        for j, category in enumerate(categories if isinstance(categories, list) else ()):
            cid = category.get("id") if isinstance(category, dict) else None
            if not isinstance(cid, str):
                continue
            if cid in category_facets:
                doc.report(
                    ("facets", i, "categories", j, "id"),
                    f"category id {quoted(cid)} is used twice (also under "
                    f"{quoted(category_facets[cid])}): ids are unique across facets",
                )
            else:
                category_facets[cid] = fid


def _check_venue_types(doc: Document) -> None:
    """Each venue's type is one of those listed under `types` (checked even where other
    parts of the file are wrong, so that one pass finds every problem)."""
    types = doc.data.get("types") if isinstance(doc.data, dict) else None
    venues = doc.data.get("venues") if isinstance(doc.data, dict) else None
    if not isinstance(types, dict) or not isinstance(venues, dict):
        return  # reported by the schema
    for abbr, venue in venues.items():
        kind = venue.get("type") if isinstance(venue, dict) else None
        if isinstance(kind, str) and kind.strip() and kind not in types:
            doc.report(
                ("venues", abbr, "type"),
                f"unknown venue type {quoted(kind)} for '{abbr}'{did_you_mean(kind, types)}: use one "
                f"of the types listed under 'types:' ({', '.join(types)}), or add it there",
            )
