"""Asking the records questions: the query language, a collection of works, export formats.

Imports run downwards only: this package reads `survey.records`, never the reverse.
"""

from survey.query.language import Query, QueryError, parse_query

__all__ = ["Query", "QueryError", "parse_query"]
