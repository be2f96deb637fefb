"""Generated pages kept between runs of the generate step, so that after an edit of one record
only the pages made from it are rendered again (`make serve` at thousands of works).

Each entry is keyed by a digest of everything its page is made from: the caller passes those
inputs (the work, its related works, the articles...), and the digest adds the generators'
code, the taxonomy, the raw-HTML nonce and the deploy path. An input missing from a key
would leave a stale page, so tests/site/test_incremental.py compares an edited, incremental
generate with a fresh one, byte for byte.

The memo is only an optimization: a missing or unreadable entry is rendered again. Entries
live in the build folder beside the docs they produced, with the same trust."""
from __future__ import annotations

import hashlib
import json
import os
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
    """A hash of the generators and of the survey package they call (formats, citation
    styles, the query language): editing any of them renders every page again."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted(PAGES_CODE.glob("*.py")) + sorted(PAGES_CODE.glob("*.yaml")) + sorted(SURVEY_CODE.rglob("*.py")) \
        + sorted(SURVEY_CODE.glob("*.yaml"))
    for path in files:
        digest.update(path.relative_to(PAGES_CODE.parents[1]).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageMemo:
    def __init__(self, folder: Path, context: Any):
        """`context` is what every page depends on besides its own inputs (the taxonomy)."""
        self.folder = folder
        # The nonce and the deploy path are in every page: they are part of every key.
        self.salt = repr((code_version(), html.raw_block(""), urls.href("", "index.md"), context)).encode()
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def key(self, kind: str, inputs: Any) -> str:
        digest = hashlib.blake2b(self.salt + b"\0" + kind.encode() + b"\0" + repr(inputs).encode(), digest_size=20)
        return f"{kind}-{digest.hexdigest()}"

    def get(self, kind: str, inputs: Any, render: Callable[[], Rendered]) -> Rendered:
        """The page (or dict of files) made from `inputs`: from the memo, or rendered and kept."""
        key = self.key(kind, inputs)
        self.used.add(key)
        path = self.folder / key
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            self.hits += 1
            return stored
        except (OSError, ValueError):
            pass
        self.misses += 1
        value = render()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{key}.partial")
            partial.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            pass  # a memo that cannot be written only costs time
        return value

    def prune(self) -> None:
        """Remove entries this run did not use: pages of removed works, superseded versions."""
        try:
            stale = [p for p in self.folder.iterdir() if p.name not in self.used]
        except OSError:
            return
        for path in stale:
            try:
                path.unlink()
            except OSError:
                pass


def no_memo(kind: str, inputs: Any, render: Callable[[], Rendered]) -> Rendered:
    """Render every time (a generate without a build folder, such as the tests' direct calls)."""
    return render()
