"""The controlled vocabulary: facets, their categories, and publication venues.

Read from `taxonomy.yaml` and `venues.yaml` beside this module. Everything that needs to
know which categories exist (validation, query, pages) asks this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from survey.records.problems import quoted
from survey.records.source import Document, read_document

# The flagship survey's taxonomy and venues sit at the top of the package.
HERE = Path(__file__).parent.parent

# The flagship's five facets whose categories a record lists; `where` is the venue. Other
# surveys tag any facets their taxonomy lists: see Taxonomy.tagged_facets.
TAGGED_FACETS = ("why", "who", "what", "how", "when")


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


# The flagship's snapshot, for callers that load the taxonomy without a project.
FLAGSHIP_SNAPSHOTS = (Snapshot("tvcg2018", "the 38 works of the 2018 paper's overview table",
                               ("2018",), "in_2018_table", "2018 table", "the 2018 paper"),)


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
    def fields(self):
        """The record fields of this survey: survey.records.schema.record_fields."""
        from survey.records.schema import record_fields  # schema builds on this module
        return record_fields(self.tagged_ids,
                             tuple((s.field, s.label) for s in self.snapshots if s.field),
                             bool(self.snapshots))

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
def load_taxonomy(taxonomy_path: Path = HERE / "taxonomy.yaml",
                  venues_path: Path = HERE / "venues.yaml",
                  snapshots: tuple[Snapshot, ...] = FLAGSHIP_SNAPSHOTS,
                  earliest_year: int = 1940) -> Taxonomy:
    """Read the vocabulary (with the project's snapshots; the flagship's by default). Raises TaxonomyError, never a KeyError or TypeError, when either
    file is not what it should be."""
    facets_doc = read_document(taxonomy_path, keep_positions=True)
    venues_doc = read_document(venues_path, keep_positions=True)
    if not facets_doc.problems:
        _check_facets(facets_doc)
    if not venues_doc.problems:
        _check_venues(venues_doc)
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
                Category(id=c["id"], facet=f["id"], label=c["label"], short=c["short"],
                         description=c["description"])
                for c in f.get("categories") or ()
            ),
            name=f.get("name") or "",
        )
        for f in raw["facets"]
    )
    venues = {abbr: Venue(abbr=abbr, name=v["name"], type=v["type"])
              for abbr, v in raw_venues["venues"].items()}
    return Taxonomy(facets=facets, venues=venues, venue_types=dict(raw_venues["types"]),
                    snapshots=tuple(snapshots), earliest_year=earliest_year)


def _expect(doc: Document, keypath: tuple, value: object, kind: type, what: str) -> bool:
    """Report unless `value` is a `kind` (a non-empty one, for text)."""
    if isinstance(value, kind) and not (kind is str and not value.strip()):
        return True
    doc.report(keypath, f"{what} must be {_KINDS[kind]}")
    return False


_KINDS = {dict: "a mapping", list: "a list", str: "non-empty text"}


# A facet id is a record field and a query filter (`facet:value`), hence lowercase letters,
# digits and '_'; a category id is a query value, where '-' reads well too.
FACET_ID = re.compile(r"[a-z][a-z0-9_]*")
CATEGORY_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
# Names a facet cannot take: the record's other fields and the query's other filters.
RESERVED_FACET_IDS = frozenset({"id", "title", "authors", "author_list", "kind", "year", "venue",
                                "url", "doi", "arxiv", "published", "sources", "snapshots",
                                "added", "rationale", "unverified", "corrections", "survey_key",
                                "survey_url", "notes", "type", "in", "author", "text",
                                "abstract", "keywords"})


def _check_facets(doc: Document) -> None:
    if not _expect(doc, (), doc.data, dict, "taxonomy.yaml") or \
            not _expect(doc, ("facets",), doc.data.get("facets"), list, "'facets'"):
        return
    facet_ids: set[str] = set()
    category_ids: dict[str, str] = {}  # category id -> its facet: ids are unique across facets
    for i, facet in enumerate(doc.data["facets"]):
        if not _expect(doc, ("facets", i), facet, dict, "a facet"):
            continue
        for name in ("id", "question", "color"):
            _expect(doc, ("facets", i, name), facet.get(name), str, f"a facet's '{name}'")
        if "name" in facet:
            _expect(doc, ("facets", i, "name"), facet["name"], str, "a facet's 'name'")
        fid = facet.get("id")
        if isinstance(fid, str) and fid.strip():
            if not FACET_ID.fullmatch(fid) or fid in RESERVED_FACET_IDS:
                doc.report(("facets", i, "id"), f"facet id {quoted(fid)} must be lowercase letters, "
                           "digits or '_', starting with a letter, and not a record field or "
                           "query filter (" + ", ".join(sorted(RESERVED_FACET_IDS)) + ")")
            elif fid in facet_ids:
                doc.report(("facets", i, "id"), f"facet id {quoted(fid)} is used twice")
            facet_ids.add(fid)
        categories = facet.get("categories")
        if categories is None or not _expect(doc, ("facets", i, "categories"), categories, list,
                                             "'categories'"):
            continue
        for j, category in enumerate(categories):
            if _expect(doc, ("facets", i, "categories", j), category, dict, "a category"):
                for name in ("id", "label", "short", "description"):
                    _expect(doc, ("facets", i, "categories", j, name), category.get(name), str,
                            f"a category's '{name}'")
                _check_category_id(doc, ("facets", i, "categories", j, "id"), category.get("id"),
                                   str(fid), category_ids)


def _check_category_id(doc: Document, keypath: tuple, cid: object, facet: str,
                       seen: dict[str, str]) -> None:
    if not isinstance(cid, str) or not cid.strip():
        return  # reported as missing
    if not CATEGORY_ID.fullmatch(cid):
        doc.report(keypath, f"category id {quoted(cid)} must be lowercase letters, digits, "
                            "'-', '_' or '.'")
    elif cid in seen:
        doc.report(keypath, f"category id {quoted(cid)} is used twice (also under "
                            f"{quoted(seen[cid])}): ids are unique across facets")
    seen[cid] = facet


def _check_venues(doc: Document) -> None:
    data = doc.data
    if not _expect(doc, (), data, dict, "venues.yaml") or \
            not _expect(doc, ("types",), data.get("types"), dict, "'types'") or \
            not _expect(doc, ("venues",), data.get("venues"), dict, "'venues'"):
        return
    for key, label in data["types"].items():
        _expect(doc, ("types", key), label, str, f"the label of venue type '{key}'")
    for abbr, venue in data["venues"].items():
        if not _expect(doc, ("venues", abbr), venue, dict, f"venue '{abbr}'"):
            continue
        _expect(doc, ("venues", abbr, "name"), venue.get("name"), str, f"the name of venue '{abbr}'")
        kind = venue.get("type")
        if _expect(doc, ("venues", abbr, "type"), kind, str, f"the type of venue '{abbr}'") and \
                kind not in data["types"]:
            doc.report(("venues", abbr, "type"),
                       f"unknown venue type {quoted(kind)} for '{abbr}': use one of the types listed "
                       f"under 'types:' ({', '.join(data['types'])}), or add it there")
