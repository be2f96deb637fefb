"""A problem found in a record file, reported as `path:line:column: message`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# Line breaks and other control characters written as escapes (\n, \x07, \u2028): a value
# quoted in a message keeps it one line, so that a file cannot forge further lines of a report.
# Noncharacters, surrogates and the BOM are escaped too: a lone surrogate cannot even be
# written to a UTF-8 terminal, and the others are invisible.
_ESCAPES = {
    code: ascii(chr(code))[1:-1]
    for code in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0xD800, 0xE000),
        *range(0xFDD0, 0xFDF0),
        0xFEFF,
        0xFFFE,
        0xFFFF,
    )
}

QUOTE_LIMIT = 60  # characters of a value quoted in a message


def one_line(text: str) -> str:
    """`text` with line breaks and control characters escaped."""
    return text.translate(_ESCAPES)


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message quotes it: in quotes, one line, cut short after `limit` characters."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return f"'{one_line(short)}'"


def describe(value: object) -> str:
    """A value as a message names what was found: "'Bad Id'", "a list", "42 (a int)"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return quoted(value) if value.strip() else "empty text"
    return f"{value!r} (a {type(value).__name__})"


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
