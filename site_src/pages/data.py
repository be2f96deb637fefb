"""/data/: the published dataset at stable URLs (/data/works.csv, .json, .bib, .parquet).

Each file is survey.query.dataset.export_bytes(), the function behind `survey export`, so
a download and the command's output are the same bytes. The page lists them with their
size, their SHA-256 and the collection version they carry.
"""

from __future__ import annotations

import hashlib

from markupsafe import Markup

from site_src.pages.html import front_matter, raw_marker_context
from site_src.pages.templating import render
from survey import Collection
from survey.query.dataset import EXPORT_FORMATS, FILE_EXTENSIONS, CollectionVersion, collection_version, export_bytes

PAGE = "data/index.md"
FOLDER = "data"

_DESCRIPTIONS = {
    "csv": "CSV, one row per work; a category list per facet, separated by ';'.",
    "json": "JSON: the full records, as in survey/works/*.yaml, and the collection version.",
    "bibtex": "BibTeX, one entry per work, for reference managers and LaTeX.",
    "parquet": "Apache Parquet: the pandas table of works.to_frame(), with types.",
}
_READ_WITH = {  # (code, what follows it)
    "csv": ('pandas.read_csv("works.csv")', ""),
    "json": ('json.load(open("works.json"))["works"]', ""),
    "bibtex": (r"\bibliography{works}", " in LaTeX, or import the file into a reference manager"),
    "parquet": ('pandas.read_parquet("works.parquet")', ""),
}


def file_name(fmt: str) -> str:
    return f"works.{FILE_EXTENSIONS[fmt]}"


def files(works: Collection, title: str | None = None) -> dict[str, str | bytes]:
    """`title`: the survey's, which the BibTeX file's header names (default: the flagship's)."""
    version = collection_version(works)
    data = {fmt: export_bytes(works, fmt, version, title=title or None) for fmt in EXPORT_FORMATS}
    out: dict[str, str | bytes] = {f"{FOLDER}/{file_name(fmt)}": content for fmt, content in data.items()}
    out[PAGE] = page(version, data)
    return out


def page(version: CollectionVersion, data: dict[str, bytes]) -> str:
    return render(
        "data/page.md",
        **raw_marker_context(),
        front_matter=Markup(
            front_matter(
                title="Data", description="The knowledge base as CSV, JSON, BibTeX and Parquet files at stable URLs."
            )
        ),
        version=version,
        files=[
            {
                "name": file_name(fmt),
                "description": _DESCRIPTIONS[fmt],
                "size": f"{len(content):,}",
                "digest": hashlib.sha256(content).hexdigest()[:16],
                "format": fmt,
            }
            for fmt, content in data.items()
        ],
        examples=[_READ_WITH[fmt] for fmt in EXPORT_FORMATS],
    )
