"""The work page from templates (issue 20) and its new items (issues 20, 24): the abstract,
the keywords and the per-facet rationale from the record, no "As the survey lists it" for a
work outside the snapshot, copy buttons with an announced confirmation, a keyboard-reachable
BibTeX block, and explorables chosen by the article's own facet."""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape



from site_src.pages import work_pages
from site_src.pages.explorables import Article
from survey import Collection, Work
from survey import load_taxonomy

HOSTILE = "<img src=x onerror=pwned()>"


def record(**fields) -> dict:
    base = {"id": "doe2020tool", "title": "A Tool", "authors": "Doe, et al.", "year": 2020, "venue": "TVCG",
            "url": "https://example.org/tool", "why": ["interpretability"], "who": ["model-developers"],
            "what": ["units"], "how": ["instance-based"], "when": ["after"], "author_list": ["Ann Doe", "Bo Roe"],
            "kind": "article", "sources": ["https://example.org/tool"]}
    return {**base, **fields}


def _found(pattern: str, text: str) -> str:
    """The first match of `pattern` in `text`, which has one."""
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found"
    return match.group()


def render(*records: dict, articles: Sequence[Article] = ()) -> str:
    taxonomy = load_taxonomy()
    works = Collection([Work.from_record(r, taxonomy) for r in records], taxonomy)
    related = work_pages.related_works(works)
    return work_pages.page(works[0], works, related[works[0].id], list(articles))


def visible(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_abstract_keywords_and_rationale_are_shown_escaped():
    page = render(record(
        abstract=f"First paragraph {HOSTILE}\nstill first.\n\nSecond paragraph.",
        keywords=["saliency", HOSTILE],
        rationale={"why": 'Abstract: "helps people interpret models"', "how": f"Section 3: {HOSTILE}"}))
    assert "## Abstract" in page
    assert '<div class="work-abstract"><p>First paragraph &lt;img src=x onerror=pwned()&gt; still first.</p>' \
           "<p>Second paragraph.</p></div>" in page
    assert '<p class="work-keywords"><strong>Keywords:</strong> <span class="keyword">saliency</span>, ' \
           '<span class="keyword">&lt;img src=x onerror=pwned()&gt;</span></p>' in page
    why_row = _found(r'<tr><th scope="row">Why</th>.*?</tr>', page)
    assert '<p class="tag-rationale">Abstract: &#34;helps people interpret models&#34;</p>' in why_row
    how_row = _found(r'<tr><th scope="row">How</th>.*?</tr>', page)
    assert "Section 3: &lt;img src=x onerror=pwned()&gt;" in how_row
    who_row = _found(r'<tr><th scope="row">Who</th>.*?</tr>', page)
    assert "tag-rationale" not in who_row  # no line for that facet
    assert HOSTILE not in page


def test_a_record_without_them_shows_none_of_them():
    page = render(record())
    assert "## Abstract" not in page and "work-keywords" not in page and "tag-rationale" not in page


def test_a_work_outside_the_snapshot_is_not_said_to_be_listed_by_the_survey():
    later = visible(render(record()))
    assert "As the survey lists it" not in later and "In the 2018 table" not in later
    assert "2020 · TVCG (Journal)" in later and "Added after the 2018 paper" in later
    listed = visible(render(record(in_2018_table=True, snapshots=["tvcg2018"])))
    assert "In the 2018 table: 2020 · TVCG" in listed


def test_copy_buttons_a_live_region_and_a_focusable_bibtex_block():
    page = render(record())
    for what in ("bibtex", "apa", "link"):
        assert f'data-copy="{what}" hidden>' in page  # shown by the script, which needs JavaScript
    assert '<span class="cite-copy__status" role="status" aria-live="polite"></span>' in page
    code = _found(r'<pre class="cite-bibtex"><code [^>]*>', page)
    assert 'tabindex="0"' in code and 'role="region"' in code and 'aria-label="BibTeX entry"' in code
    assert '<script src="/assets/js/work-page.js" defer></script>' in page
    assert "@article{doe2020tool," in unescape(page)


def test_explorables_are_chosen_by_the_facet_the_article_names_first(tmp_path):
    def article(slug: str, meta: dict) -> Article:
        tags = {k: v for k, v in meta.items() if k in ("why", "who", "what", "how", "when", "where")}
        return Article(slug=slug, path=tmp_path / f"{slug}.md", title=slug.title(), description="d",
                       tags=tags, body="", body_line=1, meta=meta)

    by_what = article("units", {"title": "Units", "what": ["units"], "how": ["line"]})
    by_how = article("lines", {"title": "Lines", "how": ["line"], "what": ["units"]})
    page = render(record(), articles=[by_what, by_how])
    assert "/explorables/units/" in page and "/explorables/lines/" not in page
