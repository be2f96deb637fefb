"""Writing a file the user named, without ever losing it or replacing what is not a file.

A regular file (or a new one) is replaced atomically: the text goes to a temporary file in
the same folder, which is then renamed over it, so that a failed write leaves the old file
whole. Anything else (a named pipe, a device such as /dev/stdout or /dev/full, a terminal)
is written through, as a shell's `>` would: renaming over it would replace the device or
pipe with a regular file. A symbolic link is followed: its target is written, and the link
stays.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_text(path: Path | str, text: str) -> Path:
    """Write `text` (UTF-8) to `path` as described above; returns the file written."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path` as described above; returns the file written.
    Raises OSError when it cannot, leaving no temporary file behind."""
    target = Path(os.path.realpath(path))  # through symbolic links, to what they point at
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "is a folder", str(path))
        with open(target, "wb") as stream:
            stream.write(data)
        return target
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, stat.S_IMODE(mode) if mode is not None else _default_mode())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def _default_mode() -> int:
    """What `open(path, 'w')` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
