"""The citation fields of a record (author_list, kind, published, sources, corrections):
the validator's messages and positions, and the 45 records as complete, sourced citations."""

from __future__ import annotations

import pytest
import yaml

from kb_helpers import RECORD_COUNT, WORKS_DIR, assert_reported_at, record_text
from survey.records.schema import PUBLISHED_KEYS, WORK_KINDS
from survey import load_taxonomy
from survey.records.validate import validate_paths

# Lines 1-11 are the minimal record; a field a test adds is line 12, then come the citation
# fields author_list, kind and sources (kb_helpers.CITATION_LINES).
BAD_CITATIONS = [
    (
        "et-al-item",
        record_text(author_list="[Ann Doe, et al.]"),
        12,
        24,
        ["'et al.' is not an author", "no 'et al.' or 'others'"],
    ),
    ("et-al-in-name", record_text(author_list="[Ann Doe et al.]"), 12, 15, ["is not an author"]),
    ("others", record_text(author_list="[Ann Doe, others]"), 12, 24, ["'others' is not an author"]),
    (
        "family-first",
        record_text(author_list="['Doe, Ann']"),
        12,
        15,
        ["author 'Doe, Ann' has a comma", "'Given Family'"],
    ),
    (
        "one-word",
        record_text(author_list="[Ann Doe, Roe]"),
        12,
        24,
        ["author 'Roe' needs a given name and a family name"],
    ),
    ("double-space", record_text(author_list="['Ann  Doe']"), 12, 15, ["has extra spaces"]),
    ("blank-author", record_text(author_list="[Ann Doe, '']"), 12, 24, ["items must be author names", "empty text"]),
    ("empty-list", record_text(author_list="[]"), 12, 14, ["'author_list' must list every author"]),
    (
        "author-list-text",
        record_text(author_list="Ann Doe and Bo Roe"),
        12,
        14,
        ["'author_list' must list every author", "not 'Ann Doe and Bo Roe'"],
    ),
    (
        "missing-author-list",
        record_text(author_list=None),
        1,
        1,
        ["missing required field 'author_list'", "Left out only where `unverified` names it"],
    ),
    (
        "kind-unknown",
        record_text(kind="jounral"),
        13,
        7,
        ["'kind' must be one of article, inproceedings", "not 'jounral'"],
    ),
    ("kind-missing", record_text(kind=None), 1, 1, ["missing required field 'kind'"]),
    ("sources-missing", record_text(sources=None), 1, 1, ["missing required field 'sources'"]),
    ("sources-empty", record_text(sources="[]"), 14, 10, ["'sources' must list at least one http(s) link"]),
    ("sources-text", record_text(sources="https://example.org"), 14, 10, ["'sources' must list at least one"]),
    (
        "sources-not-a-link",
        record_text(sources="[https://example.org, 'see the PDF']"),
        14,
        32,
        ["'sources' items must be http:// or https:// links", "not 'see the PDF'"],
    ),
    (
        "published-unknown-key",
        record_text(published="{jornal: TVCG}"),
        12,
        21,
        ["unknown key 'jornal' in 'published'", "(did you mean 'journal'?)"],
    ),
    (
        "published-month",
        record_text(published="{month: 13}"),
        12,
        20,
        ["'published.month' must be a month number 1 to 12"],
    ),
    (
        "published-volume-number",
        record_text(published="{volume: 24}"),
        12,
        21,
        ["'published.volume' must be non-empty text (quote it: '24')"],
    ),
    ("published-year", record_text(published="{year: 1850}"), 12, 19, ["year 1850 is out of range"]),
    ("published-url", record_text(published="{url: 'doi.org/10.1/x'}"), 12, 18, ["'published.url' must be an http://"]),
    (
        "published-date-unquoted",
        record_text(published="{date: 2018-03-06}"),
        12,
        19,
        ["'published.date' must be a quoted date", "(quote it: '2018-03-06')"],
    ),
    ("published-date-text", record_text(published="{date: March 2018}"), 12, 19, ["must be a quoted date"]),
    ("published-list", record_text(published="[TVCG, 2018]"), 12, 12, ["'published' must be a mapping of title, year"]),
    (
        "unverified-unknown",
        record_text(unverified="[jornal]"),
        12,
        14,
        ["'jornal' is not one (did you mean 'journal'?)"],
    ),
    ("corrections-blank", record_text(corrections="['']"), 12, 15, ["'corrections' items must be non-empty text"]),
]


@pytest.mark.parametrize("text,line,column,phrases", [c[1:] for c in BAD_CITATIONS], ids=[c[0] for c in BAD_CITATIONS])
def test_citation_problems_are_positioned(write_record, run_validate, text, line, column, phrases):
    path = write_record(text)
    status, lines, _ = run_validate(path)
    assert status == 1
    assert_reported_at(lines, path, line, column, phrases)


