"""The 45 records reproduce the survey's own data (shared/reference/works.yml) cell for
cell, and the bibliography's titles. works.yml is read here independently with
yaml.safe_load; the records are read as plain YAML too."""

from __future__ import annotations

import csv

import pytest
import yaml

from kb_helpers import REFERENCE, WORKS_DIR

FACETS = ("why", "who", "what", "how", "when")

# The reference data lies beside the repository (../shared), as in .ci/run. A checkout
# without it (a fork's GitHub Actions run) cannot compare against it.
if not (REFERENCE / "works.yml").exists():
    pytest.skip(f"reference data not found at {REFERENCE}", allow_module_level=True)


def _works_yml() -> list[tuple[str, dict]]:
    """(section, entry) for each work in file order; the section comes from the
    '# Original works' / '# New works' comments that safe_load drops."""
    text = (REFERENCE / "works.yml").read_text(encoding="utf-8")
    original, new = text.split("\n# New works\n")
    assert original.lstrip().startswith("# Original works")
    return [("original", e) for e in yaml.safe_load(original)] + [("new", e) for e in yaml.safe_load(new)]


WORKS_YML = _works_yml()
# The records imported from the survey's data: works added since (issue 25) carry the date
# they were added and are no part of it.
RECORDS = {
    path.stem: record
    for path in sorted(WORKS_DIR.glob("*.yaml"))
    if "added" not in (record := yaml.safe_load(path.read_text(encoding="utf-8")))
}


def _record_for(index: int) -> dict:
    """The record imported from the index-th work of works.yml: by its key, except that a
    key used a second time belongs to the record that names it in `survey_key`."""
    section, entry = WORKS_YML[index]
    key = entry["paper"]
    earlier = [e["paper"] for _, e in WORKS_YML[:index]]
    if key not in earlier:
        return RECORDS[key]
    [record] = [r for r in RECORDS.values() if r.get("survey_key") == key and r["id"] != key]
    return record


def test_reference_has_38_original_and_7_new_works():
    sections = [s for s, _ in WORKS_YML]
    assert sections.count("original") == 38
    assert sections.count("new") == 7


def test_one_file_per_work_named_by_its_id():
    assert len(RECORDS) == 45
    for stem, record in RECORDS.items():
        assert record["id"] == stem


def test_every_reference_work_maps_to_a_distinct_record():
    ids = [_record_for(i)["id"] for i in range(len(WORKS_YML))]
    assert len(set(ids)) == 45
    assert set(ids) == set(RECORDS)


@pytest.mark.parametrize("index", range(45), ids=[e["paper"] + f"#{i}" for i, (_, e) in enumerate(WORKS_YML)])
def test_record_matches_reference_cell_for_cell(index):
    section, entry = WORKS_YML[index]
    record = _record_for(index)
    assert record["authors"] == entry["author"]
    assert record["year"] == entry["year"]
    assert record["venue"] == entry["where"][0]["venue"]
    assert record.get("in_2018_table", False) is (section == "original")
    for facet in FACETS:
        [marks] = entry[facet]
        assert set(marks.values()) <= {"x", "o"}
        assert set(record[facet]) <= set(marks), f"{facet}: category not in the reference"
        for category, mark in marks.items():
            assert (category in record[facet]) == (mark == "x"), f"{facet}:{category}"


def test_duplicate_key_liu2018analyzing_is_recorded_as_two_works():
    entries = [(s, e) for s, e in WORKS_YML if e["paper"] == "liu2018analyzing"]
    assert [s for s, _ in entries] == ["original", "new"]
    (_, original), (_, aevis) = entries
    dgm = RECORDS["liu2018analyzing"]
    assert dgm["in_2018_table"] is True
    # The reference URL points to another paper (DeepTracker): kept, and corrected.
    assert dgm["survey_url"] == original["url"]
    assert dgm["url"] != original["url"]
    assert dgm["url"].startswith(("http://", "https://"))
    new = RECORDS["liu2018aevis"]
    assert new["survey_key"] == "liu2018analyzing"
    assert new.get("in_2018_table", False) is False
    assert new["url"] == aevis["url"]


def test_urls_are_the_reference_urls_except_the_corrected_one():
    for index, (_, entry) in enumerate(WORKS_YML):
        record = _record_for(index)
        if "survey_url" in record:
            assert record["survey_url"] == entry["url"]
        else:
            assert record["url"] == entry["url"], record["id"]


def _bibliography() -> list[dict]:
    with open(REFERENCE / "bibliography.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_titles_and_ids_match_bibliography():
    rows = _bibliography()
    assert len(rows) == 45
    by_key_section = {(e["paper"], s): _record_for(i) for i, (s, e) in enumerate(WORKS_YML)}
    seen = set()
    for row in rows:
        record = by_key_section[(row["paper"], row["section"])]
        seen.add(record["id"])
        assert record["title"] == row["title"], record["id"]
        assert record["authors"] == row["author"]
        assert record["year"] == int(row["year"])
        assert record["venue"] == row["venue"]
        assert record.get("in_2018_table", False) is (row["section"] == "original")
    assert seen == set(RECORDS)


def test_identifiers_the_bibliography_left_unverified_are_marked_or_sourced():
    """Where the bibliography had not verified a DOI or arXiv id, the record either still
    marks it unverified or has since confirmed it and says where (its `sources`)."""
    records = {(e["paper"], s): _record_for(i) for i, (s, e) in enumerate(WORKS_YML)}
    checked = 0
    for row in _bibliography():
        record = records[(row["paper"], row["section"])]
        status = row["ids_status"].lower()
        fields = (
            ("doi", "arxiv")
            if status.startswith("unverified")
            else tuple(f for f in ("doi", "arxiv") if f"{f} unverified" in status)
        )
        for field in fields:
            if field in record:
                checked += 1
                assert field in record.get("unverified", []) or record["sources"], (record["id"], field)
    assert checked >= 10
