"""One record builder for every SurVis input: entries (from a .bib or a bib.js), the tag
files and properties.js become the taxonomy, venues, records and settings of a project.

- Tags: `keywords = {facet:value, ...}`; a tag without ':' is a plain tag, kept in the
  record's `keywords`. Tags that differ only in case or in spacing (around the colon too)
  are one tag, and each such merge is reported once. A facet exists where a paper uses it,
  or where tag_categories.js declares it and some tag gives it a value; a facet that only
  authorized_tags.js names (SurVis's template `type:system`) is left out. Two tags run
  together without their comma (`a:x b:y`, where `b` is a facet) are read as two.
- Venue: the journal or booktitle (or howpublished, series, school, institution), never
  the publisher, which stays `published.publisher`.
- Links: `url`; `doi`, also as a doi.org link; `bdsk-url-N` and `adsurl` where there is no
  `url`; `eprint` (arXiv) and arXiv links as `arxiv`. A further link has no place in a
  record and is reported.
- Abstract: `abstract`, as text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey.contribute.bibtex import BibEntry, BibtexError, ascii_fold, latex_to_text
from survey.contribute.citation import arxiv_in, citation_from_bibtex, clean_arxiv, clean_doi
from survey.contribute.scaffold import short_authors
from survey.contribute.survis.bib_reader import read_bibtex
from survey.contribute.survis.bibjs import read_bibjs
from survey.contribute.survis.layout import Layout, locate, read_text
from survey.contribute.survis.properties import read_properties
from survey.contribute.survis.report import Report
from survey.contribute.survis.tag_files import read_tag_file
from survey.records.problems import quoted
from survey.records.source import Document
from survey.records.taxonomy import RESERVED_FACET_IDS, Taxonomy
from survey.records.validate import check_fields, normalize_title

# Facet colours: ColorBrewer's Dark2, repeated past eight.
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
# BibTeX entry type -> venue type key: how the venues are grouped.
VENUE_TYPES = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "book": "book",
    "incollection": "book",
    "inbook": "book",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
}
VENUE_TYPE_LABELS = {
    "journal": "Journals",
    "conference": "Conferences",
    "book": "Books",
    "report": "Reports",
    "thesis": "Theses",
    "other": "Other",
}
_KIND_OF_TYPE = {"book": "book", "incollection": "incollection", "inbook": "incollection", "unpublished": "unpublished"}
# `published` keys read from the entry's fields of the same name.
PUBLISHED_FIELDS = ("journal", "booktitle", "volume", "number", "pages", "publisher", "school", "institution", "note")
# Fields the import reads: a field one letter off (absrtact, authors, keyword) is read as
# the one meant where that one is absent, and reported.
READ_FIELDS = (
    "abstract",
    "keywords",
    "author",
    "title",
    "journal",
    "booktitle",
    "publisher",
    "howpublished",
    "institution",
)
# A tag as the spellings are compared: (facet, value) with case and spacing dropped; the
# facet None for a plain tag. An entry's tag as read: ('facet', fid, cid) or ('plain', label).
TagKey = tuple[str | None, str]
Tag = tuple[str, ...]

_MONTH = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}


@dataclass
class Import:
    """What a SurVis survey becomes, and what was reported on the way."""

    facets: list[dict[str, Any]] = field(default_factory=list)  # taxonomy.yaml's facets
    venues: dict[str, dict[str, str]] = field(default_factory=dict)  # venues.yaml's venues
    venue_types: dict[str, str] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # `path:line: message` lines
    summary: list[str] = field(default_factory=list)  # per file: entries seen, imported, ...
    title: str = ""  # from properties.js
    description: str = ""
    citation: str = ""
    source: str = ""  # the data file read, as messages name it
    site_name: str = ""  # the site folder's name, for a title where properties.js gives none


def slug(text: str, joiner: str) -> str:
    """Lowercase ASCII letters and digits joined by `joiner`: 'how (data input)' ->
    'how_data_input', 'very_high' -> 'very-high'."""
    return joiner.join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))


def norm(text: str) -> str:
    """What two spellings of one tag share: case and spacing dropped."""
    return " ".join(text.split()).casefold()


def read_survis(given: Path, shown: str | None = None) -> Import:
    """Read a SurVis site (a folder, or one of its data files). Raises SurvisError (a
    BibtexError) where there is no data or the data file cannot be read at all."""
    layout = locate(given, shown)
    report = Report()
    result = Import()
    data_shown = result.source = layout.display(layout.data_file)
    result.site_name = layout.root.resolve().name
    report.note(f"{data_shown}: the bibliography read")
    for line in layout.not_read:
        report.note(line)
    declared = read_tag_file(
        layout.tag_categories, _shown(layout, layout.tag_categories), "tagCategories", report, layout.root
    )
    authorized = read_tag_file(
        layout.authorized_tags, _shown(layout, layout.authorized_tags), "authorizedTags", report, layout.root
    )
    properties = read_properties(layout.properties, _shown(layout, layout.properties), report, layout.root)
    if properties.not_imported:
        report.note(
            f"{_shown(layout, layout.properties)}: not imported (settings of SurVis's own page): "
            + ", ".join(properties.not_imported)
        )
    text = read_text(layout.data_file, data_shown, inside=layout.root)
    entries = read_bibtex(text, data_shown, report) if layout.is_bibtex else read_bibjs(text, data_shown, report)
    for entry in entries:
        _respell_fields(entry, data_shown, report)
    slots = [_tag_slots(entry, data_shown, report) for entry in entries]
    vocabulary = _Vocabulary(
        declared or {},
        authorized,
        _shown(layout, layout.authorized_tags),
        _shown(layout, layout.tag_categories),
        report,
    )
    tagged = vocabulary.build(entries, slots, data_shown)
    result.facets = vocabulary.facets
    taken: set[str] = set()
    recorded: dict[str, dict[str, Any]] = {}  # DOI or normalized title -> the record holding it
    counts = report.count(data_shown)
    for entry, tags in zip(entries, tagged):
        record = _record(entry, tags, vocabulary, data_shown, taken, result, report)
        if record is None:
            continue
        same = next(
            (
                (what, recorded[key])
                for what, key in (
                    ("DOI", (record.get("doi") or "").lower()),
                    ("title", normalize_title(record["title"])),
                )
                if key and key in recorded
            ),
            None,
        )
        if same:
            first = same[1]
            for fid in vocabulary.facet_ids:
                first[fid] += [c for c in record[fid] if c not in first[fid]]
            if record.get("keywords"):
                first["keywords"] = first.get("keywords", []) + [
                    k for k in record["keywords"] if k not in first.get("keywords", [])
                ]
            report.add(
                data_shown,
                entry.line,
                f"entry {quoted(entry.key)} has the same {same[0]} as "
                f"{quoted(first.get('survey_key', first['id']))}: one work, "
                "recorded once, with the tags of both",
            )
            counts.imported += 1
            counts.merged += 1
            continue
        recorded.update(
            {key: record for key in ((record.get("doi") or "").lower(), normalize_title(record["title"])) if key}
        )
        result.records.append(record)
        counts.imported += 1
    result.venue_types = {
        key: label for key, label in VENUE_TYPE_LABELS.items() if any(v["type"] == key for v in result.venues.values())
    }
    result.title = properties.title
    result.description = properties.subtitle
    paper = next(
        (r for r in result.records if properties.paper_key and r.get("survey_key", r["id"]) == properties.paper_key),
        None,
    )
    if paper is not None:
        result.citation = (
            f"{', '.join(paper.get('author_list', [])) or paper.get('authors', '')}: "
            f"{paper['title']}. {paper['venue']}, {paper.get('year', 'n.d.')}."
        ).lstrip(": ")
    result.problems = report.messages()
    result.summary = report.summary()
    return result


def _shown(layout: Layout, path: Path | None) -> str:
    return layout.display(path) if path is not None else ""


def _respell_fields(entry: BibEntry, path: str, report: Report) -> None:
    for name in list(entry.fields):
        if name in READ_FIELDS or len(name) < 5:
            continue
        meant = next((f for f in READ_FIELDS if f not in entry.fields and _one_edit(name, f)), None)
        if meant:
            entry.fields[meant] = entry.fields.pop(name)
            entry.field_lines[meant] = entry.field_lines.get(name, entry.line)
            report.repair(
                path,
                entry.field_lines[meant],
                entry.key,
                f"field {quoted(name)} of entry {quoted(entry.key)} is read as {quoted(meant)}",
            )


def _one_edit(a: str, b: str) -> bool:
    """One letter added, left out, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# -- tags ---------------------------------------------------------------------------------


