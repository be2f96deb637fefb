"""Importing a SurVis survey: `survey init DIR --from-survis SURVIS_DIR`.

SurVis (https://github.com/fabian-beck/survis) keeps a survey in three files:
- `bib/references.bib`: one BibTeX entry per paper, its tags in `keywords = {facet:value, ...}`
  (a tag without ':' belongs to no facet);
- `src/data/tag_categories.js`: the facets and their descriptions;
- `src/data/authorized_tags.js` (optional): the allowed `facet:value` tags and theirs.

Each facet becomes a facet of the taxonomy and each value a category; ids are derived from
the names, which stay as labels. Each entry becomes a record through the same BibTeX reader
as `survey new`. Nothing unreadable stops the import: an entry that cannot be read or a tag
slot left empty is reported `path:line: message` and left out, a tag outside the authorized
list is kept and reported, and a field that fails validation (a DOI that is not one) is
dropped from its record and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey.contribute.bibtex import MAX_ENTRIES, BibEntry, BibtexError, ascii_fold, parse_bibtex
from survey.contribute.citation import citation_from_bibtex, clean_arxiv, clean_doi
from survey.contribute.js_literal import JsLiteralError, read_object_literal
from survey.contribute.scaffold import short_authors
from survey.records.problems import quoted
from survey.records.source import Document
from survey.records.taxonomy import RESERVED_FACET_IDS, Category, Facet, Taxonomy, Venue
from survey.records.validate import CHECKS, normalize_title

BIB = Path("bib") / "references.bib"
TAG_CATEGORIES = Path("src") / "data" / "tag_categories.js"
AUTHORIZED_TAGS = Path("src") / "data" / "authorized_tags.js"
# Where SurVis versions and their forks keep the two JavaScript files: src/data/ in the
# current one, data/ in older ones, docs/data/ in sites published from docs/.
DATA_FOLDERS = (Path("src") / "data", Path("data"), Path("docs") / "data")
UNFACETED = "keywords"  # the facet of tags written without 'facet:'
# Facet colours: ColorBrewer's Dark2, as the flagship's table uses, repeated past eight.
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
# BibTeX entry type -> (venue type key, its label): how the venues are grouped.
VENUE_TYPES = {"article": "journal", "inproceedings": "conference", "conference": "conference",
               "book": "book", "incollection": "book", "inbook": "book", "techreport": "report",
               "phdthesis": "thesis", "mastersthesis": "thesis"}
VENUE_TYPE_LABELS = {"journal": "Journals", "conference": "Conferences", "book": "Books",
                     "report": "Reports", "thesis": "Theses", "other": "Other"}
_KIND_OF_TYPE = {"book": "book", "incollection": "incollection", "inbook": "incollection",
                 "unpublished": "unpublished"}
# Two fields with no ',' between them ("keywords = {...}\n  title = ..."): SurVis's own
# reader takes them, so the import mends them, and says so.
_MISSING_COMMA = re.compile(r"([}\"])([ \t]*)(\r?\n[ \t]*[A-Za-z][\w-]*[ \t]*=)")
_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)


@dataclass
class Import:
    """What a SurVis survey becomes, and what was reported on the way."""
    facets: list[dict[str, Any]] = field(default_factory=list)  # taxonomy.yaml's facets
    venues: dict[str, dict[str, str]] = field(default_factory=dict)  # venues.yaml's venues
    venue_types: dict[str, str] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # `path:line: message`, in file order


def slug(text: str, joiner: str) -> str:
    """Lowercase ASCII letters and digits joined by `joiner`: 'how (data input)' ->
    'how_data_input', 'very_high' -> 'very-high'."""
    return joiner.join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))


def read_survis(folder: Path, shown: str) -> Import:
    """Read a SurVis survey folder; `shown` is how messages name it."""
    result = Import()
    categories_js = _read_js(folder, TAG_CATEGORIES, shown, "tagCategories", result)
    authorized = _read_js(folder, AUTHORIZED_TAGS, shown, "authorizedTags", result)
    bib_path = folder / BIB
    shown_bib = f"{shown}/{BIB.as_posix()}"
    try:
        text = bib_path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise BibtexError(shown_bib, 1, f"cannot read the bibliography: {getattr(err, 'strerror', None) or err}")
    entries = _entries(text, shown_bib, result)
    tagged = [(entry, _tags(entry, shown_bib, authorized, result)) for entry in entries]
    tag_ids = _taxonomy(categories_js or {}, authorized or {}, [tags for _, tags in tagged], result)
    taken: set[str] = set()
    recorded: dict[str, str] = {}  # DOI or normalized title -> the key of the entry holding it
    for entry, tags in tagged:
        record = _record(entry, tags, tag_ids, [f["id"] for f in result.facets], shown_bib, taken, result)
        if record is None:
            continue
        same = [(what, recorded[key]) for what, key in (("DOI", (record.get("doi") or "").lower()),
                                                        ("title", normalize_title(record["title"])))
                if key in recorded]
        if same:
            result.problems.append(f"{shown_bib}:{entry.line}: entry {quoted(entry.key)} has the same "
                                   f"{same[0][0]} as {quoted(same[0][1])}: one work, recorded once; left out")
            continue
        recorded.update({key: entry.key for key in ((record.get("doi") or "").lower(),
                                                    normalize_title(record["title"])) if key})
        result.records.append(record)
    result.venue_types = {key: label for key, label in VENUE_TYPE_LABELS.items()
                          if any(v["type"] == key for v in result.venues.values())}
    return result


def _read_js(folder: Path, relative: Path, shown: str, key: str, result: Import) -> dict | None:
    found = [data / relative.name for data in DATA_FOLDERS if (folder / data / relative.name).is_file()]
    if not found:
        return None
    relative = found[0]
    path = folder / relative
    display = f"{shown}/{relative.as_posix()}"
    try:
        data = read_object_literal(path.read_text(encoding="utf-8-sig"), display, key)
    except (OSError, UnicodeDecodeError) as err:
        result.problems.append(f"{display}:1: cannot read the file: {getattr(err, 'strerror', None) or err}; "
                               "imported without it")
        return None
    except JsLiteralError as err:
        result.problems.append(f"{err}; imported without this file")
        return None
    return {str(k): v if isinstance(v, dict) else {} for k, v in data.items()}


def _entries(text: str, path: str, result: Import) -> list[BibEntry]:
    """Every readable entry; each is read on its own, so that one with a syntax error is
    reported and left out while the others are kept. @string abbreviations defined before
    an entry stay in force for it. One pass: lines are counted as the entries go."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    if len(starts) > MAX_ENTRIES:
        raise BibtexError(path, 1, f"{len(starts):,} entries, more than the {MAX_ENTRIES:,} an import reads")
    strings: dict[str, str] = {}
    entries = []
    line, counted_to = 1, 0
    for start, end in zip(starts, starts[1:] + [len(text)]):
        line += text.count("\n", counted_to, start)
        counted_to = start
        chunk = text[start:end]
        command = re.match(r"\s*@\s*(\w*)", chunk).group(1).lower()
        if command in ("comment", "preamble"):
            continue
        entry = _parse_one(chunk, path, line, strings, result)
        if entry is not None:
            entries.append(entry)
    return entries


