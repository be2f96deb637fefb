"""/trends/: how the field grew, by category and by venue type, and where the gaps are."""
from __future__ import annotations

from collections import Counter
from itertools import product

import altair as alt

from site_src.pages import urls
from site_src.pages.charts import chart_div, spec_file
from site_src.pages.html import front_matter, text
from site_src.pages.urls import table_query
from survey import Collection

PAGE = urls.TRENDS
LAYER_ALL = "All works"
LAYER_2018 = "2018 table"


def files(works: Collection) -> dict[str, str]:
    out = {}
    sections = []
    for facet in works.taxonomy.tagged_facets:
        path = f"assets/charts/trend-{facet.id}.json"
        out[path] = spec_file(per_year_by_category(works, facet.id))
        sections.append(f"## {facet.title}: {text(facet.question)}\n\n"
                        + chart_div(PAGE, path, f"Works per year for each '{facet.id}' category") + "\n")
    out["assets/charts/venue-types.json"] = spec_file(venue_types(works))
    out["assets/charts/cooccurrence.json"] = spec_file(cooccurrence(works))
    out[PAGE] = (
        front_matter(title="Trends", description="Works per year by category, venue types over "
                     "time, and a co-occurrence map of research gaps.")
        + "# Trends\n\n"
        "How visual analytics for deep learning grew, computed from the records. Hover for "
        "numbers; click a bar or a cell to open the table filtered to those works. The switch "
        "under each chart limits it to the 38 works of the 2018 paper's table.\n\n"
        "## Research gaps: how often two categories meet\n\n"
        "Pick two questions. Each cell counts the works tagged with both categories; empty "
        "and pale cells are combinations few works have tried.\n\n"
        + chart_div(PAGE, "assets/charts/cooccurrence.json", "Co-occurrence of two facets' categories")
        + "\n\n## Where: an expanding audience\n\n"
        "Works per year by the type of venue that published them: visualization and HCI venues, "
        "machine-learning venues, their workshops, and the web.\n\n"
        + chart_div(PAGE, "assets/charts/venue-types.json", "Works per year by venue type")
        + "\n\n" + "\n".join(sections)
    )
    return out


# Vega expressions cannot URL-encode, so each mark's links to the table are computed here:
# one for all works and one for the 2018 table, chosen by the chart's `layer` switch.
HREF_EXPR = f"layer == '{LAYER_ALL}' ? datum.href_all : datum.href_2018"


def _hrefs(query: str) -> dict[str, str]:
    return {"href_all": table_query(PAGE, query), "href_2018": table_query(PAGE, f"{query} in:2018")}


def _layer_param() -> alt.Parameter:
    return alt.param(name="layer", value=LAYER_ALL,
                     bind=alt.binding_radio(options=[LAYER_ALL, LAYER_2018], name="Works: "))


def _counts(works: Collection, keys_of) -> list[dict]:
    """Works per (year, key) for all works and for the 2018 table: aggregated here, so that
    a chart's data stays small however many works there are."""
    all_works: Counter = Counter()
    table: Counter = Counter()
    for work in works:
        for key in keys_of(work):
            all_works[work.year, key] += 1
            table[work.year, key] += work.in_2018_table
    return [{"year": year, "key": key, "n": n, "n2018": table[year, key]}
            for (year, key), n in sorted(all_works.items())]


def _works_by_layer() -> str:
    return f"layer == '{LAYER_ALL}' ? datum.n : datum.n2018"


def per_year_by_category(works: Collection, facet_id: str) -> dict:
    """Grouped bars: a work counts once in each of its categories."""
    facet = works.taxonomy.facet(facet_id)
    order = {c.id: i for i, c in enumerate(facet.categories)}
    label = {c.id: c.label for c in facet.categories}
    rows = [{**row, "series": label[row["key"]], "order": order[row["key"]],
             **_hrefs(f"{facet_id}:{row['key']} year:{row['year']}")}
            for row in _counts(works, lambda w: w.tags[facet_id])]
    return _yearly_bars(rows, "Category", height=220, grouped=True,
                        legend=alt.Legend(orient="bottom", columns=2, title=None))


def venue_types(works: Collection) -> dict:
    """Stacked bars: each work has one venue."""
    taxonomy = works.taxonomy
    order = list(taxonomy.venue_types)
    rows = [{**row, "series": taxonomy.venue_types[row["key"]], "order": order.index(row["key"]),
             **_hrefs(f"type:{row['key']} year:{row['year']}")}
            for row in _counts(works, lambda w: [taxonomy.venues[w.venue].type])]
    return _yearly_bars(rows, "Venue type", height=240, grouped=False,
                        legend=alt.Legend(orient="bottom", title="Venue type"))


