"""Problems as GitHub Actions workflow commands, which GitHub shows as annotations on the
lines of a pull request: `::error file=PATH,line=L,col=C::MESSAGE`.

Escaping follows GitHub's workflow-command rules (actions/toolkit, command.ts): in the
message %, CR and LF are percent-encoded; in a property value also ':' and ','.
"""

from __future__ import annotations

from pathlib import Path

from survey.records.problems import Problem

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))  # "%" first: it starts the others
_PROPERTY_ESCAPES = _DATA_ESCAPES + ((":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    for char, code in _DATA_ESCAPES:
        text = text.replace(char, code)
    return text


def escape_property(text: str) -> str:
    for char, code in _PROPERTY_ESCAPES:
        text = text.replace(char, code)
    return text


def repository_path(path: str, root: Path | None = None) -> str:
    """An absolute path under `root` (default: the working folder) made relative to it, as
    GitHub needs to place the annotation on the file; other paths are kept."""
    root = (root or Path.cwd()).resolve()
    if not Path(path).is_absolute():
        return path
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def github_annotation(problem: Problem, root: Path | None = None) -> str:
    """One problem as an error annotation."""
    file = escape_property(repository_path(problem.path, root))
    return f"::error file={file},line={problem.line},col={problem.column}::{escape_data(problem.message)}"
