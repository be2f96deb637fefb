"""The citation as readers see it on a work page: the full author list, the version of
record next to the survey's year and venue, corrections to the survey's data, the sources,
and a discreet mark on every fact not yet confirmed in a source (a "?" with a tooltip, and a
legend that names them, for those who cannot hover).

These functions return plain values; the work page's template (templates/work/page.md)
writes them, escaped, with the marks.
"""

from __future__ import annotations

from typing import Any

from site_src.pages import citation_meta
from site_src.pages.html import external_url
from site_src.pages.identity import in_highlight
from survey import Work
from survey.records.taxonomy import Snapshot
from survey.query.citation_style import MONTHS

UNVERIFIED_TITLE = "Not confirmed in a source yet"
# What each field that `unverified` may name is called in the legend.
FIELD_LABELS = {
    "author_list": "the full author list",
    "title": "the title",
    "doi": "the DOI",
    "arxiv": "the arXiv id",
    "year": "the year",
    "month": "the month",
    "date": "the date",
    "journal": "the journal",
    "booktitle": "the proceedings' title",
    "volume": "the volume",
    "number": "the issue",
    "pages": "the pages",
    "publisher": "the publisher",
    "url": "the URL",
}
# Keys of `published` that say where and when the work appeared.
_VERSION_KEYS = (
    "title",
    "year",
    "month",
    "journal",
    "booktitle",
    "volume",
    "number",
    "pages",
    "publisher",
    "school",
    "institution",
    "report_number",
    "date",
)


def unverified_fields(work: Work) -> list[str]:
    return list(work.unverified)


def authors(work: Work) -> dict[str, Any]:
    """Every author, in order; where the full list is not known, the table's short form."""
    if work.author_list:
        return {"label": "Authors" if len(work.author_list) > 1 else "Author", "names": list(work.author_list)}
    return {"label": "Authors", "names": [work.authors]}


def listed_as(work: Work, snapshot: Snapshot | None) -> str:
    """How the survey's own year and venue are introduced: "In the 2018 table" for a work of
    the highlighted snapshot; nothing for a work added after it or in a survey without one
    (their year and venue are the records', not a listing's)."""
    return f"In the {snapshot.short_name}" if snapshot is not None and in_highlight(work, snapshot) else ""


def published(work: Work, venue_name: str, snapshot: Snapshot | None = None) -> dict[str, Any] | None:
    """'Published: IEEE TVCG, 24(1), pp. 667–676, January 2018 · IEEE', as the parts the
    template writes, saying so where the version of record's year or title differs from the
    survey's; None if the record says nothing beyond the table."""
    version = work.published
    if not any(key in version for key in _VERSION_KEYS):
        return None
    where = citation_meta.container(work, venue_name)
    differs = ""
    if work.year is not None and work.citation_year != work.year:
        source = f"the {snapshot.short_name}" if snapshot is not None and in_highlight(work, snapshot) else "the survey"
        differs = f"{source} gives {work.year}; cite {work.citation_year}"
    return {
        "title": version["title"] if version.get("title") and version["title"] != work.title else None,
        "where": where or None,
        "where_key": next((k for k in ("journal", "booktitle") if version.get(k)), "") if where else "",
        "volume": version.get("volume"),
        "number": version.get("number"),
        "report_number": version.get("report_number"),
        "pages": str(version["pages"]).replace("--", "–") if version.get("pages") else None,
        # a work without a year (an import) is cited "n.d.", without a month
        "year": work.citation_year or "n.d.",
        "date": version.get("date"),
        "month": MONTHS[version["month"] - 1] if version.get("month") and work.citation_year else None,
        "publisher": version["publisher"] if version.get("publisher") and version["publisher"] != where else None,
        "has_url": bool(version.get("url")),
        "url": external_url(version.get("url")),
        "differs": differs,
        "note": version.get("note"),
    }


def sources(work: Work) -> list[dict[str, str | None]]:
    """The sources of the facts: each a link where it is http(s), else its text."""
    return [{"url": external_url(url), "label": url} for url in work.sources]


def unverified_legend(unverified: list[str]) -> str:
    """'the month and the pages': what the legend of '?' names; '' if every fact is confirmed."""
    if not unverified:
        return ""
    names = [FIELD_LABELS.get(f, f) for f in unverified]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
