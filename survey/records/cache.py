"""A cache of parsed and checked records, keyed by each file's name and content.

A warm `survey validate` or `survey.load()` with unchanged records reads the files (it
must, to hash them) but parses none. The cache is only an optimization: if it cannot be
read or written, records are parsed as usual. It is invalidated as a whole when the
validator's code or the taxonomy changes.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from survey.records.problems import Problem

# The records code and the data files beside the package (taxonomy, venues) decide a result.
RECORDS_CODE = Path(__file__).parent
SURVEY_DATA = RECORDS_CODE.parent

# One cached file: its data and its problems as (line, column, message).
Entry = tuple[Any, list[tuple[int, int, str]]]


def default_directory() -> Path:
    """$SURVEY_CACHE_DIR, else the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    if os.environ.get("SURVEY_CACHE_DIR"):
        return Path(os.environ["SURVEY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dlvis-survey"


@cache
def code_version() -> str:
    """A hash of everything that decides what a record parses and checks to."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(RECORDS_CODE.glob("*.py")) + sorted(SURVEY_DATA.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def content_key(name: str, data: bytes) -> bytes:
    """The file name is part of the key: it is checked against the record's id."""
    return hashlib.blake2b(name.encode() + b"\0" + data, digest_size=16).digest()


class RecordCache:
    def __init__(self, scope: str, directory: Path | None = None):
        """`scope` names the set of paths validated together: each set has its own file."""
        directory = directory or default_directory()
        scope_key = hashlib.blake2b(scope.encode(), digest_size=8).hexdigest()
        self.file = directory / f"records-{scope_key}.pickle"
        self.entries: dict[bytes, Entry] = self._read()
        self.used: dict[bytes, Entry] = {}  # what this run needed: all that is written back
        self.changed = False

    def _read(self) -> dict[bytes, Entry]:
        try:
            with open(self.file, "rb") as stream:
                version, entries = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return {}
        return entries if version == code_version() else {}

    def get(self, key: bytes, display: str) -> tuple[Any, list[Problem]] | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used[key] = entry
        data, problems = entry
        return data, [Problem(display, line, column, message) for line, column, message in problems]

    def put(self, key: bytes, data: Any, problems: list[Problem]) -> None:
        self.used[key] = (data, [(p.line, p.column, p.message) for p in problems])
        self.changed = True

    def save(self) -> None:
        """Write back the entries this run used, if anything changed; never raises."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as stream:
                pickle.dump((code_version(), self.used), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(stream.name, self.file)
        except OSError:
            pass
