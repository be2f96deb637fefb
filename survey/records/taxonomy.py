"""The controlled vocabulary: facets, their categories, and publication venues.

Read from `taxonomy.yaml` and `venues.yaml` beside this module. Everything that needs to
know which categories exist (validation, query, pages) asks this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


@cache
def load_taxonomy(taxonomy_path: Path = HERE / "taxonomy.yaml",
                  venues_path: Path = HERE / "venues.yaml") -> Taxonomy:
    raw = yaml.load(taxonomy_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    facets = tuple(
        Facet(
            id=f["id"],
            question=f["question"],
            color=f["color"],
            categories=tuple(
                Category(id=c["id"], facet=f["id"], label=c["label"], short=c["short"],
                         description=c["description"])
                for c in f["categories"]
            ),
        )
        for f in raw["facets"]
    )
    raw_venues = yaml.load(venues_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    venues = {abbr: Venue(abbr=abbr, name=v["name"], type=v["type"])
              for abbr, v in raw_venues["venues"].items()}
    return Taxonomy(facets=facets, venues=venues, venue_types=dict(raw_venues["types"]))
