"""The home page of a survey project without a hand-written one: what the survey is, from
survey.yml, and where to go, with the numbers computed from the records."""

from __future__ import annotations

from site_src.pages import urls
from site_src.pages.charts import works_phrase
from site_src.pages.html import attr, front_matter, markdown_text, raw_block, text
from site_src.pages.identity import SiteIdentity
from survey import Collection

PAGE = "index.md"


def files(works: Collection, identity: SiteIdentity) -> dict[str, str]:
    return {PAGE: page(works, identity)}


def page(works: Collection, identity: SiteIdentity) -> str:
    facets = works.taxonomy.tagged_facets
    years = works.years()
    span = f", published from {min(years)} to {max(years)}" if years else ""
    if works.undated():  # imported entries without a year: the span does not cover them
        span += f" ({works_phrase(works.undated())} without a year)"
    rows = "".join(
        f'<tr><td><a href="{attr(urls.href(PAGE, urls.facet_page(f.id)))}"><strong>{text(f.title)}</strong></a></td>'
        f'<td>{text(f.question)}</td><td class="num">{len(f.categories)}</td></tr>'
        for f in facets
    )
    facet_table = (
        (
            '<table class="category-list"><thead><tr><th>Facet</th><th>What it records</th>'
            f"<th>Categories</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        if facets
        else ""
    )
    links = [
        (urls.TABLE, "Table", "filter the works by any facet, year, venue or author"),
        (urls.TRENDS, "Trends", "works per year in each category, and the research gaps"),
        ("taxonomy/index.md", "Taxonomy", "every facet and category, with their works"),
        (urls.CHANGELOG, "Changelog", "the works by the date they were added"),
        ("data/index.md", "Data", "the whole collection as CSV, JSON, BibTeX and Parquet"),
        (urls.CONTRIBUTING, "Contributing", "how to add a paper"),
    ]
    items = "".join(
        f'<li><a href="{attr(urls.href(PAGE, target))}"><strong>{label}</strong></a> — {what}</li>'
        for target, label, what in links
    )
    cite = (
        (
            f'<h2 id="cite">Citing the survey</h2>\n<blockquote class="survey-citation">{text(identity.citation)}'
            "</blockquote>\n"
        )
        if identity.citation.strip()
        else ""
    )
    # The count, the call to open the table and where to start come first: a newcomer sees
    # them in the first screen, on a phone too; the facets and the citation follow.
    start = " · ".join(f'<a href="{attr(urls.href(PAGE, target))}">{label.lower()}</a>' for target, label, _ in links)
    hero = (
        '<div class="home-hero">'
        f'<p class="home-count">This knowledge base holds <strong>{works_phrase(len(works))}</strong>{span}, '
        f"classified by {len(facets)} facet{'s' if len(facets) != 1 else ''}.</p>\n"
        f'<p><a class="md-button md-button--primary home-cta" href="{attr(urls.href(PAGE, urls.TABLE))}">'
        "Browse the table</a></p>\n"
        f'<nav class="home-start" aria-labelledby="home-start-label"><span id="home-start-label">'
        f"<strong>Start here:</strong></span> {start}</nav></div>\n"
    )
    return (
        front_matter(title="Home", description=identity.description or identity.title)
        + f"# {markdown_text(identity.title)}\n\n"
        + raw_block(hero)
        + (f"{markdown_text(identity.description)}\n\n" if identity.description else "")
        + raw_block(facet_table + f'\n<ul class="work-list">{items}</ul>\n' + cite)
    )
