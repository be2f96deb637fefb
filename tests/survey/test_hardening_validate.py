"""Hostile record files (issue 9): validation stays linear and bounded, refuses what YAML 1.1
or the file system could slip in, and every outcome is `path:line:column: message`."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from kb_helpers import PROBLEM_LINE, REPO, record_text, survey_command
from survey.records.source import NESTING_LIMIT, PROBLEM_LIMIT, Document
from survey import load_taxonomy
from survey.records.validate import validate_paths

TAXONOMY = load_taxonomy()  # the flagship's, read once: reading it parses survey.yml too


def lines_of(problems) -> list[str]:
    return [str(p) for p in problems]


# -- linear: one parse per file, at most PROBLEM_LIMIT positions, then "and N more" ---------


@pytest.fixture
def counted(monkeypatch):
    """Counts of YAML compositions and of position look-ups made while validating."""
    counts = {"compose": 0, "where": 0}
    compose, where = yaml.compose, Document.where

    def counting_compose(*args, **kwargs):
        counts["compose"] += 1
        return compose(*args, **kwargs)

    def counting_where(self, *keypath):
        counts["where"] += 1
        return where(self, *keypath)

    monkeypatch.setattr(yaml, "compose", counting_compose)
    monkeypatch.setattr(Document, "where", counting_where)
    return counts


@pytest.mark.parametrize(
    "bad,first_line",
    [
        (dict(how="[" + ", ".join(["nope"] * 4000) + "]"), 10),
        (dict(notes="x\n" + "".join(f"unknown{i}: 1\n" for i in range(4000))), 13),
        (dict(notes="x\n" + "notes: y\n" * 4000), 13),
    ],
    ids=["4000-bad-categories", "4000-unknown-fields", "4000-duplicate-keys"],
)
def test_thousands_of_problems_parse_once_and_show_fifty(write_record, counted, bad, first_line):
    path = write_record(record_text(**bad))
    _, problems = validate_paths([path], TAXONOMY, use_cache=False)
    assert counted["compose"] == 1  # the read itself: positions come from the same tree
    assert counted["where"] <= PROBLEM_LIMIT + 1  # problems past the limit are only counted
    assert len(problems) == PROBLEM_LIMIT + 1
    assert all(p.line >= first_line for p in problems[:-1])
    assert problems == sorted(problems)
    last = problems[-1]
    assert last.message == (
        f"and {4000 - PROBLEM_LIMIT} more problem(s) in this file, not shown "
        f"(the first {PROBLEM_LIMIT} are): fix these and run again"
    )


def test_fifty_problems_are_all_shown(write_record):
    path = write_record(record_text(how="[" + ", ".join(["nope"] * PROBLEM_LIMIT) + "]"))
    _, problems = validate_paths([path], TAXONOMY, use_cache=False)
    assert len(problems) == PROBLEM_LIMIT
    assert not any("more problem(s)" in p.message for p in problems)


def test_cap_holds_for_cached_results_and_other_files(write_record, tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_CACHE_DIR", str(tmp_path / "cache"))
    path = write_record(record_text(how="[" + ", ".join(["nope"] * 300) + "]"))
    twin = write_record(record_text(id="twin"), name="twin.yaml")  # same title: one more problem
    cold = lines_of(validate_paths([tmp_path / "good.yaml", twin], TAXONOMY)[1])
    warm = lines_of(validate_paths([tmp_path / "good.yaml", twin], TAXONOMY)[1])
    assert cold == warm
    assert sum(reported.startswith(f"{path}:") for reported in cold) == PROBLEM_LIMIT + 1
    assert any(reported.startswith(f"{twin}:2:8: same title as {path}:2") for reported in cold)


def test_positions_after_the_cache_need_one_parse(write_record, tmp_path, monkeypatch, counted):
    monkeypatch.setenv("SURVEY_CACHE_DIR", str(tmp_path / "cache"))
    write_record(record_text(doi="10.1109/TVCG.2017.2744718"), folder=tmp_path / "a")
    write_record(
        record_text(id="other", title="Other", doi="10.1109/tvcg.2017.2744718"),
        name="other.yaml",
        folder=tmp_path / "a",
    )
    validate_paths([tmp_path / "a"], TAXONOMY)
    counted["compose"] = 0
    _, problems = validate_paths([tmp_path / "a"], TAXONOMY)  # both from the cache
    assert [p.line for p in problems] == [12]
    assert counted["compose"] == 2  # each file once, for the positions of the duplicate DOI


# -- deep nesting and huge numbers ------------------------------------------------------------


def deep_flow(levels: int) -> str:
    return record_text(notes="[" * levels + "]" * levels)


def deep_block(levels: int) -> str:
    """Each level indented one more space: the text grows with the square of the depth."""
    return record_text(notes="\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, levels + 1)))


@pytest.mark.parametrize(
    "text,line,column",
    [
        # the record's mapping is the first level: the limit is passed at the 100th bracket
        (deep_flow(100_000), 12, 7 + NESTING_LIMIT),
        (deep_block(2_000), 12 + NESTING_LIMIT, 1 + NESTING_LIMIT),
        (record_text(notes="\n  " + "- " * 100_000 + "x"), 13, 1 + 2 * NESTING_LIMIT),
        (record_text(notes="{a: " * 100_000 + "}" * 100_000), 12, 4 + 4 * NESTING_LIMIT),
    ],
    ids=["flow-lists", "block-mappings", "compact-lists", "flow-mappings"],
)
def test_nesting_100000_levels_is_one_positioned_problem(write_record, tmp_path, text, line, column):
    """In a child process: a crash in C would not be a failed assertion but a lost test run."""
    path = write_record(text)
    result = subprocess.run(
        [*survey_command(), "validate", str(path)], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{path}:{line}:{column}: nesting deeper than {NESTING_LIMIT} levels: a record is a "
        "mapping of fields holding text, numbers and short lists"
    ]


def test_nesting_up_to_the_limit_is_read(write_record):
    path = write_record(deep_flow(NESTING_LIMIT - 1))  # inside the record's own mapping
    _, problems = validate_paths([path], TAXONOMY, use_cache=False)
    assert not any("nesting" in p.message for p in problems)


@pytest.mark.parametrize("digits", [41, 4301, 100_000])
def test_huge_integer_year(write_record, run_validate, digits):
    path = write_record(record_text(year="1" + "0" * (digits - 1)))
    status, lines, err = run_validate(path)
    assert status == 1 and "Traceback" not in err
    assert lines == [f"{path}:4:7: a number {digits} characters long is too long for any field: quote it if it is text"]


# -- YAML 1.1 forms: only plain decimal numbers and true/false --------------------------------


@pytest.mark.parametrize(
    "field,written,kind",
    [
        ("year", "33:38", "a number"),
        ("year", "0b11111100010", "a number"),
        ("year", "0x7E2", "a number"),
        ("year", "03742", "a number"),
        ("year", "+2018", "a number"),
        ("year", "2_018", "a number"),
        ("in_2018_table", "yes", "a boolean"),
        ("in_2018_table", "on", "a boolean"),
        ("in_2018_table", "Off", "a boolean"),
        ("in_2018_table", "NO", "a boolean"),
    ],
)
def test_yaml_1_1_numbers_and_booleans_are_refused(write_record, run_validate, field, written, kind):
    path = write_record(record_text(**{field: written}))
    status, lines, _ = run_validate(path)
    line, column = (4, 7) if field == "year" else (12, 16)
    plain = "plain decimal digits (year: 2018)" if kind == "a number" else "true or false"
    assert status == 1
    assert lines == [
        f"{path}:{line}:{column}: YAML 1.1 reads '{written}' as {kind}: records accept "
        f"only {plain}; quote it if it is text"
    ]


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_plain_booleans_pass(write_record, run_validate, value):
    assert run_validate(write_record(record_text(in_2018_table=value)))[:2] == (0, [])


# -- one-line fields, full-match patterns --------------------------------------------------


@pytest.mark.parametrize(
    "field,value,column,found,at",
    [
        ("title", r'"x\n\nDLVISRAW0"', 8, r"'\n'", 2),
        ("title", r'"A\tGood"', 8, r"'\t'", 2),
        ("title", r'"A \u2028 line separator"', 8, r"'\u2028'", 3),
        ("title", "|\n  two\n  lines", 8, r"'\n'", 4),
        ("authors", r'"Doe\r, et al."', 10, r"'\r'", 4),
        ("author_list", r'["Jane Doe", "Rick\x1bRoe"]', 27, r"'\x1b'", 5),
        ("survey_key", r'"key\x7f"', 13, r"'\x7f'", 4),
        ("notes", r'"bell \x07"', 8, r"'\x07'", 6),
    ],
)
def test_control_characters_in_text_fields(write_record, run_validate, field, value, column, found, at):
    path = write_record(record_text(**{field: value}))
    status, lines, _ = run_validate(path)
    assert status == 1
    line = 2 if field == "title" else 3 if field == "authors" else 12
    [problem] = [reported for reported in lines if f":{line}:" in reported]
    assert problem.startswith(f"{path}:{line}:{column}: '{field}' must be ")
    assert f"found {found} at character {at} of '" in problem
    assert "\n" not in problem


def test_notes_may_hold_several_lines(write_record, run_validate):
    path = write_record(record_text(notes="|\n  one\n  two"))
    assert run_validate(path)[:2] == (0, [])


def test_a_rationale_is_one_line_per_facet(write_record, run_validate):
    rationale = "{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d', when: \"Abstract: a\\n\\tb\"}"
    status, lines, _ = run_validate(write_record(record_text(rationale=rationale)))
    assert status == 1 and len(lines) == 1
    assert "'rationale' must be one line of text, without line breaks" in lines[0]


@pytest.mark.parametrize(
    "field,value,column",
    [
        ("doi", r'"10.1234/abc\n"', 6),
        ("arxiv", r'"1704.01942\n"', 8),
        ("id", r'"good\n"', 5),
    ],
)
def test_patterns_refuse_a_trailing_newline(write_record, run_validate, field, value, column):
    path = write_record(record_text(**{field: value}))
    status, lines, _ = run_validate(path)
    line = {"doi": 12, "arxiv": 12, "id": 1}[field]
    assert status == 1
    assert any(
        reported.startswith(f"{path}:{line}:{column}: {field} must") and r"\n'" in reported for reported in lines
    ), lines


@pytest.mark.parametrize(
    "field,value,line,column,message",
    [
        ("doi", r'"10.1234/a\x07b"', 12, 6, "doi must look like"),
        ("url", r'"https://example.org/\x7fx"', 6, 6, "'url' must be an http:// or https:// link"),
        ("survey_url", r'"https://example.org/\x1b[31m"', 12, 13, "'survey_url' must be an http:// or https:// link"),
    ],
)
def test_links_and_identifiers_refuse_control_characters(
    write_record, run_validate, field, value, line, column, message
):
    path = write_record(record_text(**{field: value}))
    status, lines, _ = run_validate(path)
    assert status == 1
    assert any(reported.startswith(f"{path}:{line}:{column}: {message}") and "\\x" in reported for reported in lines), (
        lines
    )


# -- quoted values are cut short and stay on one line --------------------------------------


def test_long_values_are_quoted_short_on_one_line(write_record, run_validate):
    long = "x" * 5000
    key = "x" * 1000  # YAML allows at most 1024 characters in a plain key
    path = write_record(record_text(venue=long, how=f"[{long}]", notes="x") + f"{key}: 1\n")
    status, lines, _ = run_validate(path)
    assert status == 1 and len(lines) == 3
    for line in lines:
        assert PROBLEM_LINE.match(line)
        assert "x" * 60 + "…'" in line and "x" * 61 not in line


def test_keys_and_values_with_line_breaks_are_escaped(write_record, run_validate):
    path = write_record(record_text(venue=r'"TV\nCG"') + '"a\\nfake.yaml:1:1: forged": 1\n')
    status, lines, _ = run_validate(path)
    assert status == 1
    assert all(PROBLEM_LINE.match(reported) for reported in lines) and len(lines) == 2
    assert r"unknown venue 'TV\nCG'" in lines[0]
    assert r"unknown field 'a\nfake.yaml:1:1: forged'" in lines[1]


# -- which files: .yaml only, no symlinks out, no pipes ------------------------------------


@pytest.mark.parametrize("name", ["x.yml", "x.YAML", "x.Yaml", "x.YML"])
def test_other_extensions_are_reported(write_record, run_validate, tmp_path, name):
    write_record(record_text(id="x"), name=name, folder=tmp_path / "works")
    status, lines, err = run_validate(tmp_path / "works")
    assert status == 1
    assert lines == [f"{tmp_path / 'works' / name}:1:1: records end in .yaml: rename the file to 'x.yaml'"]


def test_symlink_outside_the_folder_is_reported_not_read(write_record, run_validate, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT:/root:/bin/bash\n")
    works = tmp_path / "works"
    write_record(folder=works)
    (works / "passwd.yaml").symlink_to(secret)
    (works / "etc.yaml").symlink_to("/etc/passwd")
    for target in (works, works / "passwd.yaml"):  # a folder, or the link named on its own
        status, lines, err = run_validate(target)
        assert status == 1
        assert "SECRET-CONTENT" not in "".join(lines) + err and "root:" not in "".join(lines) + err
        assert (
            f"{works / 'passwd.yaml'}:1:1: symbolic link leading outside the folder it is in: "
            "not followed; a record is a file inside the records folder" in lines
        )
    assert len(run_validate(works)[1]) == 2  # the two links; the record beside them is valid


def test_symlink_inside_the_folder_is_read(write_record, run_validate, tmp_path):
    works = tmp_path / "works"
    write_record(folder=works / "real")
    (works / "other.yaml").symlink_to(works / "real" / "good.yaml")
    status, lines, _ = run_validate(works)
    assert lines[0] == (
        f"{works / 'other.yaml'}:1:5: id 'good' must equal the file name: rename "
        "the file to 'good.yaml' or set id: other"
    )  # read through the link
    assert not any("symbolic link" in line for line in lines)


def test_symlink_loops_and_broken_links(run_validate, tmp_path):
    works = tmp_path / "works"
    works.mkdir()
    (works / "loop.yaml").symlink_to(works / "loop.yaml")
    (works / "a.yaml").symlink_to(works / "b.yaml")
    (works / "b.yaml").symlink_to(works / "a.yaml")
    (works / "gone.yaml").symlink_to(works / "missing.yaml")
    status, lines, err = run_validate(works)
    assert status == 1 and "Traceback" not in err
    assert lines == [
        f"{works / name}:1:1: symbolic link leading nowhere (broken, or a loop): not followed"
        for name in ("a.yaml", "b.yaml", "gone.yaml", "loop.yaml")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_do_not_block(run_validate, tmp_path):
    works = tmp_path / "works"
    works.mkdir()
    os.mkfifo(works / "pipe.yaml")  # no writer: reading it would wait forever
    message = "1:1: not a regular file (a folder, named pipe or device): a record is a .yaml file"
    for target in (works, works / "pipe.yaml"):
        status, lines, _ = run_validate(target)
        assert (status, lines) == (1, [f"{works / 'pipe.yaml'}:{message}"])


def test_a_device_named_on_the_command_line(run_validate):
    status, lines, _ = run_validate("/dev/zero")  # endless: reading it would never finish
    assert (status, lines) == (
        1,
        ["/dev/zero:1:1: not a regular file (a folder, named pipe or device): a record is a .yaml file"],
    )
