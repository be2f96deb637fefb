"""Citation metadata of a work page, for reference managers and search engines: Highwire
Press `citation_*` meta tags (read by Zotero and Google Scholar) and a schema.org
ScholarlyArticle as JSON-LD.

Both are plain data (lists and dicts of unescaped text) that the page carries in its front
matter; the theme template (site_src/overrides/main.html) writes them into the page head,
escaping each value for its context there: attribute values by Jinja's `e`, JSON by
`tojson`, which also escapes <, > and & so a title cannot close the script element.
"""

from __future__ import annotations

import re
from typing import Any

from site_src.pages.html import external_url
from survey import Work

# Which Highwire tag names the container of each kind of work.
_CONTAINER_TAG = {
    "article": "citation_journal_title",
    "inproceedings": "citation_conference_title",
    "preprint": "citation_journal_title",
    "online": "citation_journal_title",
}


def page_range(pages: str | None) -> tuple[str, str]:
    """'667--676' -> ('667', '676'); '12' -> ('12', ''); None -> ('', '')."""
    if not pages:
        return "", ""
    first, *last = re.split(r"\s*[-–—]+\s*", str(pages).strip(), maxsplit=1)
    return first, last[0] if last else ""


def publication_date(work: Work, separator: str = "/") -> str:
    """The version of record's date as far as known: '2018/01', '2014/10/09' or '2018';
    "" for a work with no year."""
    date = work.published.get("date")
    if date:
        return str(date)[:10].replace("-", separator)
    if work.citation_year is None:
        return ""
    month = work.published.get("month")
    return f"{work.citation_year}{separator}{month:02d}" if month else str(work.citation_year)


def container(work: Work, venue_name: str) -> str | None:
    """Where the work appeared: the journal or proceedings as published, else the survey's
    venue; for a preprint with an arXiv id, arXiv; for a web article, only a name the
    record gives (the venue would be 'Published on the web')."""
    published = work.published
    named = published.get("journal") or published.get("booktitle")
    if work.kind == "online":
        return named or published.get("publisher")
    if work.kind == "preprint" and not named and work.arxiv:
        return "arXiv"
    return named or published.get("school") or published.get("institution") or venue_name


def landing_url(work: Work) -> str | None:
    return external_url(work.published.get("url")) or external_url(work.url)


def highwire_tags(work: Work, venue_name: str) -> list[list[str]]:
    """[name, content] pairs, in the order Google Scholar's guidelines list them."""
    published = work.published
    tags = [["citation_title", published.get("title") or work.title]]
    tags += [["citation_author", name] for name in work.author_list]
    if publication_date(work):
        tags.append(["citation_publication_date", publication_date(work)])
    where = container(work, venue_name)
    if work.kind in _CONTAINER_TAG and where:
        tags.append([_CONTAINER_TAG[work.kind], where])
    elif work.kind in ("mastersthesis", "phdthesis"):
        tags.append(["citation_dissertation_institution", published.get("school") or venue_name])
    elif work.kind == "techreport":
        tags.append(["citation_technical_report_institution", published.get("institution") or venue_name])
        if published.get("report_number"):
            tags.append(["citation_technical_report_number", str(published["report_number"])])
    for key, name in (("volume", "citation_volume"), ("number", "citation_issue")):
        if published.get(key):
            tags.append([name, str(published[key])])
    first, last = page_range(published.get("pages"))
    if first:
        tags.append(["citation_firstpage", first])
    if last:
        tags.append(["citation_lastpage", last])
    if published.get("publisher"):
        tags.append(["citation_publisher", published["publisher"]])
    if work.doi:
        tags.append(["citation_doi", work.doi])
    if work.arxiv:
        tags.append(["citation_arxiv_id", work.arxiv])
    url = landing_url(work)
    if url:
        tags.append(["citation_pdf_url" if url.lower().endswith(".pdf") else "citation_abstract_html_url", url])
    return tags


def json_ld(work: Work, venue_name: str) -> dict[str, Any]:
    """A schema.org ScholarlyArticle (or SoftwareSourceCode) describing the work."""
    published = work.published
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "SoftwareSourceCode" if work.kind == "software" else "ScholarlyArticle",
        "headline": published.get("title") or work.title,
        "name": published.get("title") or work.title,
        "author": [{"@type": "Person", "name": name} for name in work.author_list],
    }
    if publication_date(work):
        data["datePublished"] = publication_date(work, "-")
    where = container(work, venue_name)
    if where:
        part_of: dict[str, Any] = {"@type": "Periodical" if work.kind == "article" else "CreativeWork", "name": where}
        if published.get("volume"):
            part_of = {"@type": "PublicationVolume", "volumeNumber": str(published["volume"]), "isPartOf": part_of}
        if published.get("number"):
            part_of = {"@type": "PublicationIssue", "issueNumber": str(published["number"]), "isPartOf": part_of}
        data["isPartOf"] = part_of
    first, last = page_range(published.get("pages"))
    if first:
        data["pageStart"] = first
        data["pagination"] = f"{first}-{last}" if last else first
    if last:
        data["pageEnd"] = last
    if published.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": published["publisher"]}
    identifiers = []
    same_as = []
    if work.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi})
        same_as.append(f"https://doi.org/{work.doi}")
    if work.arxiv:
        identifiers.append({"@type": "PropertyValue", "propertyID": "arXiv", "value": work.arxiv})
        same_as.append(f"https://arxiv.org/abs/{work.arxiv}")
    if identifiers:
        data["identifier"] = identifiers
        data["sameAs"] = same_as
    url = landing_url(work)
    if url:
        data["url"] = url
    return data
