"""The pandas side of the API: to_frame()'s columns and types, the long form tidy(), and a
Collection that still behaves as the Sequence it is."""

from __future__ import annotations

import pandas as pd
import pytest

import survey
from survey import Collection


@pytest.fixture(scope="module")
def works() -> Collection:
    return survey.load()


@pytest.fixture(scope="module")
def frame(works) -> pd.DataFrame:
    return works.to_frame()


def test_identifiers_are_columns_with_missing_values_where_a_work_has_none(works, frame):
    activis = works.get("kahng2018activis")
    assert frame.at[activis.id, "doi"] == activis.doi
    assert frame.at[activis.id, "arxiv"] == activis.arxiv
    assert frame["doi"].isna().sum() == sum(1 for w in works if not w.doi)
    assert frame["arxiv"].isna().sum() == sum(1 for w in works if not w.arxiv)
    # Missing means missing, not an empty string that a filter would count as present.
    assert not (frame["doi"] == "").any()


def test_venue_and_venue_type_are_categoricals_in_taxonomy_order(works, frame):
    assert isinstance(frame["venue"].dtype, pd.CategoricalDtype)
    assert list(frame["venue"].cat.categories) == list(works.taxonomy.venues)
    assert isinstance(frame["venue_type"].dtype, pd.CategoricalDtype)
    assert list(frame["venue_type"].cat.categories) == list(works.taxonomy.venue_types)
    assert frame.at["kahng2018activis", "venue_type"] == "journal"
    # Grouping by a categorical lists every venue type, those with no works too.
    counts = frame.groupby("venue_type", observed=False).size()
    assert list(counts.index) == list(works.taxonomy.venue_types)
    assert counts.sum() == len(works)


def test_tidy_has_one_row_per_work_and_category(works):
    long = works.tidy()
    assert list(long.columns) == ["id", "facet", "category"]
    expected = [(w.id, f.id, c) for w in works for f in works.taxonomy.tagged_facets for c in w.tags[f.id]]
    assert list(long.itertuples(index=False, name=None)) == expected
    assert not long.duplicated().any()
    # The long form answers the same questions as the wide one.
    instance_based = long[(long.facet == "how") & (long.category == "instance-based")]
    assert len(instance_based) == works.to_frame()["how:instance-based"].sum() == len(works.query("how:instance-based"))
    per_facet = long.groupby("facet", observed=False)["id"].nunique()
    assert per_facet["who"] == len(works)


def test_a_collection_is_a_sequence_of_works(works):
    activis = works.get("kahng2018activis")
    # count and index keep the meaning Sequence gives them ...
    assert works.count(activis) == 1
    assert works[works.index(activis)] is activis
    # ... and counting a category has a name of its own.
    assert works.count_tagged("how", "instance-based") == len(works.query("how:instance-based"))
    assert works.counts()["how"]["instance-based"] == len(works.query("how:instance-based"))
    assert works.query("in:2018").count_tagged("how", "instance-based") == 33  # the survey's figure


def test_author_columns_carry_every_author(works, frame):
    lstmvis = works.get("strobelt2017lstmvis")
    assert (
        frame.at[lstmvis.id, "author_list"]
        == "Hendrik Strobelt; Sebastian Gehrmann; Hanspeter Pfister; Alexander M. Rush"
    )
    assert frame.at[lstmvis.id, "first_author"] == "Hendrik Strobelt"
    assert frame.at[lstmvis.id, "authors"] == "Strobelt, et al."  # the table's short form stays
    # Where the full list is not known, the columns are missing, not a guess.
    unknown = [w.id for w in works if not w.author_list]
    assert frame.loc[unknown, "author_list"].isna().all() and frame.loc[unknown, "first_author"].isna().all()
    # A co-author is found in the column, as in queries.
    chau = frame[frame["author_list"].str.contains("Chau", na=False)]
    assert {"kahng2018activis", "kahng2018ganlab", "hohman2017shapeshop"} <= set(chau.index)


def test_the_citation_year_is_the_published_one_where_it_differs(frame):
    assert frame.at["strobelt2017lstmvis", "year"] == 2017
    assert frame.at["strobelt2017lstmvis", "citation_year"] == 2018
