"""The published dataset: what `survey export` writes and the site serves at /data/.

One function, export_bytes(), makes every file, so the site's /data/works.<ext> and
`survey export --format <f>` cannot differ. Each file says which version of the collection
it is: a hash of the records' content, the number of works and the date of the newest
record, written where each format keeps such things:

- CSV: a last column, `collection_version`, the same on every row (a comment line would
  break `pandas.read_csv` and spreadsheet imports);
- JSON: an object {"collection": {...}, "works": [...]};
- BibTeX: an @comment{...} before the entries, which BibTeX and its parsers skip;
- Parquet: the schema's key-value metadata, `collection_version` (and the same column as
  in CSV, so a DataFrame read from either file carries it).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from survey.query.formats import as_json, formatter, latex_text

if TYPE_CHECKING:
    from survey.query.collection import Collection

EXPORT_FORMATS = ("csv", "json", "bibtex", "parquet")
BINARY_FORMATS = ("parquet",)  # the others are UTF-8 text
FILE_EXTENSIONS = {"csv": "csv", "json": "json", "bibtex": "bib", "parquet": "parquet"}
VERSION_COLUMN = "collection_version"


class MissingDependency(Exception):
    """A format needs a package that is not installed (the message says which)."""


@dataclass(frozen=True)
class CollectionVersion:
    works: int
    sha256: str  # of the records' canonical JSON, as `survey export --format json` lists them
    newest_record: datetime.date | None  # the latest `added` date; None while no record has one

    @property
    def label(self) -> str:
        """One line: '45 works, sha256 0123456789abcdef, newest record added 2026-11-20'."""
        newest = (
            f"newest record added {self.newest_record.isoformat()}"
            if self.newest_record
            else "no record has an added date"
        )
        return f"{self.works} works, sha256 {self.sha256[:16]}, {newest}"

    def to_json(self) -> dict[str, Any]:
        return {
            "works": self.works,
            "sha256": self.sha256,
            "newest_record": self.newest_record.isoformat() if self.newest_record else None,
            "label": self.label,
        }


def collection_version(works: "Collection") -> CollectionVersion:
    digest = hashlib.sha256(as_json(works, works.taxonomy.fields).encode("utf-8")).hexdigest()
    dates = [w.added for w in works if w.added is not None]
    return CollectionVersion(works=len(works), sha256=digest, newest_record=max(dates, default=None))


def export_bytes(
    works: "Collection",
    fmt: str,
    version: CollectionVersion | None = None,
    title: str | None = None,
    selection: "Collection | None" = None,
    query: str = "",
) -> bytes:
    """The collection in an export format, as the bytes of the file. `version` is
    collection_version(works), for a caller that writes several formats and hashes once;
    `title` is the survey's (survey.yml), which the BibTeX file's comment names. With
    `selection` (the works a `query` selected from `works`), the file holds those works and
    still says which version of the whole collection they were selected from."""
    version = version or collection_version(works)
    chosen = works if selection is None else selection
    if fmt == "csv":
        return _csv_with_version(formatter("csv", works.taxonomy)(chosen), version).encode("utf-8")
    if fmt == "json":
        document = {
            "collection": version.to_json(),
            **({"query": query, "selected": len(chosen)} if selection is not None else {}),
            "works": [w.to_record(works.taxonomy.fields) for w in chosen],
        }
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "bibtex":
        return (
            bibtex_header(version, title, len(chosen) if selection is not None else None, query)
            + formatter("bibtex", works.taxonomy)(chosen)
        ).encode("utf-8")
    if fmt == "parquet":
        return _parquet(works if selection is None else selection, version)
    raise ValueError(f"unknown export format '{fmt}': use one of {', '.join(EXPORT_FORMATS)}")


def bibtex_header(
    version: CollectionVersion, title: str | None = None, selected: int | None = None, query: str = ""
) -> str:
    """The @comment line a BibTeX export starts with: the survey and the collection version
    (and, for a selection, how many works which query selected), which BibTeX skips."""
    survey = f"{latex_text(title)}, a living survey" if title else "A living survey"
    chosen = ""
    if selected is not None:
        chosen = f"; {selected} selected" + (f" by the query {latex_text(query)}" if query else "")
    return "@comment{" + f"{survey}: {version.label}{chosen}" + "}\n\n"


def _csv_with_version(table: str, version: CollectionVersion) -> str:
    rows = list(csv.reader(io.StringIO(table)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # as the csv format writes: same quoting
    writer.writerow([*rows[0], VERSION_COLUMN])
    writer.writerows([*row, version.label] for row in rows[1:])
    return out.getvalue()


def _parquet(works: "Collection", version: CollectionVersion) -> bytes:
    """to_frame() as Parquet, with the id as a column. The bytes depend only on the records
    and the pinned pyarrow: no timestamps or random ids are written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency("the parquet format needs pyarrow: pip install 'survey-sitegen[parquet]'") from None
    frame = works.to_frame().reset_index()
    frame[VERSION_COLUMN] = version.label
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {
        **(table.schema.metadata or {}),
        VERSION_COLUMN.encode(): version.label.encode(),
        b"collection_sha256": version.sha256.encode(),
    }
    out = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), out)
    return out.getvalue()
