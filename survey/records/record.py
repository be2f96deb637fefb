"""A surveyed work, as read from a valid record file."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from survey.records.schema import FIELDS
from survey.records.taxonomy import FLAGSHIP_SNAPSHOTS, TAGGED_FACETS, Taxonomy


@dataclass(frozen=True)
class Work:
    id: str
    title: str
    authors: str  # as the survey's table writes them: "Kahng, et al."
    year: int
    venue: str  # abbreviation, a key of the taxonomy's venues
    url: str  # "" where `unverified` names it: no link was found (an imported work)
    tags: dict[str, tuple[str, ...]]  # facet id -> category ids, for the survey's tagged facets
    in_2018_table: bool = False  # the flagship's: one of the 38 works of the 2018 paper's table
    snapshots: frozenset[str] = frozenset()  # ids of the snapshots (survey.yml) it belongs to
    doi: str | None = None
    arxiv: str | None = None
    added: datetime.date | None = None  # when the work joined the knowledge base
    # The citation: every author "Given Family", in order (empty only where `unverified`
    # names author_list), what the work is, the version of record, and where it was seen.
    author_list: tuple[str, ...] = ()
    kind: str = ""  # one of survey.records.schema.WORK_KINDS in a valid record
    published: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()  # where the survey's own data is wrong
    record: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # the file's fields

    @classmethod
    def from_record(cls, record: dict[str, Any], taxonomy: Taxonomy | None = None) -> "Work":
        """Build from a record that passed validation against `taxonomy` (default: the
        flagship's facets and snapshot)."""
        facets = taxonomy.tagged_ids if taxonomy is not None else TAGGED_FACETS
        snapshots = taxonomy.snapshots if taxonomy is not None else FLAGSHIP_SNAPSHOTS
        listed = set(record.get("snapshots", ()))
        return cls(
            id=record["id"],
            title=record["title"],
            authors=record.get("authors", ""),  # "" only where `unverified` names it
            year=record["year"],
            venue=record["venue"],
            url=record.get("url", ""),
            tags={facet: tuple(record[facet]) for facet in facets},
            in_2018_table=record.get("in_2018_table", False),
            snapshots=frozenset(s.id for s in snapshots
                                if s.id in listed or (s.field and record.get(s.field) is True)),
            doi=record.get("doi"),
            arxiv=record.get("arxiv"),
            added=record.get("added"),
            author_list=tuple(record.get("author_list", ())),
            kind=record["kind"],
            published=dict(record.get("published", {})),
            sources=tuple(record.get("sources", ())),
            corrections=tuple(record.get("corrections", ())),
            record=record,
        )

    @property
    def citation_year(self) -> int:
        """The year to cite: the version of record's where it differs from the table's."""
        return self.published.get("year", self.year)

    def has(self, facet: str, category: str) -> bool:
        return category in self.tags[facet]

    def in_snapshot(self, snapshot_id: str) -> bool:
        return snapshot_id in self.snapshots

    def to_record(self, fields=FIELDS) -> dict[str, Any]:
        """The record's fields in canonical order (of `fields`: a taxonomy's `fields`, the
        flagship's by default), dates as ISO text (for JSON and YAML)."""
        record = self.record or self._attributes()  # a Work built in Python has no record
        out = {}
        for f in fields:
            if f.name in record:
                value = record[f.name]
                out[f.name] = value.isoformat() if isinstance(value, datetime.date) else value
        return out

    def _attributes(self) -> dict[str, Any]:
        values = {"id": self.id, "title": self.title, "authors": self.authors, "year": self.year,
                  "venue": self.venue, "url": self.url, "doi": self.doi, "arxiv": self.arxiv,
                  **{facet: list(categories) for facet, categories in self.tags.items()},
                  "in_2018_table": self.in_2018_table, "added": self.added,
                  "author_list": list(self.author_list) or None, "kind": self.kind or None,
                  "published": dict(self.published) or None, "sources": list(self.sources) or None,
                  "corrections": list(self.corrections) or None}
        return {name: value for name, value in values.items() if value is not None}
