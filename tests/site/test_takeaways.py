"""/takeaways/: the survey's figures (its snapshot's works) beside today's (all works),
every number a figure links to is what the link shows (the survey's links narrowed with the
snapshot's `in:` name), the robustness takeaway counts a curated list instead of matching
words, venues and works are counted apart, and no page says "1 works"."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import survey
from site_src.pages import urls
from site_src.pages.takeaways import TAKEAWAYS, load_curated, page, scopes, unknown_ids
from survey.query.collection import load
from survey.records.project import load_project

WORKS = survey.load()
REPO = Path(__file__).resolve().parents[2]
# Every (query, number) a takeaway links to, from the page's own generator, in every column.
COUNTS = sorted({(c.query, c.n) for s in scopes(WORKS) for t in TAKEAWAYS for f in t.figures(s)
                 for c in f.counts})


def takeaway_links(watched, site_url) -> list[dict]:
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    return page.locator("ul.figures a[data-count]").evaluate_all("""links => links.map(a => ({
        href: a.href, count: a.dataset.count, label: a.textContent,
        sentence: a.closest('li').querySelector('.figure').textContent}))""")


def test_every_count_appears_in_its_sentence(watched, site_url):
    links = takeaway_links(watched, site_url)
    assert len(links) >= 15
    for link in links:
        assert re.search(rf"\b{link['count']}\b", link["sentence"]), link


@pytest.mark.parametrize("query, n", COUNTS, ids=[q for q, _ in COUNTS])
def test_each_takeaway_link_shows_its_number(watched, site_url, query, n):
    """Follows the page's link and counts the table's result. The link of 'both attribution
    and experimentation' uses the all-of form how:a+b from branch `table`: it fails until then."""
    links = {(link["href"], link["count"]) for link in takeaway_links(watched, site_url)}
    href = f"{site_url}/{urls.table_query(urls.TAKEAWAYS, query).lstrip('/')}"
    assert (href, str(n)) in links
    page = watched.page
    page.goto(href)
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.text_content("[data-result-count]") == str(n)
    watched.assert_clean()


def test_robustness_counts_the_curated_list_not_words(watched, site_url):
    curated = load_curated()["adversarial"]
    assert "wang2018ganviz" not in curated.ids  # a GAN: "adversarial" in its title, not robustness
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    item = page.locator("ul.figures[data-scope=all] li", has_text="robustness to them")
    sentence = item.locator(".figure").text_content()
    assert sentence.startswith(f"{len(curated.ids)} of all {len(WORKS)} works")
    hrefs = item.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [f"{site_url}/works/{i}/" for i in curated.ids]
    assert "GAN" in item.locator(".meta").text_content()  # the criterion says why GANs are out
    watched.assert_clean()


def test_every_curated_id_is_a_work_of_the_project():
    assert unknown_ids(WORKS) == []


def test_an_unknown_id_in_a_curated_list_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "takeaways.yaml"
    bad.write_text("adversarial:\n  criterion: x\n  ids:\n    - liu2018aevis\n    - nosuchwork\n")
    assert unknown_ids(WORKS, bad) == [f"{bad}:5:7: no work has the id 'nosuchwork' (list 'adversarial')"]


