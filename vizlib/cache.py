"""A directory of built specs, keyed by what went into building them.

The key hashes the demo's own module, every shared vizlib module it may use (datasets,
models, training, views...), the versions of the libraries that compute the numbers,
and the options. Editing any of them makes a new key; nothing else does.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from vizlib import serialize

PACKAGE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("torch", "numpy", "scikit-learn", "altair")


def _shared_sources() -> list[Path]:
    """The vizlib modules every demo may depend on: all but the demos themselves."""
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if "demos" not in path.relative_to(PACKAGE_DIR).parts)


# Once per process: a site build asks for a key about 200 times (every figure an article
# states reads its demo), and each metadata lookup parses the package's METADATA file. A
# process that already imported torch computes with that version whatever pip does later.
@functools.lru_cache(maxsize=1)
def _library_versions() -> dict[str, str]:
    versions = {}
    for library in _LIBRARIES:
        try:
            versions[library] = metadata.version(library)
        except metadata.PackageNotFoundError:
            versions[library] = "absent"
    return versions


def key(name: str, demo_source: Path, options: dict[str, Any]) -> str:
    """The cache key of demo `name` built from `demo_source` with `options`."""
    digest = hashlib.sha256(demo_source.read_bytes())
    for path in _shared_sources():
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    digest.update(json.dumps([name, options, _library_versions()], sort_keys=True, default=str).encode())
    return f"{name}-{digest.hexdigest()[:20]}"


def read(directory: Path, cache_key: str) -> dict | None:
    """The spec stored under `cache_key`, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((directory / f"{cache_key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(directory: Path, cache_key: str, spec: dict) -> None:
    """Store `spec`; written to a temporary file first so a reader never sees half a file."""
    _write_text(directory, cache_key, serialize.dumps(spec))


def write_exact(directory: Path, cache_key: str, value: dict) -> None:
    """Store `value` with its floats as they are (JSON keeps a float's every digit), for
    results whose text is computed after reading them: rounding here could move a figure."""
    _write_text(directory, cache_key, json.dumps(value, sort_keys=True, allow_nan=False))


def _write_text(directory: Path, cache_key: str, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{cache_key}.json"
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


@contextlib.contextmanager
def locked(directory: Path, cache_key: str) -> Iterator[None]:
    """Hold an exclusive lock on `cache_key` in `directory` while a spec is built: two
    processes that miss the same key at once (two test workers, `make site` beside
    `make test`) train it once; the second waits, then reads the first one's spec."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{cache_key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
