"""What an import reports: repairs and left-out entries with `path:line`, repeated warnings
grouped (one line per kind of warning, with a count and the first few places), and a summary
per file read."""

from __future__ import annotations

from dataclasses import dataclass, field

SHOWN_PLACES = 3  # places listed on a grouped warning's line


@dataclass
class FileCount:
    """Entries of one file: seen (every '@' entry or bib.js key), imported, repaired (read
    with at least one repair) and left out."""

    seen: int = 0
    imported: int = 0
    repaired: set[str] = field(default_factory=set)  # entry keys
    left_out: int = 0
    merged: int = 0  # imported into another entry's record: the same DOI or title


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []  # in the order found
        self._groups: dict[str, list[str]] = {}  # message -> places (path:line)
        self.files: dict[str, FileCount] = {}

    def add(self, path: str, line: int, message: str) -> None:
        self.lines.append(f"{path}:{line}: {message}")

    def note(self, message: str) -> None:
        self.lines.append(message)

    def repair(self, path: str, line: int, key: str, message: str) -> None:
        """A defect read around as SurVis reads it; the entry counts as repaired."""
        self.add(path, line, message)
        self.count(path).repaired.add(key)

    def left_out(self, path: str, line: int, message: str) -> None:
        self.add(path, line, message)
        self.count(path).left_out += 1

    def group(self, message: str, path: str, line: int) -> None:
        """A warning that may repeat (a tag outside authorized_tags.js): one line in the end."""
        self._groups.setdefault(message, []).append(f"{path}:{line}")

    def count(self, path: str) -> FileCount:
        return self.files.setdefault(path, FileCount())

    def messages(self) -> list[str]:
        grouped = []
        for message, places in self._groups.items():
            shown = ", ".join(places[:SHOWN_PLACES]) + (", ..." if len(places) > SHOWN_PLACES else "")
            grouped.append(
                f"{places[0]}: {message}"
                if len(places) == 1
                else f"{places[0]}: {message} ({len(places)} times: {shown})"
            )
        return self.lines + grouped

    def summary(self) -> list[str]:
        return [
            f"{path}: {c.seen} entries seen, {c.imported} imported, {len(c.repaired)} repaired, "
            f"{c.left_out} left out"
            + (
                f" ({c.imported - c.merged} works: {c.merged} entries had the same DOI or title as another)"
                if c.merged
                else ""
            )
            for path, c in self.files.items()
        ]
