"""The controlled vocabulary: facets, their categories, and publication venues.

Read from `taxonomy.yaml` and `venues.yaml` beside this module. Everything that needs to
know which categories exist (validation, query, pages) asks this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from survey.records.problems import quoted
from survey.records.source import Document, read_document

# The flagship survey's taxonomy and venues sit at the top of the package.
HERE = Path(__file__).parent.parent

# The five facets whose categories a record lists; `where` is the venue.
TAGGED_FACETS = ("why", "who", "what", "how", "when")


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

    @property
    def title(self) -> str:
        return self.id.capitalize()


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

    def facet(self, facet_id: str) -> Facet:
        for facet in self.facets:
            if facet.id == facet_id:
                return facet
        raise KeyError(facet_id)

    @property
    def tagged_facets(self) -> tuple[Facet, ...]:
        return tuple(f for f in self.facets if f.id in TAGGED_FACETS)

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
                  venues_path: Path = HERE / "venues.yaml") -> Taxonomy:
    """Read the vocabulary. Raises TaxonomyError, never a KeyError or TypeError, when either
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
        )
        for f in raw["facets"]
    )
    venues = {abbr: Venue(abbr=abbr, name=v["name"], type=v["type"])
              for abbr, v in raw_venues["venues"].items()}
    return Taxonomy(facets=facets, venues=venues, venue_types=dict(raw_venues["types"]))


def _expect(doc: Document, keypath: tuple, value: object, kind: type, what: str) -> bool:
    """Report unless `value` is a `kind` (a non-empty one, for text)."""
    if isinstance(value, kind) and not (kind is str and not value.strip()):
        return True
    doc.report(keypath, f"{what} must be {_KINDS[kind]}")
    return False


_KINDS = {dict: "a mapping", list: "a list", str: "non-empty text"}


def _check_facets(doc: Document) -> None:
    if not _expect(doc, (), doc.data, dict, "taxonomy.yaml") or \
            not _expect(doc, ("facets",), doc.data.get("facets"), list, "'facets'"):
        return
    for i, facet in enumerate(doc.data["facets"]):
        if not _expect(doc, ("facets", i), facet, dict, "a facet"):
            continue
        for name in ("id", "question", "color"):
            _expect(doc, ("facets", i, name), facet.get(name), str, f"a facet's '{name}'")
        categories = facet.get("categories")
        if categories is None or not _expect(doc, ("facets", i, "categories"), categories, list,
                                             "'categories'"):
            continue
        for j, category in enumerate(categories):
            if _expect(doc, ("facets", i, "categories", j), category, dict, "a category"):
                for name in ("id", "label", "short", "description"):
                    _expect(doc, ("facets", i, "categories", j, name), category.get(name), str,
                            f"a category's '{name}'")


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
