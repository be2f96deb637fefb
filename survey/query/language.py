"""The query language shared by `survey query` and the site's table (`/table/?q=`).

    how:instance-based how:line          categories of one facet: any of them (OR)
    how:algorithms+interactive-experimentation   '+' joins values: all of them (AND)
    who:non-experts how:line             terms of different kinds must all match (AND)
    -how:node-link                       a leading '-' negates any term
    year:2016..2018  year:2017..  year:..2015  year:2016
    venue:TVCG  venue:"ICML VIS"         venue abbreviation (OR among venue terms)
    type:workshop                        venue type (see survey/venues.yaml)
    in:tvcg2018  in:2018                 the works of a snapshot named in survey.yml (by id or
                                         alias); -in:2018: the others
    author:kahng  author:kahng+chau      any author's name contains it (with '+': each of them)
    lstm "hidden state"                  words and phrases in titles and authors (all must match)

Case does not matter. `OR`, `AND` and `NOT` are not operators: written as words they get a
hint to the syntax above. The JavaScript twin lives in site_src/docs/assets/js/survey-query.js;
both are tested against the same vectors (tests/query_vectors.json).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from collections.abc import Callable, Collection, Mapping
from typing import Any

from survey.records.record import Work
from survey.records.suggest import did_you_mean
from survey.records.taxonomy import Taxonomy

OTHER_FIELDS = ("year", "venue", "type", "in", "author")  # the filters besides the facets
# A term: an optional '-', then 'name:' with a value (maybe empty: an error), or a bare word.
# A value runs to the next space outside double quotes; an unclosed quote runs to the end.
# A name is a facet id (letters, digits, '_') or one of OTHER_FIELDS.
_TOKEN = re.compile(r'(-?)(?:([A-Za-z_][A-Za-z0-9_]*):((?:"[^"]*"?|[^\s"])*)|((?:"[^"]*"?|[^\s"])+))')
_PIECE = re.compile(r'(?:"[^"]*"?|[^+"])+')  # one value of a '+' join, quotes kept
_YEAR = re.compile(r"^(\d{4})?(\.\.)?(\d{4})?$")
OPERATOR_WORDS = ("OR", "AND", "NOT")


class QueryError(ValueError):
    """A query a user wrote that cannot be understood; the message says how to fix it."""


@dataclass(frozen=True)
class Term:
    field: str  # a facet, "year", "venue", "type", "in", "author", or "text"
    value: str  # normalized: category ids joined by '+', venue abbr, "2016..2018", lowercase text
    negated: bool
    # dataclasses.field in full: `field` in this class body is the attribute above
    test: Callable[[Work], bool] = dataclasses.field(compare=False, repr=False)
    joinable: bool = dataclasses.field(default=False, compare=False)  # a facet or author: '+' joins values

    @property
    def values(self) -> tuple[str, ...]:
        """The values a '+' joins (one for most terms): how:a+b -> ('a', 'b')."""
        return tuple(self.value.split("+")) if self.joinable else (self.value,)

    def __str__(self) -> str:
        value = "+".join(f'"{v}"' if " " in v else v for v in self.values)
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


def parse_query(text: str | list[str], taxonomy: Taxonomy, examples: Mapping[str, Any] | None = None) -> Query:
    """Parse a query string (or the CLI's list of terms) against the project's taxonomy.
    Raises QueryError, whose message shows `examples` (survey.query.examples.data_examples:
    an author and a venue from the survey's own records) where it names an author or venue."""
    examples = examples or {}
    fields = (*taxonomy.tagged_ids, *OTHER_FIELDS)
    if isinstance(text, list):
        text = " ".join(_quote_arg(arg) for arg in text)
    terms = []
    for match in _TOKEN.finditer(text):
        negated, name, written = match.group(1) == "-", match.group(2), match.group(0)
        if name is None:
            raw = match.group(4)
            if raw in OPERATOR_WORDS:
                raise QueryError(_operator_hint(raw, text, match.start(), taxonomy))
            if raw.replace('"', ""):
                terms.append(_text_term(raw.replace('"', ""), negated))
            continue
        name = name.lower()
        if name not in fields:
            raise QueryError(
                f"unknown filter '{name}:' in '{written}'{did_you_mean(name, fields)}: "
                "use one of " + ", ".join(f"{f}:" for f in fields)
            )
        terms.append(
            _term(name, _values(name, match.group(3), written, taxonomy, examples), negated, written, taxonomy)
        )
    return Query(tuple(terms))


def _quote_arg(arg: str) -> str:
    """A shell argument with spaces is one term ('venue:ICML VIS' -> 'venue:"ICML VIS"'),
    unless it holds several terms ('in:2018 how:line'), which is a whole query."""
    if not any(ch.isspace() for ch in arg) or '"' in arg or re.search(r"\s-?[A-Za-z_]+:", arg):
        return arg
    head = re.match(r"-?(?:[A-Za-z_]+:)?", arg)  # matches every text, if only ''
    prefix = head.group() if head else ""
    return f'{prefix}"{arg[len(prefix) :]}"'


def author_list(work: Work) -> tuple[str, ...]:
    """A work's full list of authors (`author_list` in its record); () when it has none."""
    return work.author_list


def author_names(work: Work) -> tuple[str, ...]:
    """Every author of a work: its full list when it has one, else the survey's short form
    ("Kahng, et al.")."""
    return author_list(work) or (work.authors,)


def _operator_hint(word: str, text: str, at: int, taxonomy: Taxonomy) -> str:
    """Why `word` (OR, AND, NOT at `at` in `text`) is no operator, with the forms to use
    instead, as survey-query.js's operatorHint writes it: the examples are the terms around
    the word where they name categories of one facet (facet:a OR facet:b), else two
    categories of the survey's first facet; never another survey's."""
    around: list[tuple[str, str, bool]] = []  # (facet, category, before the word)
    for match in _TOKEN.finditer(text):
        if match.start() != at and match.group(2) is not None and not match.group(1):
            name, value = match.group(2).lower(), match.group(3).replace('"', "").lower()
            if name in taxonomy.tagged_ids and value in taxonomy.category_ids(name):
                around.append((name, value, match.start() < at))
    before = [term for term in around if term[2]]
    after = [term for term in around if not term[2]]
    near = before[-1] if before else after[0] if after else None
    tagged = taxonomy.tagged_facets
    first = next((f for f in tagged if len(f.categories) > 1), tagged[0] if tagged else None)
    facet = near[0] if near else first.id if first else None
    if facet:
        a = near[1] if near else taxonomy.category_ids(facet)[0]
        other = next((term[1] for term in around if term[0] == facet and term[1] != a), None)
        b = other or next((c for c in taxonomy.category_ids(facet) if c != a), None)
        pieces = (
            f" ({facet}:{a} {facet}:{b}), '+' asks for all of them ({facet}:{a}+{b})"
            if b
            else ", '+' asks for all of them"
        )
        pieces += f", terms of different kinds must all match, and '-' excludes (-{facet}:{a})"
    else:
        pieces = ", '+' asks for all of them, terms of different kinds must all match, and '-' excludes"
    return (
        f"'{word}' is not an operator: categories of one facet match any of them{pieces}; "
        f'to search for the word, quote it: "{word.lower()}"'
    )


def _values(name: str, raw: str, written: str, taxonomy: Taxonomy, examples: Mapping[str, Any]) -> list[str]:
    """The value(s) of `name:raw`, unquoted; '+' splits them only where it joins values."""
    if not raw.replace('"', ""):
        example = _example(name, taxonomy, examples)
        raise QueryError(f"'{written}' needs a value" + (f", e.g. {example}" if example else ""))
    pieces = _PIECE.findall(raw) if _joinable(name, taxonomy) else [raw]
    values = [piece.replace('"', "") for piece in pieces]
    if "+".join(pieces) != raw or not all(values):
        example = _example(name, taxonomy, examples, 2)
        raise QueryError(
            f"'{written}': '+' joins two values" + (f", as in {example}" if example else "") + "; one side is empty"
        )
    return values


def _joinable(name: str, taxonomy: Taxonomy) -> bool:
    return name == "author" or name in taxonomy.tagged_ids


def _example(name: str, taxonomy: Taxonomy, examples: Mapping[str, Any], count: int = 1) -> str:
    """An example of the filter `name` from this survey: its own categories, snapshot and
    venue types, and an author and venue of its records (`examples`); "" where it has none."""
    if name in taxonomy.tagged_ids:
        return f"{name}:" + "+".join(taxonomy.category_ids(name)[:count])
    if name == "author":
        authors = list(examples.get("author") or ())[:count]
        return "author:" + "+".join(authors) if len(authors) == count else ""
    venue = examples.get("venue") or next(iter(taxonomy.venues), "")
    venue = f'"{venue}"' if " " in venue else venue
    kind = next((v.type for v in taxonomy.venues.values() if v.type), "")
    snapshot = taxonomy.snapshots[0].names[-1] if taxonomy.snapshots else ""
    value = {"year": "2016", "venue": venue, "type": kind, "in": snapshot}[name]
    return f"{name}:{value}" if value else ""


def _text_term(value: str, negated: bool) -> Term:
    word = value.lower()
    return Term("text", word, negated, lambda w: word in "\n".join((w.title, w.authors, *author_names(w))).lower())


def _term(name: str, values: list[str], negated: bool, written: str, taxonomy: Taxonomy) -> Term:
    if name in taxonomy.tagged_ids:
        return _category_term(name, [v.lower() for v in values], negated, written, taxonomy)
    if name == "author":
        parts = [v.lower() for v in values]
        return Term(
            "author",
            "+".join(parts),
            negated,
            lambda w: all(any(part in author.lower() for author in author_names(w)) for part in parts),
            True,
        )
    value = values[0]
    if name == "year":
        lo, hi = _year_range(value, written)
        shown = value if ".." in value else str(lo)
        # a work without a year is in no range (and so in every -year: range)
        return Term("year", shown, negated, lambda w: w.year is not None and lo <= w.year <= hi)
    if name == "venue":
        venue = _lookup(value, taxonomy.venues, written, "venue")
        return Term("venue", venue, negated, lambda w: w.venue == venue)
    if name == "type":
        kind = _lookup(value, taxonomy.venue_types, written, "venue type")
        return Term("type", kind, negated, lambda w: taxonomy.venues[w.venue].type == kind)
    return _snapshot_term(value, negated, written, taxonomy)  # name == "in"


def _snapshot_term(value: str, negated: bool, written: str, taxonomy: Taxonomy) -> Term:
    """in:NAME, a snapshot by its id or an alias; the term keeps the name as written
    (in:2018 stays in:2018)."""
    snapshot = taxonomy.snapshot(value)
    if snapshot is None:
        if not taxonomy.snapshots:
            raise QueryError(f"'{written}': this survey names no snapshots (survey.yml)")
        raise QueryError(
            f"'{written}': "
            + "; ".join(f"write in:{s.names[-1]} for {s.label}" for s in taxonomy.snapshots)
            + f", or -in:{taxonomy.snapshots[0].names[-1]} for the others"
        )
    name = next(n for n in snapshot.names if n.lower() == value.lower())
    return Term("in", name, negated, lambda w: snapshot.id in w.snapshots)


def _category_term(facet: str, categories: list[str], negated: bool, written: str, taxonomy: Taxonomy) -> Term:
    allowed = taxonomy.category_ids(facet)
    for category in categories:
        if category not in allowed:
            other = taxonomy.facet_of(category)
            hint = f" (it is a '{other}' category: {other}:{category})" if other else did_you_mean(category, allowed)
            raise QueryError(
                f"unknown '{facet}' category '{category}' in '{written}'{hint}; allowed: " + ", ".join(allowed)
            )
    return Term(
        facet, "+".join(categories), negated, lambda w: all(category in w.tags[facet] for category in categories), True
    )


def _year_range(value: str, written: str) -> tuple[int, int]:
    match = _YEAR.match(value)
    if not match or not (match.group(1) or match.group(3)) or (match.group(2) is None and match.group(3)):
        raise QueryError(f"cannot read '{written}': write year:2016, year:2016..2018, year:2017.. or year:..2015")
    lo, dots, hi = match.groups()
    if not dots:
        return int(lo), int(lo)
    low, high = int(lo) if lo else 0, int(hi) if hi else 9999
    if low > high:
        raise QueryError(f"'{written}': the range is empty; write the earlier year first")
    return low, high


def _lookup(value: str, choices: Collection[str], written: str, what: str) -> str:
    by_lower = {c.lower(): c for c in choices}
    if value.lower() in by_lower:
        return by_lower[value.lower()]
    raise QueryError(f"unknown {what} in '{written}'{did_you_mean(value, choices)}; known: " + ", ".join(choices))