@dataclass
class _Slot:
    facet: str | None  # as written (None: a plain tag)
    value: str  # LaTeX read as text
    line: int
    written: str = ""  # the whole tag as written, where LaTeX made it differ, for messages


def _tag_slots(entry: BibEntry, path: str, report: Report) -> list[_Slot]:
    raw = entry.fields.get("keywords")
    if raw is None:
        return []
    line = entry.field_lines.get("keywords", entry.line)
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
        report.repair(path, line, entry.key, f"the keywords of {quoted(entry.key)} are in quotes: read without them")
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):  # commas inside braces belong to a braced set
        depth += (char == "{") - (char == "}" and depth > 0)
        if char == "," and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    slots = []
    for piece in pieces:
        group = re.fullmatch(r"\s*([^:{}]*?)\s*:\s*\{([^{}]*)\}\s*", piece)
        if group:
            values = [v for v in group.group(2).split(",") if v.strip()]
            report.repair(
                path,
                line,
                entry.key,
                f"the braced set {quoted(piece.strip())} of {quoted(entry.key)} "
                f"is read as {len(values)} tags of {quoted(group.group(1))}",
            )
            slots += [_Slot(group.group(1), _tag_text(v), line) for v in values]
            continue
        tag = _tag_text(piece)
        written = " ".join(piece.replace("{", "").replace("}", "").strip().strip('"').split())
        if not tag:
            report.group("an empty tag (two commas in a row, or one at the end): left out", path, line)
            continue
        facet, colon, value = tag.partition(":")
        written = written if written != tag else ""
        if not colon:
            slots.append(_Slot(None, tag, line, written))
        elif not value.strip():
            report.group(f"tag {quoted(tag)} has no value after the ':': left out", path, line)
        elif not facet.strip():
            slots.append(_Slot(None, value.strip(), line, written.partition(":")[2].strip()))
        else:
            slots.append(_Slot(facet, value, line, written))
    return slots


