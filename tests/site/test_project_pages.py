"""The generated pages of a survey project other than the flagship (no builder: the
generate step alone), with 1 facet and with 12: the generic pages, the project's snapshot
wording, and nothing of the deep-learning survey."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from site_src.pages import SiteInput, generate
from site_src.pages.identity import SiteIdentity
from survey.query.collection import load
from survey.records.project import load_project
from tests.survey.test_projects import make_project

FLAGSHIP_TRACES = re.compile(r"deep learning|hohman|2018 (paper|table|survey)|in:2018|explorable|takeaway",
                             re.IGNORECASE)


@pytest.fixture(scope="module")
def vendor_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("vendor")  # the Vega bundle, made once for the module


@pytest.mark.parametrize("facets", [1, 12])
def test_a_project_gets_the_generic_pages_in_its_own_words(tmp_path, vendor_cache, facets):
    root = make_project(tmp_path / "s", facets)
    config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    config["snapshots"][0].update(short="2024 table", since="the 2024 paper")
    (root / "survey.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    project = load_project(root)
    works = load(project.works_dir, project.taxonomy)
    files = generate(SiteInput(works=works, identity=SiteIdentity.of(project), vendor_cache=vendor_cache))

    for page in ("index.md", "table.md", "trends.md", "changelog.md", "contributing.md", "data/index.md",
                 "taxonomy/index.md", "works/work0.md", f"taxonomy/f{facets}_x/c{facets}-2.md"):
        assert page in files, page
    assert "takeaways.md" not in files and not any(p.startswith("explorables/") for p in files)
    assert "taxonomy/where/index.md" not in files
    for path, content in files.items():
        if isinstance(content, str):
            found = FLAGSHIP_TRACES.search(content)
            assert found is None, f"{path} mentions {found.group(0)!r}"

    assert f"# A survey with {facets} facets" in files["index.md"]
    assert "A. Author. A survey. 2024." in files["index.md"]
    assert "<strong>4 works</strong>" in files["index.md"]
    # The snapshot's words, from survey.yml: work0 and work1 are in it, work2 and work3 not.
    assert "One of the works of the 2024 paper." in files["works/work0.md"]
    assert "Added after the 2024 paper." in files["works/work3.md"]
    assert "The 2024 paper's table is a fixed snapshot of 2 works" in files["changelog.md"]
    assert "/table/?q=-in:2024" in files["changelog.md"]
    assert 'title="Added after the 2024 paper">new</span>' in files["table.md"]
    assert "limits it to the 2 works of the 2024 paper's table" in files["trends.md"]
    assert "(1 of 2 in the 2024 table)" in files[f"taxonomy/f{facets}_x/c{facets}-0.md"]


def test_a_project_without_a_snapshot_has_no_snapshot_words(tmp_path, vendor_cache):
    root = make_project(tmp_path / "s", 2)
    config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    config["snapshots"] = []
    (root / "survey.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for record in (root / "works").glob("*.yaml"):
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        data.pop("snapshots")
        record.write_text(yaml.safe_dump(data), encoding="utf-8")
    project = load_project(root)
    works = load(project.works_dir, project.taxonomy)
    files = generate(SiteInput(works=works, identity=SiteIdentity.of(project), vendor_cache=vendor_cache))
    assert "badge-new" not in files["table.md"]
    assert "snapshot" not in files["changelog.md"] and "4 works have been recorded" in files["changelog.md"]
    assert "The switch" not in files["trends.md"]
    assert "work-layer" not in files["works/work0.md"]


def test_a_work_without_a_year_is_shown_as_undated_and_left_off_the_year_charts(tmp_path, vendor_cache):
    """An imported entry without a year (its year named in `unverified`) is on every page
    that lists works, as "n.d.", and off every chart by year, which says how many it leaves out."""
    root = make_project(tmp_path / "s", 2)
    record_path = root / "works" / "work3.yaml"  # tagged c1-0 and c2-0, as work0 is
    data = yaml.safe_load(record_path.read_text(encoding="utf-8"))
    del data["year"]
    data["unverified"] = ["year"]
    record_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    project = load_project(root)
    works = load(project.works_dir, project.taxonomy)
    files = generate(SiteInput(works=works, identity=SiteIdentity.of(project), vendor_cache=vendor_cache))
    texts = {path: content for path, content in files.items() if isinstance(content, str)}
    for path, content in texts.items():
        if path.endswith(".md"):
            assert re.search(r"\bNone\b", content) is None, path
    assert re.search(r'<p class="work-meta">n\.d\. <abbr class="unverified"', texts["works/work3.md"])
    assert "published from 2020 to 2022 (1 work without a year)" in texts["index.md"]
    assert "1 work without a year is left out of the charts by year." in texts["trends.md"]
    category = texts["taxonomy/f1_x/c1-0.md"]
    assert "1 work without a year is left out of the charts by year." in category
    assert "Ada Lovelace n.d. · TVCG" in category
    assert "left out of the charts" not in texts["taxonomy/f1_x/c1-1.md"]  # its works all have a year
    assert "<td>n.d.</td>" in texts["table.md"]
    table = json.loads(texts["assets/data/works.json"])
    assert [w[3] for w in table["works"]] == [2020, 2021, 2022, None]  # "year": null in works.json
    # the charts' rows: a bar per year of the axis, none for the undated work
    bars = [json.loads(v) for v in re.findall(r'"values":(\[.*?\])', texts["assets/charts/category-f1_x-c1-0.json"])]
    assert [(row["year"], row["works"]) for row in bars[-1]] == [(2020, 1), (2021, 0), (2022, 0)]
    trend = [json.loads(v) for v in re.findall(r'"values":(\[.*?\])', texts["assets/charts/trend-f1_x.json"])]
    assert sorted({row["year"] for rows in trend for row in rows if "year" in row}) == [2020, 2021, 2022]
