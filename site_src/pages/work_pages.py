"""One page per work at /works/<id>/: its full citation (authors, published version, sources,
citation metadata for reference managers in the head), tags, BibTeX and related works."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from site_src.pages import citation_meta, citation_text, urls
from site_src.pages.html import external_url, front_matter, markdown_text, raw_marker_context
from site_src.pages.explorables import Article
from site_src.pages.templating import render
from site_src.pages.identity import highlighted, in_highlight
from site_src.pages.memo import Memo, no_memo
from survey import Collection, Work
from survey.query.citation_style import apa
from survey.query.formats import bibtex_entry

RELATED_COUNT = 6
WORK_PAGE_SCRIPT = "assets/js/work-page.js"  # the Cite block's copy buttons, on work pages only


def files(works: Collection, articles: list[Article], memo: Memo = no_memo) -> dict[str, str]:
    ranked = related_works(works)
    shown = [(a.slug, a.title, a.tags, demonstrated_facet(a)) for a in articles]
    return {
        urls.work_page(w.id): memo(
            "work", (w, _related_key(ranked[w.id]), shown), lambda: page(w, works, ranked[w.id], articles)
        )
        for w in works
    }


def _related_key(related: list[tuple[Work, int]]) -> list[tuple]:
    """What a page shows of its related works."""
    return [(o.id, o.title, o.authors, o.shown_year, shared) for o, shared in related]


def related_works(works: Collection, count: int = RELATED_COUNT) -> dict[str, list[tuple[Work, int]]]:
    """For each work, the others that share the most categories with it (ties: by id).

    The number of shared categories of every pair is one matrix product of the works'
    0/1 tag vectors, computed in blocks of rows: pure Python pairs would take minutes at
    10,000 works."""
    import numpy as np

    columns = [(f.id, c.id) for f in works.taxonomy.tagged_facets for c in f.categories]
    tags = np.array([[c in w.tags[f] for f, c in columns] for w in works], dtype=np.float32)
    n = len(works)
    ranked: dict[str, list[tuple[Work, int]]] = {}
    for start in range(0, n, 512):
        shared = tags[start : start + 512] @ tags.T  # block of rows x all works
        for row, scores in enumerate(shared.astype(np.int32), start=start):
            scores[row] = 0  # not related to itself
            # Highest score first, then lowest index (works are sorted by id).
            key = scores.astype(np.int64) * n - np.arange(n)
            candidates = np.argpartition(-key, count)[:count] if n > count + 1 else range(n)
            top = sorted(candidates, key=lambda i: -key[i])[:count]
            ranked[works[row].id] = [(works[i], int(scores[i])) for i in top if scores[i] > 0]
    return ranked


def page(work: Work, works: Collection, related: list[tuple[Work, int]], articles: Sequence[Article] = ()) -> str:
    source = urls.work_page(work.id)
    taxonomy = works.taxonomy
    venue = taxonomy.venues[work.venue]
    unverified = citation_text.unverified_fields(work)
    snapshot = highlighted(works)
    layer = (
        ""
        if snapshot is None
        else f"One of {snapshot.label}."
        if in_highlight(work, snapshot)
        else f"Added after {snapshot.added_since}" + (f" on {work.added.isoformat()}." if work.added else ".")
    )
    tag_rows = [
        {
            "title": facet.title,
            "color": facet.color,
            "rationale": work.rationale.get(facet.id),
            "chips": [
                {
                    "href": urls.href(source, urls.category_page(facet.id, c)),
                    "label": taxonomy.category(facet.id, c).label,
                }
                for c in work.tags[facet.id]
            ],
        }
        for facet in taxonomy.tagged_facets
    ]
    return render(
        "work/page.md",
        front_matter=Markup(
            front_matter(  # YAML's emitter, checked as read back (html.front_matter)
                title=work.title,
                description=f"{work.authors} ({work.shown_year}), {work.venue}",
                citation_meta=citation_meta.highwire_tags(work, venue.name),
                json_ld=citation_meta.json_ld(work, venue.name),
            )
        ),
        heading=Markup(markdown_text(work.title)),
        **raw_marker_context(),
        work=work,
        unverified=unverified,
        unverified_title=citation_text.UNVERIFIED_TITLE,
        authors=citation_text.authors(work),
        listed_as=citation_text.listed_as(work, snapshot),
        venue={"name": venue.name, "type_label": taxonomy.venue_types[venue.type]},
        published=citation_text.published(work, venue.name, snapshot),
        urls={
            "paper": external_url(work.url),
            "doi": external_url(f"https://doi.org/{work.doi}") if work.doi else None,
            "arxiv": external_url(f"https://arxiv.org/abs/{work.arxiv}") if work.arxiv else None,
        },
        layer=layer,
        tag_rows=tag_rows,
        keywords=list(work.keywords),
        explorables=[
            {"href": urls.href(source, urls.explorable_page(a.slug)), "title": a.title}
            for a in demonstrating(articles, work)
        ],
        notes=work.notes,
        abstract=_paragraphs(work.abstract),
        apa=apa(work, venue.name),
        bibtex=bibtex_entry(work, venue.type, venue.name),
        page_link=urls.href(source, source),
        script=urls.href(source, WORK_PAGE_SCRIPT),
        corrections=list(work.corrections),
        sources=citation_text.sources(work),
        unverified_legend=citation_text.unverified_legend(unverified),
        related=[
            {
                "href": urls.href(source, urls.work_page(o.id)),
                "title": o.title,
                "authors": o.authors,
                "year": o.shown_year,
                "shared": shared,
            }
            for o, shared in related
        ],
    )


def demonstrated_facet(article: Article) -> str | None:
    """The facet whose categories an article demonstrates: the first tagged facet its front
    matter names (the flagship's articles name `how:` first, their techniques)."""
    return next((key for key in article.meta if key in article.tags), None)


def demonstrating(articles: Sequence[Article], work: Work) -> list[Article]:
    """The articles that demonstrate one of the work's categories of their facet."""
    shown = []
    for article in articles:
        facet = demonstrated_facet(article)
        if facet is not None and set(article.tags[facet]) & set(work.tags.get(facet, ())):
            shown.append(article)
    return shown


def _paragraphs(text: object) -> list[str]:
    """An abstract's paragraphs (separated by blank lines), each on one line."""
    if not isinstance(text, str):
        return []
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
