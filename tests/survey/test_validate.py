"""`survey validate`: every rule has a failing example with its message and position,
unreadable bytes never give a traceback, unusual but valid input passes."""

from __future__ import annotations

import datetime
import os
import subprocess

import pytest

from kb_helpers import RECORD_COUNT, PROBLEM_LINE, REPO, assert_reported_at, record_text, survey_command
from survey import load_taxonomy
from survey.records.validate import validate_paths

NEXT_YEAR = datetime.date.today().year + 1

# (test id, record text, line, column, phrases the message must contain)
BAD_RECORDS = [
    ("title-not-text", record_text(title="[a, b]"), 2, 8, ["'title' must be non-empty text", "not a list"]),
    ("authors-number", record_text(authors="42"), 3, 10, ["'authors' must be non-empty text", "42 (a int)"]),
    ("title-blank", record_text(title="'  '"), 2, 8, ["'title' must be non-empty text", "empty text"]),
    ("year-text", record_text(year="'2018'"), 4, 7, ["year must be a whole number", "not '2018'"]),
    ("year-bool", record_text(year="true"), 4, 7, ["year must be a whole number", "(a boolean)"]),
    ("year-float", record_text(year="2018.5"), 4, 7, ["year must be a whole number", "2018.5 (a float)"]),
    ("year-too-early", record_text(year="1900"), 4, 7, ["year 1900 is out of range", "expected 1940 to"]),
    (
        "year-future",
        record_text(year=str(NEXT_YEAR + 1)),
        4,
        7,
        [f"year {NEXT_YEAR + 1} is out of range", f"to {NEXT_YEAR}"],
    ),
    ("missing-title", record_text(title=None), 1, 1, ["missing required field 'title'"]),
    (
        "missing-facet",
        record_text(how=None),
        1,
        1,
        ["missing required field 'how'", "instance-based", "or [] for none"],
    ),
    (
        "url-ftp",
        record_text(url="ftp://example.org/x"),
        6,
        6,
        ["'url' must be an http:// or https:// link", "ftp://example.org/x"],
    ),
    ("url-javascript", record_text(url="'javascript:alert(1)'"), 6, 6, ["must be an http:// or https:// link"]),
    ("url-no-scheme", record_text(url="example.org/paper"), 6, 6, ["must be an http:// or https:// link"]),
    ("url-inner-space", record_text(url="https://example.org/a paper"), 6, 6, ["without spaces"]),
    ("url-bad-ipv6", record_text(url="https://example.o[rg/x"), 6, 6, ["must be an http:// or https:// link"]),
    ("url-number", record_text(url="5"), 6, 6, ["'url' must be an http or https link", "5 (a int)"]),
    (
        "survey-url-scheme",
        record_text(survey_url="file:///etc/passwd"),
        12,
        13,
        ["'survey_url' must be an http:// or https:// link"],
    ),
    (
        "doi-with-resolver",
        record_text(doi="https://doi.org/10.1109/TVCG.2017.2744718"),
        12,
        6,
        ["doi must look like 10.PREFIX/SUFFIX (e.g. 10.1000/xyz123)", "leave out the https://doi.org/ prefix"],
    ),
    ("doi-short-registrant", record_text(doi="'10.12/x'"), 12, 6, ["doi must look like", "not '10.12/x'"]),
    (
        "arxiv-prefix",
        record_text(arxiv="'arXiv:1704.01942'"),
        12,
        8,
        ["arxiv must be an arXiv identifier", "no 'arXiv:' prefix"],
    ),
    ("arxiv-link", record_text(arxiv="https://arxiv.org/abs/1704.01942"), 12, 8, ["arxiv must be an arXiv identifier"]),
    # unquoted: YAML reads a float, and 1810.03910 would become 1810.0391
    ("arxiv-unquoted-float", record_text(arxiv="1810.03910"), 12, 8, ["quote the arXiv id", 'arxiv: "1810.03910"']),
    (
        "unknown-category",
        record_text(how="[node-link, instance-base]"),
        10,
        18,
        [
            "unknown 'how' category 'instance-base'",
            "(did you mean 'instance-based'?)",
            "allowed: node-link, scatter, line, instance-based, interactive-experimentation, algorithms",
        ],
    ),
    (
        "category-under-wrong-facet",
        record_text(how="[instance-based, units]"),
        10,
        23,
        ["'units' is a 'what' category, move it to 'what'", "allowed: node-link"],
    ),
    (
        "category-twice",
        record_text(why="[interpretability, interpretability]"),
        7,
        25,
        ["category 'interpretability' is listed twice in 'why'"],
    ),
    (
        "facet-as-text",
        record_text(why="interpretability"),
        7,
        6,
        ["'why' must be a list of categories", "not 'interpretability'"],
    ),
    (
        "facet-item-not-text",
        record_text(how="[[instance-based]]"),
        10,
        7,
        ["'how' items must be category ids", "not a list"],
    ),
    ("facet-item-mapping", record_text(how="[{a: 1}]"), 10, 7, ["'how' items must be category ids", "not a mapping"]),
    (
        "facet-left-empty",
        record_text(how=""),
        10,
        5,
        ["'how' has no categories yet", "choose from node-link, scatter", "or write [] if none applies"],
    ),
    ("facet-empty-last-line", record_text(when=None) + "when:", 15, 6, ["'when' has no categories yet"]),
    (
        "id-not-file-stem",
        record_text(id="other"),
        1,
        5,
        ["id 'other' must equal the file name", "rename the file to 'other.yaml'"],
    ),
    ("id-pattern", record_text(id="Good"), 1, 5, ["id must be lowercase letters", "not 'Good'"]),
    ("unknown-venue", record_text(venue="TVGC"), 5, 8, ["unknown venue 'TVGC'", "(did you mean 'TVCG'?)"]),
    ("duplicate-key", record_text() + "year: 2017\n", 16, 1, ["duplicate key 'year' (first set on line 4)"]),
    ("duplicate-nested-key", record_text(notes="{a: 1, a: 2}"), 12, 15, ["duplicate key 'a' (first set on line 12)"]),
    (
        "unknown-field-typo",
        record_text(rationale=None, rationle="because"),
        12,
        1,
        ["unknown field 'rationle' (did you mean 'rationale'?)", "allowed fields: id, title"],
    ),
    ("in-table-not-bool", record_text(in_2018_table="'yes'"), 12, 16, ["'in_2018_table' must be true or false"]),
    ("added-not-a-date", record_text(added="yesterday"), 12, 8, ["'added' must be a date written YYYY-MM-DD"]),
    (
        "added-impossible-date",
        record_text(added="2018-13-45"),
        12,
        8,
        ["cannot read value '2018-13-45'", "month must be in 1..12"],
    ),
    (
        "unverified-unknown-field",
        record_text(unverified="[titel]"),
        12,
        14,
        ["'titel' is not one (did you mean 'title'?)"],
    ),
    (
        "explicit-tag-mismatch",
        record_text(in_2018_table="!!bool maybe"),
        12,
        16,
        ["cannot read value 'maybe' as !!bool"],
    ),
    (
        "explicit-timestamp-tag",
        record_text(added="!!timestamp soon"),
        12,
        8,
        ["cannot read value 'soon' as !!timestamp"],
    ),
]


