"""Checking record files: schema, vocabulary and identity.

`validate_paths` is what `survey validate` runs. Every problem carries the file, line and
column of the offending value; all problems of all files are collected in one pass.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Iterable
from urllib.parse import urlsplit

from survey.records.cache import RecordCache, content_key
from survey.records.problems import Problem, one_line, quoted
from survey.records.problems import describe as _describe
from survey.records.suggest import did_you_mean
from survey.records.schema import PUBLISHED_KEYS, WORK_KINDS, Field, unverifiable
from survey.records.source import Document, read_document, read_regular_file
from survey.records.taxonomy import Taxonomy

MIN_YEAR = 1940  # artificial neural networks were first described in the 1940s

# Always matched with `fullmatch`: `$` alone would accept a trailing newline. The anchors
# stay for the JSON Schema, whose patterns are not anchored.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
# New-style (2007-) and old-style (math.GT/0309136) arXiv identifiers, optional version.
ARXIV_PATTERN = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")

RECORD_SUFFIX = ".yaml"
# Text fields that may hold several lines; the others are one line, like a title.
MULTILINE_FIELDS = frozenset({"notes", "abstract"})
# One facet's rationale: where in the paper it comes from ("Abstract", "Section 3", "Project
# page": a capital or digit first, no colon), a colon, then the quote or close paraphrase.
RATIONALE_PATTERN = re.compile(r"^[A-Z0-9][^:]{0,59}: +\S.*$")
RATIONALE_EXAMPLE = "'Abstract: \"<quote or close paraphrase>\"'"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # line breaks, tabs and other controls
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # newlines and tabs allowed


@dataclass(frozen=True)
class RecordFile:
    file: Path
    display: str  # as the user named it, for messages
    refused: str | None = None  # why the file is reported instead of read


def record_files(paths: Iterable[Path | str] | Path | str) -> list[RecordFile]:
    """Expand files and folders into record files, sorted per folder.

    A file is refused, not read, when its name ends in .yml, .YAML or the like, or when it
    is a symbolic link that leads outside the folder it was found in (for a file named on
    the command line, its own folder), or nowhere."""
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one file or folder, not an iterable of characters or parts
    found: list[RecordFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            root = os.path.realpath(path)
            for file in sorted(path.rglob("*")):
                if file.suffix.lower() in (".yaml", ".yml") and (file.is_symlink() or not file.is_dir()):
                    found.append(RecordFile(file, one_line(str(file)), _refusal(file, root)))
        else:
            found.append(RecordFile(path, one_line(str(given)), _refusal(path, os.path.realpath(path.parent))))
    return found


def _refusal(file: Path, root: str) -> str | None:
    if file.suffix.lower() in (".yaml", ".yml") and file.suffix != RECORD_SUFFIX:
        return f"records end in {RECORD_SUFFIX}: rename the file to {quoted(file.stem + RECORD_SUFFIX)}"
    if not file.is_symlink():
        return None
    target = os.path.realpath(file)  # a loop leaves a path that does not exist
    if os.path.commonpath([root, target]) != root:
        return (
            "symbolic link leading outside the folder it is in: not followed; a record is "
            "a file inside the records folder"
        )
    if not os.path.exists(target):
        return "symbolic link leading nowhere (broken, or a loop): not followed"
    return None


def validate_paths(
    paths: Iterable[Path | str] | Path | str, taxonomy: Taxonomy, use_cache: bool = True
) -> tuple[list[Document], list[Problem]]:
    """Read and check every record file; return the documents and all problems, sorted.

    Files whose name and content were checked before, against the same taxonomy, come from
    the cache (survey.records.cache), unless `use_cache` is False."""
    files = record_files(paths)
    cache = (
        RecordCache(scope="\0".join(os.path.abspath(f.file) for f in files), context=cache_context(taxonomy))
        if use_cache
        else None
    )
    documents = []
    with _collector_paused():
        for listed in files:
            documents.append(_checked_document(listed, taxonomy, cache))
    check_identity(documents)
    for doc in documents:
        doc.forget_positions()
    if cache is not None:
        cache.save()
    problems = sorted(p for doc in documents for p in doc.problems)
    return documents, problems


def cache_context(taxonomy: Taxonomy) -> str:
    """What a cached result depends on besides the code: the latest year allowed and the
    vocabulary it was checked against, whose repr holds every facet, category, venue and
    snapshot (a project's taxonomy may live anywhere, beyond the code's hash)."""
    vocabulary = hashlib.blake2b(repr(taxonomy).encode(), digest_size=16).hexdigest()
    return f"years {MIN_YEAR}-{latest_year()}; vocabulary {vocabulary}"


def latest_year() -> int:
    """The latest year a record may give: next year, for works accepted but not yet out."""
    return datetime.date.today().year + 1


def _checked_document(listed: RecordFile, taxonomy: Taxonomy, cache: RecordCache | None) -> Document:
    file, display = listed.file, listed.display
    if listed.refused is not None:
        return Document(path=display, problems=[Problem(display, 1, 1, listed.refused)])
    try:
        data = read_regular_file(file)
    except OSError:
        return read_document(file, display)  # reports why it cannot be read
    key = content_key(file.name, data) if cache is not None else b""
    hit = cache.get(key, display) if cache is not None else None
    if hit is not None:
        return Document(path=display, data=hit[0], file=file, problems=hit[1], sealed=True)
    doc = read_document(file, display, data, keep_positions=True)
    check_document(doc, file, taxonomy)
    doc.cap_problems()
    doc.forget_positions()  # a tree per file kept to the end would slow the collector
    doc.file = file  # so that identity checks can find positions again
    if cache is not None:
        cache.put(key, doc.data, doc.problems)
    return doc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while records pile up: it would scan every
    record read so far again and again, which costs more than reading them. Records hold
    no reference cycles, so nothing is left uncollected."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_document(doc: Document, file: Path, taxonomy: Taxonomy) -> None:
    """Schema and vocabulary checks of one parsed record."""
    if doc.problems and doc.data is None:
        return  # unreadable: the parse problem says why
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else f"a single value ({doc.data!r})"
        doc.report((), f"a record must be a mapping of fields (id:, title:, ...), not {kind}")
        return
    fields = _fields_by_name(taxonomy)
    for key in doc.data:
        if key not in fields:
            doc.report_key(key, lambda: _unknown_field_message(key, taxonomy))
    unverified = doc.data.get("unverified")
    for name, field in fields.items():
        if not field.required:
            continue
        waived = field.waived_if_unverified and isinstance(unverified, list) and name in unverified
        if name not in doc.data and not waived:
            doc.report(
                (),
                f"missing required field '{name}'"
                + (
                    f": {field.doc}"
                    if field.kind != "categories"
                    else f": list its categories, one of {_allowed(taxonomy, name)}, or [] for none"
                ),
            )
    for name, value in doc.data.items():
        given = fields.get(name)
        if given is not None and (name,) not in doc.unreadable:  # refused values: reported once
            CHECKS[given.kind](doc, name, value, taxonomy)
    _check_rationale_coverage(doc, taxonomy)
    record_id = doc.data.get("id")
    if isinstance(record_id, str) and ID_PATTERN.fullmatch(record_id) and record_id != file.stem:
        doc.report(
            ("id",),
            f"id '{record_id}' must equal the file name: rename the file to "
            f"'{record_id}{file.suffix}' or set id: {one_line(file.stem)}",
        )


# -- one check per field kind -------------------------------------------------------------


def _check_text(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, str) or not value.strip():
        doc.report((name,), f"'{name}' must be non-empty text, not {_describe(value)}")
    else:
        _check_characters(doc, (name,), value, multiline=name in MULTILINE_FIELDS)


def _check_characters(doc: Document, keypath: tuple[Any, ...], value: str, multiline: bool = False) -> None:
    """One-line fields hold no line breaks or control characters; several-line fields hold
    newlines and tabs but no other control characters."""
    found = (_CONTROL_BUT_LINES if multiline else CONTROL_CHARACTERS).search(value)
    if found:
        kind = (
            "text without control characters"
            if multiline
            else "one line of text, without line breaks or control characters"
        )
        doc.report(
            keypath,
            f"'{keypath[0]}' must be {kind}: found {quoted(found.group())} at "
            f"character {found.start() + 1} of {quoted(value)}",
        )


def _check_id(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        doc.report(
            (name,),
            f"id must be lowercase letters, digits, '-' or '_', starting with a "
            f"letter (e.g. doe2020keyword: first author, year, a word of the title), not {_describe(value)}",
        )


def _check_year(
    doc: Document, name: str, value: Any, taxonomy: Taxonomy, keypath: tuple[Any, ...] | None = None
) -> None:
    latest = latest_year()
    if not isinstance(value, int) or isinstance(value, bool):
        doc.report(keypath or (name,), f"year must be a whole number such as 2018, not {_describe(value)}")
    elif not taxonomy.earliest_year <= value <= latest:
        doc.report(keypath or (name,), f"year {value} is out of range: expected {taxonomy.earliest_year} to {latest}")


def _check_venue(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, str):
        doc.report(
            (name,), f"venue must be the abbreviation of a venue of the project's venues file, not {_describe(value)}"
        )
    elif value not in taxonomy.venues:
        doc.report(
            (name,),
            f"unknown venue {quoted(value)}{did_you_mean(value, taxonomy.venues)}; "
            "known venues are listed in survey/venues.yaml (add a new one there)",
        )


def _check_url(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, str):
        doc.report((name,), f"'{name}' must be an http or https link, not {_describe(value)}")
        return
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. "Invalid IPv6 URL" for an unbalanced '[' in the host
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(ch.isspace() for ch in value)
        or CONTROL_CHARACTERS.search(value)
    ):
        doc.report(
            (name,),
            f"'{name}' must be an http:// or https:// link without spaces or control characters, not {quoted(value)}",
        )


def _check_doi(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, str) or not DOI_PATTERN.fullmatch(value) or CONTROL_CHARACTERS.search(value):
        hint = " (leave out the https://doi.org/ prefix)" if isinstance(value, str) and "doi.org" in value else ""
        doc.report((name,), f"doi must look like 10.PREFIX/SUFFIX (e.g. 10.1000/xyz123){hint}, not {_describe(value)}")


def _check_arxiv(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if isinstance(value, float):
        written = doc.text(name) or str(value)  # 1810.03910, not the float's 1810.0391
        doc.report((name,), f'quote the arXiv id, or YAML reads it as a number: arxiv: "{written}"')
    elif not isinstance(value, str) or not ARXIV_PATTERN.fullmatch(value):
        doc.report(
            (name,),
            f'arxiv must be an arXiv identifier such as "1704.01942" (no '
            f"'arXiv:' prefix or link), not {_describe(value)}",
        )


def _check_bool(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, bool):
        doc.report((name,), f"'{name}' must be true or false, not {_describe(value)}")


def _check_date(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        doc.report((name,), f"'{name}' must be a date written YYYY-MM-DD, not {_describe(value)}")


def _check_text_list(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, list):
        doc.report((name,), f"'{name}' must be a list of text items, not {_describe(value)}")
        return
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            doc.report((name, i), f"'{name}' items must be non-empty text, not {_describe(item)}")
        else:
            _check_characters(doc, (name, i), item)


def _check_field_list(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    _check_text_list(doc, name, value, taxonomy)
    names = unverifiable(taxonomy.fields)
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, str) and item not in names:
            doc.report((name, i), f"'{name}' lists field names; {quoted(item)} is not one{did_you_mean(item, names)}")


def _check_snapshots(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    """Snapshot ids named in survey.yml, each once."""
    known = [s.id for s in taxonomy.snapshots]
    if not isinstance(value, list):
        doc.report((name,), f"'{name}' must be a list of snapshot ids like [{known[0]}], not {_describe(value)}")
        return
    seen = set()
    for i, item in enumerate(value):
        if not isinstance(item, str) or item not in known:
            shown = quoted(item) if isinstance(item, str) else _describe(item)
            doc.report(
                (name, i),
                f"unknown snapshot {shown}"
                f"{did_you_mean(item, known) if isinstance(item, str) else ''}; "
                f"survey.yml names: {', '.join(known)}",
            )
        elif item in seen:
            doc.report((name, i), f"snapshot {quoted(item)} is listed twice")
        else:
            seen.add(item)


def _check_categories(doc: Document, facet: str, value: Any, taxonomy: Taxonomy) -> None:
    allowed = taxonomy.category_ids(facet)
    if value is None:
        doc.report(
            (facet,),
            f"'{facet}' has no categories yet: choose from {_allowed(taxonomy, facet)}, or write [] if none applies",
        )
        return
    if not isinstance(value, list):
        doc.report((facet,), f"'{facet}' must be a list of categories like [{allowed[0]}], not {_describe(value)}")
        return
    seen = set()
    for i, item in enumerate(value):
        if not isinstance(item, str):  # may be a list or mapping: not hashable, not added to seen
            doc.report((facet, i), f"'{facet}' items must be category ids, not {_describe(item)}")
            continue
        if item in seen:
            doc.report((facet, i), f"category {quoted(item)} is listed twice in '{facet}'")
        elif item not in allowed:
            doc.report((facet, i), lambda: _unknown_category_message(taxonomy, facet, item))
        seen.add(item)


# -- rationale ---------------------------------------------------------------------------


def _check_rationale(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    """A mapping from tagged facet to one line '<Where>: <quote or close paraphrase>'."""
    facets = taxonomy.tagged_ids
    if not isinstance(value, dict):
        doc.report(
            (name,),
            f"'{name}' must map each tagged facet to one line '<Where>: <quote>', "
            f"e.g. {facets[0] if facets else 'facet'}: {RATIONALE_EXAMPLE}, "
            f"not {_describe(value)}",
        )
        return
    for facet, item in value.items():
        where = (name, facet)
        if where in doc.unreadable:
            continue
        if facet not in facets:
            shown = quoted(facet) if isinstance(facet, str) else _describe(facet)
            doc.report(
                where,
                f"unknown facet {shown} in '{name}'"
                f"{did_you_mean(facet, facets) if isinstance(facet, str) else ''}; "
                f"tagged facets: {', '.join(facets)}",
            )
        elif not isinstance(item, str) or not item.strip():
            doc.report(
                where,
                f"'{name}.{facet}' must be one line '<Where>: <quote>', e.g. "
                f"{RATIONALE_EXAMPLE}, not {_describe(item)}",
            )
        elif CONTROL_CHARACTERS.search(item):
            _check_characters(doc, where, item)
        elif not RATIONALE_PATTERN.fullmatch(item):
            doc.report(
                where,
                f"'{name}.{facet}' must begin with where in the paper it comes from "
                f"and a colon (Abstract, Introduction, Section 3, Figure 2, Project "
                f"page), e.g. {RATIONALE_EXAMPLE}, not {quoted(item)}",
            )


def in_a_snapshot(record: dict[str, Any], taxonomy: Taxonomy) -> bool:
    """Whether the record belongs to one of the project's snapshots: listed under
    `snapshots`, or with a snapshot's own field (the flagship's `in_2018_table`) true."""
    listed = record.get("snapshots")
    listed = set(item for item in listed if isinstance(item, str)) if isinstance(listed, list) else set()
    return any(s.id in listed or (s.field is not None and record.get(s.field) is True) for s in taxonomy.snapshots)


def _snapshot_membership(taxonomy: Taxonomy) -> str:
    """How a record shows it is outside every snapshot, for messages: "in_2018_table not true"."""
    ways = [f"{s.field} not true" for s in taxonomy.snapshots if s.field]
    ways.append(f"'snapshots' not listing {' or '.join(s.id for s in taxonomy.snapshots)}")
    return ", ".join(ways)


def _check_rationale_coverage(doc: Document, taxonomy: Taxonomy) -> None:
    """A work outside every snapshot of a survey that names snapshots was classified by a
    contributor, not by the survey: each facet it is tagged under says why, with one line of
    `rationale`. A survey without snapshots (a SurVis import) has only its own works."""
    if not taxonomy.snapshots or in_a_snapshot(doc.data, taxonomy):
        return  # a survey without snapshots has no later works: its tags are all its own
    rationale = doc.data.get("rationale")
    if rationale is not None and not isinstance(rationale, dict):
        return  # reported by _check_rationale
    given = rationale or {}
    outside = f"a work outside the snapshot ({_snapshot_membership(taxonomy)})"
    for facet in taxonomy.tagged_ids:
        tags = doc.data.get(facet)
        if not isinstance(tags, list) or not tags or (facet,) in doc.unreadable or facet in given:
            continue
        doc.report(
            (facet,),
            f"'{facet}' has categories but no rationale, which {outside} needs "
            f"for each tagged facet: add under 'rationale:' {facet}: "
            f"{RATIONALE_EXAMPLE}, naming where in the paper it comes from",
        )


# -- citation fields ---------------------------------------------------------------------

# An author is "Given Family" as printed: a family name after a given name or initials.
# What a full list must not hold: an abbreviation of the rest, or "Family, Given" order.
_NOT_AN_AUTHOR = re.compile(r"(?i)^(et\.?\s*al\.?|others|and others|\.\.\.|…)$|\bet\.?\s+al\b")
DATE_TEXT_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def author_name_problem(name: str) -> str | None:
    """Why `name` is not one author written "Given Family", or None if it is."""
    if _NOT_AN_AUTHOR.search(name.strip()):
        return (
            f"{quoted(name)} is not an author: a full author list names every author "
            "(no 'et al.' or 'others'; the short form belongs in 'authors')"
        )
    if name != name.strip() or "  " in name:
        return f"author {quoted(name)} has extra spaces: write 'Given Family' with single spaces"
    words = name.split()
    if words and words[0].lower() == "and":
        # what splitting BibTeX by line leaves: DBLP ends each author line with "and"
        return (
            f"author {quoted(name)} starts with 'and', the separator of a BibTeX author list: "
            f"hint: write one author per item, e.g. {quoted(_without_and(words[1:]))}"
        )
    if any(word.lower() == "and" for word in words):
        together = [" ".join(part) for part in _split_on_and(words)]
        return (
            f"author {quoted(name)} contains 'and': it is several authors in one item; "
            f"hint: write one author per item: {', '.join(quoted(p) for p in together if p)}"
        )
    if "," in name:
        parts = [part.strip() for part in name.split(",")]
        # 'Family, Given' or 'Family, Jr., Given' (BibTeX's two forms) in printed order
        flipped = " ".join(p for p in ([parts[-1], parts[0], *parts[1:-1]] if len(parts) <= 3 else parts) if p)
        return (
            f"author {quoted(name)} has a comma, as BibTeX's 'Family, Given' order does: "
            f"hint: write one author per item as 'Given Family', e.g. {quoted(flipped)} "
            "(a suffix goes last: 'Guy L. Steele Jr.')"
        )
    if len(name.split()) < 2:
        return f"author {quoted(name)} needs a given name and a family name, e.g. 'Jane Doe'"
    return None


def _split_on_and(words: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower() == "and":
            parts.append([])
        else:
            parts[-1].append(word)
    return parts


def _without_and(words: list[str]) -> str:
    """The first name of the rest of a list that began with 'and'."""
    return " ".join(_split_on_and(words)[0]) or "Jane Doe"


def _list_items(doc: Document, name: str, value: Any, wanted: str) -> list[tuple[int, Any]]:
    """The (index, item) pairs of a list that must not be empty, less those already refused;
    a value that is no list, or an empty one, is reported as not `wanted`."""
    if not isinstance(value, list) or not value:
        doc.report((name,), f"'{name}' must list {wanted}, not {_describe(value)}")
        return []
    return [(i, item) for i, item in enumerate(value) if (name, i) not in doc.unreadable]


def _check_author_list(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    for i, item in _list_items(doc, name, value, "every author, one item each, e.g. [Jane Doe, Richard Roe]"):
        if not isinstance(item, str) or not item.strip():
            doc.report((name, i), f"'{name}' items must be author names, not {_describe(item)}")
        elif CONTROL_CHARACTERS.search(item):
            _check_characters(doc, (name, i), item)
        elif problem := author_name_problem(item):
            doc.report((name, i), problem)


def _check_work_kind(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if value not in WORK_KINDS or not isinstance(value, str):
        doc.report(
            (name,),
            f"'{name}' must be one of {', '.join(WORK_KINDS)}, not "
            f"{_describe(value)}{did_you_mean(str(value), WORK_KINDS)}",
        )


def _check_url_list(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    for i, item in _list_items(doc, name, value, "at least one http(s) link where the facts were seen"):
        if not _is_link(item):
            doc.report(
                (name, i), f"'{name}' items must be http:// or https:// links without spaces, not {_describe(item)}"
            )


def _check_published(doc: Document, name: str, value: Any, taxonomy: Taxonomy) -> None:
    if not isinstance(value, dict):
        doc.report((name,), f"'{name}' must be a mapping of {', '.join(PUBLISHED_KEYS)}, not {_describe(value)}")
        return
    for key, item in value.items():
        where = (name, key)
        kind = PUBLISHED_KEYS.get(key)
        if where in doc.unreadable:
            continue
        if kind is None:
            doc.report(
                where,
                f"unknown key {quoted(str(key))} in '{name}'{did_you_mean(str(key), PUBLISHED_KEYS)}; "
                f"allowed: {', '.join(PUBLISHED_KEYS)}",
            )
        elif kind == "text" and (not isinstance(item, str) or not item.strip()):
            quote = (
                " (quote it: '{}')".format(item)
                if isinstance(item, (int, float)) and not isinstance(item, bool)
                else ""
            )
            doc.report(where, f"'{name}.{key}' must be non-empty text{quote}, not {_describe(item)}")
        elif kind == "text":
            _check_characters(doc, where, item)
        elif kind == "year":
            _check_year(doc, name, item, taxonomy, where)
        elif kind == "month" and (not isinstance(item, int) or isinstance(item, bool) or not 1 <= item <= 12):
            doc.report(where, f"'{name}.{key}' must be a month number 1 to 12, not {_describe(item)}")
        elif kind == "url" and not _is_link(item):
            doc.report(
                where, f"'{name}.{key}' must be an http:// or https:// link without spaces, not {_describe(item)}"
            )
        elif kind == "date" and not (isinstance(item, str) and DATE_TEXT_PATTERN.fullmatch(item)):
            hint = f" (quote it: '{item.isoformat()}')" if isinstance(item, datetime.date) else ""
            doc.report(
                where, f"'{name}.{key}' must be a quoted date 'YYYY-MM-DD' (or 'YYYY-MM'){hint}, not {_describe(item)}"
            )


def _is_link(value: Any) -> bool:
    """An http(s) URL with a host and no whitespace."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. "Invalid IPv6 URL" for an unbalanced '[' in the host
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(ch.isspace() for ch in value)


