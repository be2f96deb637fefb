"""Paths and fixture-record helpers shared by the knowledge-base tests (imported by name:
a module called `conftest` could be another directory's)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# CI clones the repository with shared/ beside it (repo/../shared); SURVEY_SHARED_DIR names
# it where a checkout lies elsewhere (a git worktree).
SHARED = Path(os.environ.get("SURVEY_SHARED_DIR") or REPO / ".." / "shared").resolve()
REFERENCE = SHARED / "reference"
SURVEYS = SHARED / "surveys"  # real SurVis surveys (shared/surveys/README.md)
WORKS_DIR = REPO / "survey" / "works"
# Every record of the project: the survey's 45 and the works added since (issue 25), so that
# a test of the whole collection does not break each time a work is added.
RECORD_COUNT = len(list(WORKS_DIR.glob("*.yaml")))

# A valid minimal record, one field per line: line numbers in the tests refer to this.
VALID_LINES = {
    "id": "good",  # line 1
    "title": "A Good Work",  # line 2
    "authors": "Doe, et al.",  # line 3
    "year": "2018",  # line 4
    "venue": "TVCG",  # line 5
    "url": "https://example.org/good",  # line 6
    "why": "[interpretability]",  # line 7
    "who": "[model-developers]",  # line 8
    "what": "[units]",  # line 9
    "how": "[instance-based]",  # line 10
    "when": "[after]",  # line 11
}
# The citation fields every record needs too. They come last, after any fields a test adds,
# so that an added field is on line 12 and the lines above keep their numbers.
CITATION_LINES = {
    "author_list": "[Ann Doe, Bo Roe]",
    "kind": "article",
    "sources": "[https://example.org/good]",
    # a work outside the snapshot says, per tagged facet, where its tags come from
    "rationale": "{why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d', "
    "when: 'Abstract: e'}",
}


def record_text(**fields: str | None) -> str:
    """The valid record with some fields rewritten (value as YAML text), removed (None),
    or added after line 11 (line 12 onwards), in the order given; the citation fields
    (CITATION_LINES) follow, rewritten or removed the same way."""
    base = {**VALID_LINES, **{k: v for k, v in fields.items() if k not in CITATION_LINES}}
    values = {**base, **CITATION_LINES, **{k: v for k, v in fields.items() if k in CITATION_LINES}}
    lines = []
    for name, value in values.items():
        if value is None:
            continue
        lines.append(f"{name}:{' ' + value if value else ''}\n")
    return "".join(lines)


def assert_reported_at(lines: list[str], path, line: int, column: int, phrases: list[str]) -> None:
    """`survey validate` printed a problem at path:line:column that has every phrase."""
    at = [reported for reported in lines if reported.startswith(f"{path}:{line}:{column}: ")]
    assert at, f"nothing reported at {line}:{column}; got {lines}"
    assert any(all(p in reported for p in phrases) for reported in at), at


PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def survey_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    script = Path(sys.executable).parent / "survey"
    return [str(script)] if script.exists() else [sys.executable, "-m", "survey.cli"]
