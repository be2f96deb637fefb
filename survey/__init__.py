"""The survey knowledge base: records, taxonomy, validation and query.

This package is the bottom layer of the project. It imports neither web nor torch code,
and keeps pandas out of the import path until a DataFrame is asked for.

    >>> import survey
    >>> works = survey.load()
    >>> len(works.query("in:2018 how:instance-based"))
    33
"""

from survey.query.collection import Collection, load
from survey.records.problems import InvalidRecords, Problem
from survey.query import Query, QueryError, parse_query
from survey.records.record import Work
from survey.records.project import load_taxonomy
from survey.records.taxonomy import Taxonomy

__all__ = [
    "Collection",
    "InvalidRecords",
    "Problem",
    "Query",
    "QueryError",
    "Taxonomy",
    "Work",
    "load",
    "load_taxonomy",
    "parse_query",
]
