"""The SurVis import, one input at a time: the tolerant BibTeX reader's repairs, the three
bib.js dialects, the three layouts, properties.js, tags and links. Small SurVis folders are
written here; each test says what a user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey.contribute.survis import SurvisError, locate, read_survis
from survey.contribute.survis.bib_reader import read_bibtex
from survey.contribute.survis.layout import SAMPLE_BIBJS_SHA256
from survey.contribute.survis.report import Report


def read(text: str) -> tuple[dict, list[str]]:
    report = Report()
    entries = read_bibtex(text.replace("\r\n", "\n"), "r.bib", report)
    return {e.key: e for e in entries}, report.messages()


@pytest.mark.parametrize(
    "text,key,fields,message",
    [
        (
            "@article{a,\n  title = {T},\n  publisher = IOP Publishing,\n  year = 2020\n}\n",
            "a",
            {"publisher": "IOP Publishing", "year": "2020"},
            "r.bib:3: the value of 'publisher' in entry 'a' has no braces or quotes: read as the text 'IOP Publishing'",
        ),
        (
            "@article{a,\n  title = {T}\n  year = {2020}\n}\n",
            "a",
            {"title": "T", "year": "2020"},
            "r.bib:3: a ',' is missing between two fields of entry 'a': read as if it were there",
        ),
        (
            "@article{a\n  title = {T},\n}\n",
            "a",
            {"title": "T"},
            "r.bib:2: a ',' is missing after the key of entry 'a': read as if it were there",
        ),
        (
            "@article{a,\n  year={2014},  investigating\n  title = {T}\n}\n",
            "a",
            {"year": "2014", "title": "T"},
            "r.bib:2: stray text 'investigating' in entry 'a': skipped",
        ),
        (
            "@article{a,\n  title = {T {x},\n  year = {2020}\n}\n",
            "a",
            {"title": "T {x}", "year": "2020"},
            "r.bib:2: the '{' that opens the value of 'title' in entry 'a' is never closed: the value ends with its line",
        ),
        (
            "@article{a,\n  doi=10.1/x},\nkeywords={f:v}\n}\n",
            "a",
            {"doi": "10.1/x", "keywords": "f:v"},
            "r.bib:2: a '}' closes entry 'a' before its last fields: they are read as well",
        ),
        (
            "@article{a,\n  title = {T},\n  keywords = {f:v}\n\n@article{b,\n  title = {U}\n}\n",
            "a",
            {"title": "T", "keywords": "f:v"},
            "r.bib:1: entry 'a' is never closed: read up to the next entry (line 5)",
        ),
        (
            "@article{a,\n  title = {T},\n  keywords = {f:v}\n",
            "a",
            {"title": "T", "keywords": "f:v"},
            "r.bib:1: entry 'a' is never closed: read up to the end of the file",
        ),
        (
            "@article{a,\n  title = {T},\n%keywords = {f:v},\n  year = {2020}\n}\n",
            "a",
            {"title": "T", "year": "2020"},
            "r.bib:3: a line commented out with '%' in entry 'a': skipped",
        ),
        (
            "@article{a,\r\n  title = {T},\r\n  keywords = {f:v},\r\n  keywords = {g:w}\r\n}\r\n",
            "a",
            {"title": "T", "keywords": "f:v, g:w"},
            "r.bib:4: field 'keywords' is given twice in entry 'a': both lists are read",
        ),
    ],
)
def test_each_repair_reads_what_survis_shows_and_says_where(text, key, fields, message):
    entries, messages = read(text)
    assert {k: entries[key].fields[k] for k in fields} == fields
    assert message in messages


def test_an_entry_without_a_key_is_left_out_and_reported():
    entries, messages = read("@article{title = {T}, year = 2020}\n@misc{b, title = {U}}\n")
    assert list(entries) == ["b"]
    assert "r.bib:1: @article entry has no citation key (SurVis shows none either); entry left out" in messages


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


BIBJS = {
    "Smith2020Charts": {
        "type": "article",
        "title": "Charts",
        "author": "Smith, Ann",
        "year": "2020",
        "journal": "Journal of Charts",
        "publisher": "Chart Press",
        "abstract": "We study {charts}.",
        "keywords": "task:compare, plain one",
    }
}


@pytest.mark.parametrize(
    "name,text",
    [
        ("src/data/generated/bib.js", "\ufeffconst generatedBibEntries = " + json.dumps(BIBJS, indent=4) + ";"),
        ("docs/data/generated/bib.js", "define({ entries : " + json.dumps(BIBJS, indent=4) + "});"),
        ("data/bib.js", "define({ entries : " + json.dumps(BIBJS, indent=4) + "});"),
    ],
)
def test_a_bibjs_only_site_in_each_dialect_and_layout(tmp_path, name, text):
    site = write(tmp_path / "site", {name: text})
    result = read_survis(site, "site")
    assert result.source == f"site/{name}" and f"site/{name}: the bibliography read" in result.problems
    (record,) = result.records
    assert record["venue"] == "Journal of Charts"  # the journal, not the publisher
    assert record["published"]["publisher"] == "Chart Press"
    assert record["abstract"] == "We study charts."
    assert record["task"] == ["compare"] and record["keywords"] == ["plain one"]
    assert f"site/{name}: 1 entries seen, 1 imported, 0 repaired, 0 left out" in result.summary


def test_a_bib_is_preferred_and_the_generated_file_named_as_not_read(tmp_path):
    site = write(
        tmp_path / "site",
        {
            "bib/references.bib": "@article{a, title={T}, author={Doe, Jo}, year={2020}, journal={J}}\n",
            "src/data/generated/bib.js": "const generatedBibEntries = {};",
            "src/properties.js": "/* title */\nvar title = 'Charts &amp; Maps';\nvar editable = true;\n",
        },
    )
    result = read_survis(site, "site")
    assert "site/src/data/generated/bib.js: not read (generated from site/bib/references.bib)" in result.problems
    assert result.title == "Charts & Maps"
    assert "site/src/properties.js: not imported (settings of SurVis's own page): editable" in result.problems


def test_survis_sample_bibjs_is_never_a_sites_data(tmp_path, monkeypatch):
    site = write(tmp_path / "site", {"src/data/bib.js": "define({ entries : {} });"})
    from survey.contribute.survis import layout

    monkeypatch.setattr(
        layout, "SAMPLE_BIBJS_SHA256", __import__("hashlib").sha256((site / "src/data/bib.js").read_bytes()).hexdigest()
    )
    with pytest.raises(SurvisError) as raised:
        locate(site, "site")
    assert "site/src/data/bib.js:1: this is SurVis's own sample data" in str(raised.value)
    assert locate(site / "src/data/bib.js").data_file == site / "src/data/bib.js"  # named: read
    assert SAMPLE_BIBJS_SHA256 != layout.SAMPLE_BIBJS_SHA256


def test_tags_merged_by_case_and_spacing_template_facet_dropped_and_grouped_warnings(tmp_path):
    bib = "".join(
        f"@article{{k{i}, title={{T{i}}}, author={{Doe, Jo}}, year={{2020}}, journal={{J}},\n  keywords={{{tags}}}}}\n"
        for i, tags in enumerate(
            [
                "Data Type :Tables, odd:one",
                "data type: tables, odd:one",
                "data type:Tables, odd:one",
                "data type:graphs other thing:x",
                "other thing:y, other thing:z",
            ]
        )
    )
    site = write(
        tmp_path / "site",
        {
            "bib/references.bib": bib,
            "src/data/tag_categories.js": "define({ tagCategories: { 'data type': {description: 'What data.'},"
            " 'empty one': {} } });",
            "src/data/authorized_tags.js": "const userDefinedAuthorizedTags = {'type:system': {description: 'x'},"
            " 'data type:tables': {description: 'Rows.'}};",
        },
    )
    result = read_survis(site, "site")
    facets = {f.get("name", f["id"]): f for f in result.facets}
    assert list(facets) == ["data type", "odd", "other thing"]  # no 'type', no 'empty one'
    assert [c["label"] for c in facets["data type"]["categories"]] == ["tables", "graphs"]
    text = "\n".join(result.problems)
    assert "facet names 'data type' (3) and 'Data Type ' (1) differ only in case, spacing or LaTeX: read as one" in text
    assert "'type:system': no paper uses facet 'type'" in text
    assert "facet 'empty one' is declared, but no paper gives it a value" in text
    assert "site/bib/references.bib:2: tag 'odd:one' is not in authorized_tags.js: kept (3 times:" in text
    assert "read as data type:graphs, other thing:x" in text  # the missing comma
    assert all(r["data_type"] for r in result.records[:4])


def test_links_from_every_field_and_the_one_left_over_reported(tmp_path):
    site = write(
        tmp_path / "site",
        {
            "bib/references.bib": """
@article{a, title={A}, author={Doe, Jo}, year={2020}, journal={J}, bdsk-url-1={https://example.org/a}}
@article{b, title={B}, author={Doe, Jo}, year={2020}, journal={J}, adsurl={https://ui.adsabs.harvard.edu/abs/b},
  url={https://example.org/b}}
@article{c, title={C}, author={Doe, Jo}, year={2020}, journal={J}, doi={https://doi.org/10.1000/xyz}}
@misc{d, title={D}, author={Doe, Jo}, year={2020}, eprint={1704.01942v2}, archivePrefix={arXiv}}
"""
        },
    )
    records = {r["id"]: r for r in read_survis(site, "site").records}
    assert records["a"]["url"] == "https://example.org/a"
    assert records["b"]["url"] == "https://example.org/b"
    assert records["c"]["doi"] == "10.1000/xyz" and records["c"]["url"] == "https://doi.org/10.1000/xyz"
    assert records["d"]["arxiv"] == "1704.01942" and records["d"]["kind"] == "preprint"
    problems = read_survis(site, "site").problems
    assert any(
        "the link in 'adsurl' (https://ui.adsabs.harvard.edu/abs/b) has no place in a record" in p for p in problems
    )
