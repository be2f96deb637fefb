"""Reading a survey project's files for publishing, and nothing outside the project.

A project is a folder anyone may hand over: a pull request from a stranger, a SurVis folder
downloaded from anywhere. What it names is read only where it resolves inside the project
folder, through any symbolic links, and only if it is a regular file: a link to
/proc/self/environ, to ~/.ssh or to ../../etc, a named pipe (which would block the build)
and a device are refused with the file's name, never read or published.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from survey.records.source import NotARegularFile, read_regular_file

# Kernel and device file systems: never project content, even where a project lies under them.
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


class OutsideProject(ValueError):
    """A file or folder the project names that resolves outside it, or is no regular file;
    the message starts with its path."""


def resolve_inside(path: Path | str, root: Path | str) -> Path:
    """`path` with every symbolic link resolved, if that lies inside `root` (resolved too);
    else OutsideProject."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    if real != real_root and real_root not in real.parents:
        raise OutsideProject(
            f"{path}: leads to {real}, outside the project folder {real_root}: "
            "a project's files must lie inside it (no symbolic link leaving it)"
        )
    if any(real.as_posix() == folder or real.as_posix().startswith(folder + "/") for folder in _SYSTEM_FOLDERS):
        raise OutsideProject(f"{path}: leads to {real}, a system file: not a project file")
    return real


def read_inside(path: Path | str, root: Path | str) -> bytes:
    """The bytes of the regular file `path`, which must resolve inside `root`."""
    real = resolve_inside(path, root)
    try:
        return read_regular_file(real)
    except NotARegularFile:
        raise OutsideProject(f"{path}: not a regular file (a named pipe, device or socket): not published") from None


def files_inside(folder: Path | str, root: Path | str) -> dict[str, Path]:
    """Every regular file under `folder`, keyed by its path relative to `folder`, each
    resolved inside `root`. A link leaving the project, a named pipe, a device or a socket
    raises OutsideProject; a folder reached twice through links is walked once."""
    folder = Path(folder)
    files: dict[str, Path] = {}
    seen: set[Path] = set()

    def walk(here: Path, rel: str) -> None:
        real = resolve_inside(here, root)
        if real in seen:  # a link back to a folder above: a loop
            return
        seen.add(real)
        with os.scandir(here) as entries:
            children = sorted(entries, key=lambda e: e.name)
        for entry in children:
            path = Path(entry.path)
            name = f"{rel}{entry.name}"
            target = resolve_inside(path, root) if entry.is_symlink() else path
            mode = os.stat(target).st_mode
            if stat.S_ISDIR(mode):
                walk(path, name + "/")
            elif stat.S_ISREG(mode):
                files[name] = target
            else:
                raise OutsideProject(f"{path}: not a regular file (a named pipe, device or socket): not published")

    walk(folder, "")
    return files
