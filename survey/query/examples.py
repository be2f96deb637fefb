"""Query examples taken from a collection's own records, for messages and hints: the author
with the most works and their most frequent co-author (so that author:a+b finds works), and
the venue with the most works. The CLI's messages (survey.query.language) and the site's
table (works.json, read by survey-query.js) both show these, so no survey is shown
another's names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from survey.query.language import author_list


def family_name(name: str) -> str:
    """The last word of a name, lowercased, when it is a plain word ("kahng"), else ""."""
    words = name.replace(",", " ").split()
    family = words[-1].lower() if words else ""
    return family if family.isalpha() else ""


def data_examples(works: Iterable[Any]) -> dict[str, Any]:
    """{"author": [name, co-author?], "venue": abbreviation}, each where the works have one;
    ties go to the name that sorts first, so the examples do not depend on the order."""
    works = list(works)
    names: Counter[str] = Counter()
    for work in works:
        names.update({family_name(a) for a in author_list(work)} - {""})
    examples: dict[str, Any] = {}
    if names:
        first = min(names, key=lambda n: (-names[n], n))
        partners: Counter[str] = Counter()
        for work in works:
            families = {family_name(a) for a in author_list(work)} - {""}
            if first in families:
                partners.update(families - {first})
        examples["author"] = [first] + ([min(partners, key=lambda n: (-partners[n], n))] if partners else [])
    venues = Counter(w.venue for w in works)
    if venues:
        examples["venue"] = min(venues, key=lambda v: (-venues[v], v))
    return examples
