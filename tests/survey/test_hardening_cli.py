"""The `survey` command facing a hostile environment (issue 9): a standard output that is
broken, closed or full; `export -o` aimed at pipes, devices and links; `survey new` given
control characters or an id with a line break."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from kb_helpers import RECORD_COUNT, REPO, record_text, survey_command

NO_SPACE = os.strerror(28)  # ENOSPC: "No space left on device"


# -- standard output: broken, closed, full ----------------------------------------------------


def run_with_stdout(kind: str, *args: str) -> subprocess.CompletedProcess:
    """Run `survey ARGS` with standard output a pipe whose reader has gone ("broken"),
    closed from the start ("closed", as `>&-`), or /dev/full ("full")."""
    command = [*survey_command(), *args]
    options = dict(stderr=subprocess.PIPE, text=True, cwd=REPO, timeout=120)
    if kind == "broken":
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader left before the first line, as `| head -0` would
        try:
            return subprocess.run(command, stdout=write_end, **options)
        finally:
            os.close(write_end)
    if kind == "closed":
        return subprocess.run(["bash", "-c", '"$@" >&-', "survey", *command], **options)
    with open("/dev/full", "w") as full:
        return subprocess.run(command, stdout=full, **options)


@pytest.fixture(scope="module")
def invalid_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("invalid")
    for i in range(30):
        (folder / f"bad{i}.yaml").write_text(record_text(id=f"bad{i}", title=f"Bad {i}", year="1900"))
    return folder


@pytest.mark.parametrize("kind", ["broken", "closed", "full"])
def test_invalid_records_exit_1_whatever_stdout_is(invalid_folder, kind):
    result = run_with_stdout(kind, "validate", str(invalid_folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1 if kind == "broken" else 0] == "30 problem(s) in 30 of 30 file(s)"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "kind,status,message",
    [
        ("broken", 0, None),  # the reader chose to stop: the query itself succeeded
        ("closed", 1, "survey: cannot write to standard output: it is closed"),
        ("full", 1, f"survey: cannot write to standard output: {NO_SPACE}"),
    ],
)
def test_output_lost_is_reported_and_fails(kind, status, message):
    result = run_with_stdout(kind, "query", "how:instance-based")
    assert result.returncode == status
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.strip() == (message or "")


def test_valid_records_with_a_broken_pipe_exit_0():
    result = run_with_stdout("broken", "validate")
    assert (result.returncode, result.stderr.strip()) == (0, f"{RECORD_COUNT} record(s) valid")


# -- export -o ----------------------------------------------------------------------------


def test_export_replaces_a_regular_file_keeping_its_mode(survey_cli, tmp_path):
    target = tmp_path / "works.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    status, _, err = survey_cli("export", "--format", "csv", "-o", str(target))
    assert status == 0 and err == f"{RECORD_COUNT} works written to {target}\n"
    assert target.read_text().startswith("id,title,authors,year")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["works.csv"]  # no temporary file left


def test_a_failed_export_leaves_the_old_file_whole(survey_cli, tmp_path, monkeypatch):
    target = tmp_path / "works.json"
    target.write_text("old\n")

    def no_space(*args):
        raise OSError(28, NO_SPACE)

    monkeypatch.setattr(os, "replace", no_space)
    status, _, err = survey_cli("export", "--format", "json", "-o", str(target))
    assert status == 1 and err == f"survey export: cannot write {target}: {NO_SPACE}\n"
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["works.json"]


def test_export_through_a_symlink_writes_its_target(survey_cli, tmp_path):
    target = tmp_path / "data" / "works.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert survey_cli("export", "--format", "csv", "-o", str(link))[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("id,title")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_export_to_a_named_pipe_writes_through(survey_cli, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()))
    reader.start()
    status, _, _ = survey_cli("export", "--format", "json", "-o", str(pipe))
    reader.join(timeout=30)
    assert status == 0
    assert received and received[0].startswith('{\n  "collection": {\n    "works": ')
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # still a pipe, not replaced by a file


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_device_fails_and_keeps_the_device(survey_cli):
    status, _, err = survey_cli("export", "--format", "bibtex", "-o", "/dev/full")
    assert status == 1 and err == f"survey export: cannot write /dev/full: {NO_SPACE}\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_export_dash_is_standard_output(survey_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = survey_cli("export", "--format", "csv", "-o", "-")
    assert status == 0 and out.startswith("id,title") and list(tmp_path.iterdir()) == []


def test_export_to_a_folder_is_refused(survey_cli, tmp_path):
    status, _, err = survey_cli("export", "--format", "csv", "-o", str(tmp_path))
    assert status == 1 and err.startswith(f"survey export: cannot write {tmp_path}: ")
    assert list(tmp_path.iterdir()) == []


# -- survey new ---------------------------------------------------------------------------

FLAGS = ("--title", "Seeing Things", "--authors", "Jane Doe", "--year", "2018", "--url", "https://example.org/x")


@pytest.mark.parametrize("record_id", ["abc\n", "abc\r", "\nabc", "ab c", "abc/../x"])
def test_new_refuses_an_id_with_line_breaks_or_slashes(survey_cli, tmp_path, record_id):
    status, _, err = survey_cli("new", "--works-dir", str(tmp_path), "--id", record_id, *FLAGS)
    assert status == 2 and err.startswith("survey new: --id '") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("other", ["foo.yml", "foo.YAML", "foo.Yml"])
def test_new_refuses_foo_yaml_beside_another_spelling(survey_cli, tmp_path, monkeypatch, other):
    monkeypatch.chdir(tmp_path)
    (tmp_path / other).write_text("id: foo\n")
    status, _, err = survey_cli("new", "--works-dir", ".", "--id", "foo", *FLAGS)
    assert status == 1
    assert err == (
        f"{other} already exists, under the id 'foo': rename it to foo.yaml if it is "
        "this work, or choose another --id\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == [other]


def test_new_refuses_a_nul_byte_in_bibtex(survey_cli, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"@article{k,\n  title = {A \x00Null},\n  year = {2018},\n}\n")
    works = tmp_path / "works"
    works.mkdir()
    status, _, err = survey_cli("new", "--works-dir", str(works), "--bibtex", str(bib))
    assert status == 1
    assert err == f"{bib}:2: binary data (a NUL byte): a BibTeX file is text\n"
    assert list(works.iterdir()) == []


@pytest.mark.parametrize(
    "field,raw,shown,at",
    [
        ("title", "A \x1b[31mRed", r"'\x1b'", 3),
        ("doi", "10.1234/x\x07", r"'\x07'", 10),
        ("author", "Doe\x01, Jane", r"'\x01'", 9),  # in "Jane Doe\x01"
        ("url", "https://example.org/\x7f", r"'\x7f'", 21),
    ],
)
def test_new_refuses_control_characters_from_bibtex(survey_cli, tmp_path, field, raw, shown, at):
    fields = {
        "title": "A Title",
        "author": "Doe, Jane",
        "year": "2018",
        "doi": "10.1234/x",
        "url": "https://example.org/",
    }
    fields[field] = raw
    bib = tmp_path / "refs.bib"
    bib.write_bytes(("@article{k,\n" + "".join(f"  {k} = {{{v}}},\n" for k, v in fields.items()) + "}\n").encode())
    works = tmp_path / "works"
    works.mkdir()
    status, _, err = survey_cli("new", "--works-dir", str(works), "--bibtex", str(bib))
    assert status == 1
    assert err == (
        f"{bib}:1: the {field} contains a control character ({shown}) at character {at}: "
        "a record's fields are one line of plain text; remove it\n"
    )
    assert list(works.iterdir()) == []


def test_new_refuses_control_characters_in_flags(survey_cli, tmp_path):
    status, _, err = survey_cli("new", "--works-dir", str(tmp_path), "--title", "Two\nLines", *FLAGS[2:])
    assert status == 1 and r"the title contains a control character ('\n')" in err
    assert list(tmp_path.iterdir()) == []
