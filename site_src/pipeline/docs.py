"""The generate step: the hand-written docs and every generated file, in one folder.

Files whose content did not change are left alone, and files no longer produced are removed,
so that `mkdocs serve`, `mkdocs build --dirty` and Zensical's cache see only real changes.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from site_src.pages import SiteInput, generate, html, urls
from survey.records.containment import files_inside, read_inside

ROOT = Path(__file__).resolve().parents[2]


class GenerateError(ValueError):
    """Inputs the site cannot be generated from; the message names the file."""


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)  # docs-relative paths
    removed: list[str] = field(default_factory=list)


@dataclass
class BuildFolder:
    """build/: docs/ (what the builders read), the raw-HTML nonce, derived configs."""

    path: Path

    @property
    def docs(self) -> Path:
        return self.path / "docs"

    @property
    def nonce_file(self) -> Path:
        return self.path / "raw-nonce"

    def nonce(self) -> str:
        """The folder's raw-HTML nonce, made once: kept so that pages do not change from
        one generate to the next, and never copied into the site."""
        if not self.nonce_file.exists():
            self.path.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.nonce_file, secrets.token_hex(32).encode())
        return self.nonce_file.read_text(encoding="ascii").strip()


def hand_written(folder: Path, root: Path | None = None) -> dict[str, bytes]:
    """Every file under the hand-written docs folder, keyed by its relative path. Each must
    resolve inside `root` (the project folder; default: `folder` itself) and be a regular
    file: a symbolic link leaving the project, a named pipe or a device raises
    survey.records.containment.OutsideProject before anything is read."""
    if not os.path.lexists(folder):
        return {}
    return {rel: read_inside(path, root or folder) for rel, path in files_inside(folder, root or folder).items()}


def generate_docs(
    site: SiteInput,
    build: BuildFolder,
    *,
    hand_written_docs: Path,
    site_url: str,
    shared: dict[str, bytes] | None = None,
) -> Changes:
    """Write the site's docs into `build.docs`; raise GenerateError on a clash. `shared`: the
    generator's assets, for a project whose hand-written docs do not hold them. The
    hand-written docs must lie inside `site.root`, the project folder, where one is given."""
    root = site.root if site is not None else None
    files = {**(shared or {}), **hand_written(hand_written_docs, root)}  # refused before any work
    with urls.deployed_at(urls.deploy_path(site_url)), html.raw_nonce(build.nonce()):
        generated = generate(site)
    clashes = sorted(set(generated) & set(files))
    if clashes:
        raise GenerateError(f"{hand_written_docs / clashes[0]}: a generated page would replace this hand-written file")
    for path, content in generated.items():
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    return write_tree(files, build.docs)


def write_tree(files: dict[str, bytes], folder: Path) -> Changes:
    """Make `folder` hold exactly `files`, writing only those whose bytes differ.

    Changed files are written beside `folder` first, then renamed into place one after
    another: a watching server sees every change of one generate at once and rebuilds once
    (Zensical's server rebuilt several times when the writes of a large file spread them)."""
    changes = Changes()
    changed: list[tuple[str, bytes]] = []
    for rel, content in sorted(files.items()):
        try:
            if (folder / rel).read_bytes() == content:
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        changed.append((rel, content))
    staging = folder.with_name(f".{folder.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        staged = []
        for number, (rel, content) in enumerate(changed):
            (staging / str(number)).write_bytes(content)
            staged.append((staging / str(number), folder / rel))
        for source, target in staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)  # a reader sees the old file or the new one, never half
        changes.written = [rel for rel, _ in changed]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Files before their folders; sorted as strings (comparing Paths costs a second at 10,000 files).
    for path in sorted(folder.rglob("*"), key=str, reverse=True):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
            changes.removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changes


def _write_atomic(target: Path, content: bytes) -> None:
    """A reader (a watching server) sees the old file or the new one, never half of it."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(content)
    os.replace(partial, target)