@pytest.mark.parametrize("text,line,column,phrases", [c[1:] for c in BAD_RECORDS], ids=[c[0] for c in BAD_RECORDS])
def test_rule_reports_message_and_position(write_record, run_validate, text, line, column, phrases):
    path = write_record(text)
    status, lines, err = run_validate(path)
    assert status == 1
    assert_reported_at(lines, path, line, column, phrases)
    assert "problem(s) in 1 of 1 file(s)" in err


def test_the_valid_minimal_record_is_valid(write_record, run_validate):
    status, lines, err = run_validate(write_record())
    assert (status, lines) == (0, [])
    assert "1 record(s) valid" in err


@pytest.mark.parametrize(
    "name,value",
    [
        ("how", "[]"),
        ("why", "[]"),
        ("doi", "10.1109/TVCG.2017.2744718"),
        ("arxiv", "'1704.01942v2'"),
        ("arxiv", "'math.GT/0309136'"),
        ("in_2018_table", "false"),
        ("added", "2024-05-01"),
        ("url", "HTTP://EXAMPLE.ORG/x"),
        ("survey_url", "http://example.org/old"),
        ("author_list", "[Ann Doe, Bo Roe]"),
        ("unverified", "[title, doi]"),
    ],
)
def test_valid_values_pass(write_record, run_validate, name, value):
    status, lines, _ = run_validate(write_record(record_text(**{name: value})))
    assert (status, lines) == (0, [])