@pytest.mark.parametrize(
    "name,value",
    [
        ("author_list", "[Duen Horng (Polo) Chau, Martín Abadi, D. Sculley, Jean de La Fontaine, Guy L. Steele Jr.]"),
        ("published", "{year: 2018, month: 1, journal: IEEE TVCG, volume: '24', number: '1', pages: 88--97}"),
        ("published", "{institution: UC Berkeley, report_number: UCB/EECS-2014-99, date: '2014-05'}"),
        ("corrections", "[The survey's URL is another paper.]"),
        ("unverified", "[month, pages, booktitle, author_list]"),
    ]
    + [("kind", kind) for kind in WORK_KINDS],
)
def test_valid_citation_values_pass(write_record, run_validate, name, value):
    status, lines, _ = run_validate(write_record(record_text(**{name: value})))
    assert (status, lines) == (0, [])


def test_author_list_may_be_left_out_only_where_unverified_names_it(write_record, run_validate):
    assert run_validate(write_record(record_text(author_list=None, unverified="[author_list]")))[:2] == (0, [])
    status, lines, _ = run_validate(write_record(record_text(author_list=None, unverified="[doi]")))
    assert status == 1 and "missing required field 'author_list'" in lines[0]


# -- the 45 records ------------------------------------------------------------------------

RECORDS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKS_DIR.glob("*.yaml"))}


def test_every_record_validates_and_is_sourced():
    documents, problems = validate_paths(WORKS_DIR, load_taxonomy(), use_cache=False)
    assert problems == [] and len(documents) == RECORD_COUNT
    for record in RECORDS.values():
        assert record["sources"] and all(s.startswith(("http://", "https://")) for s in record["sources"])
        assert record["kind"] in WORK_KINDS


def test_every_record_has_a_full_author_list_unless_marked_unconfirmed():
    without = sorted(i for i, r in RECORDS.items() if "author_list" not in r)
    assert all("author_list" in RECORDS[i]["unverified"] for i in without)
    assert len(without) <= 2, without  # rong2016visual, webster2017teachable: no byline seen
    for record in RECORDS.values():
        for name in record.get("author_list", []):
            assert "et al" not in name and name.lower() != "others"


def test_the_first_author_of_the_short_form_is_in_the_full_list():
    """`authors` ("Kahng, et al.") names the first author's family name, except where the
    survey's data is wrong and the record says so."""
    for record in RECORDS.values():
        if "author_list" not in record:
            continue
        family = record["authors"].split(",")[0].split(" & ")[0]  # "Kahng, et al.", "Norton & Qi"
        if family not in record["author_list"][0]:
            assert any(family in c for c in record.get("corrections", [])), record["id"]


def test_survey_data_errors_are_corrected_and_said():
    bilal = RECORDS["bilal2018convolutional"]
    assert bilal["authors"] == "Bilal, et al."  # the table's short form stays
    assert bilal["author_list"][0] == "Bilal Alsallakh"
    assert any("Alsallakh" in c for c in bilal["corrections"])
    lstmvis = RECORDS["strobelt2017lstmvis"]
    assert (lstmvis["year"], lstmvis["venue"]) == (2017, "TVCG")  # the 2018 table's
    assert lstmvis["published"]["year"] == 2018
    assert (lstmvis["published"]["volume"], lstmvis["published"]["number"]) == ("24", "1")
    assert lstmvis["published"]["journal"] == "IEEE Transactions on Visualization and Computer Graphics"
    dgm = RECORDS["liu2018analyzing"]
    assert any(dgm["survey_url"] in c for c in dgm["corrections"])


def test_published_holds_only_what_differs_from_the_table():
    for record in RECORDS.values():
        published = record.get("published", {})
        assert set(published) <= set(PUBLISHED_KEYS)
        assert published.get("year") != record["year"], record["id"]
        assert published.get("title") != record["title"], record["id"]


def test_chau_is_credited_on_his_works():
    chau = {i for i, r in RECORDS.items() if any(a.endswith(" Chau") for a in r.get("author_list", []))}
    assert {"kahng2018activis", "kahng2018ganlab", "hohman2017shapeshop"} <= chau


def test_work_carries_the_citation_fields():
    import survey

    works = {w.id: w for w in survey.load()}
    lstmvis = works["strobelt2017lstmvis"]
    assert lstmvis.author_list == ("Hendrik Strobelt", "Sebastian Gehrmann", "Hanspeter Pfister", "Alexander M. Rush")
    assert lstmvis.kind == "article"
    assert (lstmvis.year, lstmvis.citation_year) == (2017, 2018)
    assert lstmvis.published["pages"] == "667--676"
    assert lstmvis.sources and all(isinstance(s, str) for s in lstmvis.sources)
    assert works["kahng2018activis"].citation_year == 2018 == works["kahng2018activis"].year
    # confirmed on the ICML 2016 workshop's accepted-papers page (issue 25)
    assert works["rong2016visual"].author_list == ("Xin Rong", "Eytan Adar")
    assert works["bilal2018convolutional"].corrections
