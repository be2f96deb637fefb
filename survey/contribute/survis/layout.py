"""Where a SurVis site keeps its files, and reading them with their size checked first.

SurVis sites come in three layouts: `src/` (the current SurVis), `docs/` (a site published
from docs/) and the repository's root (older versions), each with `data/` beside
`properties.js`. The bibliography is `bib/references.bib` (what SurVis's update_data.py
turns into `data/generated/bib.js`), or, where a site ships only the generated file,
`data/generated/bib.js`, or the older `data/bib.js`. SurVis's own sample `bib.js` is copied
unchanged into most sites: it is never taken for a site's data while another source
exists, and a folder holding nothing else is refused (name the file to import it anyway).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from survey.contribute.bibtex import BibtexError

# The largest file an import reads: a survey of several thousand papers with abstracts
# is a few megabytes. Checked before the file is read.
MAX_FILE_BYTES = 16 * 1024 * 1024
BIB = Path("bib") / "references.bib"
SITE_DIRS = (Path("src"), Path("docs"), Path("."))  # where data/ and properties.js sit
# SurVis's sample data (the dynamic graph visualization survey, 162 entries,
# 280,566 bytes), as the SurVis repository ships it in src/data/bib.js.
SAMPLE_BIBJS_SHA256 = "0619a3ee3635e16cebc500cd1c3747127c8521881356e34ec3067f64f543b074"


class SurvisError(BibtexError):
    """A SurVis folder that cannot be imported; str() is `path:line: message`."""


@dataclass
class Layout:
    root: Path
    shown: str  # how messages name the root
    data_file: Path  # the bibliography read: a .bib or a bib.js
    tag_categories: Path | None = None
    authorized_tags: Path | None = None
    properties: Path | None = None
    not_read: list[str] = field(default_factory=list)  # other data files found, and why not read

    def display(self, path: Path) -> str:
        try:
            return f"{self.shown}/{path.relative_to(self.root).as_posix()}"
        except ValueError:
            return str(path)

    @property
    def is_bibtex(self) -> bool:
        return self.data_file.suffix.lower() == ".bib"


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES, inside: Path | None = None) -> str:
    """A file's text (UTF-8, a BOM dropped, line ends made '\\n'); its size is checked before
    it is read, only a regular file is read, and, where `inside` is given, only one that
    resolves inside that folder (a SurVis folder may come from anywhere: a symbolic link
    to a file elsewhere would publish that file)."""
    if inside is not None:
        root = os.path.realpath(inside)
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            raise SurvisError(shown, 1, "a symbolic link to a file outside the SurVis folder: not read")
    try:
        info = os.stat(path)
    except OSError as err:
        raise SurvisError(shown, 1, f"cannot read the file: {err.strerror or err}") from None
    if not os.path.isfile(path):
        raise SurvisError(shown, 1, "not a regular file: not read")
    if info.st_size > limit:
        raise SurvisError(
            shown,
            1,
            f"the file has {info.st_size:,} bytes, more than the {limit:,} an import reads: is it the survey's data?",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise SurvisError(shown, 1, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > limit:  # it grew since
        raise SurvisError(shown, 1, f"the file has more than {limit:,} bytes: not read")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SurvisError(
            shown, data.count(b"\n", 0, err.start) + 1, "not valid UTF-8 text: save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise SurvisError(
            shown, text.count("\n", 0, text.index("\x00")) + 1, "binary data (a NUL byte): not a text file"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_sample(path: Path) -> bool:
    """Whether a bib.js is SurVis's sample data, byte for byte."""
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == SAMPLE_BIBJS_SHA256
    except OSError:
        return False


def locate(given: Path, shown: str | None = None) -> Layout:
    """The files of the SurVis site at `given`: a site's folder, or one of its data files
    (a .bib or a bib.js) to read that file. Raises SurvisError where there is no data."""
    shown = shown or str(given)
    if given.is_file():
        root = _site_root(given)
        layout = Layout(root=root, shown=str(root), data_file=given)
        _support_files(layout, preferred=_site_dir_of(given, root))
        return layout
    if not given.is_dir():
        raise SurvisError(shown, 1, "no such file or folder")
    layout = Layout(root=given, shown=shown, data_file=given)
    bib_files = (
        [given / BIB]
        if (given / BIB).is_file()
        else sorted(p for p in (given / "bib").glob("*.bib") if p.is_file())
        if (given / "bib").is_dir()
        else []
    )
    generated = [
        given / d / "data" / "generated" / "bib.js"
        for d in SITE_DIRS
        if (given / d / "data" / "generated" / "bib.js").is_file()
    ]
    older = [given / d / "data" / "bib.js" for d in SITE_DIRS if (given / d / "data" / "bib.js").is_file()]
    samples = [p for p in older if is_sample(p)]
    candidates = bib_files[:1] + generated[:1] + [p for p in older if p not in samples][:1]
    if not candidates:
        if samples:
            raise SurvisError(
                layout.display(samples[0]),
                1,
                "this is SurVis's own sample data (the dynamic graph survey, copied "
                "with SurVis), and the folder holds no other: name the file itself "
                "to import it",
            )
        raise SurvisError(
            shown,
            1,
            "no SurVis data here: expected bib/references.bib, "
            "src/data/generated/bib.js (or docs/data/, data/) or data/bib.js",
        )
    layout.data_file = candidates[0]
    for other in bib_files[1:] + candidates[1:] + samples:
        why = (
            "SurVis's sample data, copied with SurVis: not this survey's"
            if other in samples
            else f"generated from {layout.display(layout.data_file)}"
            if layout.is_bibtex and other in generated
            else f"{layout.display(layout.data_file)} is read instead"
        )
        layout.not_read.append(f"{layout.display(other)}: not read ({why})")
    _support_files(layout, preferred=_site_dir_of(layout.data_file, given))
    return layout


def _site_root(file: Path) -> Path:
    """The site folder a data file belongs to: above bib/, data/ or data/generated/."""
    folder = file.parent
    if folder.name == "generated":
        folder = folder.parent
    if folder.name in ("data", "bib"):
        folder = folder.parent
    if folder.name in ("src", "docs") and not (folder / "bib").is_dir() and (folder.parent / "bib").is_dir():
        folder = folder.parent
    return folder


def _site_dir_of(file: Path, root: Path) -> Path | None:
    for d in SITE_DIRS:
        if (root / d / "data") in file.parents:
            return d
    return None


def _support_files(layout: Layout, preferred: Path | None) -> None:
    """tag_categories.js, authorized_tags.js and properties.js: in the data file's own site
    folder first, then src/, docs/ and the root."""
    order = ([preferred] if preferred is not None else []) + [d for d in SITE_DIRS if d != preferred]
    for d in order:
        data = layout.root / d / "data"
        if layout.tag_categories is None and (data / "tag_categories.js").is_file():
            layout.tag_categories = data / "tag_categories.js"
        if layout.authorized_tags is None and (data / "authorized_tags.js").is_file():
            layout.authorized_tags = data / "authorized_tags.js"
        if layout.properties is None and (layout.root / d / "properties.js").is_file():
            layout.properties = layout.root / d / "properties.js"
