"""A surveyed work, as read from a valid record file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from survey.records.schema import Field
from survey.records.taxonomy import Taxonomy


@dataclass(frozen=True)
class Work:
    """Every field of a record, typed; `to_record` writes them back as the record's fields."""

    id: str
    title: str
    authors: str  # as the survey's table writes them: "Kahng, et al."
    year: int | None  # None only where `unverified` names it (an imported entry without a year)
    venue: str  # abbreviation, a key of the taxonomy's venues
    url: str  # "" where `unverified` names it: no link was found (an imported work)
    tags: dict[str, tuple[str, ...]]  # facet id -> category ids, for the survey's tagged facets
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
    keywords: tuple[str, ...] = ()  # plain tags of no facet
    rationale: dict[str, str] = field(default_factory=dict)  # facet id -> why the work has its tags
    unverified: tuple[str, ...] = ()  # the fields no source confirmed
    abstract: str = ""
    notes: str = ""
    survey_key: str = ""  # the key in the survey site's data, where the id differs
    survey_url: str = ""  # the survey site's URL, where `url` corrects it
    # How the record names its snapshots, so that `to_record` writes them as they were: the
    # `snapshots` list and each snapshot's true/false field. (None: a Work built in Python,
    # whose `snapshots` are written as the list.)
    listed_snapshots: tuple[str, ...] | None = None
    snapshot_flags: dict[str, bool] = field(default_factory=dict)
    # The optional fields the record writes empty (`keywords: []`, `snapshots: []`), which a
    # Work's empty value otherwise leaves out. (Sorted: a page memo keys on the repr.)
    empty_fields: tuple[str, ...] = ()

    @classmethod
    def from_record(cls, record: dict[str, Any], taxonomy: Taxonomy) -> "Work":
        """Build from a record that passed validation against `taxonomy` (its project's: its
        facets and snapshots)."""
        facets = taxonomy.tagged_ids
        snapshots = taxonomy.snapshots
        listed = record.get("snapshots")
        flags = {s.field: record[s.field] for s in snapshots if s.field and s.field in record}
        return cls(
            id=record["id"],
            title=record["title"],
            authors=record.get("authors", ""),  # "" only where `unverified` names it
            year=record.get("year"),  # None only where `unverified` names it
            venue=record["venue"],
            url=record.get("url", ""),
            tags={facet: tuple(record[facet]) for facet in facets},
            snapshots=frozenset(
                s.id for s in snapshots if s.id in (listed or ()) or (s.field and flags.get(s.field) is True)
            ),
            doi=record.get("doi"),
            arxiv=record.get("arxiv"),
            added=record.get("added"),
            author_list=tuple(record.get("author_list", ())),
            kind=record["kind"],
            published=dict(record.get("published", {})),
            sources=tuple(record.get("sources", ())),
            corrections=tuple(record.get("corrections", ())),
            keywords=tuple(record.get("keywords", ())),
            rationale=dict(record.get("rationale", {})),
            unverified=tuple(record.get("unverified", ())),
            abstract=record.get("abstract", ""),
            notes=record.get("notes", ""),
            survey_key=record.get("survey_key", ""),
            survey_url=record.get("survey_url", ""),
            listed_snapshots=tuple(listed or ()),
            snapshot_flags=flags,
            empty_fields=tuple(
                sorted(name for name, value in record.items() if name not in facets and value in ([], {}))
            ),
        )

    @property
    def citation_year(self) -> int | None:
        """The year to cite: the version of record's where it differs from the table's
        (None where neither is known)."""
        year: int | None = self.published.get("year", self.year)
        return year

    @property
    def shown_year(self) -> str:
        """The year as text for a reader: 'n.d.' (no date, as citations write it) where the
        record has none."""
        return "n.d." if self.year is None else str(self.year)

    def has(self, facet: str, category: str) -> bool:
        return category in self.tags[facet]

    def in_snapshot(self, snapshot_id: str) -> bool:
        return snapshot_id in self.snapshots

    def to_record(self, fields: tuple[Field, ...]) -> dict[str, Any]:
        """The record's fields in canonical order (of `fields`: its taxonomy's `fields`),
        dates as ISO text (for JSON and YAML)."""
        record = self._attributes()
        out = {}
        for f in fields:
            if f.name in record:
                value = record[f.name]
                out[f.name] = value.isoformat() if isinstance(value, datetime.date) else value
        return out

    def _attributes(self) -> dict[str, Any]:
        """The fields as a record holds them; an empty value is a field the record leaves out."""
        snapshots = (
            list(self.listed_snapshots) if self.listed_snapshots is not None else sorted(self.snapshots)
        ) or None
        values: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "authors": self.authors or None,
            "year": self.year,
            "venue": self.venue,
            "url": self.url or None,
            "doi": self.doi,
            "arxiv": self.arxiv,
            "author_list": list(self.author_list) or None,
            "kind": self.kind or None,
            "published": dict(self.published) or None,
            "sources": list(self.sources) or None,
            **{facet: list(categories) for facet, categories in self.tags.items()},
            "snapshots": snapshots,
            **self.snapshot_flags,
            "added": self.added,
            "keywords": list(self.keywords) or None,
            "rationale": dict(self.rationale) or None,
            "unverified": list(self.unverified) or None,
            "corrections": list(self.corrections) or None,
            "survey_key": self.survey_key or None,
            "survey_url": self.survey_url or None,
            "notes": self.notes or None,
            "abstract": self.abstract or None,
        }
        for name in self.empty_fields:
            if values.get(name) is None:
                values[name] = {} if name in ("published", "rationale") else []
        return {name: value for name, value in values.items() if value is not None}