def test_refused_value_is_reported_once(write_record, run_validate):
    """A value that cannot be read is one problem, not also 'must be text, not nothing'."""
    path = write_record(record_text(title="!!python/object:os.system x"))
    status, lines, _ = run_validate(path)
    assert status == 1
    assert lines == [
        f"{path}:2:8: tag '!!python/object:os.system' is not allowed in records: "
        "use plain text, numbers, lists and mappings"
    ]


# -- whatever the bytes: one positioned line, exit 1, no traceback -------------------------

UNREADABLE = [
    ("binary", b"id: a\x00b\n", 1, 6, "binary file (contains a NUL byte)"),
    ("utf-16", "id: good\n".encode("utf-16"), 1, 4, "binary file"),
    ("non-utf8", b"id: good\ntitle: caf\xe9\n", 2, 11, "not valid UTF-8 (byte 0xe9)"),
    ("empty", b"", 1, 1, "file is empty"),
    ("only-comment", b"# nothing here\n\n", 1, 1, "file is empty"),
    ("list", b"- id: good\n- id: other\n", 1, 1, "a record must be a mapping of fields (id:, title:, ...), not a list"),
    ("scalar", b"just some words\n", 1, 1, "a record must be a mapping of fields"),
    ("tab-indent", b"id: good\nwhy:\n\t- interpretability\n", 3, 1, "tab character in indentation"),
    (
        "anchor-alias",
        record_text(title="&t A Good Work", authors="*t").encode(),
        2,
        8,
        "anchors and aliases (&name, *name) are not allowed",
    ),
    ("merge-key", record_text(notes="{<<: {a: 1}}").encode(), 12, 9, "merge keys ('<<') are not allowed"),
    (
        "python-object",
        record_text(title="!!python/object:os.system x").encode(),
        2,
        8,
        "tag '!!python/object:os.system' is not allowed in records",
    ),
    (
        "python-apply",
        record_text(title="!!python/object/apply:os.system ['echo pwned']").encode(),
        2,
        8,
        "tag '!!python/object/apply:os.system' is not allowed",
    ),
    ("binary-tag", record_text(title="!!binary aGVsbG8=").encode(), 2, 8, "tag '!!binary' is not allowed"),
    ("custom-tag", record_text(title="!custom x").encode(), 2, 8, "tag '!custom' is not allowed"),
    ("multiple-documents", (record_text() + "---\nid: other\n").encode(), 16, 1, "more than one YAML document ('---')"),
    # at the opening '[' or quote, where the mistake is, not where YAML noticed it
    (
        "unclosed-list",
        record_text(why="[interpretability").encode(),
        7,
        6,
        "invalid YAML: the '[' here is never closed",
    ),
    ("unterminated-quote", b'id: "good\n', 1, 5, "invalid YAML: the quote here is never closed"),
    ("bad-indent", b"id: good\n  title: x\n", 2, 8, "invalid YAML: mapping values are not allowed"),
    ("control-char", b"id: good\ntitle: a\x07b\n", 2, 9, "not valid YAML text"),
    ("list-as-key", b"? [a, b]\n: c\n", 1, 3, "field names must be plain words, not a list"),
    ("number-as-key", record_text().encode() + b"1: x\n", 16, 1, "field names must be plain words, not '1'"),
]


