"""One page per work at /works/<id>/: its full citation (authors, published version, sources,
citation metadata for reference managers in the head), tags, BibTeX and related works."""
from __future__ import annotations

from site_src.pages import citation_meta, citation_text, urls
from site_src.pages.html import attr, front_matter, link, markdown_text, raw_block, text
from site_src.pages.explorables import Article
from site_src.pages.identity import highlighted, in_highlight
from site_src.pages.memo import Memo, no_memo
from survey import Collection, Work
from survey.query.citation_style import apa
from survey.query.formats import bibtex_entry

RELATED_COUNT = 6


def files(works: Collection, articles: list[Article], memo: Memo = no_memo) -> dict[str, str]:
    ranked = related_works(works)
    shown = [(a.slug, a.title, a.tags) for a in articles]
    return {urls.work_page(w.id): memo("work", (w, w.record, _related_key(ranked[w.id]), shown),
                                       lambda: page(w, works, ranked[w.id], articles))
            for w in works}


def _related_key(related: list[tuple[Work, int]]) -> list[tuple]:
    """What a page shows of its related works."""
    return [(o.id, o.title, o.authors, o.year, shared) for o, shared in related]


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
        shared = tags[start:start + 512] @ tags.T  # block of rows x all works
        for row, scores in enumerate(shared.astype(np.int32), start=start):
            scores[row] = 0  # not related to itself
            # Highest score first, then lowest index (works are sorted by id).
            key = scores.astype(np.int64) * n - np.arange(n)
            candidates = np.argpartition(-key, count)[:count] if n > count + 1 else range(n)
            top = sorted(candidates, key=lambda i: -key[i])[:count]
            ranked[works[row].id] = [(works[i], int(scores[i])) for i in top if scores[i] > 0]
    return ranked


def page(work: Work, works: Collection, related: list[tuple[Work, int]],
         articles: list[Article] = ()) -> str:
    source = urls.work_page(work.id)
    taxonomy = works.taxonomy
    venue = taxonomy.venues[work.venue]
    unverified = citation_text.unverified_fields(work)
    flag = citation_text.flagger(unverified)

    links = [link(work.url, "Paper or project page")]
    if work.doi:
        links.append(link(f"https://doi.org/{work.doi}", f"DOI {work.doi}") + flag("doi"))
    if work.arxiv:
        links.append(link(f"https://arxiv.org/abs/{work.arxiv}", f"arXiv {work.arxiv}") + flag("arxiv"))
    snapshot = highlighted(works)
    layer = ("" if snapshot is None else
             f"One of {snapshot.label}." if in_highlight(work, snapshot) else
             f"Added after {snapshot.added_since}" + (f" on {work.added.isoformat()}." if work.added else "."))

    tag_rows = []
    for facet in taxonomy.tagged_facets:
        chips = "".join(
            f'<a class="tag" style="--facet-color:{attr(facet.color)}" '
            f'href="{attr(urls.href(source, urls.category_page(facet.id, c)))}">'
            f'{text(taxonomy.category(facet.id, c).label)}</a>'
            for c in work.tags[facet.id]) or '<span class="none">none</span>'
        tag_rows.append(f'<tr><th scope="row">{text(facet.title)}</th><td>{chips}</td></tr>')

    related_items = "".join(
        f'<li><a href="{attr(urls.href(source, urls.work_page(o.id)))}">{text(o.title)}</a> '
        f'<span class="meta">{text(o.authors)} {o.year} · {shared} shared tags</span></li>'
        for o, shared in related)
    rationale = work.record.get("rationale")
    notes = work.record.get("notes")
    bibtex = bibtex_entry(work, venue.type, venue.name)
    fence = "`" * max(3, _longest_backtick_run(bibtex) + 1)

    details = [
        citation_text.authors_paragraph(work, flag),
        f'<p class="work-meta">{citation_text.listed_as(work, snapshot)}: {work.year}{flag("year")} · '
        f'<abbr title="{attr(venue.name)}">{text(work.venue)}</abbr> '
        f'<span class="venue-type">({text(taxonomy.venue_types[venue.type])})</span>{flag("title")}</p>',
        citation_text.published_paragraph(work, venue.name, flag, snapshot),
        f'<p class="work-links">{" · ".join(links)}</p>',
        f'<p class="work-layer">{text(layer)}</p>' if layer else "",
        f'<table class="work-tags"><tbody>{"".join(tag_rows)}</tbody></table>',
    ]
    # The explorables that demonstrate this work's "How" techniques (they link back here).
    shows = [a for a in articles if set(a.tags.get("how", ())) & set(work.tags["how"])]
    if shows:
        tries = ", ".join(f'<a href="{attr(urls.href(source, urls.explorable_page(a.slug)))}">{text(a.title)}</a>'
                          for a in shows)
        details.append(f'<p class="work-explorables"><strong>Try its techniques:</strong> {tries}</p>')
    if rationale:
        details.append(f'<p class="rationale"><strong>Why these tags:</strong> {text(rationale)}</p>')
    if notes:
        details.append(f'<p class="notes"><strong>Notes:</strong> {text(notes)}</p>')
    body = [
        front_matter(title=work.title, description=f"{work.authors} ({work.year}), {work.venue}",
                     citation_meta=citation_meta.highwire_tags(work, venue.name),
                     json_ld=citation_meta.json_ld(work, venue.name)),
        f"# {markdown_text(work.title)}\n",
        raw_block('<div class="work-page">\n' + "\n".join(d for d in details if d) + "\n</div>"),
        "## Cite\n",
        raw_block(f'<p class="cite-apa"><strong>APA style:</strong> {text(apa(work, venue.name))}</p>'
                  "<p><strong>BibTeX:</strong></p>"),
        f"{fence}bibtex\n{bibtex}{fence}\n\n",
        "## Sources\n",
        raw_block(citation_text.sources_section(work, unverified)),
        "## Related works\n",
        raw_block(f'<ul class="related">{related_items}</ul>' if related_items else
                  "<p>No other work shares a tag with this one.</p>"),
    ]
    return "".join(body)


def _longest_backtick_run(value: str) -> int:
    longest = run = 0
    for ch in value:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return longest
