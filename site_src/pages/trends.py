"""/trends/: how the field grew, by category and by venue type, and where the gaps are."""

from __future__ import annotations

from collections import Counter
from itertools import product
from typing import TYPE_CHECKING, Any, Callable

from site_src.pages import urls
from site_src.pages.charts import chart_div, data_table, data_toggle, lazy_module, readable, spec_file, works_phrase
from site_src.pages.html import front_matter, raw_block, text
from site_src.pages.identity import highlighted, in_highlight
from site_src.pages.memo import Memo, no_memo
from site_src.pages.urls import table_query
from survey import Collection
from survey.records.taxonomy import Snapshot

PAGE = urls.TRENDS
if TYPE_CHECKING:
    import altair as alt  # its types; at run time, the module imported on first use
else:
    alt = lazy_module("altair")
LAYER_ALL = "All works"


def files(works: Collection, subject: str = "the surveyed works") -> dict[str, str]:
    """`subject`: what the works are about, for the page's first sentence."""
    snapshot = highlighted(works)
    switch = (
        ""
        if snapshot is None
        else " The switch under each chart limits it to the "
        f"{sum(in_highlight(w, snapshot) for w in works)} works of {text(snapshot.added_since)}'s table."
    )
    out = {}
    sections = []
    for facet in works.taxonomy.tagged_facets:
        path = f"assets/charts/trend-{facet.id}.json"
        out[path] = spec_file(per_year_by_category(works, facet.id))
        sections.append(
            f"## {facet.title}: {text(facet.question)}\n\n"
            + chart_div(PAGE, path, f"Works per year for each '{facet.id}' category")
            + raw_block(
                yearly_table(
                    works,
                    f"Works per year in each {facet.title} category",
                    [(c.label, c.id, f"{facet.id}:{c.id}") for c in facet.categories],
                    lambda w, facet_id=facet.id: w.tags[facet_id],
                )
            )
        )
    out["assets/charts/venue-types.json"] = spec_file(venue_types(works))
    out["assets/charts/cooccurrence.json"] = spec_file(cooccurrence(works))
    out[PAGE] = (
        front_matter(
            title="Trends",
            description="Works per year by category, venue types over time, and a co-occurrence map of research gaps.",
        )
        + "# Trends\n\n"
        f"How {text(subject)} grew, computed from the records. Hover for "
        f"numbers; click a bar or a cell to open the table filtered to those works.{switch}"
        f"{undated_note(works.undated(), ' ')}\n\n"
        "## Research gaps: how often two categories meet\n\n"
        "Pick two questions. Each cell counts the works tagged with both categories; pale "
        "cells are combinations few works have tried, and blank cells marked \u201cnone\u201d "
        "combinations no work has tried yet.\n\n"
        + chart_div(PAGE, "assets/charts/cooccurrence.json", "Co-occurrence of two facets' categories")
        + raw_block(cooccurrence_tables(works))
        + "\n\n## Venue types\n\n"
        + _venue_types_sentence(works)
        + "\n\n"
        + chart_div(PAGE, "assets/charts/venue-types.json", "Works per year by venue type")
        + raw_block(
            yearly_table(
                works,
                "Works per year by venue type",
                [(label, key, f"type:{key}") for key, label in works.taxonomy.venue_types.items()],
                lambda w: [works.taxonomy.venues[w.venue].type],
            )
        )
        + "\n\n"
        + "\n".join(sections)
    )
    return out


def undated_note(count: int, before: str = "") -> str:
    """The sentence that says how many works a chart by year leaves out, having no year
    (imported entries without one); "" where there are none."""
    if not count:
        return ""
    return (
        f"{before}{works_phrase(count)} without a year {'is' if count == 1 else 'are'} left out of the charts by year."
    )


def _venue_types_sentence(works: Collection) -> str:
    """'Works per year by the type of venue that published them: Journal, Workshop and Web.'"""
    labels = [text(label) for label in works.taxonomy.venue_types.values()]
    listed = (", ".join(labels[:-1]) + " and " + labels[-1]) if len(labels) > 1 else "".join(labels)
    return "Works per year by the type of venue that published them" + (f": {listed}." if listed else ".")


