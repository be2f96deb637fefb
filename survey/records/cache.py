"""A cache of parsed and checked records, keyed by each file's name and content.

A warm `survey validate` or `survey.load()` with unchanged records reads the files (it
must, to hash them) but parses none. The cache is only an optimization: if it cannot be
read or written, records are parsed as usual.

What it holds can never run code or change a result. Entries are JSON (dates tagged), never
pickle, and each cache file carries a keyed BLAKE2b digest: the key is a random secret in a
file only its owner can read, so that a cache file that is corrupt, truncated, from another
version, or planted by someone else is a miss. The digest covers everything a result
depends on: the records code, the taxonomy and venues, the libraries that parse and check, and the
caller's context (the latest year allowed, which follows today's date).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import importlib.metadata
import json
import os
import secrets
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from survey.records.problems import Problem

# The records code and the data files beside the package (taxonomy, venues) decide a result.
RECORDS_CODE = Path(__file__).parent
SURVEY_DATA = RECORDS_CODE.parent
FORMAT = "survey-sitegen records cache 2"  # the first line of a cache file
KEY_FILE = "secret-key"

# One cached file: its data and its problems as (line, column, message).
Entry = tuple[Any, list[tuple[int, int, str]]]


def default_directory() -> Path:
    """$SURVEY_CACHE_DIR, else the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    if os.environ.get("SURVEY_CACHE_DIR"):
        return Path(os.environ["SURVEY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "survey-sitegen"


@cache
def code_version() -> str:
    """A hash of everything that decides what a record parses and checks to."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(RECORDS_CODE.glob("*.py")) + sorted(SURVEY_DATA.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    # jsonschema checks every record against its schema (survey.records.schema_check)
    libraries = (
        f"python {sys.version}; pyyaml {yaml.__version__}; libyaml {yaml.__with_libyaml__}; "
        f"jsonschema {importlib.metadata.version('jsonschema')}"
    )
    digest.update(libraries.encode())
    return digest.hexdigest()


def content_key(name: str, data: bytes) -> bytes:
    """The file name is part of the key: it is checked against the record's id."""
    return hashlib.blake2b(name.encode() + b"\0" + data, digest_size=16).digest()


def secret_key(directory: Path) -> bytes | None:
    """The cache's secret, made on first use; None if it cannot be made or is not private
    (another user could then have written it, and forged digests with it)."""
    path = directory / KEY_FILE
    try:
        directory.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as stream:
                stream.write(secrets.token_bytes(32))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            private = (
                stat.S_ISREG(info.st_mode)
                and not info.st_mode & 0o077
                and info.st_uid == getattr(os, "getuid", lambda: info.st_uid)()
            )
            key = stream.read(64)
    except OSError:
        return None
    return key if private and len(key) == 32 else None


class RecordCache:
    def __init__(self, scope: str, directory: Path | None = None, context: str = ""):
        """`scope` names the set of paths validated together: each set has its own file.
        `context` is whatever else the results depend on, e.g. the latest year allowed."""
        directory = directory or default_directory()
        scope_key = hashlib.blake2b(scope.encode(), digest_size=8).hexdigest()
        self.file = directory / f"records-{scope_key}.json"
        self.key = secret_key(directory)
        self.version = f"{code_version()} {context}"
        self.entries: dict[bytes, Entry] = self._read()
        self.used: dict[bytes, Entry] = {}  # what this run needed: all that is written back
        self.changed = False

    def _digest(self, payload: bytes) -> str:
        return hmac.new(self.key or b"", self.version.encode() + b"\0" + payload, "blake2b").hexdigest()

    def _read(self) -> dict[bytes, Entry]:
        if self.key is None:
            return {}
        try:
            fd = os.open(self.file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as stream:
                if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                    return {}
                header, digest, payload = stream.read().split(b"\n", 2)
            if header.decode() != FORMAT or not hmac.compare_digest(digest.decode(), self._digest(payload)):
                return {}
            return {
                bytes.fromhex(key): (_decoded(data), [tuple(p) for p in problems])
                for key, (data, problems) in json.loads(payload).items()
            }
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return {}  # missing, unreadable, truncated, or not ours: parse as usual

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
        if self.key is None or (not self.changed and len(self.used) == len(self.entries)):
            return
        try:
            payload = json.dumps(
                {key.hex(): [_encoded(data), problems] for key, (data, problems) in self.used.items()},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
        except (ValueError, TypeError, RecursionError):
            return  # a value JSON cannot hold: nothing is cached this time
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as stream:
                stream.write(f"{FORMAT}\n{self._digest(payload)}\n".encode() + payload)
            os.replace(stream.name, self.file)
        except OSError:
            pass


# Record values are JSON's, plus dates and times: those, and mappings (whose keys could
# spell a tag), are written as one-key objects, so that reading them back is unambiguous.
def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        return {"map": [[key, _encoded(item)] for key, item in value.items()]}
    if isinstance(value, list):
        return [_encoded(item) for item in value]
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decoded(value: Any) -> Any:
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if isinstance(value, dict):
        [(kind, inner)] = value.items()
        if kind == "map":
            return {key: _decoded(item) for key, item in inner}
        if kind == "datetime":
            return datetime.datetime.fromisoformat(inner)
        if kind == "date":
            return datetime.date.fromisoformat(inner)
        raise ValueError(f"unknown tag {kind!r}")
    return value
