"""The taxonomy table at /table/, rendered at build time so that it works without
JavaScript, and live in the browser with assets/js/survey-table.js, which filters it with
the shared query syntax and keeps the filter in the URL (?q=).

Without JavaScript, a large collection is split into pages of STATIC_ROWS rows (/table/,
/table/2/, ...): 10,000 rows in one page take a browser seconds to lay out. With
JavaScript, the script draws the matching rows from assets/data/works.json."""

from __future__ import annotations

from site_src.pages import urls
from site_src.pages.identity import five_ws, highlighted, in_highlight
from site_src.pages.html import attr, front_matter, link, raw_block, text, to_json
from typing import Sequence

from survey import Collection, Work
from survey.query.dataset import collection_version
from survey.query.formats import bibtex_entry, latex_text, no_doi_comment
from survey.query.examples import data_examples
from survey.query.language import author_list

PAGE = urls.TABLE
DATA = "assets/data/works.json"  # what the table script filters on
EXPORT = "assets/data/works-export.json"  # full records and BibTeX, loaded on export only
SUMMARY = "assets/data/summary.json"  # the count of works and their years, for a hand-written home page
STATIC_ROWS = 500  # rows per page without JavaScript


def files(works: Collection, examples: Sequence[str] = (), title: str | None = None) -> dict[str, str]:
    """`examples`: the query examples the project declares (default: made from the records);
    `title`: the survey's, which the BibTeX export's comment names (as `survey query` does)."""
    chunks = [works[i : i + STATIC_ROWS] for i in range(0, len(works), STATIC_ROWS)] or [()]
    out = {
        DATA: to_json(table_data(works)),
        EXPORT: to_json(export_data(works, title)),
        SUMMARY: to_json(summary(works)),
    }
    for number, chunk in enumerate(chunks, start=1):
        out[static_page(number)] = page(works, chunk, number, len(chunks), examples)
    return out


def static_page(number: int) -> str:
    return PAGE if number == 1 else f"table/{number}.md"


def page(works: Collection, rows: Sequence[Work], number: int, count: int, examples: Sequence[str] = ()) -> str:
    source = static_page(number)
    taxonomy = works.taxonomy
    facets = taxonomy.tagged_facets
    head_groups = "".join(
        f'<th colspan="{len(f.categories)}" scope="colgroup" class="facet-head" '
        f'style="--facet-color:{attr(f.color)}">{text(f.title)}</th>'
        for f in facets
    )
    head_cells = "".join(
        f'<th scope="col" class="cat" data-sort="{attr(f.id)}:{attr(c.id)}" '
        f'style="--facet-color:{attr(f.color)}" title="{attr(c.label)}">'
        f"<span>{text(c.short)}</span></th>"
        for f in facets
        for c in f.categories
    )
    first = (number - 1) * STATIC_ROWS + 1
    # Column widths for the live table's fixed layout (the first row has column groups).
    columns = (
        '<colgroup><col class="col-work"><col class="col-year"><col class="col-venue">'
        + '<col class="col-mark">' * sum(len(f.categories) for f in facets)
        + "</colgroup>\n"
    )
    head = (
        columns + "<thead>\n"
        f'<tr class="group-row"><td colspan="3"></td>{head_groups}</tr>\n'
        '<tr><th scope="col" data-sort="title">Work</th><th scope="col" data-sort="year">Year</th>'
        f'<th scope="col" data-sort="venue">Venue</th>{head_cells}</tr>\n</thead>\n'
    )
    static = (
        '<div class="survey-scroll"><table class="survey-grid">\n'
        + head
        + "<tbody>\n"
        + "\n".join(_row(w, works, source) for w in rows)
        + "\n</tbody>\n</table></div>\n"
        + _pager(source, number, count)
    )
    intro = (
        front_matter(
            title="Taxonomy table" + (f" (page {number})" if number > 1 else ""),
            template="table.html",
            hide=["navigation", "toc"],
            search={"exclude": True},  # matches every query; the table has its own search
            description=f"The {len(works)} works of the survey, filterable by {_facet_names(taxonomy)}.",
        )
        + "# Taxonomy table\n\n"
        "Every surveyed work, tagged with the survey's questions. Filter with the controls or "
        "type a query in the same syntax as `survey query`; the address bar keeps the filter, "
        "so any view is a link. Query examples: "
        + ", ".join(f"`{q}`" + (" (both)" if "+" in q.split()[0] else "") for q in examples or example_queries(works))
        + ".\n\n"
    )
    if number > 1:  # reached only without JavaScript, from the pager
        return intro + raw_block(
            '<div class="survey-table">\n'
            f'<p class="survey-count">Works {first}–{first + len(rows) - 1} of {len(works)}</p>\n' + static + "</div>"
        )
    # The first page: with JavaScript, the script fills the empty table from the data; the
    # build-time rows sit in <noscript>, which a browser running scripts does not even parse.
    # The script puts the query box on top, the filters and charts in a sidebar (behind a
    # "Filters" button on narrow screens), and the count, the exports and the results beside
    # them: the count and the first results are in the first screen. The skip link moves
    # beside the query box, to jump over the filters.
    return intro + raw_block(
        f'<div class="survey-table" data-survey-table data-works="{attr(urls.href(source, DATA))}" '
        f'data-export="{attr(urls.href(source, EXPORT))}" '
        f'data-work-url="{attr(urls.href(source, "works"))}/">\n'
        '<div class="survey-top" data-top hidden></div>\n'
        '<div class="survey-layout">\n'
        '<div class="survey-side" id="survey-filters" data-side hidden>'
        '<div class="survey-controls" data-controls></div>'
        '<aside class="survey-charts" data-charts aria-label="Charts of the matching works"></aside></div>\n'
        '<div class="survey-main">\n'
        f'<p class="survey-count" aria-live="polite"><span><strong data-result-count>{len(works)}</strong> of '
        f'{len(works)} works</span> <a class="survey-skip" href="#survey-results">Skip to the results</a></p>\n'
        '<div class="survey-results">\n'
        '<div class="survey-scroll survey-live" id="survey-results" tabindex="-1" hidden>'
        '<table class="survey-grid">\n'
        + head
        + "<tbody></tbody>\n</table></div>\n"
        + f"<noscript>\n{static}</noscript>\n</div>\n</div>\n</div>\n</div>"
    )