@pytest.mark.parametrize("data,line,column,phrase", [c[1:] for c in UNREADABLE], ids=[c[0] for c in UNREADABLE])
def test_any_bytes_give_a_positioned_problem(write_record, run_validate, data, line, column, phrase):
    path = write_record(data)
    status, lines, err = run_validate(path)
    assert status == 1
    assert "Traceback" not in err
    assert all(PROBLEM_LINE.match(reported) for reported in lines), lines
    assert any(reported.startswith(f"{path}:{line}:{column}: ") and phrase in reported for reported in lines), lines


def test_python_tags_are_never_constructed(write_record, tmp_path):
    marker = tmp_path / "pwned"
    path = write_record(record_text(title=f"!!python/object/apply:os.system ['touch {marker}']"))
    _, problems = validate_paths([path], load_taxonomy())
    assert problems and not marker.exists()


def test_random_mutations_never_raise(tmp_path):
    """A seeded fuzz of the valid record: every outcome is a list of positioned problems."""
    import random

    rng = random.Random(20180101)
    pieces = [
        b"\t",
        b"\n",
        b"\r",
        b" ",
        b":",
        b"- ",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a ",
        b"*a",
        b"!!",
        b"!x ",
        b"'",
        b'"',
        b"#",
        b"? ",
        b"|",
        b">",
        b"%",
        b"@",
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"---\n",
        b"<<",
        b".inf",
        b"~",
        b"\\",
        b"\xe2\x80\xa8",
        b"[[",
        b"{a: ",
        b"1e999",
    ]
    good = record_text().encode()
    path = tmp_path / "good.yaml"
    for _ in range(1500):
        data = bytearray(good)
        for _ in range(rng.randint(1, 5)):
            at = rng.randint(0, len(data))
            if rng.random() < 0.6:
                data[at:at] = rng.choice(pieces)
            else:
                del data[at : at + rng.randint(1, 6)]
        path.write_bytes(bytes(data))
        _, problems = validate_paths([path], load_taxonomy())
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1
            assert "\n" not in problem.message and problem.message


# -- valid but unusual ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + record_text().encode(),
        record_text().replace("\n", "\r\n").encode(),
        record_text(authors="Müller, Ødegård & 王小明", title="'Über: Ça marche — ниже'").encode(),
        ("# a comment first\n" + record_text(title='"A Good Work"  # trailing comment')).encode(),
        record_text(why="\n  - interpretability\n  - debugging"),
    ],
    ids=["utf8-bom", "crlf", "non-ascii", "comments", "block-list"],
)
def test_unusual_but_valid_input_passes(write_record, run_validate, data):
    status, lines, err = run_validate(write_record(data))
    assert (status, lines) == (0, []), lines
    assert "1 record(s) valid" in err


def test_crlf_positions_are_still_right(write_record, run_validate):
    path = write_record(record_text(year="1900").replace("\n", "\r\n").encode())
    _, lines, _ = run_validate(path)
    assert lines == [f"{path}:4:7: year 1900 is out of range: expected 1940 to {NEXT_YEAR}"]


def test_bom_does_not_shift_columns(write_record, run_validate):
    path = write_record(b"\xef\xbb\xbf" + record_text(id="other").encode())
    _, lines, _ = run_validate(path)
    assert any(reported.startswith(f"{path}:1:5: id 'other' must equal the file name") for reported in lines), lines


# -- across files -------------------------------------------------------------------------


def test_duplicate_ids_in_two_folders(write_record, run_validate, tmp_path):
    first = write_record(folder=tmp_path / "a")
    second = write_record(record_text(title="Another Work"), folder=tmp_path / "b")
    status, lines, _ = run_validate(tmp_path)
    assert status == 1
    assert lines == [
        f"{second}:1:5: duplicate id {first}:1 ('good'): the same work is recorded twice; merge the two files"
    ]