# Vega expressions cannot URL-encode, so each mark's links to the table are computed here:
# one for all works and one for the project's snapshot, chosen by the chart's `layer` switch.
HREF_EXPR = f"layer == '{LAYER_ALL}' ? datum.href_all : datum.href_snapshot"
# What a screen reader says for a bar or a cell: a sentence, not a dump of fields.
WORKS_EXPR = "datum.works + (datum.works == 1 ? ' work' : ' works')"


def _hrefs(query: str, snapshot: Snapshot | None) -> dict[str, str]:
    in_snapshot = f"{query} in:{snapshot.query_name}" if snapshot is not None else query
    return {"href_all": table_query(PAGE, query), "href_snapshot": table_query(PAGE, in_snapshot)}


def _dark_param() -> alt.Parameter:
    """`dark`, set by assets/js/charts.js from the page's colour scheme: text drawn on the
    page's background picks its colour with it."""
    return alt.param(name="dark", value=False)


def _layer_param(snapshot: Snapshot | None) -> alt.Parameter:
    """The switch between all works and the snapshot's; no switch without a snapshot."""
    if snapshot is None:
        return alt.param(name="layer", value=LAYER_ALL)
    return alt.param(
        name="layer", value=LAYER_ALL, bind=alt.binding_radio(options=[LAYER_ALL, snapshot.short_name], name="Works: ")
    )


def _counts(works: Collection, keys_of) -> list[dict]:
    """Works per (year, key) for all works and for the snapshot: aggregated here, so that
    a chart's data stays small however many works there are."""
    all_works: Counter = Counter()
    table: Counter = Counter()
    snapshot = highlighted(works)
    for work in works:
        if work.year is None:  # not on a chart by year; the page says how many (undated_note)
            continue
        for key in keys_of(work):
            all_works[work.year, key] += 1
            table[work.year, key] += in_highlight(work, snapshot)
    return [
        {"year": year, "key": key, "n": n, "n_snapshot": table[year, key]}
        for (year, key), n in sorted(all_works.items())
    ]


def _works_by_layer() -> str:
    return f"layer == '{LAYER_ALL}' ? datum.n : datum.n_snapshot"


def all_years(works: Collection) -> list[int]:
    """Every year from the first work to the last: the year axis is continuous."""
    years = works.years()
    return list(range(min(years), max(years) + 1)) if years else []


def empty_runs(works: Collection) -> list[list[int]]:
    """Runs of consecutive years in which no work at all appeared."""
    present = works.years()
    runs: list[list[int]] = []
    for year in all_years(works):
        if year in present:
            continue
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def _year_axis(works: Collection) -> alt.X:
    return alt.X(
        "year:O",
        title="Year",
        scale=alt.Scale(domain=all_years(works)),
        axis=alt.Axis(labelAngle=-90, labelOverlap=False),
    )


