"""`survey validate` refuses the author entries that BibTeX pasted by hand, or split by
line, leaves behind: several authors joined by 'and', a leading 'and', and BibTeX's
'Family, Given' order where the schema wants 'Given Family'. Each refusal is at
path:line:column and says what to write instead."""

from __future__ import annotations

import pytest

from kb_helpers import WORKS_DIR, assert_reported_at, record_text

AUTHOR_LIST = "author_list:\n  - Fred Hohman\n  - {}\n"


def record_with_second_author(name: str) -> str:
    return record_text(author_list=None) + AUTHOR_LIST.format(name)


@pytest.mark.parametrize(
    "name, phrases",
    [
        (
            "Haekyu Park and Caleb Robinson and Duen Horng Chau",
            [
                "contains 'and'",
                "several authors in one item",
                "hint: write one author per item: 'Haekyu Park', 'Caleb Robinson', 'Duen Horng Chau'",
            ],
        ),
        ("and Haekyu Park", ["starts with 'and'", "separator of a BibTeX author list", "hint:", "'Haekyu Park'"]),
        (
            "Park, Haekyu",
            ["'Family, Given' order", "hint: write one author per item as 'Given Family', e.g. 'Haekyu Park'"],
        ),
        ("Steele, Jr., Guy L.", ["'Family, Given' order", "e.g. 'Guy L. Steele Jr.'"]),
    ],
)
def test_refused_with_position_and_hint(write_record, run_validate, name, phrases):
    path = write_record(record_with_second_author(name))
    status, lines, err = run_validate(path)
    assert status == 1 and "Traceback" not in err
    # the second item of author_list: its line (after the 13 lines of the record), column 5
    line = record_with_second_author(name).splitlines().index(f"  - {name}") + 1
    assert_reported_at(lines, path, line, 5, phrases)


@pytest.mark.parametrize(
    "name", ["Anders Andersen", "Sandra Anand", "Jean de La Fontaine", "Guy L. Steele Jr.", "Hal Daumé III"]
)
def test_names_that_merely_contain_and_pass(write_record, run_validate, name):
    status, lines, err = run_validate(write_record(record_with_second_author(name)))
    assert (status, lines) == (0, []), lines


def test_the_projects_records_still_pass(run_validate):
    status, lines, err = run_validate(WORKS_DIR)
    count = len(list(WORKS_DIR.glob("*.yaml")))  # 45 today; other branches add works
    assert (status, lines, err) == (0, [], f"{count} record(s) valid\n")
