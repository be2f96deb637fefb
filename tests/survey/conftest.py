"""Fixtures for the knowledge-base tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_helpers import record_text


@pytest.fixture
def write_record(tmp_path):
    """write_record(text_or_bytes, name='good.yaml', folder=tmp_path) -> the file's Path."""

    def write(content: str | bytes | None = None, name: str = "good.yaml", folder: Path | None = None) -> Path:
        folder = folder or tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if content is None:
            content = record_text()
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def run_validate(capsys):
    """Run `survey validate PATH...` in-process: (exit status, stdout lines, stderr)."""
    from survey.cli import main

    def run(*paths) -> tuple[int, list[str], str]:
        status = main(["validate", *map(str, paths)])
        out, err = capsys.readouterr()
        return status, out.splitlines(), err

    return run


@pytest.fixture
def survey_cli(capsys):
    """Run `survey ARGS...` in-process: (exit status, stdout, stderr)."""
    from survey.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run