def _tag_text(piece: str) -> str:
    text = piece.replace("{", "").replace("}", "").strip().strip('"').strip()
    if "\\" in text:
        text = latex_to_text(text)
    return " ".join(text.split())


class _Vocabulary:
    """The facets and categories, from the tag files and every paper's tags."""

    def __init__(
        self,
        declared: dict[str, tuple[str, int]],
        authorized: dict[str, tuple[str, int]] | None,
        authorized_shown: str,
        declared_shown: str,
        report: Report,
    ):
        self.declared = {
            norm(name): (" ".join(name.split()), description) for name, (description, _) in declared.items()
        }
        self.authorized = authorized
        self.authorized_shown, self.declared_shown = authorized_shown, declared_shown
        self.report = report
        self.facets: list[dict[str, Any]] = []
        self.facet_ids: list[str] = []
        self.ids: dict[TagKey, tuple[str, str]] = {}  # (facet norm, value norm) -> (fid, cid)
        self.plain: dict[str, str] = {}  # value norm -> label
        self.use_lines: dict[TagKey, list[int]] = {}  # (facet norm, value norm) -> every line using it

    def build(self, entries: list[BibEntry], slots: list[list[_Slot]], path: str) -> list[list[Tag]]:
        """Each entry's tags as ('facet', fid, cid) or ('plain', label)."""
        used = Counter(norm(s.facet) for tags in slots for s in tags if s.facet is not None)
        slots = [self._split_run_together(entry, tags, used, path) for entry, tags in zip(entries, slots)]
        facet_spellings: dict[str, Counter[str]] = {}
        value_spellings: dict[TagKey, Counter[str]] = {}
        written: dict[TagKey, Counter[str]] = {}  # the tags as written, for messages
        first_line: dict[tuple[str | None, ...], int] = {}
        for tags in slots:
            for s in tags:
                fkey = norm(s.facet) if s.facet is not None else None
                if fkey is not None:
                    facet_spellings.setdefault(fkey, Counter())[s.facet or ""] += 1
                key: TagKey = (fkey, norm(s.value))
                value_spellings.setdefault(key, Counter())[s.value] += 1
                written.setdefault(key, Counter())[
                    s.written or (f"{s.facet}:" if s.facet is not None else "") + s.value
                ] += 1
                first_line.setdefault(key, s.line)
                self.use_lines.setdefault(key, []).append(s.line)
                first_line.setdefault((fkey,), s.line)
        # authorized tags: facet:value, a facet's name (every value), or a plain tag
        auth_values: dict[tuple[str | None, str], str] = {}
        auth_facets: dict[str, str] = {}
        for name, (description, _) in (self.authorized or {}).items():
            facet, colon, value = name.partition(":")
            if colon and value.strip():
                auth_values[(norm(facet), norm(value))] = " ".join(value.split())
            elif norm(name) in self.declared or norm(name) in facet_spellings:
                auth_facets[norm(name)] = description
            else:
                auth_values[(None, norm(name))] = " ".join(name.split())
        descriptions = {
            (norm(n.partition(":")[0]), norm(n.partition(":")[2])) if ":" in n else (None, norm(n)): d
            for n, (d, _) in (self.authorized or {}).items()
        }
        self._check_authorized(auth_values, auth_facets, value_spellings, first_line, path)
        for fkey, spellings in facet_spellings.items():
            if len(spellings) > 1:
                self._merged("facet names", spellings, first_line[(fkey,)], path)
        for key, spellings in written.items():
            if len(spellings) > 1:
                self._merged("tags", spellings, first_line[key], path)
        # facets: declared ones first (in their order), then as first used
        order = list(self.declared) + [f for f in facet_spellings if f not in self.declared]
        category_ids: dict[str, tuple[str, str]] = {}
        by_facet: dict[str, dict[str, None]] = {}  # facet -> its values, in order (a dict: no duplicates)
        for f, v in auth_values:
            if f is not None and (f in self.declared or f in facet_spellings):
                by_facet.setdefault(f, {})[v] = None
        for f, v in value_spellings:
            if f is not None:
                by_facet.setdefault(f, {})[v] = None
        for fkey in order:
            values = list(by_facet.get(fkey, ()))
            name = (
                self.declared[fkey][0] if fkey in self.declared else facet_spellings[fkey].most_common(1)[0][0].strip()
            )
            name = " ".join(name.split())
            if not values:
                self.report.note(
                    f"{self.declared_shown}: facet {quoted(name)} is declared, but no paper "
                    "gives it a value: left out (a facet needs a category)"
                )
                continue
            fid = slug(name, "_") or "facet"
            fid = fid if re.match(r"[a-z]", fid) else f"f_{fid}"
            while fid in RESERVED_FACET_IDS or fid in self.facet_ids:
                fid += "_tags"
            self.facet_ids.append(fid)
            categories = []
            for vkey in values:
                label = auth_values.get((fkey, vkey)) or value_spellings[(fkey, vkey)].most_common(1)[0][0]
                label = " ".join(label.split())
                cid = slug(label, "-") or "tag"
                if cid in category_ids:
                    cid = f"{fid.replace('_', '-')}-{cid}"  # the same label under another facet
                n = 1
                while cid in category_ids:
                    n += 1
                    cid = f"{fid.replace('_', '-')}-{slug(label, '-') or 'tag'}-{n}"
                category_ids[cid] = (fkey, vkey)
                self.ids[(fkey, vkey)] = (fid, cid)
                categories.append(
                    {
                        "id": cid,
                        "label": label,
                        "short": label,
                        "description": descriptions.get((fkey, vkey)) or f"Tagged '{name}:{label}' in the survey.",
                    }
                )
            question = (
                (self.declared.get(fkey) or ("", ""))[1] or auth_facets.get(fkey) or f"The '{name}' tags of the survey."
            )
            self.facets.append(
                {
                    "id": fid,
                    **({"name": name} if name != fid else {}),
                    "question": question,
                    "color": PALETTE[len(self.facets) % len(PALETTE)],
                    "categories": categories,
                }
            )
        for (fkey, vkey), spellings in value_spellings.items():
            if fkey is None:
                self.plain[vkey] = " ".join((auth_values.get((None, vkey)) or spellings.most_common(1)[0][0]).split())
        out: list[list[Tag]] = []
        for tags in slots:
            mine: list[Tag] = []
            for s in tags:
                key = (norm(s.facet) if s.facet is not None else None, norm(s.value))
                tag: Tag = ("facet", *self.ids[key]) if key[0] is not None else ("plain", self.plain[key[1]])
                if tag not in mine:
                    mine.append(tag)
            out.append(mine)
        return out

    def _merged(self, what: str, spellings: Counter[str], line: int, path: str) -> None:
        listed = " and ".join(f"{quoted(s)} ({n})" for s, n in spellings.most_common())
        self.report.add(path, line, f"{what} {listed} differ only in case, spacing or LaTeX: read as one")

    def _check_authorized(
        self,
        auth_values: dict[TagKey, str],
        auth_facets: dict[str, str],
        value_spellings: dict[TagKey, Counter[str]],
        first_line: dict[tuple[str | None, ...], int],
        path: str,
    ) -> None:
        if self.authorized is None:
            return
        used_facets = {f for f, _ in value_spellings if f is not None}
        unused = sorted(
            {f for f, _ in auth_values if f is not None and f not in used_facets and f not in self.declared}
        )
        for fkey in unused:
            tags = [f"{fkey}:{v}" for f, v in auth_values if f == fkey]
            self.report.note(
                f"{self.authorized_shown}: {', '.join(map(quoted, tags))}: no paper uses facet "
                f"{quoted(fkey)} and {self.declared_shown or 'no tag_categories.js'} does not "
                "declare it: left out (SurVis's template tag)"
                if fkey == "type" and tags == ["type:system"]
                else f"{self.authorized_shown}: {', '.join(map(quoted, tags))}: no paper uses facet "
                f"{quoted(fkey)} and it is not declared: left out"
            )
        in_use = any(key in value_spellings for key in auth_values) or bool(auth_facets)
        if not in_use:
            if value_spellings:
                self.report.note(
                    f"{self.authorized_shown}: lists none of the tags the papers use: tags are not checked against it"
                )
            return
        for key, spellings in value_spellings.items():
            if key not in auth_values and key[0] not in auth_facets:
                tag = (
                    f"{spellings.most_common(1)[0][0]}"
                    if key[0] is None
                    else f"{key[0]}:{spellings.most_common(1)[0][0]}"
                )
                for line in self.use_lines[key]:
                    self.report.group(f"tag {quoted(tag)} is not in authorized_tags.js: kept", path, line)

    def _split_run_together(self, entry: BibEntry, tags: list[_Slot], used: Counter[str], path: str) -> list[_Slot]:
        """`a:x b:y` where `b` is a facet (declared, or used by two tags or more): two tags.
        `w b:y` where `w b` is used nowhere else: a plain tag `w` and `b:y`."""
        known = set(self.declared) | {f for f, n in used.items() if n >= 2}
        out = []
        for s in tags:
            pieces = [s]
            if s.facet is not None and norm(s.facet) not in self.declared and used[norm(s.facet)] == 1:
                cut = _known_suffix(s.facet, known)
                if cut is not None:
                    pieces = [_Slot(None, s.facet[:cut].strip(), s.line), _Slot(s.facet[cut:].strip(), s.value, s.line)]
            last = pieces.pop()
            while last.facet is not None and ":" in last.value and len(pieces) < MAX_RUN_TOGETHER:
                before, _, after = last.value.rpartition(":")
                cut = _known_suffix(before, known)
                if cut is None or not before[:cut].strip() or not after.strip():
                    break
                head, tail = before[:cut].strip(), before[cut:].strip()
                if ":" in head:  # several run together: split the rest first
                    inner = _Slot(last.facet, head, last.line)
                    pieces.append(inner)
                else:
                    pieces.append(_Slot(last.facet, head, last.line))
                last = _Slot(tail, after.strip(), last.line)
            pieces.append(last)
            if len(pieces) > 1:
                shown = ", ".join((f"{p.facet}:" if p.facet else "") + p.value for p in pieces)
                self.report.repair(
                    path,
                    s.line,
                    entry.key,
                    f"a ',' is missing between the tags of {quoted(entry.key)}: read as {shown}",
                )
            out += pieces
        return out