def _gap_layers(works: Collection) -> list[alt.Chart]:
    """A grey band over each run of years without works, labelled, so that a flat stretch
    of the axis reads as "nothing published", not as a drawing error."""
    runs = empty_runs(works)
    if not runs:
        return []
    bands = [{"year": y} for run in runs for y in run]
    # The label sits at the middle of its run: the end of the middle-left year's band.
    labels = [
        {
            "year": run[(len(run) - 1) // 2],
            "at_end": len(run) % 2 == 0,
            "label": f"no works {run[0]}–{run[-1]}" if len(run) > 1 else f"none in {run[0]}",
        }
        for run in runs
    ]
    band = alt.Chart(alt.Data(values=bands)).mark_rect(color="#8884", aria=False).encode(x=alt.X("year:O"))
    text_mark = alt.Chart(alt.Data(values=labels)).mark_text(
        baseline="top", dy=4, aria=False, color={"expr": "dark ? '#ddd' : '#333'"}
    )
    label = alt.layer(
        *(
            text_mark.transform_filter(f"datum.at_end == {str(at_end).lower()}").encode(
                x=alt.X("year:O", bandPosition=1 if at_end else 0.5), y=alt.value(0), text="label:N"
            )
            for at_end in (True, False)
        )
    )
    return [band, label]


def per_year_by_category(works: Collection, facet_id: str) -> dict:
    """Grouped bars: a work counts once in each of its categories."""
    facet = works.taxonomy.facet(facet_id)
    order = {c.id: i for i, c in enumerate(facet.categories)}
    label = {c.id: c.label for c in facet.categories}
    rows = [
        {
            **row,
            "series": label[row["key"]],
            "order": order[row["key"]],
            **_hrefs(f"{facet_id}:{row['key']} year:{row['year']}", highlighted(works)),
        }
        for row in _counts(works, lambda w: w.tags[facet_id])
    ]
    return _yearly_bars(
        works,
        rows,
        "Category",
        height=220,
        grouped=True,
        legend=alt.Legend(orient="bottom", direction="vertical", title=None),
    )


def venue_types(works: Collection) -> dict:
    """Stacked bars: each work has one venue."""
    taxonomy = works.taxonomy
    order = list(taxonomy.venue_types)
    rows = [
        {
            **row,
            "series": taxonomy.venue_types[row["key"]],
            "order": order.index(row["key"]),
            **_hrefs(f"type:{row['key']} year:{row['year']}", highlighted(works)),
        }
        for row in _counts(works, lambda w: [taxonomy.venues[w.venue].type])
    ]
    return _yearly_bars(
        works,
        rows,
        "Venue type",
        height=240,
        grouped=False,
        legend=alt.Legend(orient="bottom", direction="vertical", title="Venue type"),
    )


def _yearly_bars(
    works: Collection, rows: list[dict], series_title: str, height: int, grouped: bool, legend: alt.Legend
) -> dict:
    """Works per year and series (rows from _counts, with `series` and its `order`), on a
    continuous year axis, with the layer switch, tooltips and links to the filtered table."""
    series_order = alt.EncodingSortField("order")
    position = {"xOffset": alt.XOffset("series:N", sort=series_order)} if grouped else {"order": alt.Order("order:Q")}
    bars = (
        alt.Chart(alt.Data(values=rows))
        .transform_calculate(works=_works_by_layer(), href=HREF_EXPR)
        .transform_calculate(sentence=f"datum.year + ', ' + datum.series + ': ' + {WORKS_EXPR}")
        .mark_bar()
        .encode(
            x=_year_axis(works),
            y=alt.Y("works:Q", title="Works", stack=None if grouped else "zero"),
            color=alt.Color("series:N", sort=series_order, legend=legend),
            tooltip=[
                alt.Tooltip("series:N", title=series_title),
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("works:Q", title="Works"),
            ],
            description="sentence:N",
            href="href:N",
            **position,
        )
    )
    chart = alt.layer(*_gap_layers(works), bars, width="container", height=height).add_params(
        _layer_param(highlighted(works)), _dark_param()
    )
    return readable(chart.to_dict(validate=False))


def yearly_table(works: Collection, caption: str, series: list[tuple[str, str, str]], keys_of) -> str:
    """A chart's data as a table: a row per year with works, a column per series (label,
    key, query), each count linking to its works in the table. Counts come from one pass
    over the works (`_counts`, with the chart's `keys_of`), not a query per cell."""
    counts = {(row["year"], row["key"]): row["n"] for row in _counts(works, keys_of)}
    rows = [
        (
            str(year),
            [
                (
                    str(counts.get((year, key), 0)),
                    table_query(PAGE, f"{query} year:{year}") if counts.get((year, key)) else None,
                )
                for _, key, query in series
            ],
        )
        for year in sorted(works.years())
    ]
    return data_toggle(f"Data: {caption}", [data_table(caption, [label for label, _, _ in series], rows)])


def pair_query(fa: str, ca: str, fb: str, cb: str) -> str:
    """The table query for works tagged with both categories: two facets are ANDed by the
    language; two categories of one facet need its all-of form, facet:a+b."""
    if fa != fb:
        return f"{fa}:{ca} {fb}:{cb}"
    return f"{fa}:{ca}" if ca == cb else f"{fa}:{ca}+{cb}"


def _pair_counts(works: Collection) -> tuple[Counter, Counter]:
    pairs: Counter = Counter()
    pairs_snapshot: Counter = Counter()
    snapshot = highlighted(works)
    for work in works:  # each work adds one to every pair of its own tags
        tags = [(f, c) for f, cats in work.tags.items() for c in cats]
        for pair in product(tags, tags):
            pairs[pair] += 1
            pairs_snapshot[pair] += in_highlight(work, snapshot)
    return pairs, pairs_snapshot


def default_pair(works: Collection) -> tuple[str, str]:
    """The heatmap's first rows and columns: the project's first two facets (its first
    with itself when it has one). A reader's choice goes into the URL (charts.js)."""
    ids = [f.id for f in works.taxonomy.tagged_facets]
    if not ids:
        return "", ""
    return ids[0], ids[1] if len(ids) > 1 else ids[0]


def cooccurrence(works: Collection) -> dict:
    """Every pair of categories of every pair of facets with the number of works having
    both; the reader's two facet choices filter it in the browser."""
    taxonomy = works.taxonomy
    facets = taxonomy.tagged_facets
    pairs, pairs_snapshot = _pair_counts(works)
    rows = []
    for fa, fb in product(facets, facets):
        for (ia, ca), (ib, cb) in product(enumerate(fa.categories), enumerate(fb.categories)):
            pair = ((fa.id, ca.id), (fb.id, cb.id))
            rows.append(
                {
                    "fa": fa.id,
                    "fb": fb.id,
                    "a": ca.label,
                    "b": cb.label,
                    "ia": ia,
                    "ib": ib,
                    "n": pairs[pair],
                    "n_snapshot": pairs_snapshot[pair],
                    **_hrefs(pair_query(fa.id, ca.id, fb.id, cb.id), highlighted(works)),
                }
            )
    ids = [f.id for f in facets]
    rows_id, columns_id = default_pair(works)
    row_facet = alt.param(name="rows", value=rows_id, bind=alt.binding_select(options=ids, name="Rows: "))
    col_facet = alt.param(name="columns", value=columns_id, bind=alt.binding_select(options=ids, name="Columns: "))
    layer = _layer_param(highlighted(works))
    base = (
        alt.Chart(alt.Data(values=rows))
        .transform_filter("datum.fa == rows && datum.fb == columns")
        .transform_calculate(works=_works_by_layer(), href=HREF_EXPR)
        .transform_calculate(sentence=f"datum.a + ' and ' + datum.b + ': ' + (datum.works ? {WORKS_EXPR} : 'no works')")
        .encode(
            # No label is cut: categories' names are long ("Debugging & Improving Models").
            x=alt.X(
                "b:N",
                sort=alt.EncodingSortField("ib"),
                title=None,
                axis=alt.Axis(labelAngle=-90, orient="top", labelLimit=0),
            ),
            y=alt.Y("a:N", sort=alt.EncodingSortField("ia"), title=None, axis=alt.Axis(labelLimit=0)),
        )
    )
    # Empty cells are gaps: no fill, a dashed outline and the word "none". Their layer is
    # hidden from screen readers (an empty layer would be an unnamed graphic); the data
    # tables under the chart list every combination, empty ones included.
    cells = (
        base.transform_filter("datum.works > 0")
        .mark_rect(description="Works with both categories", stroke="#8888", strokeWidth=0.5)
        .encode(
            color=alt.Color("works:Q", title="Works", scale=alt.Scale(scheme="blues", domainMin=1)),
            tooltip=[
                alt.Tooltip("a:N", title="Row"),
                alt.Tooltip("b:N", title="Column"),
                alt.Tooltip("works:Q", title="Works with both"),
            ],
            description="sentence:N",
            href="href:N",
        )
    )
    gaps = base.transform_filter("datum.works == 0").mark_rect(
        aria=False, fill=None, stroke="#8888", strokeDash=[3, 3], strokeWidth=1
    )
    labels = base.mark_text(aria=False).encode(
        text=alt.condition("datum.works > 0", "works:Q", alt.value("none")),
        href="href:N",  # the label covers the cell's centre: it must link too
        # White on dark cells, near-black on pale ones; "none" sits on the page background.
        color=alt.value({"expr": "datum.works > 8 ? 'white' : datum.works > 0 ? '#222' : dark ? '#ccc' : '#444'"}),
    )
    return readable(
        alt.layer(gaps, cells, labels, width="container", height=260)
        .add_params(row_facet, col_facet, layer, _dark_param())
        .to_dict(validate=False)
    )


def cooccurrence_tables(works: Collection) -> str:
    """The heatmap's numbers: one table per pair of questions, each count linking to its works."""
    facets = works.taxonomy.tagged_facets
    pairs, _ = _pair_counts(works)
    tables = []
    for i, fa in enumerate(facets):
        for fb in facets[i:]:
            rows = [
                (
                    ca.label,
                    [
                        (
                            str(pairs[(fa.id, ca.id), (fb.id, cb.id)]),
                            table_query(PAGE, pair_query(fa.id, ca.id, fb.id, cb.id))
                            if pairs[(fa.id, ca.id), (fb.id, cb.id)]
                            else None,
                        )
                        for cb in fb.categories
                    ],
                )
                for ca in fa.categories
            ]
            tables.append(
                data_table(
                    f"Works tagged with both: {fa.title} (rows) and {fb.title} (columns)",
                    [c.label for c in fb.categories],
                    rows,
                )
            )
    return data_toggle("Data: works with both categories, for every pair of questions", tables)


def works_per_year(works: Collection, query: str, page: str) -> dict:
    """A small bar chart of the works per year matching `query` (category pages)."""
    return works_per_year_charts(works)(query, page)


def works_per_year_charts(works: Collection, memo: Memo = no_memo) -> Callable[[str, str], dict]:
    """works_per_year for many queries over the same works. Altair takes half a second to
    build a chart (and a second to import), and the category pages' charts differ only in
    their bars' data: the chart is built once, around a marker row, and each query gets a
    copy with its own rows. The chart depends only on which years have works (its axis and
    gaps), so `memo` keeps it under those."""
    marker = {"year": 0, "works": 0, "href": "\0bars"}

    def build() -> dict:
        bars = (
            alt.Chart(alt.Data(values=[marker]))
            .transform_calculate(sentence=f"datum.year + ': ' + {WORKS_EXPR}")
            .mark_bar()
            .encode(
                x=_year_axis(works),
                y=alt.Y("works:Q", title="Works"),
                tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works")],
                description="sentence:N",
                href="href:N",
            )
        )
        return readable(
            alt.layer(*_gap_layers(works), bars, width="container", height=160)
            .add_params(_dark_param())
            .to_dict(validate=False)
        )

    years = sorted(works.years())
    template = memo("year-chart", years, build)

    def chart(query: str, page: str) -> dict:
        counts = Counter(w.year for w in works.query(query))
        rows = [{"year": y, "works": counts[y], "href": table_query(page, f"{query} year:{y}")} for y in years]
        return _replace_values(template, [marker], rows)

    return chart


def _replace_values(spec: Any, old: list, new: list) -> Any:
    """A copy of `spec` with each inline data `{"values": old}` holding `new` instead."""
    if isinstance(spec, dict):
        if spec.get("values") == old:
            return {**spec, "values": new}
        return {key: _replace_values(value, old, new) for key, value in spec.items()}
    if isinstance(spec, list):
        return [_replace_values(item, old, new) for item in spec]
    return spec


def works_per_year_table(works: Collection, query: str, page: str, caption: str) -> str:
    """works_per_year's numbers as a table: a row per year, each count linking to its works."""
    counts = Counter(w.year for w in works.query(query))
    rows = [
        (str(y), [(works_phrase(counts[y]), table_query(page, f"{query} year:{y}") if counts[y] else None)])
        for y in sorted(works.years())
    ]
    return data_toggle(f"Data: {caption}", [data_table(caption, ["Works"], rows)])
