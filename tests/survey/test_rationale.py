"""The per-facet rationale: a work outside every snapshot says, for each facet it is tagged
under, where in the paper its tags come from; `survey validate` refuses it otherwise, at the
facet's line, with what to write."""

from __future__ import annotations

import yaml

from kb_helpers import WORKS_DIR, assert_reported_at, record_text

ALL_FIVE = (
    "{why: 'Abstract: a', who: 'Abstract: b', what: 'Introduction: c', how: 'Section 3: d', when: 'Project page: e'}"
)


def test_a_new_work_with_a_rationale_per_facet_is_valid(write_record, run_validate):
    assert run_validate(write_record(record_text(rationale=ALL_FIVE)))[:2] == (0, [])


def test_a_new_work_without_a_rationale_is_refused_at_each_tagged_facet(write_record, run_validate):
    path = write_record(record_text(rationale=None))
    status, lines, _ = run_validate(path)
    assert status == 1 and len(lines) == 5
    for facet, line, column in [("why", 7, 6), ("who", 8, 6), ("what", 9, 7), ("how", 10, 6), ("when", 11, 7)]:
        assert_reported_at(
            lines,
            path,
            line,
            column,
            [
                f"'{facet}' has categories but no rationale",
                "a work outside the snapshot (in_2018_table not true",
                f"add under 'rationale:' {facet}: 'Abstract: ",
            ],
        )


def test_only_the_facets_without_one_are_reported(write_record, run_validate):
    path = write_record(record_text(rationale="{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c'}"))
    status, lines, _ = run_validate(path)
    assert status == 1 and len(lines) == 2
    assert_reported_at(lines, path, 10, 6, ["'how' has categories but no rationale"])
    assert_reported_at(lines, path, 11, 7, ["'when' has categories but no rationale"])


def test_a_facet_tagged_with_no_category_needs_none(write_record, run_validate):
    path = write_record(
        record_text(
            when="[]", rationale="{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d'}"
        )
    )
    assert run_validate(path)[:2] == (0, [])


def test_a_snapshot_work_needs_none(write_record, run_validate):
    by_field = write_record(record_text(rationale=None, in_2018_table="true"), name="good.yaml")
    assert run_validate(by_field)[:2] == (0, [])
    listed = write_record(record_text(id="listed", rationale=None, snapshots="[tvcg2018]"), name="listed.yaml")
    assert run_validate(listed)[:2] == (0, [])


def test_a_false_snapshot_field_is_outside(write_record, run_validate):
    path = write_record(record_text(rationale=None, in_2018_table="false"))
    status, lines, _ = run_validate(path)
    assert status == 1 and len(lines) == 5


def test_each_line_names_where_it_comes_from(write_record, run_validate):
    path = write_record(
        record_text(
            rationale="{why: 'summarizes features', who: 'Abstract: b', "
            "what: 'Abstract: c', how: 'Abstract: d', when: 'Abstract: e'}"
        )
    )
    status, lines, _ = run_validate(path)
    assert status == 1 and len(lines) == 1
    assert_reported_at(
        lines,
        path,
        15,
        18,
        ["'rationale.why' must begin with where in the paper it comes from", "not 'summarizes features'"],
    )


def test_a_rationale_is_a_mapping_of_known_facets(write_record, run_validate):
    path = write_record(record_text(rationale="Because it shows neurons."))
    status, lines, _ = run_validate(path)
    assert status == 1
    assert_reported_at(lines, path, 15, 12, ["'rationale' must map each tagged facet to one line"])
    typo = write_record(record_text(rationale=ALL_FIVE[:-1] + ", wen: 'Abstract: f'}"), name="good.yaml")
    status, lines, _ = run_validate(typo)
    assert status == 1 and len(lines) == 1
    assert "unknown facet 'wen' in 'rationale' (did you mean 'when'?)" in lines[0]
    blank = write_record(record_text(rationale=ALL_FIVE.replace("'Abstract: a'", "''")), name="good.yaml")
    status, lines, _ = run_validate(blank)
    assert status == 1 and "'rationale.why' must be one line '<Where>: <quote>'" in lines[0]