def _parse_one(chunk: str, path: str, first_line: int, strings: dict[str, str],
               result: Import) -> BibEntry | None:
    offset = first_line - 1  # the chunk's line 1 is the file's first_line

    def parse(text: str) -> BibEntry | None:
        found = parse_bibtex(text, path, strings=strings)
        if not found:
            return None  # an @string definition
        entry = found[0]
        entry.line += offset
        entry.field_lines = {k: v + offset for k, v in entry.field_lines.items()}
        return entry

    try:
        return parse(chunk)
    except BibtexError as err:
        mended = _MISSING_COMMA.sub(r"\1,\2\3", chunk)
        entry = None
        try:
            entry = parse(mended) if mended != chunk else None
        except BibtexError as after:
            err = after  # what is wrong once the commas are there
        if entry is None:
            # a line the message names ("first on line 2") counts from the entry read alone
            message = re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + offset}", err.message)
            result.problems.append(f"{path}:{err.line + offset}: {message}; entry left out")
            return None
        result.problems.append(f"{path}:{err.line + offset}: a ',' is missing between two fields of "
                               f"entry {quoted(entry.key)}: read as if it were there")
        return entry


def _tags(entry: BibEntry, path: str, authorized: dict | None, result: Import) -> list[tuple[str, str]]:
    """The entry's (facet, value) tags; ('keywords', tag) for a tag without a facet."""
    raw = entry.fields.get("keywords")
    if raw is None:
        return []
    line = entry.field_lines.get("keywords", entry.line)
    tags = []
    for slot in raw.split(","):
        tag = " ".join(slot.replace("{", "").replace("}", "").split())
        if not tag:
            result.problems.append(f"{path}:{line}: an empty tag in the keywords of {quoted(entry.key)} "
                                   "(two commas in a row, or one at the end): left out")
            continue
        if authorized is not None and tag not in authorized:
            result.problems.append(f"{path}:{line}: tag {quoted(tag)} of {quoted(entry.key)} is not in "
                                   f"{AUTHORIZED_TAGS.name}: kept")
        facet, sep, value = tag.partition(":")
        tags.append((facet.strip(), value.strip()) if sep and facet.strip() and value.strip()
                    else (UNFACETED, tag))
    return tags


