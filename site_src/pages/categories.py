"""The taxonomy pages: /taxonomy/ (the six questions), /taxonomy/<facet>/ and
/taxonomy/<facet>/<category>/ with its works, its trend and the explorables that show it."""
from __future__ import annotations

from collections import Counter
from functools import cache

from site_src.pages import urls
from site_src.pages.charts import chart_div, spec_file, works_phrase
from site_src.pages.explorables import Article
from site_src.pages.html import attr, front_matter, markdown_text, raw_block, text
from site_src.pages.identity import five_ws, highlighted, in_highlight
from site_src.pages.memo import Memo, no_memo
from site_src.pages.trends import works_per_year_charts, works_per_year_table
from survey import Collection
from survey.records.taxonomy import Category, Facet

INDEX = "taxonomy/index.md"


def files(works: Collection, articles: list[Article], memo: Memo = no_memo) -> dict[str, str]:
    out = {INDEX: index_page(works)}
    # What a category page shows besides its own works: the totals, the years on the chart's
    # axis, the articles.
    shared = (len(works), [sum(s.id in w.snapshots for w in works) for s in works.taxonomy.snapshots],
              sorted(works.years()),
              [(a.slug, a.title, a.description, a.tags) for a in articles])
    # Built on first use: when every category page comes from the memo, altair is not needed.
    works_per_year = cache(lambda: works_per_year_charts(works, memo))
    for facet in works.taxonomy.tagged_facets:
        out[urls.facet_page(facet.id)] = facet_page(facet, works)
        for category in facet.categories:
            page = urls.category_page(facet.id, category.id)
            chart = f"assets/charts/category-{facet.id}-{category.id}.json"
            # The works of the query "facet:category", found without parsing it for each page.
            listed = [(w.id, w.title, w.authors, w.year, w.venue, sorted(w.snapshots)) for w in works
                      if category.id in w.tags[facet.id]]
            out.update(memo("category", (facet.id, category.id, listed, shared), lambda: {
                chart: spec_file(works_per_year()(f"{facet.id}:{category.id}", page)),
                page: category_page(facet, category, works, articles, chart)}))
    if five_ws(works.taxonomy):  # the venues page answers the untagged "Where"
        out[urls.facet_page("where")] = where_page(works)
    return out


def index_page(works: Collection) -> str:
    items = "".join(
        f'<li><a href="{attr(urls.href(INDEX, urls.facet_page(f.id)))}"><strong>{text(f.title)}</strong></a>'
        f" — {text(f.question)}</li>" for f in _with_pages(works.taxonomy))
    if five_ws(works.taxonomy):
        description = "The survey's six questions and their categories."
        intro = "The survey positions each work by six questions, the Five W's and How."
    else:
        count = len(works.taxonomy.tagged_facets)
        description = f"The survey's {count} facets and their categories."
        intro = f"The survey classifies each work by {count} facet{'s' if count != 1 else ''}."
    return (front_matter(title="Taxonomy", description=description)
            + f"# Taxonomy\n\n{intro} Each question has its own page; each category lists its works.\n\n"
            + f'<ul class="facet-list">{items}</ul>\n')


def _with_pages(taxonomy) -> list[Facet]:
    """The facets that have a page: the tagged ones, and the Five W's untagged "Where"."""
    return [f for f in taxonomy.facets
            if f in taxonomy.tagged_facets or (f.id == "where" and five_ws(taxonomy))]


def facet_page(facet: Facet, works: Collection) -> str:
    source = urls.facet_page(facet.id)
    rows = "".join(
        f'<tr><td><a href="{attr(urls.href(source, urls.category_page(facet.id, c.id)))}">{text(c.label)}</a></td>'
        f'<td class="num">{works.count_tagged(facet.id, c.id)}</td><td>{text(c.description)}</td></tr>'
        for c in facet.categories)
    return (front_matter(title=f"{facet.title}: {facet.question}", description=facet.question)
            + f"# {markdown_text(facet.title)}\n\n*{markdown_text(facet.question)}*\n\n"
            + '<table class="category-list"><thead><tr><th>Category</th><th>Works</th>'
              f'<th>Description</th></tr></thead><tbody>{rows}</tbody></table>\n')


def category_page(facet: Facet, category: Category, works: Collection, articles: list[Article],
                  chart: str) -> str:
    source = urls.category_page(facet.id, category.id)
    query = f"{facet.id}:{category.id}"
    selected = works.query(query)
    snapshot = highlighted(works)
    in_snapshot = (f" ({sum(in_highlight(w, snapshot) for w in selected)} of "
                   f"{sum(in_highlight(w, snapshot) for w in works)} in the {text(snapshot.short_name)})"
                   if snapshot is not None else "")
    shows = [a for a in articles if category.id in a.tags.get(facet.id, ())]
    explorable = ""
    if shows:
        items = "".join(f'<li><a href="{attr(urls.href(source, urls.explorable_page(a.slug)))}">'
                        f"{text(a.title)}</a> — {text(a.description)}</li>" for a in shows)
        explorable = f'<div class="explorable-links"><h2 id="explorables">Try it</h2><ul>{items}</ul></div>\n\n'
    listing = "".join(
        f'<li><a href="{attr(urls.href(source, urls.work_page(w.id)))}">{text(w.title)}</a> '
        f'<span class="meta">{text(w.authors)} {w.year} · {text(w.venue)}</span></li>' for w in selected)
    return (
        front_matter(title=category.label, description=category.description)
        + f"# {markdown_text(category.label)}\n\n"
        + f'<p class="facet-crumb"><a href="{attr(urls.href(source, urls.facet_page(facet.id)))}">'
          f"{text(facet.title)}</a>: {text(facet.question)}</p>\n\n"
        + f"<p>{text(category.description)}</p>\n\n"
        + f'<p><strong>{len(selected)}</strong> of {len(works)} works{in_snapshot}. '
          f'<a href="{attr(urls.table_query(source, query))}">Open them in the table</a>.</p>\n\n'
        + explorable
        + "## Over the years\n\n" + chart_div(source, chart, f"Works per year tagged {category.label}")
        + raw_block(works_per_year_table(works, query, source, f"Works per year tagged {category.label}"))
        + "\n\n## Works\n" + raw_block(f'<ul class="work-list">{listing}</ul>')
    )


def where_page(works: Collection) -> str:
    source = urls.facet_page("where")
    taxonomy = works.taxonomy
    counts = Counter(w.venue for w in works)
    sections = []
    for key, label in taxonomy.venue_types.items():
        venues = [v for v in taxonomy.venues.values() if v.type == key and counts[v.abbr]]
        if not venues:
            continue
        items = "".join(
            f'<li><a href="{attr(urls.table_query(source, f"venue:{_quoted(v.abbr)}"))}">{text(v.abbr)}</a> '
            f'— {text(v.name)} <span class="meta">{works_phrase(counts[v.abbr])}</span></li>' for v in venues)
        sections.append(f'<h2>{text(label)}</h2><ul class="venue-list">{items}</ul>')
    facet = taxonomy.facet("where")
    return (front_matter(title="Where: publication venues", description=facet.question)
            + f"# Where\n\n*{markdown_text(facet.question)}*\n\nThe survey records where each work "
              "was published. The venues span visualization and HCI conferences, machine-learning "
              "conferences, many workshops, and the web: a hybrid community.\n\n"
            + "\n".join(sections) + "\n")


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