def test_the_rule_follows_the_projects_own_snapshot_field(tmp_path, run_validate):
    """Another survey's snapshot field (not the flagship's in_2018_table) puts a work in it."""
    from survey.records.project import load_project
    from survey.records.validate import validate_paths

    root = tmp_path / "p"
    (root / "works").mkdir(parents=True)
    (root / "survey.yml").write_text(
        yaml.safe_dump(
            {
                "title": "A survey",
                "taxonomy": "taxonomy.yaml",
                "venues": "venues.yaml",
                "works": "works",
                "snapshots": [{"id": "book2020", "label": "the works of the 2020 book", "field": "in_book"}],
            }
        )
    )
    (root / "taxonomy.yaml").write_text(
        yaml.safe_dump(
            {
                "facets": [
                    {
                        "id": "task",
                        "question": "Which task?",
                        "color": "#336699",
                        "categories": [{"id": "t1", "label": "T1", "short": "T1", "description": "The first."}],
                    }
                ]
            }
        )
    )
    (root / "venues.yaml").write_text(
        yaml.safe_dump({"types": {"journal": "Journals"}, "venues": {"TVCG": {"name": "IEEE TVCG", "type": "journal"}}})
    )
    base = {
        "title": "W",
        "authors": "Ada Lovelace",
        "author_list": ["Ada Lovelace"],
        "kind": "article",
        "year": 2021,
        "venue": "TVCG",
        "url": "https://example.org/w",
        "sources": ["https://example.org/w"],
        "task": ["t1"],
    }
    (root / "works" / "inbook.yaml").write_text(yaml.safe_dump({"id": "inbook", **base, "in_book": True}))
    (root / "works" / "later.yaml").write_text(yaml.safe_dump({"id": "later", **base, "title": "Later"}))
    taxonomy = load_project(root).taxonomy
    problems = validate_paths(root / "works", taxonomy, use_cache=False)[1]
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in problems] == [("later.yaml", 9)]
    assert (
        "'task' has categories but no rationale, which a work outside the snapshot (in_book not true"
        in problems[0].message
    )
    assert "in_2018_table" not in problems[0].message


def test_a_survey_without_snapshots_needs_none(tmp_path):
    """A SurVis import names no snapshot: all its works and tags are the survey's own."""
    from survey.records.project import load_project
    from survey.records.validate import validate_paths

    root = tmp_path / "p"
    (root / "works").mkdir(parents=True)
    (root / "survey.yml").write_text(
        yaml.safe_dump({"title": "A survey", "taxonomy": "taxonomy.yaml", "venues": "venues.yaml", "works": "works"})
    )
    (root / "taxonomy.yaml").write_text(
        yaml.safe_dump(
            {
                "facets": [
                    {
                        "id": "task",
                        "question": "Which task?",
                        "color": "#336699",
                        "categories": [{"id": "t1", "label": "T1", "short": "T1", "description": "The first."}],
                    }
                ]
            }
        )
    )
    (root / "venues.yaml").write_text(
        yaml.safe_dump({"types": {"journal": "Journals"}, "venues": {"TVCG": {"name": "IEEE TVCG", "type": "journal"}}})
    )
    (root / "works" / "w.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "w",
                "title": "W",
                "authors": "Ada Lovelace",
                "author_list": ["Ada Lovelace"],
                "kind": "article",
                "year": 2021,
                "venue": "TVCG",
                "url": "https://example.org/w",
                "sources": ["https://example.org/w"],
                "task": ["t1"],
            }
        )
    )
    assert validate_paths(root / "works", load_project(root).taxonomy, use_cache=False)[1] == []


def test_the_surveys_own_works_need_none_and_the_later_ones_have_one():
    for path in sorted(WORKS_DIR.glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("in_2018_table") is True:
            continue
        tagged = [f for f in ("why", "who", "what", "how", "when") if record[f]]
        assert sorted(record.get("rationale", {})) == sorted(tagged), path.name
