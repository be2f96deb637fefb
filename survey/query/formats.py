"""Output formats of `survey query` and `survey export`: table, csv, json, bibtex, ids."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Callable, Iterable

from survey.records.record import Work
from survey.records.taxonomy import TAGGED_FACETS

# Venue types that BibTeX calls @article; others are @inproceedings or @misc.
_ARTICLE_TYPES = {"journal"}
_MISC_TYPES = {"preprint", "web", "thesis"}


def as_table(works: Iterable[Work]) -> str:
    works = list(works)
    rows = [(w.id, str(w.year), w.venue, w.authors, w.title) for w in works]
    header = ("id", "year", "venue", "authors", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row))
             for row in [header, *rows]]
    lines.append(f"{len(works)} work{'s' if len(works) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_csv(works: Iterable[Work]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "authors", "year", "venue", "url", "doi", "arxiv",
                     *TAGGED_FACETS, "in_2018_table"])
    for w in works:
        writer.writerow([w.id, w.title, w.authors, w.year, w.venue, w.url, w.doi or "",
                         w.arxiv or "", *(";".join(w.tags[f]) for f in TAGGED_FACETS),
                         str(w.in_2018_table).lower()])
    return out.getvalue()


def as_json(works: Iterable[Work]) -> str:
    return json.dumps([w.to_record() for w in works], indent=2, ensure_ascii=False) + "\n"


def as_ids(works: Iterable[Work]) -> str:
    return "".join(f"{w.id}\n" for w in works)


def bibtex_entry(work: Work, venue_type: str, venue_name: str) -> str:
    kind = ("article" if venue_type in _ARTICLE_TYPES else
            "misc" if venue_type in _MISC_TYPES else "inproceedings")
    container = {"article": "journal", "inproceedings": "booktitle", "misc": "howpublished"}[kind]
    authors = " and ".join(work.record.get("author_list") or
                           [a.strip() for a in re.split(r",|&", work.authors.replace("et al.", "others"))
                            if a.strip()])
    fields = [("title", "{" + _bibtex_escape(work.title) + "}"), ("author", _bibtex_escape(authors)),
              ("year", str(work.year)), (container, _bibtex_escape(venue_name)),
              ("url", work.url)]
    if work.doi:
        fields.append(("doi", work.doi))
    if work.arxiv:
        fields += [("eprint", work.arxiv), ("archivePrefix", "arXiv")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{work.id},\n{body}\n}}\n"


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def formatter(name: str, taxonomy) -> Callable[[Iterable[Work]], str]:
    """The function that renders works in the named format."""
    def as_bibtex(works: Iterable[Work]) -> str:
        return "\n".join(bibtex_entry(w, taxonomy.venues[w.venue].type, taxonomy.venues[w.venue].name)
                         for w in works)
    return {"table": as_table, "csv": as_csv, "json": as_json, "bibtex": as_bibtex,
            "ids": as_ids}[name]


FORMATS = ("table", "csv", "json", "bibtex", "ids")