def _taxonomy(categories_js: dict, authorized: dict, tag_lists: list,
              result: Import) -> dict[tuple[str, str], tuple[str, str]]:
    """Build the facets (in the order tag_categories.js gives, then as tags first appear),
    with their categories (in the order of the authorized list, then as they first appear).
    Returns (facet name, value) -> (facet id, category id). A category's id is derived from
    its label and unique across facets (the facet's id goes first where two would clash)."""
    values: dict[str, dict[str, str]] = {name: {} for name in categories_js}  # facet -> value -> slug
    seen = [tag.partition(":")[::2] for tag in authorized] + [tag for tags in tag_lists for tag in tags]
    for facet, value in seen:
        if value:
            values.setdefault(facet, {}).setdefault(value, slug(value, "-") or "tag")
    ids: dict[tuple[str, str], tuple[str, str]] = {}
    facet_ids: set[str] = set()
    category_ids: dict[str, str] = {}  # category id -> the value it was made from
    for name, facet_values in values.items():
        if not facet_values:
            continue  # a facet no paper and no authorized tag uses
        fid = slug(name, "_") or "facet"
        fid = fid if re.match(r"[a-z]", fid) else f"f_{fid}"
        while fid in RESERVED_FACET_IDS or fid in facet_ids:
            fid += "_tags"
        facet_ids.add(fid)
        entries = []
        for value, cid in facet_values.items():
            if category_ids.get(cid, (name, value))[0] != name:
                cid = f"{fid.replace('_', '-')}-{cid}"  # the same label under another facet
            if cid in category_ids and category_ids[cid] != (name, value):
                result.problems.append(f"tag {quoted(name + ':' + value)} has the same id ({cid}) as "
                                       f"{quoted(':'.join(category_ids[cid]))}: both are read as one category")
            else:
                category_ids[cid] = (name, value)
                entries.append({"id": cid, "label": value, "short": value,
                                "description": _description(authorized.get(f"{name}:{value}"))
                                or f"Tagged '{name}:{value}' in the survey."})
            ids[name, value] = (fid, cid)
        result.facets.append({"id": fid, **({"name": name} if name != fid else {}),
                              "question": _description(categories_js.get(name))
                              or f"The '{name}' tags of the survey.",
                              "color": PALETTE[len(result.facets) % len(PALETTE)], "categories": entries})
    return ids


def _description(entry: Any) -> str:
    text = entry.get("description") if isinstance(entry, dict) else None
    return " ".join(text.split()) if isinstance(text, str) else ""


