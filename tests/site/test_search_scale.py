"""At many works, with either builder: no page transfers more than 1.5 MB gzipped, and site
search finds a work by an author's name and by a word of its title.

One site per builder, from one generate step on the same synthetic records
(benchmarks/synthetic.py) plus one work with a name and a title word no other work has:
the two builds are most of this file's cost. `make test` runs it at 1,000 works (Pagefind
splits the index into many chunks already); `make bench-scale` at 10,000 (SURVEY_SCALE_WORKS),
about 9 minutes on 2 cores. How fast the first results come is a speed goal, measured by
`make bench` (benchmarks/search.py), not asserted here."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_records, write_records
from site_src.pipeline import builders, search
from site_src.pipeline.docs import BuildFolder
from sitebuild import BUILDERS, generate, site_search
from survey import load, load_taxonomy
from survey.records.writer import dump_record
from test_search import header_results
from tests.support.browser import WatchedPage, gzipped_transfer, serve_directory

WORKS = int(os.environ.get("SURVEY_SCALE_WORKS", "1000"))
SITE_URL = builders.DEFAULT_SITE_URL
BUDGET = 1.5 * 1024 * 1024  # bytes, gzipped, everything a page loads
NEEDLE = {
    "id": "quillfeather2021zeugmatic", "title": "Zeugmatic saliency for recurrent networks",
    "authors": "Quillfeather, et al.", "author_list": ["Ottilie Quillfeather", "Bo Roe"],
    "kind": "article", "year": 2021, "venue": "TVCG", "url": "https://example.org/zeugmatic",
    "sources": ["https://example.org/zeugmatic"], "why": ["interpretability"],
    "who": ["model-developers"], "what": [], "how": ["line"], "when": ["after"],
    "in_2018_table": False,
    "rationale": {"why": "Abstract: zeugmatic saliency", "who": "Abstract: for developers",
                  "how": "Figure 1: line charts", "when": "Abstract: after training"},
}


@pytest.fixture(scope="module")
def large_sites(tmp_path_factory) -> dict[str, Path]:
    """The WORKS-work site of each builder, as `make site` makes it: one generate step, then
    both builders at once (each runs in a process of its own, so a 2-core machine builds
    them side by side), each site indexed for search before it is swapped into place."""
    folder = tmp_path_factory.mktemp("large")
    works_dir = write_records(folder / "works", WORKS)
    (works_dir / f"{NEEDLE['id']}.yaml").write_text(dump_record(NEEDLE, fields=load_taxonomy().fields), encoding="utf-8")
    build = BuildFolder(folder / "build")
    result = generate(works_dir, build.path)
    assert result.returncode == 0, result.stderr
    works = load([works_dir])

    def site(builder: str) -> Path:
        out = folder / f"site-{builder}"
        built = builders.build_site(builder, build, out, site_url=SITE_URL,
                                    finish=lambda fresh: search.write_index(fresh, works, SITE_URL))
        assert built.returncode == 0, f"{builder} build failed:\n{built.stdout}\n{built.stderr}"
        return out

    with ThreadPoolExecutor(len(BUILDERS)) as pool:
        return dict(zip(BUILDERS, pool.map(site, BUILDERS)))


@pytest.mark.parametrize("builder", BUILDERS)
def test_pages_stay_small_and_search_finds_works_among_many(browser, large_sites, builder):
    site = large_sites[builder]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    with serve_directory(site) as origin:
        watched = WatchedPage(context.new_page(), origin)
        watched.page.set_default_timeout(60_000)
        for path, ready in [("/table/", "[data-survey-table][data-mounted=true]"),
                            (f"/works/{NEEDLE['id']}/", "input.site-search-header__input")]:
            total, loaded = gzipped_transfer(watched.page, origin + path, ready)
            assert total <= BUDGET, f"{path} transfers {total / 1024:.0f} KB gzipped: {loaded}"
            assert not any("search_index.json" in u or u.endswith("/search.json") for u in loaded)
        # As you type in the header: the first results under the field (the first search of
        # the session: no chunk of the index is cached yet).
        watched.page.goto(origin + "/")
        shown = header_results(watched.page, "Quillfeather")
        assert shown["links"][:1] == [f"{origin}/works/{NEEDLE['id']}/"], shown
        for query in ("Quillfeather", "zeugmatic"):  # an author's name, a title word
            watched.page.goto(origin + "/")
            links = site_search(watched.page, query)
            assert links and links[0] == f"{origin}/works/{NEEDLE['id']}/", (query, links)
        # One of the many by its first author's family name and the number in its title.
        common = synthetic_records(WORKS)[WORKS * 42 // 100]
        query = f"{common['author_list'][0].split()[-1]} {common['title'].split()[-1]}"
        assert f"{origin}/works/{common['id']}/" in site_search(watched.page, query), query
        watched.assert_clean()
    context.close()
