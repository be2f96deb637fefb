"""Validation refuses the characters later parsers choke on: Unicode's noncharacters
(U+FFFE, U+FFFF, U+FDD0..U+FDEF), lone surrogates and a byte-order mark inside a value.
A record with U+FFFE in `published.publisher` once broke Material's front-matter parser,
which then printed the page's citation data into it as raw HTML (issue 20)."""

from __future__ import annotations

import pytest

from kb_helpers import record_text
from survey.records.project import ProjectError, load_project


@pytest.mark.parametrize(
    "field,value,column,shown,kind",
    [
        ("title", r'"A \uFFFE title"', 8, r"U+FFFE, a Unicode noncharacter", 3),
        ("title", r'"A \uFFFF title"', 8, r"U+FFFF, a Unicode noncharacter", 3),
        ("title", r'"A \uFDD0 title"', 8, r"U+FDD0, a Unicode noncharacter", 3),
        ("title", r'"A \uFDEF title"', 8, r"U+FDEF, a Unicode noncharacter", 3),
        ("title", r'"A \U0001FFFE title"', 8, r"U+1FFFE, a Unicode noncharacter", 3),
        ("title", "A \ufeff title", 8, "U+FEFF, a byte-order mark", 3),
        ("notes", r'"bom \uFEFF inside"', 8, "U+FEFF, a byte-order mark", 5),
        ("published", '{publisher: "<img src=x onerror=alert(1)> \\uFFFE"}', 24, "U+FFFE", 30),
        ("rationale", '{why: "Abstract: \\uFDD5"}', 18, "U+FDD5", 11),
        ("keywords", r'[ok, "bad \uFFFF"]', 16, "U+FFFF", 5),
    ],
)
def test_unsafe_characters_are_refused_with_their_position(
    write_record, run_validate, field, value, column, shown, kind
):
    path = write_record(record_text(**{field: value}))
    status, lines, err = run_validate(path)
    # an added field is on line 12; rationale keeps its place among the citation fields (kb_helpers)
    line = {"title": 2, "authors": 3, "rationale": 15}.get(field, 12)
    assert status == 1, lines
    [problem] = [reported for reported in lines if "holds U+" in reported]
    assert problem.startswith(f"{path}:{line}:{column}: value holds {shown}"), problem
    assert f"at character {kind} of '" in problem
    problem.encode("utf-8")  # printable: a lone surrogate is shown escaped
    assert "\ufffe" not in problem and "\ufeff" not in problem
    assert "Traceback" not in err


@pytest.mark.parametrize("field,value,line", [("title", r'"half \uD800 pair"', 2), ("authors", r'"Doe \uDC00"', 3)])
def test_lone_surrogates_are_refused_with_their_position(write_record, run_validate, field, value, line):
    """libyaml refuses the escape itself; the validator's own check covers every other reader."""
    path = write_record(record_text(**{field: value}))
    status, lines, err = run_validate(path)
    assert status == 1
    assert [reported for reported in lines if reported.startswith(f"{path}:{line}:")], lines
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text,message",
    [("half " + chr(0xD800) + " pair", "U+D800, a lone surrogate"), ("x" + chr(0xDFFF), "U+DFFF, a lone surrogate")],
)
def test_the_check_names_lone_surrogates(text, message):
    from survey.records.source import unsafe_character

    found = unsafe_character(text)
    assert found is not None and found.startswith(message) and found.encode("utf-8")


def test_a_bom_at_the_start_of_the_file_is_still_accepted(write_record, run_validate):
    path = write_record("\ufeff" + record_text())
    assert run_validate(path)[:2] == (0, [])


def test_keys_are_checked_too(write_record, run_validate):
    path = write_record(record_text(**{'"n\\uFFFEotes"': '"x"'}))
    status, lines, _ = run_validate(path)
    assert status == 1
    assert any(reported.startswith(f"{path}:12:1: field name holds U+FFFE") for reported in lines), lines


def test_survey_yml_refuses_them(tmp_path):
    (tmp_path / "survey.yml").write_text('title: "My survey"\ndescription: "x \\uFFFF y"\n', encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_project(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'survey.yml'}:2:14: value holds U+FFFF")


def test_ordinary_text_in_every_script_passes(write_record, run_validate):
    path = write_record(record_text(title='"Ünïcödé 中文 العربية 😀 \\u00A0 — “quotes”"'))
    assert run_validate(path)[:2] == (0, [])
