"""/data/: the published dataset at stable URLs (/data/works.csv, .json, .bib, .parquet).

Each file is survey.query.dataset.export_bytes(), the function behind `survey export`, so
a download and the command's output are the same bytes. The page lists them with their
size, their SHA-256 and the collection version they carry.
"""
from __future__ import annotations

import hashlib

from site_src.pages.html import attr, front_matter, raw_block, text
from survey import Collection
from survey.query.dataset import (EXPORT_FORMATS, FILE_EXTENSIONS, CollectionVersion, collection_version,
                                  export_bytes)

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
    named = {"title": title} if title else {}
    data = {fmt: export_bytes(works, fmt, version, **named) for fmt in EXPORT_FORMATS}
    out: dict[str, str | bytes] = {f"{FOLDER}/{file_name(fmt)}": content for fmt, content in data.items()}
    out[PAGE] = page(version, data)
    return out


def page(version: CollectionVersion, data: dict[str, bytes]) -> str:
    items = "".join(
        f'<dt><a href="{attr(file_name(fmt))}" download>{text(file_name(fmt))}</a></dt>'
        f"<dd>{text(_DESCRIPTIONS[fmt])} {len(content):,} bytes, SHA-256 "
        f'<code class="digest">{hashlib.sha256(content).hexdigest()[:16]}</code>…; the same as '
        f"<code>survey export --format {text(fmt)}</code>.</dd>"
        for fmt, content in data.items())
    examples = "".join(
        f"<li><code>{text(_READ_WITH[fmt][0])}</code>{text(_READ_WITH[fmt][1])}</li>"
        for fmt in EXPORT_FORMATS)
    return "".join([
        front_matter(title="Data", description="The knowledge base as CSV, JSON, BibTeX and Parquet "
                     "files at stable URLs."),
        "# Data\n",
        raw_block(
            f"<p>The whole collection, {version.works} works, in four formats. Each file is "
            "generated from the records when the site is built and is byte for byte what "
            "<code>survey export</code> writes in that format, so a script can fetch the file or "
            "run the command and get the same thing. The URLs stay the same as works are added.</p>"
            f'<p class="collection-version">This version: <strong>{text(version.label)}</strong>. '
            "Each file carries this line (CSV and Parquet in a <code>collection_version</code> "
            "column, JSON under <code>collection</code>, BibTeX in an <code>@comment</code>), so a "
            "copy says which version it is; the hash is of the records' content and changes with "
            "any edit.</p>"
            f'<dl class="data-files">{items}</dl>'
            f"<p>Reading them:</p><ul>{examples}</ul>"
            "<p>The Python API gives the same tables without a download: "
            "<code>survey.load().to_frame()</code> (one row per work) and "
            "<code>survey.load().tidy()</code> (one row per work and category).</p>"),
    ])
