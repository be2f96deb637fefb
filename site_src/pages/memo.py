"""Generated pages kept between runs of the generate step, so that after an edit of one record
only the pages made from it are rendered again (`make serve` at thousands of works).

Each entry is keyed by a digest of everything its page is made from: the caller passes those
inputs (the work, its related works, the articles...), and the digest adds the generators'
code, the taxonomy, the raw-HTML nonce and the deploy path. An input missing from a key
would leave a stale page, so tests/site/test_incremental.py compares an edited, incremental
generate with a fresh one, byte for byte.

The memo is only an optimization: a missing or unreadable entry is rendered again. It lives
in the build folder beside the docs it produced, with the same trust."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from site_src.pages import html, urls

PAGES_CODE = Path(__file__).parent
SURVEY_CODE = PAGES_CODE.parents[1] / "survey"

Rendered = TypeVar("Rendered", str, dict)
# memo(kind, inputs, render): what render() returns, or what it returned for the same inputs.
Memo = Callable[[str, Any, Callable[[], Rendered]], Rendered]


@cache
def code_version() -> str:
    """A hash of the generators, their templates and of the survey package they call (formats, citation
    styles, the query language): editing any of them renders every page again."""
    digest = hashlib.blake2b(digest_size=16)
    files = (
        sorted(PAGES_CODE.glob("*.py"))
        + sorted(PAGES_CODE.glob("*.yaml"))
        + sorted(SURVEY_CODE.rglob("*.py"))
        + sorted(SURVEY_CODE.glob("*.yaml"))
        + sorted(p for p in (PAGES_CODE / "templates").rglob("*") if p.is_file())
    )
    for path in files:
        digest.update(path.relative_to(PAGES_CODE.parents[1]).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageMemo:
    """The entries, in one SQLite file: a generate reads the few thousand it needs and writes
    the changed ones in one transaction (a file per page cost as much as rendering it)."""

    def __init__(self, file: Path, context: Any):
        """`context` is what every page depends on besides its own inputs (the taxonomy)."""
        self.file = file
        # The nonce and the deploy path are in every page: they are part of every key.
        self.salt = repr((code_version(), html.raw_block(""), urls.href("", "index.md"), context)).encode()
        self.used: set[str] = set()
        self.new: dict[str, str] = {}
        self.hits = self.misses = 0
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            self.db: sqlite3.Connection | None = sqlite3.connect(file)
            self.db.execute("CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except sqlite3.Error:
            self.db = None  # a memo that cannot be opened only costs time

    def key(self, kind: str, inputs: Any) -> str:
        digest = hashlib.blake2b(self.salt + b"\0" + kind.encode() + b"\0" + repr(inputs).encode(), digest_size=20)
        return f"{kind}-{digest.hexdigest()}"

    def get(self, kind: str, inputs: Any, render: Callable[[], Rendered]) -> Rendered:
        """The page (or dict of files) made from `inputs`: from the memo, or rendered and kept."""
        key = self.key(kind, inputs)
        self.used.add(key)
        stored = self._read(key)
        if stored is not None:
            self.hits += 1
            return stored
        self.misses += 1
        value = render()
        self.new[key] = json.dumps(value, ensure_ascii=False)
        return value

    def _read(self, key: str) -> Any:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None

    def save(self) -> None:
        """Write the new entries and drop those this run did not use (pages of removed works,
        superseded versions), in one transaction."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?)", self.new.items())
                self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self.db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                self.db.execute("DELETE FROM memo WHERE key NOT IN (SELECT key FROM used)")
                self.db.execute("DROP TABLE used")
        except sqlite3.Error:
            pass
        finally:
            self.db.close()
            self.db = None


def no_memo(kind: str, inputs: Any, render: Callable[[], Rendered]) -> Rendered:
    """Render every time (a generate without a build folder, such as the tests' direct calls)."""
    return render()
