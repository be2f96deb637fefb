"""Surveys with many categories: one generated here, of 12 facets of 12 categories each (144
in all), and every real SurVis survey of ../shared/surveys (CatVis, 35 categories;
dataphys; medialog, 98; surveyrefdata; survis-sample), built once by
test_shared_surveys.py. On each, every category's count on the
table page equals the CLI's (`survey stats`, and `survey query` for a query of that
category alone), and every row shows exactly its record's categories. works.json used to
pack a work's categories into one JavaScript number tested with `1 << i`, which wraps past
32 categories."""
from __future__ import annotations

import contextlib
import io
import random
import re
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT
from test_project_site import survey
from test_shared_surveys import SHARED_SURVEYS, built_survey
from tests.support.browser import WatchedPage, free_origin, serve_directory
from survey.cli import main as survey_main
from survey.records.project import load_project

FACETS, CATEGORIES, WORKS = 12, 12, 60


def facet_id(f: int) -> str:
    return f"aspect{f:02d}"


def category_id(f: int, c: int) -> str:
    return f"a{f:02d}-kind{c:02d}"


def taxonomy() -> dict:
    return {"facets": [
        {"id": facet_id(f), "question": f"Which kind of aspect {f}?", "color": "#1b9e77",
         "categories": [{"id": category_id(f, c), "label": f"Aspect {f} kind {c}", "short": f"Kind {c}",
                         "description": f"Kind {c} of aspect {f}."} for c in range(CATEGORIES)]}
        for f in range(FACETS)]}


def records(venue: str) -> list[dict]:
    """WORKS records, each tagged with 1 to 6 categories of every facet: every category is
    used, and works carry categories far past the 32nd and the 53rd."""
    rng = random.Random(144)
    out = []
    for i in range(WORKS):
        record = {"id": f"work{i:03d}", "title": f"A generated work number {i}", "authors": "Roe, et al.",
                  "author_list": ["Ann Roe", "Bo Poe"], "kind": "article", "year": 2000 + i % 20,
                  "venue": venue, "url": f"https://example.org/{i}", "sources": [f"https://example.org/{i}"]}
        for f in range(FACETS):
            picked = sorted(rng.sample(range(CATEGORIES), rng.randint(1, 6)))
            record[facet_id(f)] = [category_id(f, c) for c in picked]
        out.append(record)
    return out


@pytest.fixture(scope="module")
def many_categories(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("categories") / "survey"
    assert survey("init", str(folder), cwd=ROOT).returncode == 0
    (folder / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy(), sort_keys=False), encoding="utf-8")
    venue = next(iter(yaml.safe_load((folder / "venues.yaml").read_text(encoding="utf-8"))["venues"]))
    for old in (folder / "works").glob("*.yaml"):
        old.unlink()
    for record in records(venue):
        (folder / "works" / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                              encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def many_categories_url(many_categories):
    """On a port of its own: CatVis's site (test_project_site.py) holds project_origin's
    for the whole session."""
    origin = free_origin()
    result = survey("build", cwd=many_categories, site_url=origin + "/")
    assert result.returncode == 0, f"survey build failed:\n{result.stdout}\n{result.stderr}"
    with serve_directory(many_categories / "site", port=int(origin.rsplit(":", 1)[1])) as served:
        yield served


@pytest.fixture(scope="module", params=SHARED_SURVEYS)
def shared_survey_url(request, tmp_path_factory):
    """A shared SurVis survey, imported with `survey init --from-survis` and built with
    Material for a port of its own (the generated survey's server may hold project_origin's),
    served. The build is test_shared_surveys.py's: one per survey and builder per session."""
    built = built_survey(tmp_path_factory, request.param, "material")
    with serve_directory(built.site, port=int(built.origin.rsplit(":", 1)[1])) as origin:
        yield built.project, origin


def project_facets(project: Path) -> list[str]:
    return [f["id"] for f in yaml.safe_load((project / "taxonomy.yaml").read_text(encoding="utf-8"))["facets"]
            if f.get("categories")]


def project_records(project: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "works").glob("*.yaml"))]