def _facet_names(taxonomy) -> str:
    """ "the Five W's and How", or the facets' titles: "Family, Data type and Layout"."""
    if five_ws(taxonomy):
        return "the Five W's and How"
    titles = [f.title for f in taxonomy.tagged_facets] or ["year"]
    return ", ".join(titles[:-1]) + (" and " if len(titles) > 1 else "") + titles[-1]


def example_queries(works: Collection) -> list[str]:
    """Queries that find works in this collection: one category, two at once, the snapshot
    left out, a year range with a venue, an author. Each comes from the records."""
    examples: list[str] = []
    taxonomy = works.taxonomy
    used = (
        [(f.id, c.id) for f in taxonomy.tagged_facets for c in f.categories if works.query(f"{f.id}:{c.id}")]
        if len(works)
        else []
    )
    if used:
        by_size = sorted(used, key=lambda fc: -len(works.query(f"{fc[0]}:{fc[1]}")))
        examples.append(f"{by_size[0][0]}:{by_size[0][1]}")
    pairs = [
        (f, a, b)
        for f in taxonomy.tagged_facets
        for a in f.categories
        for b in f.categories
        if a.id < b.id and works.query(f"{f.id}:{a.id}+{b.id}")
    ]
    if pairs:
        examples.append(f"{pairs[0][0].id}:{pairs[0][1].id}+{pairs[0][2].id}")
    snapshot = highlighted(works)
    if snapshot is not None and used:
        examples.append(f"{used[-1][0]}:{used[-1][1]} -in:{snapshot.query_name}")
    dated = [w for w in works if w.year is not None]
    if dated:
        latest = max(dated, key=lambda w: (w.year or 0, w.id))
        examples.append(f"year:{(latest.year or 0) - 1}.. venue:{latest.venue}")
        family = latest.authors.split(",")[0].split()[-1].lower() if latest.authors else ""
        if family.isalpha():
            examples.append(f"author:{family}")
    return examples


def _pager(source: str, number: int, count: int) -> str:
    """Links between the static pages; the script hides them (it shows every match)."""
    if count == 1:
        return ""
    links = " ".join(
        f"<strong>{n}</strong>" if n == number else f'<a href="{attr(urls.href(source, static_page(n)))}">{n}</a>'
        for n in range(1, count + 1)
    )
    return f'<nav class="survey-pager" data-static-pager aria-label="Table pages">Pages: {links}</nav>\n'


def _row(work: Work, works: Collection, source: str) -> str:
    cells = "".join(_marks(work, facet) for facet in works.taxonomy.tagged_facets)
    paper = link(work.url, "paper", css="paper-link")
    snapshot = highlighted(works)
    badge = (
        ""
        if snapshot is None or in_highlight(work, snapshot)
        else f' <span class="badge-new" title="Added after {attr(snapshot.added_since)}">new</span>'
    )
    return (
        f'<tr data-id="{attr(work.id)}">'
        f'<td class="work"><a href="{attr(urls.href(source, urls.work_page(work.id)))}">{text(work.title)}</a>'
        f'{badge}<br><span class="authors">{text(work.authors)}</span> · {paper}</td>'
        f"{_year_cell(work, works)}<td>{text(work.venue)}</td>{cells}</tr>"
    )