MAX_RUN_TOGETHER = 20  # tags read out of one slot at most: each split is a repair
MAX_FACET_WORDS = 8  # a facet's name is a few words: longer suffixes are not tried


def _known_suffix(text: str, known: set[str]) -> int | None:
    """Where the longest word suffix of `text` (of at most MAX_FACET_WORDS words) that is
    a known facet starts, leaving words before it; or None."""
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", text[-2000:])]
    offset = max(0, len(text) - 2000)
    for start in [offset + s for s in starts[-MAX_FACET_WORDS:]]:
        if norm(text[start:]) in known:
            return start
    return None


# -- records ------------------------------------------------------------------------------


def record_id(key: str, taken: set[str]) -> str:
    """A BibTeX key as a record id: lowercase ASCII letters, digits, '-' and '_', starting
    with a letter; a number is added where two keys would give the same id."""
    base = re.sub(r"[^a-z0-9_-]+", "-", ascii_fold(key).lower()).strip("-_") or "work"
    base = base if re.match(r"[a-z]", base) else f"w{base}"
    candidate, n = base, 0
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _links(entry: BibEntry, path: str, report: Report) -> tuple[str | None, str | None]:
    """(url, doi) from every link field; a further link is reported."""
    doi = entry.verbatim("doi")
    doi = clean_doi(doi) if doi else None
    url = entry.verbatim("url")
    if url and not doi and re.match(r"https?://(dx\.)?doi\.org/10\.", url, re.I):
        doi = clean_doi(url)
    others = [
        (name, entry.verbatim(name) or "")
        for name in sorted(entry.fields)
        if (re.fullmatch(r"bdsk-url-\d+", name) or name == "adsurl") and entry.verbatim(name)
    ]
    for name, link in others:
        if not re.match(r"https?://", link, re.I):
            continue
        if not url:
            url = link
        elif link != url and clean_doi(link) != doi:
            report.add(
                path,
                entry.field_lines.get(name, entry.line),
                f"entry {quoted(entry.key)}: the link in {quoted(name)} ({link}) has no place in a record "
                "(it keeps one url, a doi and an arXiv id): not kept",
            )
    return url, doi


