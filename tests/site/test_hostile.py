"""Hostile records cannot run script on any page, with either builder.

Each payload calls pwned(), which the page defines before any of its own scripts run: a
payload that executes anywhere (table, work page, category page, trends, site search)
counts. Titles hold one-line payloads (the validator rejects newlines in titles); notes and
rationales, which may span lines, hold the multi-line ones: blank lines followed by the old
raw-HTML placeholders and markers, code fences and HTML blocks."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from sitebuild import BUILDERS, ROOT, build_site, site_search
from survey.records.validate import CONTROL_CHARACTERS, author_name_problem
from tests.support.browser import serve_directory

ONE_LINE = [
    "<script>pwned()</script>",
    "<img src=x onerror=pwned()>",
    '"><img src=x onerror=pwned()>',
    "'><svg onload=pwned()>",
    "</script><script>pwned()</script>",
    "<!-- dlvis:raw --> <img src=x onerror=pwned()> <!-- /dlvis:raw -->",
    "DLVISRAW0", "DLVISRAW1", "DLVISRAW9",
    "<!-- <img src=x onerror=pwned()> -->",
    "{{ pwned() }} {% raw %}<img src=x onerror=pwned()>{% endraw %}",
    "```html <img src=x onerror=pwned()>",
    "<div markdown=\"1\">*x*</div><img src=x onerror=pwned()>",
    "[link](javascript:pwned()) ![i](x\" onerror=\"pwned())",
]
MULTI_LINE = [
    "x\n\nDLVISRAW1\n\ny",
    "x\n\n<!-- dlvis:raw -->\n<img src=x onerror=pwned()>\n<!-- /dlvis:raw -->\n",
    "x\n\n```\n<script>pwned()</script>\n```\n\n<div>\n<img src=x onerror=pwned()>\n</div>\n",
    "x\n\n    <script>pwned()</script>\n\n{{ config }}\n{% include 'x' %}\n",
]


def _author(payload: str) -> str:
    """The payload as an author's name where the validator takes it as one (no comma,
    no 'et al.'), else a plain name: the record must stay valid to reach the pages."""
    name = f"Ann {payload}"
    return "Ann Roe" if author_name_problem(name) or CONTROL_CHARACTERS.search(name) else name


def every_other_string_field(number: int, payload: str) -> dict:
    """The payload in every other string field a record has (issue 20): the version of
    record's keys, the survey's own key and URL, and links whose pattern allows it."""
    return {
        "doi": f"10.1234/{number}\"><svg/onload=pwned()>",
        "survey_key": f"key{number} {payload}",
        "survey_url": f"https://example.org/survey?q=\"><svg/onload=pwned()>&n={number}",
        "published": {"title": f"Published {payload}", "journal": payload, "volume": payload, "number": payload,
                      "pages": f"1--{payload}", "publisher": payload, "school": payload,
                      "institution": payload, "report_number": payload, "note": payload,
                      "url": f"https://example.org/pub?q=\"><script>pwned()</script>&n={number}"},
    }


def schema_dependent_fields(record: dict, payload: str) -> dict:
    """The payload in the free-text fields the work page renders: a `rationale` line per
    tagged facet ('Abstract: ...'), the `abstract` and the plain `keywords`."""
    return {"rationale": {facet: f"Abstract: {payload}" for facet in ("why", "who", "what", "how", "when")
                          if record.get(facet)},
            "abstract": f"An abstract {payload}", "keywords": ["plain", payload]}


def hostile_records(folder):
    folder.mkdir()
    ids = []
    for number, payload in enumerate(ONE_LINE):
        work_id = f"hostile2018n{number:02d}"
        ids.append(work_id)
        record = {"id": work_id, "title": f"Hostile {number} {payload}",
                  "authors": f"{payload}, et al.", "year": 2016 + number % 3, "venue": "TVCG",
                  "url": "https://example.org/?q=\"><script>pwned()</script>",
                  "why": ["interpretability"], "who": ["model-developers"], "what": [],
                  "how": ["line"], "when": ["after"],
                  "notes": MULTI_LINE[number % len(MULTI_LINE)],
                  # The citation fields reach the head (meta tags, JSON-LD) and the Cite block.
                  "author_list": [_author(payload), "Ann Doe"], "kind": "article",
                  "sources": ["https://example.org/?s=\"><script>pwned()</script>"],
                  "published": {"journal": payload, "note": payload}, "corrections": [payload],
                  **every_other_string_field(number, payload)}
        record.update(schema_dependent_fields(record, payload))
        (folder / f"{work_id}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True),
                                                encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def hostile_works(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "works"
    return folder, hostile_records(folder)


def script_runs(browser, site, pages: list[str], searches: tuple[str, ...] = (),
                found_by_search: str = "/works/hostile2018n") -> dict[str, int]:
    """Visit each page of the built `site` (and search it for each query); where a payload
    ran: {page: times}. Dialogs (alert) count too."""
    context = browser.new_context()
    context.add_init_script("window.__pwned = 0; window.pwned = () => { window.__pwned += 1; };")
    page = context.new_page()
    dialogs = []
    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    ran = {}
    with serve_directory(site) as origin:
        for path in pages:
            page.goto(origin + path)
            page.wait_for_load_state("networkidle")
            ran[path] = page.evaluate("window.__pwned")
        for query in searches:  # the site's search
            page.goto(origin + "/")
            page.wait_for_load_state("networkidle")
            assert any(found_by_search in link for link in site_search(page, query)), query
            page.wait_for_timeout(300)  # time for a payload in the results to run
            ran[f"search {query}"] = page.evaluate("window.__pwned")
    context.close()
    if dialogs:
        ran["dialogs"] = len(dialogs)
    return {where: n for where, n in ran.items() if n}


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_hostile_record_runs_script_on_any_page(browser, tmp_path, hostile_works, builder):
    works, hostile_ids = hostile_works
    explorables = tmp_path / "explorables"
    explorables.mkdir()
    site = tmp_path / "site"
    result = build_site(ROOT / "mkdocs.yml", site, builder=builder, works=works, explorables=explorables)
    assert result.returncode == 0, result.stderr
    pages = ["/", "/table/", "/trends/", "/takeaways/", "/changelog/", "/taxonomy/how/line/",
             "/taxonomy/how/", *(f"/works/{i}/" for i in hostile_ids),
             "/table/?q=" + quote("<img src=x onerror=pwned()>"), "/table/?q=" + quote(ONE_LINE[0])]
    assert script_runs(browser, site, pages, ("Hostile", "DLVISRAW", "pwned")) == {}


# -- a hostile survey project: every string setting of survey.yml --------------------------------

SURVEY_TITLE = "PV & PVA <img src=x onerror=pwned()> Collection"


def hostile_project(root: Path) -> Path:
    """A project whose survey.yml holds a payload in every text setting, with the hostile
    records (the flagship's taxonomy, so that they stay valid); half of them in its snapshot."""
    root.mkdir(parents=True)
    for name in ("taxonomy.yaml", "venues.yaml"):
        shutil.copy(ROOT / "survey" / name, root / name)
    config = {"title": SURVEY_TITLE, "description": f"D & {ONE_LINE[3]}", "citation": ONE_LINE[0],
              "url": "https://example.org/survey/", "subject": ONE_LINE[1],
              "snapshots": [{"id": "paper2024", "label": f"the works {ONE_LINE[4]}", "short": ONE_LINE[2],
                             "since": ONE_LINE[5], "aliases": ["2024", ONE_LINE[10]]}],
              "query_examples": [ONE_LINE[1], "how:line"]}
    (root / "survey.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ids = hostile_records(root / "works")
    for number, work_id in enumerate(ids):
        if number % 2 == 0:
            path = root / "works" / f"{work_id}.yaml"
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump({**record, "snapshots": ["paper2024"]}, allow_unicode=True),
                            encoding="utf-8")
    return root


def survey_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "survey.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory):
    """The hostile project, built once by each builder (`survey build`)."""
    root = hostile_project(tmp_path_factory.mktemp("hostile-project") / "survey")
    sites = {}
    for builder in BUILDERS:
        result = survey_command("build", "--builder", builder, cwd=root)
        assert result.returncode == 0, f"{builder}: {result.stderr}"
        sites[builder] = tmp_path_factory.mktemp(f"hostile-{builder}") / "site"
        shutil.copytree(root / "site", sites[builder])
    return root, sites


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_hostile_survey_yml_runs_no_script_and_shows_its_title_as_written(browser, hostile_sites, builder):
    root, sites = hostile_sites
    ids = sorted(p.stem for p in (root / "works").glob("*.yaml"))
    pages = ["/", "/table/", "/trends/", "/changelog/", "/data/", "/contributing/", "/taxonomy/",
             "/taxonomy/how/", "/taxonomy/how/line/", *(f"/works/{i}/" for i in ids[:4]),
             "/table/?q=" + quote(ONE_LINE[1])]
    assert script_runs(browser, sites[builder], pages, ("Hostile",)) == {}
    context = browser.new_context()
    page = context.new_page()
    with serve_directory(sites[builder]) as origin:
        for path in ("/", f"/works/{ids[0]}/"):
            page.goto(origin + path)
            header = page.locator(".md-header__topic").first.inner_text().strip()
            assert header == SURVEY_TITLE, header
            assert page.title().endswith(SURVEY_TITLE), page.title()
            assert page.locator("img[src=x]").count() == 0
    context.close()


@pytest.mark.parametrize("value", ["https://example.org/\"><script>pwned()</script>", "javascript:pwned()"])
def test_a_hostile_site_url_is_refused_with_its_line(tmp_path, value):
    root = hostile_project(tmp_path / "survey")
    config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    (root / "survey.yml").write_text(yaml.safe_dump({**config, "url": value}, sort_keys=False), encoding="utf-8")
    result = survey_command("build", cwd=root)
    assert result.returncode != 0 and not (root / "site").exists()
    assert re.search(r"survey\.yml:\d+:\d+: 'url' must be the site's http\(s\) address", result.stderr), result.stderr


# One character of each class that validation refuses because a later parser chokes on it
# (issue 20), written as YAML escapes; the build stops at the record, with its position.
REFUSED_CHARACTERS = {"noncharacter U+FFFE": "\\uFFFE", "noncharacter U+FFFF": "\\uFFFF",
                      "noncharacter U+FDD0": "\\uFDD0", "noncharacter U+1FFFF": "\\U0001FFFF",
                      "lone surrogate": "\\uD800", "byte-order mark": "\\uFEFF",
                      "line separator": "\\u2028", "C1 control": "\\x85", "C0 control": "\\x1b"}


@pytest.mark.parametrize("kind", REFUSED_CHARACTERS)
def test_a_record_holding_a_refused_character_stops_the_build(tmp_path, kind):
    root = hostile_project(tmp_path / "survey")
    record = root / "works" / "hostile2018n00.yaml"
    fields = yaml.safe_load(record.read_text(encoding="utf-8"))
    del fields["title"]
    text = yaml.safe_dump(fields, allow_unicode=True)
    record.write_text(text + f'title: "x {REFUSED_CHARACTERS[kind]} <img src=x onerror=pwned()>"\n', encoding="utf-8")
    result = survey_command("build", cwd=root)
    assert result.returncode != 0 and not (root / "site").exists()
    line = text.count("\n") + 1
    assert re.search(rf"hostile2018n00\.yaml:{line}:\d+: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