def test_same_doi_under_two_ids_names_both_files(write_record, run_validate, tmp_path):
    first = write_record(record_text(title="One", doi="10.1109/TVCG.2017.2744718"))
    second = write_record(record_text(id="later", title="Two", doi="10.1109/tvcg.2017.2744718"), name="later.yaml")
    status, lines, _ = run_validate(tmp_path)
    assert status == 1
    [line] = lines
    assert line.startswith(f"{second}:12:6: same DOI as {first}:12 ")
    assert "recorded twice" in line


def test_same_title_ignoring_case_and_punctuation(write_record, run_validate, tmp_path):
    first = write_record(record_text(title="'ActiVis: Visual Exploration of Deep Networks'"))
    second = write_record(
        record_text(id="activis", title="activis -- visual exploration of deep networks!"), name="activis.yaml"
    )
    status, lines, _ = run_validate(first, second)
    assert status == 1
    [line] = lines
    assert line.startswith(f"{second}:2:8: same title as {first}:2 ('ActiVis: Visual Exploration of Deep Networks')")


def test_different_titles_are_not_duplicates(write_record, run_validate, tmp_path):
    write_record(record_text(title="Visualizing LSTMs"))
    write_record(record_text(id="other", title="Visualizing GANs"), name="other.yaml")
    status, lines, _ = run_validate(tmp_path)
    assert (status, lines) == (0, [])


def test_all_problems_of_all_files_in_one_run(write_record, run_validate, tmp_path):
    a = write_record(record_text(id="a", title="A", year="1900", url="ftp://x"), name="a.yaml")
    b = write_record(b"\x00", name="b.yaml")
    write_record(record_text(id="c", title="C"), name="c.yaml")
    d = write_record(record_text(id="d", title="D", how="[units]"), name="d.yaml")
    status, lines, err = run_validate(tmp_path)
    assert status == 1
    assert [reported.split(": ")[0] for reported in lines] == [f"{a}:4:7", f"{a}:6:6", f"{b}:1:1", f"{d}:10:7"]
    assert "4 problem(s) in 3 of 4 file(s)" in err


def test_folder_and_file_arguments_mix(write_record, run_validate, tmp_path):
    inside = write_record(record_text(year="1900"), folder=tmp_path / "dir")
    single = write_record(record_text(id="solo", title="Solo", year="1901"), name="solo.yaml")
    status, lines, err = run_validate(tmp_path / "dir", single)
    assert status == 1
    assert [reported.split(": ")[0] for reported in lines] == [f"{inside}:4:7", f"{single}:4:7"]


def test_missing_path_is_a_problem(run_validate, tmp_path):
    status, lines, _ = run_validate(tmp_path / "nope.yaml")
    assert status == 1
    assert lines == [f"{tmp_path / 'nope.yaml'}:1:1: no such file or folder"]


def test_no_path_validates_the_projects_records(run_validate):
    status, lines, err = run_validate()
    assert (status, lines) == (0, [])
    assert f"{RECORD_COUNT} record(s) valid" in err


def test_console_script_reports_without_traceback(write_record, tmp_path):
    bad = write_record(record_text(title="!!python/object:os.system x", year="'2018'"))
    binary = write_record(b"\x89PNG\r\n\x1a\n\x00\x00", name="image.yaml")
    result = subprocess.run(
        [*survey_command(), "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{bad}:2:8: tag '!!python/object:os.system' is not allowed in records: use plain text, numbers, lists and mappings",
        f"{bad}:4:7: year must be a whole number such as 2018, not '2018'",
        f"{binary}:3:1: binary file (contains a NUL byte): a record must be YAML text",
    ]
    assert result.stderr.strip() == "3 problem(s) in 2 of 2 file(s)"