CHECKS = {
    "author-list": _check_author_list,
    "work-kind": _check_work_kind,
    "url-list": _check_url_list,
    "published": _check_published,
    "id": _check_id,
    "text": _check_text,
    "text-list": _check_text_list,
    "field-list": _check_field_list,
    "year": _check_year,
    "venue": _check_venue,
    "url": _check_url,
    "doi": _check_doi,
    "arxiv": _check_arxiv,
    "bool": _check_bool,
    "date": _check_date,
    "categories": _check_categories,
    "snapshots": _check_snapshots,
    "rationale": _check_rationale,
}


# -- identity across files ----------------------------------------------------------------


def normalize_title(title: str) -> str:
    """Lowercase letters and digits only, accents folded: 'ActiVis: Visual...' -> 'activisvisual...'."""
    folded = unicodedata.normalize("NFKD", title).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def check_identity(documents: list[Document]) -> None:
    """The same id, DOI or title in two files is one work recorded twice."""
    keys = {
        "id": lambda v: v,
        "doi": lambda v: v.lower(),
        "title": normalize_title,
    }
    for field, normalize in keys.items():
        first: dict[str, Document] = {}
        for doc in documents:
            value = doc.data.get(field) if isinstance(doc.data, dict) else None
            if not isinstance(value, str) or not value.strip():
                continue
            key = normalize(value)
            if key in first:
                other = first[key]
                line = other.where(field)[0]
                what = {"id": "duplicate id", "doi": "same DOI as", "title": "same title as"}[field]
                doc.report(
                    (field,),
                    f"{what} {other.path}:{line} ({quoted(other.data[field])}): "
                    "the same work is recorded twice; merge the two files",
                )
            else:
                first[key] = doc


# -- messages -----------------------------------------------------------------------------


def _allowed(taxonomy: Taxonomy, facet: str) -> str:
    return ", ".join(taxonomy.category_ids(facet))


def _unknown_category_message(taxonomy: Taxonomy, facet: str, item: str) -> str:
    allowed = taxonomy.category_ids(facet)
    other = taxonomy.facet_of(item)
    where = f": '{item}' is a '{other}' category, move it to '{other}'" if other else did_you_mean(item, allowed)
    return f"unknown '{facet}' category {quoted(item)}{where}; allowed: {', '.join(allowed)}"


def _fields_by_name(taxonomy: Taxonomy) -> dict[str, Field]:
    return {f.name: f for f in taxonomy.fields}


def _unknown_field_message(key: str, taxonomy: Taxonomy) -> str:
    known = [f.name for f in taxonomy.fields]
    return f"unknown field {quoted(key)}{did_you_mean(key, known)}; allowed fields: {', '.join(known)}"
