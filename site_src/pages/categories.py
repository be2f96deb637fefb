"""The taxonomy pages: /taxonomy/ (the six questions), /taxonomy/<facet>/ and
/taxonomy/<facet>/<category>/ with its works, its trend and the explorables that show it."""

from __future__ import annotations

from collections import Counter
from functools import cache

from markupsafe import Markup

from site_src.pages import urls
from site_src.pages.charts import chart_div, spec_file, works_phrase
from site_src.pages.explorables import Article
from site_src.pages.html import front_matter, markdown_text, raw_marker_context
from site_src.pages.identity import five_ws, highlighted, in_highlight
from site_src.pages.memo import Memo, no_memo
from site_src.pages.templating import render
from site_src.pages.trends import undated_note, works_per_year_charts, works_per_year_table
from survey import Collection
from survey.records.taxonomy import Category, Facet

INDEX = "taxonomy/index.md"


def files(works: Collection, articles: list[Article], memo: Memo = no_memo) -> dict[str, str]:
    out = {INDEX: index_page(works)}
    # What a category page shows besides its own works: the totals, the years on the chart's
    # axis, the articles.
    shared = (
        len(works),
        [sum(s.id in w.snapshots for w in works) for s in works.taxonomy.snapshots],
        sorted(works.years()),
        [(a.slug, a.title, a.description, a.tags) for a in articles],
    )
    # Built on first use: when every category page comes from the memo, altair is not needed.
    works_per_year = cache(lambda: works_per_year_charts(works, memo))
    for facet in works.taxonomy.tagged_facets:
        out[urls.facet_page(facet.id)] = facet_page(facet, works)
        for category in facet.categories:
            page = urls.category_page(facet.id, category.id)
            chart = f"assets/charts/category-{facet.id}-{category.id}.json"
            # The works of the query "facet:category", found without parsing it for each page.
            listed = [
                (w.id, w.title, w.authors, w.year, w.venue, sorted(w.snapshots))
                for w in works
                if category.id in w.tags[facet.id]
            ]
            out.update(
                memo(
                    "category",
                    (facet.id, category.id, listed, shared),
                    lambda: {
                        chart: spec_file(works_per_year()(f"{facet.id}:{category.id}", page)),
                        page: category_page(facet, category, works, articles, chart),
                    },
                )
            )
    if five_ws(works.taxonomy):  # the venues page answers the untagged "Where"
        out[urls.facet_page("where")] = where_page(works)
    return out


def index_page(works: Collection) -> str:
    if five_ws(works.taxonomy):
        description = "The survey's six questions and their categories."
        intro = "The survey positions each work by six questions, the Five W's and How."
    else:
        count = len(works.taxonomy.tagged_facets)
        description = f"The survey's {count} facets and their categories."
        intro = f"The survey classifies each work by {count} facet{'s' if count != 1 else ''}."
    return render(
        "categories/index.md",
        front_matter=Markup(front_matter(title="Taxonomy", description=description)),
        intro=intro,
        facets=[
            {"href": urls.href(INDEX, urls.facet_page(f.id)), "title": f.title, "question": f.question}
            for f in _with_pages(works.taxonomy)
        ],
    )


def _with_pages(taxonomy) -> list[Facet]:
    """The facets that have a page: the tagged ones, and the Five W's untagged "Where"."""
    return [f for f in taxonomy.facets if f in taxonomy.tagged_facets or (f.id == "where" and five_ws(taxonomy))]


def facet_page(facet: Facet, works: Collection) -> str:
    source = urls.facet_page(facet.id)
    return render(
        "categories/facet.md",
        front_matter=Markup(front_matter(title=f"{facet.title}: {facet.question}", description=facet.question)),
        heading=Markup(markdown_text(facet.title)),
        question=Markup(markdown_text(facet.question)),
        categories=[
            {
                "href": urls.href(source, urls.category_page(facet.id, c.id)),
                "label": c.label,
                "count": works.count_tagged(facet.id, c.id),
                "description": c.description,
            }
            for c in facet.categories
        ],
    )


def category_page(facet: Facet, category: Category, works: Collection, articles: list[Article], chart: str) -> str:
    source = urls.category_page(facet.id, category.id)
    query = f"{facet.id}:{category.id}"
    selected = works.query(query)
    snapshot = highlighted(works)
    counts = (
        {
            "selected": sum(in_highlight(w, snapshot) for w in selected),
            "total": sum(in_highlight(w, snapshot) for w in works),
            "name": snapshot.short_name,
        }
        if snapshot is not None
        else None
    )
    label = f"Works per year tagged {category.label}"
    return render(
        "categories/category.md",
        front_matter=Markup(front_matter(title=category.label, description=category.description)),
        heading=Markup(markdown_text(category.label)),
        **raw_marker_context(),
        facet=facet,
        category=category,
        facet_href=urls.href(source, urls.facet_page(facet.id)),
        selected=len(selected),
        total=len(works),
        snapshot=counts,
        table_href=urls.table_query(source, query),
        explorables=[
            {"href": urls.href(source, urls.explorable_page(a.slug)), "title": a.title, "description": a.description}
            for a in articles
            if category.id in a.tags.get(facet.id, ())
        ],
        # Both are HTML from templates (charts.py) or trends.py's escaping of every value.
        chart=Markup(chart_div(source, chart, label)),
        per_year_table=Markup(works_per_year_table(works, query, source, label).strip()),
        undated=undated_note(sum(w.year is None for w in selected)),
        listing=[
            {
                "href": urls.href(source, urls.work_page(w.id)),
                "title": w.title,
                "authors": w.authors,
                "year": w.shown_year,
                "venue": w.venue,
            }
            for w in selected
        ],
    )


def where_page(works: Collection) -> str:
    source = urls.facet_page("where")
    taxonomy = works.taxonomy
    counts = Counter(w.venue for w in works)
    sections = []
    for key, label in taxonomy.venue_types.items():
        venues = [v for v in taxonomy.venues.values() if v.type == key and counts[v.abbr]]
        if venues:
            sections.append(
                {
                    "label": label,
                    "venues": [
                        {
                            "href": urls.table_query(source, f"venue:{_quoted(v.abbr)}"),
                            "abbr": v.abbr,
                            "name": v.name,
                            "count": works_phrase(counts[v.abbr]),
                        }
                        for v in venues
                    ],
                }
            )
    facet = taxonomy.facet("where")
    return render(
        "categories/where.md",
        front_matter=Markup(front_matter(title="Where: publication venues", description=facet.question)),
        question=Markup(markdown_text(facet.question)),
        sections=sections,
    )


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