def _venue(entry: BibEntry, citation_venue: str | None) -> str:
    venue = (
        citation_venue
        or entry.text("series")
        or entry.text("school")
        or entry.text("institution")
        or entry.text("organization")
        or VENUE_TYPE_LABELS[VENUE_TYPES.get(entry.type, "other")]
    )
    return " ".join(venue.split())


def _record(
    entry: BibEntry,
    tags: list[Tag],
    vocabulary: _Vocabulary,
    path: str,
    taken: set[str],
    result: Import,
    report: Report,
) -> dict[str, Any] | None:
    where = entry.field_lines.get("author", entry.line)
    try:
        citation = citation_from_bibtex(entry, path)
    except BibtexError as err:
        report.repair(path, where, entry.key, f"{err.message}: the authors of {quoted(entry.key)} are left out")
        entry.fields.pop("author", None)
        citation = citation_from_bibtex(entry, path)
    year = re.search(r"\b(\d{4})\b", citation.year or "")
    if not citation.title:
        report.left_out(path, entry.line, f"entry {quoted(entry.key)} has no title: a record needs one; entry left out")
        return None
    if year is None:  # SurVis shows it (without a year): kept, the year named in `unverified`
        written = f" ({quoted(citation.year)} is not a year)" if citation.year else ""
        report.add(
            path,
            entry.field_lines.get("year", entry.line),
            f"entry {quoted(entry.key)} has no year{written}: kept without one, 'year' named in `unverified`",
        )
    venue = _venue(entry, citation.venue)
    result.venues.setdefault(venue, {"name": venue, "type": VENUE_TYPES.get(entry.type, "other")})
    url, doi = _links(entry, path, report)
    url = url or citation.url
    arxiv = clean_arxiv(citation.arxiv) if citation.arxiv else arxiv_in(url, citation.venue)
    url = url or (f"https://doi.org/{doi}" if doi else None)
    published: dict[str, str | int] = {
        name: " ".join((entry.text(name) or "").split()) for name in PUBLISHED_FIELDS if entry.text(name)
    }
    month = (entry.text("month") or "").strip().lower()
    if month[:3] in _MONTH or (month.isdigit() and 1 <= int(month) <= 12):
        published["month"] = _MONTH.get(month[:3]) or int(month)
    record: dict[str, Any] = {
        "id": record_id(entry.key, taken),
        "title": citation.title,
        "authors": short_authors(citation.people, citation.more_authors) if citation.people else None,
        "author_list": [p.full for p in citation.people] or None,
        "kind": citation.kind or _KIND_OF_TYPE.get(entry.type, "misc"),
        "year": int(year.group(1)) if year else None,
        "venue": venue,
        "url": url,
        "doi": doi,
        "arxiv": arxiv,
        "published": published,
        "sources": [url] if url else None,
    }
    record.update({fid: [] for fid in vocabulary.facet_ids})  # every facet listed, [] where none applies
    keywords = []
    for tag in tags:
        if tag[0] == "facet":
            if tag[2] not in record[tag[1]]:
                record[tag[1]].append(tag[2])
        elif tag[1] not in keywords:
            keywords.append(tag[1])
    record["keywords"] = keywords or None
    record["abstract"] = entry.text("abstract")
    record = {k: v for k, v in record.items() if v is not None and v != {}}
    _drop_invalid(record, entry, path, report)
    if "title" not in record:
        report.count(path).left_out += 1
        return None
    if record["id"] != entry.key:
        record["survey_key"] = entry.key
    return record


