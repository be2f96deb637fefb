"""Hostile records cannot run script on any page, with either builder.

Each payload calls pwned(), which the page defines before any of its own scripts run: a
payload that executes anywhere (table, work page, category page, trends, site search)
counts. Titles hold one-line payloads (the validator rejects newlines in titles); notes and
rationales, which may span lines, hold the multi-line ones: blank lines followed by the old
raw-HTML placeholders and markers, code fences and HTML blocks."""
from __future__ import annotations

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
                  # one line per tagged facet (a work outside the snapshot needs them)
                  "rationale": {f: f"Abstract: {payload}" for f in ("why", "who", "how", "when")},
                  # The citation fields reach the head (meta tags, JSON-LD) and the Cite block.
                  "author_list": [_author(payload), "Ann Doe"], "kind": "article",
                  "sources": ["https://example.org/?s=\"><script>pwned()</script>"],
                  "published": {"journal": payload, "note": payload}, "corrections": [payload]}
        (folder / f"{work_id}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True),
                                                encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def hostile_works(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "works"
    return folder, hostile_records(folder)


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
    context = browser.new_context()
    context.add_init_script("window.__pwned = 0; window.pwned = () => { window.__pwned += 1; };")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran = {}
    with serve_directory(site) as origin:
        for path in pages:
            page.goto(origin + path)
            page.wait_for_load_state("networkidle")
            ran[path] = page.evaluate("window.__pwned")
        for query in ("Hostile", "DLVISRAW", "pwned"):  # the site's search
            page.goto(origin + "/")
            page.wait_for_load_state("networkidle")
            assert any("/works/hostile2018n" in link for link in site_search(page, query)), query
            page.wait_for_timeout(300)  # time for a payload in the results to run
            ran[f"search {query}"] = page.evaluate("window.__pwned")
    context.close()
    assert {where: n for where, n in ran.items() if n} == {} and dialogs == []
