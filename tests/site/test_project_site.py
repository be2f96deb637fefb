"""A second survey's site, end to end: CatVis (a real SurVis survey in ../shared/surveys)
imported with `survey init --from-survis` into a temporary folder, built with `survey build`
(Material, once per session), and read in Chromium. The numbers it checks come from the
SurVis BibTeX file itself, not from the importer's output."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import bibtexparser
import pytest
import yaml

from sitebuild import ROOT, site_search
from tests.support.browser import WatchedPage, serve_directory
from tests.survey.kb_helpers import SURVEYS

CATVIS = SURVEYS / "catvis"
# Words of the flagship that a new survey's pages must not carry.
FLAGSHIP_TRACES = re.compile(r"deep learning|hohman|2018 (paper|table|survey)|in:2018|explorable|takeaway",
                             re.IGNORECASE)
TAG = ("family", "size-encoding")  # one SurVis tag, facet:value


def survey(*args: str, cwd: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "survey.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def catvis_project(tmp_path_factory) -> Path:
    if not (CATVIS / "bib" / "references.bib").is_file():
        pytest.skip(f"{CATVIS}: the shared CatVis survey is not here (set SURVEY_SHARED_DIR)")
    folder = tmp_path_factory.mktemp("catvis") / "survey"
    result = survey("init", str(folder), "--from-survis", str(CATVIS), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def catvis_site(catvis_project, project_origin) -> Path:
    """`survey build` in the project folder: the site lands in its site/ folder."""
    started = time.monotonic()
    result = survey("build", cwd=catvis_project, site_url=project_origin + "/")
    assert result.returncode == 0, f"survey build failed:\n{result.stdout}\n{result.stderr}"
    print(f"catvis: survey build (material) took {time.monotonic() - started:.1f} s")
    return catvis_project / "site"


@pytest.fixture(scope="session")
def catvis_url(catvis_site, project_origin):
    with serve_directory(catvis_site, port=int(project_origin.rsplit(":", 1)[1])) as origin:
        yield origin


@pytest.fixture
def catvis_page(browser, catvis_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield WatchedPage(page, catvis_url)
    context.close()


def imported_keys(project: Path) -> dict[str, dict]:
    """The records by their SurVis key (records keep it where their id differs)."""
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "works").glob("*.yaml"))]
    return {r.get("survey_key", r["id"]): r for r in records}


def bib_entries() -> list:
    return bibtexparser.parse_string((CATVIS / "bib" / "references.bib").read_text(encoding="utf-8")).entries


def tags_of(entry) -> set[str]:
    field = entry.fields_dict.get("keywords")
    return {t.strip() for t in field.value.split(",")} if field else set()


def result_count(page) -> int:
    page.wait_for_selector(".survey-table[data-mounted=true]")
    return int(page.locator("[data-result-count]").inner_text())


def test_table_counts_every_imported_work(catvis_page, catvis_url, catvis_project):
    page = catvis_page.page
    page.goto(f"{catvis_url}/table/")
    assert result_count(page) == len(imported_keys(catvis_project)) == len(list((catvis_project / "works").glob("*.yaml")))
    # No snapshot in this survey: no switch, no "new" badges.
    assert page.locator("[id^=survey-only-]").count() == 0
    assert page.locator("#survey-results .badge-new").count() == 0
    catvis_page.assert_clean()


def test_facet_query_matches_the_bibtex_keywords(catvis_page, catvis_url, catvis_project):
    facet, value = TAG
    imported = imported_keys(catvis_project)
    # each entry's keywords as SurVis reads them, up to the next '@' (bibtexparser stops at a
    # '}' that closes an entry early, which SurVis and the import read past)
    bib = (CATVIS / "bib" / "references.bib").read_text(encoding="utf-8")
    chunks = re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,(.*?)(?=^@|\Z)", bib, re.S | re.M)
    expected = len({key for key, body in chunks
                    if f"{facet}:{value}" in {t.strip() for t in
                                              ",".join(re.findall(r"keywords\s*=\s*\{([^}]*)\}", body)).split(",")}}
                   & set(imported))
    assert expected > 0
    page = catvis_page.page
    page.goto(f"{catvis_url}/table/?q={facet}:{value}")
    page.wait_for_selector(".survey-table[data-mounted=true]")
    page.wait_for_function(f"document.querySelector('[data-result-count]').textContent === '{expected}'")
    assert page.locator("#survey-results tbody tr").count() == expected
    catvis_page.assert_clean()


def test_work_page_lists_every_author(catvis_page, catvis_url, catvis_project):
    imported = imported_keys(catvis_project)
    entry = max((e for e in bib_entries() if e.key in imported and "author" in e.fields_dict),
                key=lambda e: (e.fields_dict["author"].value.count(" and "), e.key))
    authors = [a.strip() for a in re.split(r"\s+and\s+", entry.fields_dict["author"].value)]
    assert len(authors) >= 4
    page = catvis_page.page
    page.goto(f"{catvis_url}/works/{imported[entry.key]['id']}/")
    body = page.locator(".work-page").inner_text()
    for author in authors:  # "Family, Given" or "Given Family": every family name is shown
        family = author.split(",")[0] if "," in author else author.split()[-1]
        assert family.strip("{}") in body, f"{author} missing from the work page"
    catvis_page.assert_clean()


def test_site_search_finds_a_work_by_its_first_author(catvis_page, catvis_url, catvis_project):
    imported = imported_keys(catvis_project)
    entry = min((e for e in bib_entries() if e.key in imported and "author" in e.fields_dict),
                key=lambda e: e.key)
    first = re.split(r"\s+and\s+", entry.fields_dict["author"].value)[0].strip()
    family = (first.split(",")[0] if "," in first else first.split()[-1]).strip("{}")
    page = catvis_page.page
    page.goto(f"{catvis_url}/")
    links = site_search(page, family)
    assert f"{catvis_url}/works/{imported[entry.key]['id']}/" in links
    catvis_page.assert_clean()


def test_no_page_mentions_the_flagship_survey(catvis_site, catvis_project):
    pages = sorted(catvis_site.rglob("*.html"))
    assert {"index.html", "table/index.html", "trends/index.html", "changelog/index.html",
            "contributing/index.html", "data/index.html", "taxonomy/index.html"} <= \
        {p.relative_to(catvis_site).as_posix() for p in pages}
    for page in pages:
        found = FLAGSHIP_TRACES.search(page.read_text(encoding="utf-8"))
        assert found is None, f"{page.relative_to(catvis_site)} mentions {found.group(0)!r}"
    assert not (catvis_site / "explorables").exists() and not (catvis_site / "takeaways").exists()
    assert (catvis_project / "build" / "mkdocs.yml").is_file()  # the config made from survey.yml


def test_new_project_builds_with_zensical(tmp_path, project_origin):
    """`survey init DIR` (the example project) builds with the other builder too."""
    folder = tmp_path / "example"
    assert survey("init", str(folder), cwd=ROOT).returncode == 0
    started = time.monotonic()
    result = survey("build", "--builder", "zensical", cwd=folder, site_url=project_origin + "/")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    print(f"example project: survey build --builder zensical took {time.monotonic() - started:.1f} s")
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    title = yaml.safe_load((folder / "survey.yml").read_text(encoding="utf-8"))["title"]
    assert title in home
    assert FLAGSHIP_TRACES.search(home) is None
    assert (folder / "site" / "table" / "index.html").is_file()