def _marks(work: Work, facet) -> str:
    """A cell per category of the facet. A marked cell names its category (data-short) and
    the first of a facet its question (data-question): on narrow screens, where the grid's
    columns are hidden, the marks show as chips grouped by question (survey-table.css)."""
    cells, first = [], True
    for c in facet.categories:
        if c.id not in work.tags[facet.id]:
            cells.append('<td class="mark"></td>')
            continue
        question = f' data-question="{attr(facet.title)}:"' if first else ""
        cells.append(f'<td class="mark on" title="{attr(c.label)}" data-short="{attr(c.short)}"{question}>●</td>')
        first = False
    return "".join(cells)


def table_data(works: Collection) -> dict:
    """Vocabulary and one compact row per work, in the table's order. A work's tags are the
    indices of its categories in `columns`: a list, so that a survey may have any number of
    categories (a bit mask in one JavaScript number holds 32 at most, and JSON.parse loses
    bits past 2^53). 10,000 works stay well under a megabyte once compressed:
    [id, title, authors, year, venue, snapshot indices (into `snapshots`, in survey.yml's
    order), category indices (into `columns`), url, full author list (empty when the record
    has none: `author:` and words then search `authors`), the year note (year_differs)]."""
    taxonomy = works.taxonomy
    snapshots = [s.id for s in taxonomy.snapshots]
    columns = [(f.id, c.id) for f in taxonomy.tagged_facets for c in f.categories]
    return {
        "facets": [
            {
                "id": f.id,
                "title": f.title,
                "color": f.color,
                "categories": [c.id for c in f.categories],
                "shorts": [c.short for c in f.categories],
                "labels": [c.label for c in f.categories],
            }
            for f in taxonomy.tagged_facets
        ],
        "venues": {abbr: v.type for abbr, v in taxonomy.venues.items()},
        "venueTypes": list(taxonomy.venue_types),
        # The first snapshot is the table's switch and badges: its query name and wording.
        "snapshots": [
            {
                "id": s.id,
                "names": list(s.names),
                "label": s.label,
                "name": s.query_name,
                "since": s.added_since,
                "column": s.field or f"in:{s.id}",
            }
            for s in taxonomy.snapshots
        ],
        "columns": [f"{f}:{c}" for f, c in columns],
        # Facets without categories: the venue stands for them (the flagship's Where).
        "venueFacets": [f.title for f in taxonomy.facets if not f.categories],
        "examples": data_examples(works),
        "works": [
            [
                w.id,
                w.title,
                w.authors,
                w.year,
                w.venue,
                [i for i, s in enumerate(snapshots) if s in w.snapshots],
                [i for i, (f, c) in enumerate(columns) if c in w.tags[f]],
                w.url,
                list(author_list(w)),
                year_differs(w, works),
            ]
            for w in works
        ],
    }


def year_differs(work: Work, works: Collection) -> str:
    """Where the year the table gives (the survey's) is not the published version's, what
    the year's marker says; '' where they agree. As the work page words it."""
    if work.year is None or work.citation_year == work.year:
        return ""
    snapshot = highlighted(works)
    source = f"the {snapshot.short_name}" if snapshot is not None and in_highlight(work, snapshot) else "the survey"
    return f"Published in {work.citation_year}: {source} gives {work.year}; cite {work.citation_year}"


def _year_cell(work: Work, works: Collection) -> str:
    note = year_differs(work, works)
    if not note:
        return f"<td>{work.shown_year}</td>"
    return (
        f'<td>{work.shown_year}<span class="survey-year-mark" title="{attr(note)}" aria-hidden="true">†</span>'
        f'<span class="survey-sr"> ({text(note)})</span></td>'
    )


def summary(works: Collection) -> dict:
    """What a hand-written home page states about the collection (its [data-works-count]
    element, filled by survey-table.js): the number of works and the years they span."""
    years = works.years()
    return {"works": len(works), "first": min(years) if years else None, "last": max(years) if years else None}


def export_data(works: Collection, title: str | None = None) -> dict:
    """What the page's CSV, JSON and BibTeX export buttons write (same as `survey query`)."""
    venues = works.taxonomy.venues
    return {
        # The version of the collection a selection comes from, as every export file carries it.
        "version": collection_version(works).to_json(),
        # The start of the BibTeX export's comment, as survey.query.dataset.bibtex_header writes it.
        "survey": f"{latex_text(title)}, a living survey" if title else "A living survey",
        "records": {w.id: w.to_record(works.taxonomy.fields) for w in works},
        # Each entry as the bibtex format writes it: a work without a DOI says so first.
        "bibtex": {
            w.id: no_doi_comment(w) + bibtex_entry(w, venues[w.venue].type, venues[w.venue].name) for w in works
        },
    }
