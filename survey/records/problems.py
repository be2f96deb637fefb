"""A problem found in a record file, reported as `path:line:column: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # the file as the user named it
    line: int  # 1-based
    column: int  # 1-based
    message: str  # one sentence saying what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class InvalidRecords(Exception):
    """Raised by `survey.load()` when records do not validate; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