def _yearly_bars(rows: list[dict], series_title: str, height: int, grouped: bool,
                 legend: alt.Legend) -> dict:
    """Works per year and series (rows from _counts, with `series` and its `order`), with
    the layer switch, tooltips and links to the filtered table."""
    series_order = alt.EncodingSortField("order")
    position = ({"xOffset": alt.XOffset("series:N", sort=series_order)} if grouped else
                {"order": alt.Order("order:Q")})
    chart = (
        alt.Chart(alt.Data(values=rows), width="container", height=height)
        .transform_calculate(works=_works_by_layer(), href=HREF_EXPR)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("works:Q", title="Works", stack=None if grouped else "zero"),
            color=alt.Color("series:N", sort=series_order, legend=legend),
            tooltip=[alt.Tooltip("series:N", title=series_title), alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("works:Q", title="Works")],
            href="href:N",
            **position,
        )
        .add_params(_layer_param())
    )
    return chart.to_dict()


def cooccurrence(works: Collection) -> dict:
    """Every pair of categories of every pair of facets with the number of works having
    both; the reader's two facet choices filter it in the browser."""
    taxonomy = works.taxonomy
    facets = taxonomy.tagged_facets
    pairs: Counter = Counter()
    pairs_2018: Counter = Counter()
    for work in works:  # each work adds one to every pair of its own tags
        tags = [(f, c) for f, cats in work.tags.items() for c in cats]
        for pair in product(tags, tags):
            pairs[pair] += 1
            pairs_2018[pair] += work.in_2018_table
    rows = []
    for fa, fb in product(facets, facets):
        for (ia, ca), (ib, cb) in product(enumerate(fa.categories), enumerate(fb.categories)):
            pair = ((fa.id, ca.id), (fb.id, cb.id))
            rows.append({"fa": fa.id, "fb": fb.id, "a": ca.label, "b": cb.label, "ia": ia, "ib": ib,
                         "n": pairs[pair], "n2018": pairs_2018[pair],
                         **_hrefs(f"{fa.id}:{ca.id} {fb.id}:{cb.id}")})
    ids = [f.id for f in facets]
    row_facet = alt.param(name="rows", value="who",
                          bind=alt.binding_select(options=ids, name="Rows: "))
    col_facet = alt.param(name="columns", value="how",
                          bind=alt.binding_select(options=ids, name="Columns: "))
    layer = _layer_param()
    base = (
        alt.Chart(alt.Data(values=rows), width="container", height=220)
        .transform_filter("datum.fa == rows && datum.fb == columns")
        .transform_calculate(works=_works_by_layer(), href=HREF_EXPR)
        .encode(
            x=alt.X("b:N", sort=alt.EncodingSortField("ib"), title=None,
                    axis=alt.Axis(labelAngle=-30, labelLimit=160, orient="top")),
            y=alt.Y("a:N", sort=alt.EncodingSortField("ia"), title=None,
                    axis=alt.Axis(labelLimit=220)),
        )
    )
    cells = base.mark_rect(stroke="#8888", strokeWidth=0.5).encode(
        color=alt.Color("works:Q", title="Works", scale=alt.Scale(scheme="blues", domainMin=0)),
        tooltip=[alt.Tooltip("a:N", title="Row"), alt.Tooltip("b:N", title="Column"),
                 alt.Tooltip("works:Q", title="Works with both")],
        href="href:N",
    )
    labels = base.mark_text(fontSize=11).encode(
        text="works:Q",
        href="href:N",  # the label covers the cell's centre: it must link too
        color=alt.condition("datum.works > 8", alt.value("white"), alt.value("#555")),
    )
    return alt.layer(cells, labels).add_params(row_facet, col_facet, layer).to_dict()


def works_per_year(works: Collection, query: str, page: str) -> dict:
    """A small bar chart of the works per year matching `query` (category pages)."""
    counts = Counter(w.year for w in works.query(query))
    years = range(min(w.year for w in works), max(w.year for w in works) + 1) if works else []
    rows = [{"year": y, "works": counts.get(y, 0), "href": table_query(page, f"{query} year:{y}")}
            for y in years]
    chart = (
        alt.Chart(alt.Data(values=rows), width="container", height=160)
        .mark_bar()
        .encode(x=alt.X("year:O", title="Year"), y=alt.Y("works:Q", title="Works"),
                tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works")],
                href="href:N")
    )
    return chart.to_dict()