def test_venues_and_works_are_counted_in_separate_figures(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    venues = page.locator("ul.figures[data-scope=all] li", has_text="venues of")
    kinds = {WORKS.taxonomy.venues[w.venue].type for w in WORKS}
    assert venues.locator(".figure").text_content() == (
        f"The works appeared in {len({w.venue for w in WORKS})} venues of {len(kinds)} kinds.")
    assert venues.locator("a").count() == 0  # no work counts in the venue figure
    by_kind = page.locator("ul.figures[data-scope=all] li", has_text="Works by kind of venue")
    assert by_kind.locator("a[data-count]").count() == len(kinds)


def test_no_page_says_1_works(site_dir):
    offenders = []
    for html in site_dir.rglob("*.html"):
        body = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
        if re.search(r"(?<![\d,.])1 works\b", body):
            offenders.append(str(html.relative_to(site_dir)))
    assert offenders == []


# -- the survey's figures beside today's, without a browser ------------------------------

class _Columns(HTMLParser):
    """Per takeaway table: its column headers and, per column, its (sentence, [(href, count)])."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._in: str | None = None  # "th" or "sentence" while reading their text
        self._link: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "takeaway-figures" in (attrs.get("class") or ""):
            self.tables.append({"headers": [], "columns": []})
        elif tag == "th" and self.tables:
            self.tables[-1]["headers"].append("")
            self._in = "th"
        elif tag == "ul" and attrs.get("data-scope"):
            self.tables[-1]["columns"].append({"scope": attrs["data-scope"], "figures": []})
        elif tag == "span" and attrs.get("class") == "figure":
            self.tables[-1]["columns"][-1]["figures"].append({"sentence": "", "links": []})
            self._in = "sentence"
        elif tag == "a" and "data-count" in attrs and self.tables and self.tables[-1]["columns"]:
            self.tables[-1]["columns"][-1]["figures"][-1]["links"].append((attrs["href"], int(attrs["data-count"])))

    def handle_endtag(self, tag):
        if tag in ("th", "span"):
            self._in = None

    def handle_data(self, data):
        if self._in == "th":
            self.tables[-1]["headers"][-1] += data
        elif self._in == "sentence":
            self.tables[-1]["columns"][-1]["figures"][-1]["sentence"] += data


def _tables(works) -> list[dict]:
    parser = _Columns()
    parser.feed(page(works))
    return parser.tables


def _query_of(href: str) -> str:
    from urllib.parse import parse_qs, urlsplit
    return parse_qs(urlsplit(href).query)["q"][0]


def test_each_takeaway_shows_the_surveys_figures_beside_todays():
    tables = _tables(WORKS)
    assert len(tables) == len(TAKEAWAYS) == 8
    snapshot = WORKS.query("in:2018")
    for table in tables:
        assert table["headers"] == [f"The survey's figures: the 2018 table ({len(snapshot)} works)",
                                    f"Today's figures: all {len(WORKS)} works"]
        assert [c["scope"] for c in table["columns"]] == ["snapshot-tvcg2018", "all"]
        survey_column, today = table["columns"]
        # the two columns state different figures: the works added since 2018 count today
        assert [f["sentence"] for f in survey_column["figures"]] != [f["sentence"] for f in today["figures"]]


def test_every_link_reproduces_its_number_and_the_surveys_add_the_snapshot_alias():
    checked = 0
    for table in _tables(WORKS):
        for column in table["columns"]:
            for figure in column["figures"]:
                for href, n in figure["links"]:
                    query = _query_of(href)
                    if column["scope"] == "all":
                        assert not query.startswith("in:"), href
                    else:
                        assert query.startswith("in:2018 "), href
                    if "+" not in query:  # the all-of form is counted by the page from the tags
                        assert len(WORKS.query(query)) == n, (query, n)
                    assert re.search(rf"\b{n}\b", figure["sentence"]), figure
                    checked += 1
    assert checked >= 30


def test_the_paper_figures_the_survey_states_come_from_its_snapshot():
    """The survey's own statements (shared/reference/README.md): 33 of 38 use instance-based
    analysis and 36 of 38 support interpretability; the page's survey column says the same
    from the records, not from a hard-coded number."""
    snapshot = WORKS.query("in:2018")
    sentences = [f["sentence"] for t in _tables(WORKS) for f in t["columns"][0]["figures"]]
    instance = len(snapshot.query("how:instance-based"))
    interp = len(snapshot.query("why:interpretability"))
    assert f"{instance} of {len(snapshot)} works in the 2018 table ({round(100 * instance / len(snapshot))}%) use instance-based analysis." in sentences
    assert f"{interp} of {len(snapshot)} works in the 2018 table ({round(100 * interp / len(snapshot))}%) support interpretability." in sentences


def _project(tmp_path, snapshots: list[dict], members: int):
    """A survey with the flagship's facets and venues, 3 works, the first `members` of them
    in its snapshot (listed under `snapshots`)."""
    root = tmp_path / "p"
    (root / "works").mkdir(parents=True)
    for name in ("taxonomy.yaml", "venues.yaml"):  # a project reads only files inside it
        shutil.copy(REPO / "survey" / name, root / name)
    (root / "survey.yml").write_text(yaml.safe_dump({
        "title": "Another survey", "taxonomy": "taxonomy.yaml", "venues": "venues.yaml",
        "works": "works", "snapshots": snapshots}))
    for n in range(3):
        record = {"id": f"w{n}", "title": f"Work {n}", "authors": "Ada Lovelace", "author_list": ["Ada Lovelace"],
                  "kind": "article", "year": 2019 + n, "venue": "TVCG", "url": f"https://example.org/{n}",
                  "sources": [f"https://example.org/{n}"], "why": ["interpretability"], "who": ["non-experts"],
                  "what": ["units"], "how": ["instance-based"], "when": ["after"],
                  "rationale": {f: "Abstract: x" for f in ("why", "who", "what", "how", "when")}}
        if snapshots and n < members:
            record["snapshots"] = [snapshots[0]["id"]]
        (root / "works" / f"w{n}.yaml").write_text(yaml.safe_dump(record))
    project = load_project(root)
    return load(project.works_dir, project.taxonomy)


def test_the_snapshot_and_its_alias_come_from_the_project(tmp_path):
    works = _project(tmp_path, [{"id": "book2020", "label": "the works of the 2020 book",
                                 "aliases": ["book"], "short": "book"}], members=2)
    tables = _tables(works)
    assert tables[0]["headers"] == ["The survey's figures: the book (2 works)", "Today's figures: all 3 works"]
    queries = [_query_of(h) for h, _ in tables[0]["columns"][0]["figures"][0]["links"]]
    assert queries == ["in:book why:interpretability"]
    assert "in:2018" not in page(works) and "2018 table" not in page(works)


def test_a_survey_without_a_snapshot_shows_todays_figures_only(tmp_path):
    works = _project(tmp_path, [], members=0)
    for table in _tables(works):
        assert [c["scope"] for c in table["columns"]] == ["all"]


def test_where_the_figures_are_the_same_they_are_shown_once(tmp_path):
    works = _project(tmp_path, [{"id": "all2021", "label": "every work", "aliases": ["all"], "short": "paper"}],
                     members=3)
    text = page(works)
    for table in _tables(works):
        assert [c["scope"] for c in table["columns"]] == ["all"]
    assert text.count("The survey's figures and today's are the same for this takeaway.") == 8