# Where a field of a record comes from in the BibTeX entry, for messages.
_SOURCE_FIELD = {
    "author_list": "author",
    "doi": "doi",
    "url": "url",
    "arxiv": "eprint",
    "title": "title",
    "sources": "url",
    "abstract": "abstract",
    "keywords": "keywords",
}
# The bibliographic fields need no vocabulary; one taxonomy for every entry, so that the
# schema they are checked against is built once (survey.records.record_schema).
_NO_VOCABULARY = Taxonomy(facets=(), venues={}, venue_types={})


def _drop_invalid(record: dict[str, Any], entry: BibEntry, path: str, report: Report) -> None:
    """Check each bibliographic field as `survey validate` would; drop those that fail
    (a `published` key alone), report them, and name a dropped required field in
    `unverified` (a fact the import could not confirm is left out, not guessed)."""
    for name in ("title", "author_list", "url", "doi", "arxiv", "sources", "published", "abstract", "keywords"):
        if name not in record:
            continue
        values: list[dict[str, Any]] = (
            [{name: {key: value}} for key, value in record[name].items()]
            if name == "published"
            else [{name: record[name]}]
        )
        for value in list(values):
            doc = Document(path=path, data=value)
            check_fields(doc, _NO_VOCABULARY)
            if not doc.problems:
                continue
            line = entry.field_lines.get(
                next(iter(value[name])) if name == "published" else _SOURCE_FIELD.get(name, name), entry.line
            )
            dropped = f"published.{next(iter(value[name]))}" if name == "published" else name
            report.add(
                path,
                line,
                f"entry {quoted(entry.key)}: {doc.problems[0].message}; "
                f"'{dropped}' left out of the record" + ("; entry left out" if name == "title" else ""),
            )
            if name == "published":
                del record["published"][next(iter(value[name]))]
            else:
                del record[name]
    if not record.get("published"):
        record.pop("published", None)
    if "sources" not in record and "url" in record:
        record["sources"] = [record["url"]]
    unverified = [name for name in ("authors", "author_list", "year", "url", "sources") if name not in record]
    if unverified:
        record["unverified"] = unverified
