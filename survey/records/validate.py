"""Checking record files: schema, vocabulary and identity.

`validate_paths` is what `survey validate` runs. Every problem carries the file, line and
column of the offending value; all problems of all files are collected in one pass.

A record is checked against the JSON Schema of its taxonomy (survey.records.record_schema,
built once per taxonomy), by the same checker as the settings files
(survey.records.schema_check), whose messages the schema carries. What a schema cannot say
is said by the named checks, all listed in `NAMED_CHECKS`: hints, run before the schema,
for values it would refuse where a more useful message says how to fix them (they take the
value over: each value gets one message), then checks of the values it accepted.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import dataclasses
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Iterable

from survey.records.cache import RecordCache, content_key
from survey.records.identity_cache import IdentityCache
from survey.records.problems import Problem, one_line, quoted
from survey.records.problems import describe as _describe
from survey.records.record_schema import (  # the patterns are the schema's; re-exported for other modules
    ARXIV_PATTERN,
    DATE_TEXT_PATTERN,
    DOI_PATTERN,
    ID_PATTERN,
    LATEST_YEAR,
    MIN_YEAR,
    RATIONALE_EXAMPLE,
    RATIONALE_PATTERN,
    checked_schemas,
)
from survey.records.schema import PUBLISHED_KEYS, Field
from survey.records.schema_check import KeyPath, check_against_schema, missing_key_message
from survey.records.source import Document, read_document, read_regular_file
from survey.records.taxonomy import Taxonomy

__all__ = [  # what other modules import from here, the schema's patterns among them
    "ARXIV_PATTERN",
    "CONTROL_CHARACTERS",
    "DATE_TEXT_PATTERN",
    "DOI_PATTERN",
    "ID_PATTERN",
    "MIN_YEAR",
    "NAMED_CHECKS",
    "RATIONALE_PATTERN",
    "author_name_problem",
    "check_document",
    "check_fields",
    "check_identity",
    "normalize_title",
    "validate_paths",
]

RECORD_SUFFIX = ".yaml"
# Text fields that may hold several lines; the others are one line, like a title.
MULTILINE_FIELDS = frozenset({"notes", "abstract"})
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
    """Schema, vocabulary and named checks of one parsed record."""
    if doc.problems and doc.data is None:
        return  # unreadable: the parse problem says why
    _check(doc, taxonomy, file)


def check_fields(doc: Document, taxonomy: Taxonomy) -> None:
    """The checks of each field that `doc.data`, a mapping of some of a record's fields,
    gives, as `check_document` makes them, without asking for the others: what an importer
    runs on a field before it writes it into a record."""
    _check(doc, taxonomy, None)


def _check(doc: Document, taxonomy: Taxonomy, file: Path | None) -> None:
    record_schema, fields_schema = checked_schemas(taxonomy)
    record = _Record(
        doc=doc,
        data=doc.data if isinstance(doc.data, dict) else {},
        taxonomy=taxonomy,
        vocabulary=_vocabulary(taxonomy),
        schema=record_schema if file is not None else fields_schema,
        file=file,
        latest=latest_year(),
    )
    for hint in HINTS:
        hint(record)
    record.reported = check_against_schema(
        doc,
        record.schema,
        instance=_as_schema_sees(doc.data, record.vocabulary),
        skip=record.claimed,
        context={"latest_year": str(record.latest)},
    )
    if not isinstance(doc.data, dict):
        return
    for check in (*CHECKS_OF_ACCEPTED_VALUES, *(CHECKS_OF_A_RECORD if file is not None else ())):
        check(record)


@dataclass(frozen=True)
class _Vocabulary:
    """What the named checks look up, per taxonomy."""

    fields: dict[str, Field]
    category_facets: dict[str, str]  # category id -> its facet
    categories: dict[str, frozenset[str]]  # facet -> its category ids
    category_order: dict[str, tuple[str, ...]]  # facet -> its category ids, in order
    date_fields: tuple[str, ...]


@dataclass
class _Record:
    """One record being checked, as the named checks see it."""

    doc: Document
    data: dict[str, Any]  # the record's fields ({} where the file holds no mapping)
    taxonomy: Taxonomy
    vocabulary: _Vocabulary
    schema: dict[str, Any]  # what it is checked against
    file: Path | None  # None for a mapping of some fields (check_fields)
    latest: int  # the latest year allowed
    # the values a hint reported, which the schema leaves alone, and those the schema reported
    claimed: set[KeyPath] = dataclasses.field(default_factory=set)
    reported: set[KeyPath] = dataclasses.field(default_factory=set)

    def accepted(self, *path: str | int) -> bool:
        """Whether the schema accepted the value at `path` and no hint took it over."""
        return not any(
            path[:n] in self.reported or path[:n] in self.claimed or path[:n] in self.doc.unreadable
            for n in range(1, len(path) + 1)
        )


_vocabularies: IdentityCache[Taxonomy, _Vocabulary] = IdentityCache(limit=8)


def _vocabulary(taxonomy: Taxonomy) -> _Vocabulary:
    return _vocabularies.get(taxonomy, _vocabulary_of)


def _vocabulary_of(taxonomy: Taxonomy) -> _Vocabulary:
    fields = {f.name: f for f in taxonomy.fields}
    return _Vocabulary(
        fields=fields,
        category_facets={c.id: c.facet for c in taxonomy.categories},
        categories={f.id: frozenset(c.id for c in f.categories) for f in taxonomy.tagged_facets},
        category_order={f.id: tuple(c.id for c in f.categories) for f in taxonomy.tagged_facets},
        date_fields=tuple(name for name, f in fields.items() if f.kind == "date"),
    )


def _as_schema_sees(data: Any, vocabulary: _Vocabulary) -> Any:
    """The record as JSON would hold it where YAML and JSON differ: a date (`added:
    2024-05-01`, which YAML reads as a date) is its text. Only fields of dates: a title
    YAML reads as a date is no text."""
    if not isinstance(data, dict) or not any(isinstance(data.get(n), datetime.date) for n in vocabulary.date_fields):
        return data
    return {
        key: value.isoformat() if key in vocabulary.date_fields and isinstance(value, datetime.date) else value
        for key, value in data.items()
    }


# -- hints: before the schema, for values it would refuse ------------------------------------

# Field kinds of text lists, whose items are checked for control characters.
_TEXT_LIST_KINDS = frozenset({"text-list", "author-list"})


def _control_characters(record: _Record) -> None:
    """One-line text holds no line breaks or control characters; notes and the abstract hold
    newlines and tabs but no other control characters. Said before anything else about the
    text: the character is what makes it look wrong."""
    doc, data, vocabulary, claimed = record.doc, record.data, record.vocabulary, record.claimed
    for name, value in data.items():
        field = vocabulary.fields.get(name)
        if field is None or (name,) in doc.unreadable:
            continue
        if field.kind == "text" and isinstance(value, str):
            _characters(doc, (name,), value, claimed, multiline=name in MULTILINE_FIELDS)
        elif field.kind in _TEXT_LIST_KINDS and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    _characters(doc, (name, i), item, claimed)
        elif field.kind == "rationale" and isinstance(value, dict):
            for facet, line in value.items():
                if facet in vocabulary.categories and isinstance(line, str):
                    _characters(doc, (name, facet), line, claimed)
        elif field.kind == "published" and isinstance(value, dict):
            for key, item in value.items():
                if PUBLISHED_KEYS.get(key) == "text" and isinstance(item, str):
                    _characters(doc, (name, key), item, claimed)


def _characters(doc: Document, keypath: KeyPath, value: str, claimed: set[KeyPath], multiline: bool = False) -> None:
    found = (_CONTROL_BUT_LINES if multiline else CONTROL_CHARACTERS).search(value)
    if found is None or not value.strip() or keypath in doc.unreadable:
        return  # blank text is the schema's to report
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
    claimed.add(keypath)


def _author_names(record: _Record) -> None:
    """An author as BibTeX writes one ('Family, Given', 'A and B', '... and others'): what
    to write instead (`author_name_problem`)."""
    doc, data, vocabulary, claimed = record.doc, record.data, record.vocabulary, record.claimed
    for name, value in data.items():
        field = vocabulary.fields.get(name)
        if field is None or field.kind != "author-list" or not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            where = (name, i)
            if isinstance(item, str) and item.strip() and where not in claimed and where not in doc.unreadable:
                problem = author_name_problem(item)
                if problem is not None:
                    doc.report(where, problem)
                    claimed.add(where)


def _arxiv_read_as_a_number(record: _Record) -> None:
    """An unquoted arXiv id is a number to YAML, and 1810.03910 becomes 1810.0391."""
    doc, data, vocabulary, claimed = record.doc, record.data, record.vocabulary, record.claimed
    for name, value in data.items():
        field = vocabulary.fields.get(name)
        if field is not None and field.kind == "arxiv" and isinstance(value, float) and (name,) not in doc.unreadable:
            written = doc.text(name) or str(value)
            doc.report((name,), f'quote the arXiv id, or YAML reads it as a number: {name}: "{written}"')
            claimed.add((name,))


def _published_as_yaml_read_it(record: _Record) -> None:
    """`published` text that YAML read as a number (`volume: 24`), and a date it read as a
    date (`date: 2018-03-06`, which stays text in the citation): quote it."""
    doc, data, vocabulary, claimed = record.doc, record.data, record.vocabulary, record.claimed
    for name, value in data.items():
        field = vocabulary.fields.get(name)
        if field is None or field.kind != "published" or not isinstance(value, dict):
            continue
        for key, item in value.items():
            where = (name, key)
            if where in doc.unreadable:
                continue
            kind = PUBLISHED_KEYS.get(key)
            if kind == "text" and isinstance(item, (int, float)) and not isinstance(item, bool):
                doc.report(where, f"'{name}.{key}' must be non-empty text (quote it: '{item}'), not {_describe(item)}")
            elif kind == "date" and isinstance(item, datetime.date):
                doc.report(
                    where,
                    f"'{name}.{key}' must be a quoted date 'YYYY-MM-DD' (or 'YYYY-MM') "
                    f"(quote it: '{item.isoformat()}'), not {_describe(item)}",
                )
            else:
                continue
            claimed.add(where)


def _category_of_another_facet(record: _Record) -> None:
    """A category listed under a facet it does not belong to: which facet it belongs to
    (once; the same category again is listed twice, as the schema says)."""
    doc, data, vocabulary, claimed = record.doc, record.data, record.vocabulary, record.claimed
    for facet, allowed in vocabulary.categories.items():
        value = data.get(facet)
        if not isinstance(value, list) or (facet,) in doc.unreadable:
            continue
        seen: set[str] = set()
        for i, item in enumerate(value):
            if not isinstance(item, str) or item in allowed or item in seen:
                continue
            seen.add(item)
            other = vocabulary.category_facets.get(item)
            if other is not None and (facet, i) not in doc.unreadable:
                doc.report(
                    (facet, i),
                    f"unknown '{facet}' category {quoted(item)}: '{item}' is a '{other}' category, move it to "
                    f"'{other}'; allowed: {', '.join(vocabulary.category_order[facet])}",
                )
                claimed.add((facet, i))


HINTS = (
    _control_characters,
    _author_names,
    _arxiv_read_as_a_number,
    _published_as_yaml_read_it,
    _category_of_another_facet,
)


# -- checks of what the schema accepted ----------------------------------------------------


def _year_not_after_next_year(record: _Record) -> None:
    """A year at most next year (a work accepted but not yet out): the date decides, which a
    published schema cannot know. Said as the schema says a year before the earliest."""
    doc, data, schema, latest, accepted = record.doc, record.data, record.schema, record.latest, record.accepted
    properties = schema["properties"]
    published = properties.get("published")
    places = [
        (("year",), properties.get("year")),
        (("published", "year"), published["properties"]["year"] if published is not None else None),
    ]
    for path, year_schema in places:
        if year_schema is None:
            continue
        value: Any = data
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and value > latest and accepted(*path):
            template = year_schema["x-messages"]["minimum"]
            doc.report(path, template.replace("{plain}", str(value)).replace(LATEST_YEAR, str(latest)))


def _dates_unquoted(record: _Record) -> None:
    """A date field (`added`) is a date to YAML: written without quotes."""
    doc, data, vocabulary, accepted = record.doc, record.data, record.vocabulary, record.accepted
    for name in vocabulary.date_fields:
        value = data.get(name)
        if isinstance(value, str) and accepted(name):
            doc.report(
                (name,),
                f"'{name}' must be a date written YYYY-MM-DD without quotes ({name}: {one_line(value)}), "
                f"not {_describe(value)}",
            )


def _id_is_the_file_name(record: _Record) -> None:
    """The id equals the file name (a schema sees the file's content alone)."""
    doc, data, file, accepted = record.doc, record.data, record.file, record.accepted
    record_id = data.get("id")
    if file is not None and isinstance(record_id, str) and accepted("id") and record_id != file.stem:
        doc.report(
            ("id",),
            f"id '{record_id}' must equal the file name: rename the file to "
            f"'{record_id}{file.suffix}' or set id: {one_line(file.stem)}",
        )


def _unverified_waives_fields(record: _Record) -> None:
    """A required field left out only where `unverified` names it (the schema's root
    `allOf`), with the message of the field's schema."""
    doc, data, vocabulary, schema = record.doc, record.data, record.vocabulary, record.schema
    unverified = data.get("unverified")
    for name, field in vocabulary.fields.items():
        if field.required and field.waived_if_unverified and name not in data:
            if not (isinstance(unverified, list) and name in unverified):
                doc.report((), missing_key_message(schema["properties"][name], name))


def _snapshot_membership(taxonomy: Taxonomy) -> str:
    """How a record shows it is outside every snapshot, for messages: "in_2018_table not true"."""
    ways = [f"{s.field} not true" for s in taxonomy.snapshots if s.field]
    ways.append(f"'snapshots' not listing {' or '.join(s.id for s in taxonomy.snapshots)}")
    return ", ".join(ways)


def _rationale_for_each_tagged_facet(record: _Record) -> None:
    """A work outside every snapshot of a survey that names snapshots was classified by a
    contributor, not by the survey: each facet it is tagged under says why, with one line of
    `rationale` (the schema's root `allOf`). A survey without snapshots (a SurVis import)
    has only its own works."""
    doc, taxonomy = record.doc, record.taxonomy
    if not taxonomy.snapshots or in_a_snapshot(doc.data, taxonomy):
        return  # a survey without snapshots has no later works: its tags are all its own
    rationale = doc.data.get("rationale")
    if rationale is not None and not isinstance(rationale, dict):
        return  # reported by the schema
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


# After the schema, on the values it accepted, for any fields given...
CHECKS_OF_ACCEPTED_VALUES = (
    _year_not_after_next_year,
    _dates_unquoted,
)
# ... and for a whole record (`check_document`).
CHECKS_OF_A_RECORD = (
    _id_is_the_file_name,
    _unverified_waives_fields,
    _rationale_for_each_tagged_facet,
)
# Every named check, in the order they run: a test checks that each message `survey
# validate` gives comes from the record schema or from one of these.
NAMED_CHECKS = (*HINTS, *CHECKS_OF_ACCEPTED_VALUES, *CHECKS_OF_A_RECORD)


def in_a_snapshot(record: dict[str, Any], taxonomy: Taxonomy) -> bool:
    """Whether the record belongs to one of the project's snapshots: listed under
    `snapshots`, or with a snapshot's own field (the flagship's `in_2018_table`) true."""
    listed = record.get("snapshots")
    listed = set(item for item in listed if isinstance(item, str)) if isinstance(listed, list) else set()
    return any(s.id in listed or (s.field is not None and record.get(s.field) is True) for s in taxonomy.snapshots)


# An author is "Given Family" as printed: a family name after a given name or initials.
# What a full list must not hold: an abbreviation of the rest, or "Family, Given" order.
_NOT_AN_AUTHOR = re.compile(r"(?i)^(et\.?\s*al\.?|others|and others|\.\.\.|…)$|\bet\.?\s+al\b")


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
