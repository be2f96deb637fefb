"""A YAML syntax error is reported where the mistake is: the opening of the unclosed quote,
bracket or block, not where YAML noticed it (an unclosed quote runs on to the next quote
in the file, 12 lines below in the issue's case). One test per kind of mistake, each in a
real record of the project with one line broken."""

from __future__ import annotations

from kb_helpers import WORKS_DIR

RECORD = (WORKS_DIR / "kahng2018activis.yaml").read_text(encoding="utf-8").splitlines()


def broken(write_record, changes: dict[int, str]):
    """The record with lines (1-based) replaced, written to a file."""
    lines = list(RECORD)
    for number, text in changes.items():
        lines[number - 1] = text
    return write_record("\n".join(lines) + "\n", name="kahng2018activis.yaml")


def problem(run_validate, path) -> str:
    status, lines, err = run_validate(path)
    assert status == 1 and "Traceback" not in err
    (line,) = lines
    return line.removeprefix(f"{path}:")


def test_the_record_is_valid_unbroken(write_record, run_validate):
    assert run_validate(broken(write_record, {}))[:2] == (0, [])


def test_unclosed_single_quote_is_reported_at_its_opening(write_record, run_validate):
    assert RECORD[1].startswith("title: '") and RECORD[13].startswith("arxiv: '")
    path = broken(write_record, {2: "title: 'ActiVis: Visual Exploration of Industry-Scale Deep Neural Network Models"})
    assert problem(run_validate, path) == (
        "2:8: invalid YAML: the '...' value that starts here is closed only on line 14: close it at "
        "the end of this value; a ' inside it is written '' (YAML noticed it on line 14)"
    )


def test_unclosed_double_quote_at_the_end_of_the_file(write_record, run_validate):
    path = broken(write_record, {len(RECORD): "notes: \"The survey's own data has no titles."})
    assert problem(run_validate, path).startswith(
        f'{len(RECORD)}:8: invalid YAML: the quote here is never closed: end the value with "'
    )


def test_a_quote_inside_a_quoted_value(write_record, run_validate):
    path = broken(write_record, {2: "title: 'ActiVis: the survey's pick'"})
    assert problem(run_validate, path).startswith("2:8: invalid YAML: the '...' value that starts here is closed early")


def test_unclosed_bracket_is_reported_at_the_bracket(write_record, run_validate):
    why = RECORD.index("why: [interpretability, debugging]") + 1
    path = broken(write_record, {why: "why: [interpretability, debugging"})
    assert problem(run_validate, path) == (
        f"{why}:6: invalid YAML: the '[' here is never closed: end the list with ']' on this line, "
        f"and separate its items with ',' (YAML noticed it on line {why + 1})"
    )


def test_unclosed_brace_is_reported_at_the_brace(write_record, run_validate):
    path = broken(write_record, {3: "authors: {Kahng, et al."})
    assert problem(run_validate, path).startswith("3:10: invalid YAML: the '{' here is never closed")


def test_a_block_whose_first_line_is_indented_unlike_the_rest(write_record, run_validate):
    """YAML notices on line 6, where the list's other items are; the odd line is line 5."""
    assert RECORD[4] == "  - Minsuk Kahng"
    path = broken(write_record, {5: "   - Minsuk Kahng"})
    assert problem(run_validate, path) == (
        "5:4: invalid YAML: the block that opens here is indented 3 spaces, but the lines after it "
        "(from line 6) 2 spaces: indent the items of one list or mapping alike"
    )


def test_a_line_indented_unlike_its_block(write_record, run_validate):
    published = RECORD.index("published:") + 1
    path = broken(write_record, {published + 2: " journal: IEEE Transactions on Visualization and Computer Graphics"})
    assert problem(run_validate, path) == (
        f"{published + 2}:2: invalid YAML: this line is indented 1 space, unlike the block that opens "
        f"on line {published + 1} (2 spaces): indent the items of one list or mapping alike"
    )


def test_a_field_without_its_colon(write_record, run_validate):
    path = broken(write_record, {3: "authors Kahng, et al."})
    assert problem(run_validate, path).startswith("3:1: invalid YAML: this line has no ':' after its field name")
