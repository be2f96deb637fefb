"""The collection of works: loading, querying, and tables for analysis.

pandas is imported only inside the methods that return DataFrames, so that `survey query`
and `survey validate` start fast.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property, partial
from pathlib import Path
from typing import Literal, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, overload

from survey.records.problems import InvalidRecords
from survey.query.examples import data_examples
from survey.query.language import Query, parse_query
from survey.records.project import find_project
from survey.records.record import Work
from survey.records.taxonomy import Snapshot, Taxonomy
from survey.records.validate import validate_paths

if TYPE_CHECKING:
    import pandas as pd


class Collection(Sequence[Work]):
    """An ordered, immutable set of works (sorted by id, i.e. by first author)."""

    def __init__(self, works: Iterable[Work], taxonomy: Taxonomy) -> None:
        self.works: tuple[Work, ...] = tuple(sorted(works, key=lambda w: w.id))
        self.taxonomy = taxonomy  # the project's: generic code never assumes the flagship's
        self._by_id = {w.id: w for w in self.works}

    def __len__(self) -> int:
        return len(self.works)

    @overload
    def __getitem__(self, index: int) -> Work: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Work, ...]: ...

    def __getitem__(self, index: int | slice) -> Work | tuple[Work, ...]:
        return self.works[index]

    def __iter__(self) -> Iterator[Work]:
        return iter(self.works)

    def __repr__(self) -> str:
        return f"<Collection of {len(self)} works>"

    def get(self, work_id: str) -> Work | None:
        return self._by_id.get(work_id)

    @cached_property
    def examples(self) -> dict[str, Any]:
        """An author and a venue of these works, for the examples query messages show."""
        return data_examples(self.works)

    def query(self, query: str | list[str] | Query) -> "Collection":
        """The works matching a query in the shared syntax (see survey.query)."""
        if not isinstance(query, Query):
            query = parse_query(query, self.taxonomy, self.examples)
        return Collection((w for w in self.works if query.matches(w)), self.taxonomy)

    # Not `count`: a Sequence's count(value) counts occurrences of a work, and a Collection
    # is a Sequence; overriding it with another signature would break that contract.
    def count_tagged(self, facet: str, category: str) -> int:
        """The number of works tagged with a category of a facet."""
        return sum(1 for w in self.works if category in w.tags[facet])

    def counts(self) -> dict[str, dict[str, int]]:
        """facet -> category -> number of works, in taxonomy order (venues for `where`)."""
        result = {
            f.id: {c.id: self.count_tagged(f.id, c.id) for c in f.categories} for f in self.taxonomy.tagged_facets
        }
        result["where"] = self.venues()
        return result

    def venues(self) -> dict[str, int]:
        """venue -> number of works, for the venues that have any, in taxonomy order."""
        venues = Counter(w.venue for w in self.works)
        return {v: venues[v] for v in self.taxonomy.venues if venues[v]}

    def years(self) -> dict[int, int]:
        """year -> number of works, in order; works without a year are not counted
        (`undated` gives their number)."""
        return dict(sorted(Counter(w.year for w in self.works if w.year is not None).items()))

    def undated(self) -> int:
        """The number of works whose record gives no year (an imported entry without one)."""
        return sum(1 for w in self.works if w.year is None)

    def to_frame(self) -> "pd.DataFrame":
        """One row per work (index: id) with its fields and a boolean column per category,
        named 'facet:category' as in queries. `authors` is the table's short form;
        `author_list` every author joined with '; ' and `first_author` the first (both
        missing where the full list is not known). `venue` and `venue_type` are categoricals
        in the taxonomy's order; `doi` and `arxiv` are missing where a work has none, and
        `year` and `citation_year` (nullable integers) where its record gives no year."""
        import pandas as pd

        categories = [(f.id, c.id) for f in self.taxonomy.tagged_facets for c in f.categories]
        venues = self.taxonomy.venues
        # plain int64 where every work has a year (the flagship's frame stays as it was)
        year_dtype: Literal["int64", "Int64"] = "int64" if all(w.year is not None for w in self.works) else "Int64"
        frame = pd.DataFrame(
            {
                "id": [w.id for w in self.works],
                "title": [w.title for w in self.works],
                "authors": [w.authors for w in self.works],
                "author_list": pd.array(["; ".join(w.author_list) or None for w in self.works], dtype="string"),
                "first_author": pd.array(
                    [w.author_list[0] if w.author_list else None for w in self.works], dtype="string"
                ),
                "kind": [w.kind for w in self.works],
                "year": pd.array([w.year for w in self.works], dtype=year_dtype),
                "citation_year": pd.array([w.citation_year for w in self.works], dtype=year_dtype),
                "venue": pd.Categorical([w.venue for w in self.works], categories=list(venues)),
                "venue_type": pd.Categorical(
                    [venues[w.venue].type for w in self.works], categories=list(self.taxonomy.venue_types)
                ),
                **{snapshot_column(s): [s.id in w.snapshots for w in self.works] for s in self.taxonomy.snapshots},
                "url": [w.url for w in self.works],
                "doi": pd.array([w.doi for w in self.works], dtype="string"),
                "arxiv": pd.array([w.arxiv for w in self.works], dtype="string"),
                **{f"{f}:{c}": pd.array([c in w.tags[f] for w in self.works], dtype=bool) for f, c in categories},
            }
        )
        return frame.set_index("id")

    def tidy(self) -> "pd.DataFrame":
        """The long form of the tags: one row per work and category it is tagged with
        (columns id, facet, category; facet and category are categoricals in taxonomy
        order), for grouping and plotting. Join it with to_frame() on id for other fields."""
        import pandas as pd

        facets = self.taxonomy.tagged_facets
        rows = [(w.id, f.id, c) for w in self.works for f in facets for c in w.tags[f.id]]
        return pd.DataFrame(
            {
                "id": [r[0] for r in rows],
                "facet": pd.Categorical([r[1] for r in rows], categories=[f.id for f in facets]),
                "category": pd.Categorical(
                    [r[2] for r in rows], categories=[c.id for f in facets for c in f.categories]
                ),
            }
        )

    def crosstab(self, facet_a: str, facet_b: str) -> "pd.DataFrame":
        """Works per pair of categories of two facets (rows: facet_a). A facet may be
        'where' (venue) or 'year' (works without a year are in no year's row)."""
        import pandas as pd

        rows, cols = self._axis(facet_a), self._axis(facet_b)
        pairs: Counter[tuple[str | int, str | int]] = Counter()
        for w in self.works:
            mine = [c for c, in_c in cols if in_c(w)]
            pairs.update((r, c) for r, in_r in rows if in_r(w) for c in mine)
        table = pd.DataFrame(
            [[pairs[r, c] for c, _ in cols] for r, _ in rows], index=[r for r, _ in rows], columns=[c for c, _ in cols]
        )
        table.index.name, table.columns.name = facet_a, facet_b
        return table

    def _axis(self, facet: str) -> list[tuple[str | int, Callable[[Work], bool]]]:
        """Each value of an axis (a year, venue or category) and the test of a work for it."""
        if facet == "year":
            return [(y, partial(_in_year, y)) for y in self.years()]
        if facet == "where":
            return [(v, partial(_at_venue, v)) for v in self.venues()]
        try:
            categories = self.taxonomy.category_ids(facet)
        except KeyError:
            names = ", ".join([*self.taxonomy.tagged_ids, "where", "year"])
            raise ValueError(f"unknown facet '{facet}': use one of {names}") from None
        return [(c, partial(_in_category, facet, c)) for c in categories]


# The tests of a work for one value of a crosstab's axis
def _in_year(year: int, work: Work) -> bool:
    return work.year == year


def _at_venue(venue: str, work: Work) -> bool:
    return work.venue == venue


def _in_category(facet: str, category: str, work: Work) -> bool:
    return category in work.tags[facet]


def snapshot_column(snapshot: Snapshot) -> str:
    """A snapshot's column in tables and exports: its record field where it has one (the
    flagship's `in_2018_table`), else `in:<id>`, as a query writes it."""
    return snapshot.field or f"in:{snapshot.id}"


def load(paths: Iterable[Path | str] | Path | str | None = None, taxonomy: Taxonomy | None = None) -> Collection:
    """Load and validate records: files or folders, one or several, against `taxonomy`.
    What is not given comes from the project the current folder is in (survey.yml): its
    records, its taxonomy. Raises InvalidRecords."""
    if paths is None or taxonomy is None:
        project = find_project()
        paths = [project.works_dir] if paths is None else paths
        taxonomy = project.taxonomy if taxonomy is None else taxonomy
    documents, problems = validate_paths(paths, taxonomy)
    if problems:
        raise InvalidRecords(problems)
    return Collection((Work.from_record(doc.data, taxonomy) for doc in documents), taxonomy)
