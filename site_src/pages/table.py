"""The taxonomy table at /table/: rendered in full at build time (it works without
JavaScript), enhanced in the browser by assets/js/survey-table.js, which filters it with
the shared query syntax and keeps the filter in the URL (?q=)."""
from __future__ import annotations

from site_src.pages import urls
from site_src.pages.html import attr, front_matter, link, text, to_json
from survey import Collection, Work
from survey.formats import bibtex_entry

PAGE = urls.TABLE
DATA = "assets/data/works.json"  # what the table script filters on
EXPORT = "assets/data/works-export.json"  # full records and BibTeX, loaded on export only


def files(works: Collection) -> dict[str, str]:
    return {PAGE: page(works), DATA: to_json(table_data(works)), EXPORT: to_json(export_data(works))}


def page(works: Collection) -> str:
    taxonomy = works.taxonomy
    facets = taxonomy.tagged_facets
    head_groups = "".join(
        f'<th colspan="{len(f.categories)}" scope="colgroup" class="facet-head" '
        f'style="--facet-color:{attr(f.color)}">{text(f.title)}</th>' for f in facets)
    head_cells = "".join(
        f'<th scope="col" class="cat" data-sort="{attr(f.id)}:{attr(c.id)}" '
        f'style="--facet-color:{attr(f.color)}" title="{attr(c.label)}">'
        f'<span>{text(c.short)}</span></th>'
        for f in facets for c in f.categories)
    rows = "\n".join(_row(w, works) for w in works)
    return (
        front_matter(title="Taxonomy table", template="table.html", hide=["navigation", "toc"],
                     search={"exclude": True},  # matches every query; the table has its own search
                     description=f"The {len(works)} works of the survey, filterable by the Five W's and How.")
        + "# Taxonomy table\n\n"
        "Every surveyed work, tagged with the survey's questions. Filter with the controls or "
        "type a query in the same syntax as `survey query`; the address bar keeps the filter, "
        "so any view is a link. Query examples: `how:instance-based`, "
        "`who:non-experts -in:2018`, `year:2017.. venue:TVCG`.\n\n"
        f'<div class="survey-table" data-survey-table data-works="{attr(urls.href(PAGE, DATA))}" '
        f'data-export="{attr(urls.href(PAGE, EXPORT))}">\n'
        '<div class="survey-controls" data-controls hidden></div>\n'
        f'<p class="survey-count"><strong data-result-count>{len(works)}</strong> of '
        f'{len(works)} works</p>\n'
        '<div class="survey-scroll"><table class="survey-grid">\n<thead>\n'
        f'<tr class="group-row"><th colspan="3"></th>{head_groups}</tr>\n'
        '<tr><th scope="col" data-sort="title">Work</th><th scope="col" data-sort="year">Year</th>'
        f'<th scope="col" data-sort="venue">Venue</th>{head_cells}</tr>\n'
        f'</thead>\n<tbody>\n{rows}\n</tbody>\n</table></div>\n</div>\n'
    )


def _row(work: Work, works: Collection) -> str:
    cells = "".join(
        (f'<td class="mark on" title="{attr(c.label)}">●</td>' if c.id in work.tags[f.id]
         else '<td class="mark"></td>')
        for f in works.taxonomy.tagged_facets for c in f.categories)
    paper = link(work.url, "paper", css="paper-link")
    badge = "" if work.in_2018_table else ' <span class="badge-new" title="Added after the 2018 paper">new</span>'
    return (
        f'<tr data-id="{attr(work.id)}">'
        f'<td class="work"><a href="{attr(urls.href(PAGE, urls.work_page(work.id)))}">{text(work.title)}</a>'
        f'{badge}<br><span class="authors">{text(work.authors)}</span> · {paper}</td>'
        f'<td>{work.year}</td><td>{text(work.venue)}</td>{cells}</tr>'
    )


def table_data(works: Collection) -> dict:
    """Vocabulary and one compact row per work, in the order of the table's rows."""
    taxonomy = works.taxonomy
    return {
        "facets": [{"id": f.id, "title": f.title, "categories": [c.id for c in f.categories],
                    "shorts": [c.short for c in f.categories], "labels": [c.label for c in f.categories]}
                   for f in taxonomy.tagged_facets],
        "venues": {abbr: v.type for abbr, v in taxonomy.venues.items()},
        "venueTypes": list(taxonomy.venue_types),
        "works": [{"id": w.id, "title": w.title, "authors": w.authors, "year": w.year,
                   "venue": w.venue, "in2018": w.in_2018_table, "tags": w.tags}
                  for w in works],
    }


def export_data(works: Collection) -> dict:
    """What the page's CSV, JSON and BibTeX export buttons write (same as `survey query`)."""
    venues = works.taxonomy.venues
    return {
        "records": {w.id: w.to_record() for w in works},
        "bibtex": {w.id: bibtex_entry(w, venues[w.venue].type, venues[w.venue].name) for w in works},
    }
