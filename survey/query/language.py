"""The query language shared by `survey query` and the site's table (`/table/?q=`).

    how:instance-based who:non-experts   categories: OR within a facet, AND across facets
    -how:node-link                       a leading '-' negates any term
    year:2016..2018  year:2017..  year:..2015  year:2016
    venue:TVCG  venue:"ICML VIS"         venue abbreviation (OR among venue terms)
    type:workshop                        venue type (see survey/venues.yaml)
    in:2018                              the works of the 2018 paper's table; -in:2018: later ones
    lstm "hidden state"                  words and phrases in titles and authors (all must match)

Case does not matter. The JavaScript twin lives in site_src/docs/assets/js/survey-query.js; the
test suite checks both give the same answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from survey.records.record import Work
from survey.records.suggest import did_you_mean
from survey.records.taxonomy import TAGGED_FACETS, Taxonomy, load_taxonomy

FIELDS = (*TAGGED_FACETS, "year", "venue", "type", "in")
_TOKEN = re.compile(r'(-?)(?:([A-Za-z_]+):)?("[^"]*"?|\S+)')
_YEAR = re.compile(r"^(\d{4})?(\.\.)?(\d{4})?$")


class QueryError(ValueError):
    """A query a user wrote that cannot be understood; the message says how to fix it."""


@dataclass(frozen=True)
class Term:
    field: str  # a facet, "year", "venue", "type", "in", or "text"
    value: str  # normalized: category id, venue abbr, "2016..2018", lowercase text
    negated: bool
    test: Callable[[Work], bool] = field(compare=False, repr=False)

    def __str__(self) -> str:
        value = f'"{self.value}"' if " " in self.value else self.value
        return ("-" if self.negated else "") + (value if self.field == "text" else f"{self.field}:{value}")


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    def matches(self, work: Work) -> bool:
        groups: dict[str, list[Term]] = {}
        for term in self.terms:
            if term.negated:
                if term.test(work):
                    return False
            elif term.field == "text":
                if not term.test(work):
                    return False
            else:
                groups.setdefault(term.field, []).append(term)
        return all(any(t.test(work) for t in group) for group in groups.values())

    def __str__(self) -> str:
        return " ".join(str(t) for t in self.terms)


def parse_query(text: str | list[str], taxonomy: Taxonomy | None = None) -> Query:
    """Parse a query string (or the CLI's list of terms). Raises QueryError."""
    taxonomy = taxonomy or load_taxonomy()
    if isinstance(text, list):
        text = " ".join(_quote_arg(arg) for arg in text)
    terms = []
    for match in _TOKEN.finditer(text):
        negated, name, raw = match.group(1) == "-", match.group(2), match.group(3)
        value = raw.strip('"')
        if not value:
            continue
        terms.append(_term(name.lower() if name else "text", value, negated, match.group(0), taxonomy))
    return Query(tuple(terms))


def _quote_arg(arg: str) -> str:
    """A shell argument with spaces is one term ('venue:ICML VIS' -> 'venue:"ICML VIS"'),
    unless it holds several terms ('in:2018 how:line'), which is a whole query."""
    if not any(ch.isspace() for ch in arg) or '"' in arg or re.search(r"\s-?[A-Za-z_]+:", arg):
        return arg
    prefix, value = re.match(r"^(-?(?:[A-Za-z_]+:)?)(.*)$", arg, re.S).groups()
    return f'{prefix}"{value}"'


def _term(name: str, value: str, negated: bool, written: str, taxonomy: Taxonomy) -> Term:
    if name == "text":
        word = value.lower()
        return Term("text", word, negated,
                    lambda w: word in w.title.lower() or word in w.authors.lower())
    if name in TAGGED_FACETS:
        return _category_term(name, value.lower(), negated, written, taxonomy)
    if name == "year":
        lo, hi = _year_range(value, written)
        shown = value if ".." in value else str(lo)
        return Term("year", shown, negated, lambda w: lo <= w.year <= hi)
    if name == "venue":
        venue = _lookup(value, taxonomy.venues, written, "venue")
        return Term("venue", venue, negated, lambda w: w.venue == venue)
    if name == "type":
        kind = _lookup(value, taxonomy.venue_types, written, "venue type")
        return Term("type", kind, negated, lambda w: taxonomy.venues[w.venue].type == kind)
    if name == "in":
        if value != "2018":
            raise QueryError(f"'{written}': write in:2018 for the works of the 2018 paper's "
                             "table, or -in:2018 for the works added since")
        return Term("in", "2018", negated, lambda w: w.in_2018_table)
    raise QueryError(f"unknown filter '{name}:' in '{written}'{did_you_mean(name, FIELDS)}: use one of "
                     + ", ".join(f"{f}:" for f in FIELDS))


def _category_term(facet: str, category: str, negated: bool, written: str,
                   taxonomy: Taxonomy) -> Term:
    allowed = taxonomy.category_ids(facet)
    if category not in allowed:
        other = taxonomy.facet_of(category)
        hint = f" (it is a '{other}' category: {other}:{category})" if other else did_you_mean(category, allowed)
        raise QueryError(f"unknown '{facet}' category in '{written}'{hint}; allowed: "
                         + ", ".join(allowed))
    return Term(facet, category, negated, lambda w: category in w.tags[facet])


def _year_range(value: str, written: str) -> tuple[int, int]:
    match = _YEAR.match(value)
    if not match or not (match.group(1) or match.group(3)) or (match.group(2) is None and match.group(3)):
        raise QueryError(f"cannot read '{written}': write year:2016, year:2016..2018, "
                         "year:2017.. or year:..2015")
    lo, dots, hi = match.groups()
    if not dots:
        return int(lo), int(lo)
    low, high = int(lo) if lo else 0, int(hi) if hi else 9999
    if low > high:
        raise QueryError(f"'{written}': the range is empty; write the earlier year first")
    return low, high


def _lookup(value: str, choices, written: str, what: str) -> str:
    by_lower = {c.lower(): c for c in choices}
    if value.lower() in by_lower:
        return by_lower[value.lower()]
    raise QueryError(f"unknown {what} in '{written}'{did_you_mean(value, choices)}; known: "
                     + ", ".join(choices))

