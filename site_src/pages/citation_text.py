"""The citation as readers see it on a work page: the full author list, the version of
record next to the 2018 table's year and venue, corrections to the survey's data, the
sources, and a discreet mark on every fact not yet confirmed in a source (a "?" with a
tooltip, and a legend that names them, for those who cannot hover).

Every record value goes through text(), attr() or link() (site_src/pages/html.py).
"""
from __future__ import annotations

from typing import Callable

from site_src.pages import citation_meta
from site_src.pages.html import attr, link, text
from site_src.pages.identity import in_highlight
from survey import Work
from survey.records.taxonomy import Snapshot
from survey.query.citation_style import MONTHS

UNVERIFIED_TITLE = "Not confirmed in a source yet"
# What each field that `unverified` may name is called in the legend.
FIELD_LABELS = {
    "author_list": "the full author list", "title": "the title", "doi": "the DOI",
    "arxiv": "the arXiv id", "year": "the year", "month": "the month", "date": "the date",
    "journal": "the journal", "booktitle": "the proceedings' title", "volume": "the volume",
    "number": "the issue", "pages": "the pages", "publisher": "the publisher", "url": "the URL",
}
# Keys of `published` that say where and when the work appeared.
_VERSION_KEYS = ("title", "year", "month", "journal", "booktitle", "volume", "number", "pages",
                 "publisher", "school", "institution", "report_number", "date")

Flag = Callable[[str], str]


def unverified_fields(work: Work) -> list[str]:
    return list(work.record.get("unverified", []))


def flagger(unverified: list[str]) -> Flag:
    """flag(field): the mark to put after a shown fact, or '' if it is confirmed."""
    names = set(unverified)

    def flag(field: str) -> str:
        return (f' <abbr class="unverified" title="{attr(UNVERIFIED_TITLE)}">?</abbr>'
                if field in names else "")
    return flag


def authors_paragraph(work: Work, flag: Flag) -> str:
    """Every author, in order; where the full list is not known, the table's short form."""
    if work.author_list:
        names = ", ".join(f'<span class="author">{text(name)}</span>' for name in work.author_list)
        label = "Authors" if len(work.author_list) > 1 else "Author"
    else:
        names, label = f'<span class="author">{text(work.authors)}</span>', "Authors"
    return f'<p class="work-authors"><strong>{label}:</strong> {names}{flag("author_list")}</p>'


def listed_as(work: Work, snapshot: Snapshot | None) -> str:
    """How the survey's own data is introduced: the highlighted snapshot's (the flagship's
    2018 table), or the survey's for later additions and surveys without one."""
    return f"In the {snapshot.short_name}" if in_highlight(work, snapshot) else "As the survey lists it"


def published_paragraph(work: Work, venue_name: str, flag: Flag, snapshot: Snapshot | None = None) -> str:
    """'Published: IEEE TVCG, 24(1), pp. 667–676, January 2018 · IEEE', saying so where the
    version of record's year or title differs from the 2018 table's; '' if the record says
    nothing beyond the table."""
    published = work.published
    if not any(key in published for key in _VERSION_KEYS):
        return ""
    parts = []
    if published.get("title") and published["title"] != work.title:
        parts.append(f"as “{text(published['title'])}”{flag('title')}")
    where = citation_meta.container(work, venue_name)
    key = next((k for k in ("journal", "booktitle") if published.get(k)), "")
    container = f"<cite>{text(where)}</cite>{flag(key) if key else ''}" if where else ""
    if published.get("volume"):
        container += f", {text(published['volume'])}{flag('volume')}"
        if published.get("number"):
            container += f"({text(published['number'])}){flag('number')}"
    elif published.get("number"):
        container += f", no. {text(published['number'])}{flag('number')}"
    if published.get("report_number"):
        container += f", report {text(published['report_number'])}"
    if container:
        parts.append(container)
    if published.get("pages"):
        parts.append(f"pp. {text(str(published['pages']).replace('--', '–'))}{flag('pages')}")
    when = str(work.citation_year) + flag("year")
    if published.get("month"):
        when = f"{MONTHS[published['month'] - 1]}{flag('month')} {when}"
    if published.get("date"):
        when = f'<time datetime="{attr(published["date"])}">{text(published["date"])}</time>{flag("date")}'
    parts.append(when)
    line = ", ".join(parts)
    if published.get("publisher") and published["publisher"] != where:
        line += f" · {text(published['publisher'])}{flag('publisher')}"
    if published.get("url"):
        line += " · " + link(published["url"], "published version") + flag("url")
    differs = ""
    if work.citation_year != work.year:
        source = f"the {snapshot.short_name}" if in_highlight(work, snapshot) else "the survey"
        differs = (f' <span class="work-differs">({source} gives {work.year}; '
                   f"cite {work.citation_year})</span>")
    note = f'<br><span class="work-published-note">{text(published["note"])}</span>' if published.get("note") else ""
    return f'<p class="work-published"><strong>Published:</strong> {line}.{differs}{note}</p>'


def sources_section(work: Work, unverified: list[str]) -> str:
    """Corrections to the survey's data, the sources of the facts, and the legend of '?'."""
    blocks = []
    if work.corrections:
        items = "".join(f"<li>{text(c)}</li>" for c in work.corrections)
        blocks.append('<p><strong>Corrections to the survey\'s data:</strong></p>'
                      f'<ul class="work-corrections">{items}</ul>')
    items = "".join(f"<li>{link(url, url)}</li>" for url in work.sources)
    blocks.append("<p>The bibliographic facts on this page were checked against:</p>"
                  f'<ul class="work-sources">{items}</ul>')
    if unverified:
        names = [FIELD_LABELS.get(f, f) for f in unverified]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        blocks.append(f'<p class="unverified-legend"><abbr class="unverified" title="{attr(UNVERIFIED_TITLE)}">?</abbr> '
                      f"Unverified: {text(listed)} could not be confirmed in any source yet; "
                      "where shown, such a fact is marked with a question mark.</p>")
    return "\n".join(blocks)