def cli(project: Path, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert survey_main(["--project", str(project), *args]) == 0
    return out.getvalue()


def stats_counts(project: Path) -> dict[str, int]:
    """`survey stats`: {"aspect00:a00-kind00": n, ...} for every category of every facet."""
    counts, facet = {}, None
    # `survey stats` heads each facet with its title in capitals.
    facets = {f.title.upper(): f.id for f in load_project(project).taxonomy.tagged_facets}
    for line in cli(project, "stats").splitlines():
        heading = re.match(r"^(\S.*?)(: |$)", line)  # "ASPECT00: Which ...", "YEAR"
        entry = re.match(r"^\s+(\d+)\s+(\S+)", line)
        if heading:
            facet = facets.get(heading.group(1))
        elif entry and facet:
            counts[f"{facet}:{entry.group(2)}"] = int(entry.group(1))
    return counts


def test_every_category_counts_as_the_cli_says(browser, many_categories, many_categories_url):
    expected = stats_counts(many_categories)
    assert len(expected) == FACETS * CATEGORIES and all(expected.values())
    page_answers_like_the_cli(browser, many_categories, many_categories_url, expected)


def test_every_category_of_a_shared_survey_counts_as_the_cli_says(browser, shared_survey_url):
    project, url = shared_survey_url
    expected = stats_counts(project)
    assert len(expected) == sum(len(f["categories"]) for f in yaml.safe_load(
        (project / "taxonomy.yaml").read_text(encoding="utf-8"))["facets"] if f.get("categories"))
    page_answers_like_the_cli(browser, project, url, expected)


def page_answers_like_the_cli(browser, project: Path, url: str, expected: dict[str, int]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = WatchedPage(context.new_page(), url)
    page = watched.page
    page.set_default_timeout(15_000)
    page.goto(f"{url}/table/")
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    beside_boxes = page.eval_on_selector_all(
        ".survey-cat input[type=checkbox]",
        "boxes => Object.fromEntries(boxes.map(b => [b.value, "
        "+b.closest('.survey-cat').querySelector('.survey-cat-count').textContent]))")
    assert beside_boxes == expected

    # Each category alone, typed as a query: the count, and the ids of the rows drawn.
    answers = page.evaluate("""terms => {
        const input = document.querySelector('#survey-q'), out = {};
        for (const term of terms) {
          input.value = term;
          input.dispatchEvent(new Event('input'));
          out[term] = +document.querySelector('[data-result-count]').textContent;
        }
        return out;
    }""", sorted(expected))
    for term, count in answers.items():
        assert count == len(cli(project, "query", "--format", "ids", term).split()) == expected[term], term

    # Every row carries exactly its record's marks, in the grid's columns.
    page.evaluate("() => { const i = document.querySelector('#survey-q'); i.value = ''; i.dispatchEvent(new Event('input')); }")
    page.wait_for_selector(".survey-live tbody[data-complete=true]", state="attached")
    columns = page.eval_on_selector_all(".survey-live th.cat", "ths => ths.map(th => th.dataset.sort)")
    marks = page.eval_on_selector_all(".survey-live tbody tr[data-id]", """rows => Object.fromEntries(rows.map(r =>
        [r.dataset.id, [...r.querySelectorAll('td.mark')].map(td => td.classList.contains('on'))]))""")
    records = project_records(project)
    assert len(marks) == len(records)
    for record in records:
        tagged = {f"{f}:{c}" for f in project_facets(project) for c in record.get(f) or ()}
        assert [column for column, on in zip(columns, marks[record["id"]]) if on] == \
            [column for column in columns if column in tagged], record["id"]
    watched.assert_clean()
    context.close()


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_generated_home_shows_the_count_the_table_and_where_to_start(browser, many_categories_url, size):
    """A project without a home page of its own gets one whose first screen holds the count,
    the call to open the table and the links to start from, even with 12 facets."""
    from test_site_browser import home_first_screen

    context = browser.new_context()
    watched = WatchedPage(context.new_page(), many_categories_url)
    screen = home_first_screen(watched.page, f"{many_categories_url}/", *size)
    assert screen["count"].startswith(f"This knowledge base holds {WORKS} works")
    assert screen["cta"] == ["Browse the table", f"{many_categories_url}/table/"]
    assert screen["links"] >= 4 and len(screen["start"]) == screen["links"], screen
    watched.assert_clean()
    context.close()


# Names, values and examples of the flagship survey that no page of another survey may carry.
FLAGSHIP = re.compile(r"kahng|chau\b|hohman|pienta|deep learning|machine-learning|in:2018|tvcg2018|"
                      r"\b(why|who|what|how|when|where):|interpretability|node-link|instance-based|"
                      r"model-developers|non-experts|2018 (paper|table)", re.IGNORECASE)


def test_no_trace_of_the_flagship_in_the_table_trends_home_or_their_scripts(many_categories, many_categories_url):
    """The pages and scripts of this branch (table, trends, home, search), as built for a
    survey that shares no facet with the flagship."""
    site = many_categories / "site"
    files = [site / "index.html", site / "table" / "index.html", site / "trends" / "index.html",
             site / "assets" / "data" / "works.json", site / "assets" / "data" / "summary.json",
             *(site / "assets" / "js" / name for name in
               ("survey-table.js", "survey-query.js", "site-search.js", "charts.js")),
             *sorted((site / "assets" / "js").glob("survey-table-*.js")),  # the table's other parts
             *sorted((site / "assets" / "charts").glob("*.json"))]
    for path in files:
        found = FLAGSHIP.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.relative_to(site)}: {found.group(0)!r}"