def record_id(key: str, taken: set[str]) -> str:
    """A BibTeX key as a record id: lowercase ASCII letters, digits, '-' and '_', starting
    with a letter; a letter is added where two keys would give the same id."""
    base = re.sub(r"[^a-z0-9_-]+", "-", ascii_fold(key).lower()).strip("-_") or "work"
    base = base if re.match(r"[a-z]", base) else f"w{base}"
    candidate, n = base, 0
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _record(entry: BibEntry, tags: list[tuple[str, str]], tag_ids: dict, facets: list[str],
            path: str, taken: set[str], result: Import) -> dict[str, Any] | None:
    where = f"{path}:{entry.line}"
    try:
        citation = citation_from_bibtex(entry, path)
    except BibtexError as err:
        result.problems.append(f"{err}; entry {quoted(entry.key)} left out")
        return None
    year = re.search(r"\b(\d{4})\b", citation.year or "")
    missing = [what for what, value in (("title", citation.title), ("author", citation.people),
                                        ("year", year)) if not value]
    if missing:
        result.problems.append(f"{where}: entry {quoted(entry.key)} has no {' and no '.join(missing)}: "
                               "a record needs them; entry left out")
        return None
    venue = (citation.venue or entry.text("publisher") or entry.text("institution")
             or entry.text("school") or entry.text("series") or VENUE_TYPE_LABELS["other"])
    venue = " ".join(venue.split())
    result.venues.setdefault(venue, {"name": venue, "type": VENUE_TYPES.get(entry.type, "other")})
    doi = clean_doi(citation.doi) if citation.doi else None
    url = citation.url or (f"https://doi.org/{doi}" if doi else None)
    record: dict[str, Any] = {
        "id": record_id(entry.key, taken), "title": citation.title,
        "authors": short_authors(citation.people, citation.more_authors),
        "author_list": [p.full for p in citation.people],
        "kind": citation.kind or _KIND_OF_TYPE.get(entry.type, "misc"),
        "year": int(year.group(1)), "venue": venue, "url": url, "doi": doi,
        "arxiv": clean_arxiv(citation.arxiv) if citation.arxiv else None,
        "published": {name: entry.text(name) for name in ("journal", "booktitle", "volume", "number",
                                                          "pages", "publisher") if entry.text(name)},
        "sources": [url] if url else None,
    }
    record.update({fid: [] for fid in facets})  # every facet is listed, [] where none applies
    for facet_name, value in tags:
        fid, cid = tag_ids[facet_name, value]
        if cid not in record[fid]:
            record[fid].append(cid)
    record = {k: v for k, v in record.items() if v is not None and v != {}}
    _drop_invalid(record, entry, path, result)
    if "title" not in record:  # reported by _drop_invalid; a record needs its title
        return None
    if record["id"] != entry.key:
        record["survey_key"] = entry.key
    return record


# Where a field of a record comes from in the BibTeX entry, for messages.
_SOURCE_FIELD = {"author_list": "author", "doi": "doi", "url": "url", "arxiv": "eprint",
                 "title": "title", "year": "year", "sources": "url"}


def _drop_invalid(record: dict[str, Any], entry: BibEntry, path: str, result: Import) -> None:
    """Check each bibliographic field as `survey validate` would; drop those that fail
    (a `published` key alone), report them, and name a dropped required field in
    `unverified` (a fact the import could not confirm is left out, not guessed)."""
    taxonomy = Taxonomy(facets=(), venues={}, venue_types={})
    for name in ("title", "author_list", "url", "doi", "arxiv", "sources", "published"):
        if name not in record:
            continue
        values = ({name: {key: value}} for key, value in record[name].items()) \
            if name == "published" else [{name: record[name]}]
        for value in list(values):
            doc = Document(path=path, data=value)
            kind = "published" if name == "published" else _KIND[name]
            CHECKS[kind](doc, name, value[name], taxonomy)
            if not doc.problems:
                continue
            line = entry.field_lines.get(_SOURCE_FIELD.get(name, next(iter(value[name]), name))
                                         if name == "published" else _SOURCE_FIELD.get(name, name),
                                         entry.line)
            dropped = f"published.{next(iter(value[name]))}" if name == "published" else name
            result.problems.append(f"{path}:{line}: entry {quoted(entry.key)}: {doc.problems[0].message}; "
                                   f"'{dropped}' left out of the record"
                                   + ("; entry left out" if name == "title" else ""))
            if name == "published":
                del record["published"][next(iter(value[name]))]
            else:
                del record[name]
    if not record.get("published"):
        record.pop("published", None)
    unverified = [name for name in ("author_list", "url", "sources") if name not in record]
    if unverified:
        record["unverified"] = unverified


_KIND = {"title": "text", "author_list": "author-list", "url": "url", "doi": "doi", "arxiv": "arxiv",
         "sources": "url-list"}
