"""CITATION.cff: valid Citation File Format 1.2.0 (the schema `cffconvert --validate` uses,
see tests/site/cff/README.md), with a release date and links, no reference repeated, and
the same survey citation as the About page's BibTeX."""
from __future__ import annotations

import json
import re

import jsonschema
import yaml
from pybtex.database import parse_string

from sitebuild import ROOT

SCHEMA = json.loads((ROOT / "tests" / "site" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))


def citation_cff() -> dict:
    """The file as cffconvert reads it: dates stay text (YAML would make them dates)."""
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


def about_bibtex():
    about = (ROOT / "site_src" / "docs" / "about.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```bibtex\n(.*?)```", about, re.S)
    (entry,) = parse_string(block, "bibtex").entries.values()
    return entry


def test_it_is_valid_citation_file_format():
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(citation_cff())]
    assert errors == []


def test_a_broken_file_is_caught_by_the_same_check():
    broken = citation_cff()
    del broken["authors"]
    broken["date-released"] = "22 November 2026"
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    messages = [e.message for e in validator.iter_errors(broken)]
    assert any("'authors' is a required property" in m for m in messages)
    assert any("22 November 2026" in m for m in messages)


def test_release_date_links_and_no_repeated_reference():
    cff = citation_cff()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff["date-released"])
    survey = cff["preferred-citation"]
    assert survey["url"].startswith("https://") and survey["repository-code"].startswith("https://github.com/")
    entries = [survey, *cff.get("references", [])]
    keys = [(e["type"], e["title"]) for e in entries]
    assert len(keys) == len(set(keys)), "a reference repeats another entry"


def test_the_survey_citation_agrees_with_the_about_page():
    survey = citation_cff()["preferred-citation"]
    entry = about_bibtex()
    fields = entry.fields
    assert (int(fields["year"]), int(fields["volume"]), int(fields["number"])) == \
           (survey["year"], survey["volume"], survey["issue"])
    assert fields["pages"] == f"{survey['start']}--{survey['end']}"
    assert fields["doi"] == survey["doi"]
    assert fields["journal"] == survey["journal"]
    assert fields["title"] == survey["title"]
    about_authors = [(" ".join(p.last_names), " ".join(p.first_names + p.middle_names))
                     for p in entry.persons["author"]]
    assert about_authors == [(a["family-names"], a["given-names"]) for a in survey["authors"]]
