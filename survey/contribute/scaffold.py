"""`survey new`: a record file started from a BibTeX entry or from the facts given as flags.

The bibliographic fields are filled in the survey's style (authors "Kahng, et al.", id
`lastnameYEARkeyword`, venue abbreviation); the five facets are left empty, each with a
comment listing its categories, so that `survey validate` reports them until they are
chosen. What cannot be worked out (an unknown venue, a missing link) is left empty with a
TODO comment, and validation reports it too. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime
import glob
import os
import re
import textwrap
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from survey.contribute.bibtex import Person, ascii_fold
from survey.contribute.citation import Citation, arxiv_in, clean_arxiv, clean_doi
from survey.records.problems import quoted
from survey.records.schema import WORK_KINDS
from survey.records.source import read_document
from survey.records.taxonomy import Taxonomy
from survey.records.validate import CONTROL_CHARACTERS, normalize_title
from survey.contribute.venue_match import match_venue
from survey.records.writer import COMMENT_WIDTH, dump_record, facet_guide

SCHEMA_FILE = Path(__file__).parent.parent / "record.schema.json"

# Words skipped when choosing an id's keyword: "Do Convolutional Neural Networks Learn
# Class Hierarchy?" gives bilal2018convolutional, as in the survey.
STOP_WORDS = frozenset(
    """a an the and or but nor of on in at to for from by with without
    into onto over under via vs versus as is are was were be been being do does did can could
    should would will may might must we our you your it its this that these those how what
    why when where who which than then there their not no""".split()
)


class NewRecordError(Exception):
    """A record that cannot be created; the message says why and what to do."""


@dataclass
class NewRecord:
    record: dict[str, Any]
    todos: dict[str, str] = field(default_factory=dict)  # field -> what to do about it
    notes: list[str] = field(default_factory=list)  # what was inferred, for the user


# -- the survey's style -------------------------------------------------------------------


def short_authors(people: tuple[Person, ...] | list[Person], more_authors: bool = False) -> str:
    """'Bruckner', 'Tzeng & Ma', 'Kahng, et al.' (three or more, or a list ending in others)."""
    if not people:
        return ""
    if len(people) >= 3 or more_authors:
        return f"{people[0].last}, et al."
    return " & ".join(p.last for p in people)


def id_words(text: str) -> list[str]:
    """Lowercase ASCII words: 'Seq2Seq-Vis: Ünïcode' -> ['seq2seq', 'vis', 'unicode']."""
    return re.findall(r"[a-z0-9]+", ascii_fold(text).lower())


def keywords(title: str) -> list[str]:
    """The significant words of a title, in order: no stop words, no bare numbers."""
    return [w for w in id_words(title) if w not in STOP_WORDS and not w.isdigit()]


def propose_id(last_name: str, year: int, title: str, taken: set[str]) -> str:
    """`lastnameYEARkeyword`, unique among `taken`: on a collision the next significant
    title word is tried instead of the first, then letters b, c, ... are appended."""
    stem = "".join(id_words(last_name)) or "anonymous"
    if not stem[0].isalpha():
        stem = "n" + stem  # an id starts with a letter
    words = keywords(title) or ["work"]
    for word in words:
        if (candidate := f"{stem}{year}{word}") not in taken:
            return candidate
    first = f"{stem}{year}{words[0]}"
    suffix = 1
    while True:  # `taken` is finite, so this ends
        candidate = first + _letters(suffix)
        if candidate not in taken:
            return candidate
        suffix += 1


def _letters(n: int) -> str:
    """1 -> 'b', 2 -> 'c', ..., 25 -> 'z', 26 -> 'ba': 'a' is the unsuffixed id."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[digit] + out
        if n == 0:
            return out


# -- the record ---------------------------------------------------------------------------


def build_record(
    citation: Citation,
    taxonomy: Taxonomy,
    taken: set[str],
    today: datetime.date | None = None,
    record_id: str | None = None,
) -> NewRecord:
    """The new record's fields in the survey's style. Raises NewRecordError when the title,
    the authors or a four-digit year is missing."""
    _refuse_control_characters(citation)
    missing = [
        what
        for what, value in (("title", citation.title), ("authors", citation.people), ("year", citation.year))
        if not value
    ]
    if missing or not (citation.title and citation.year):  # the second test narrows the types
        raise NewRecordError(
            f"{citation.source}: no {' and no '.join(missing)}: a record needs "
            "the title, the authors and the year (in the BibTeX entry, or as "
            "--title, --authors, --year)"
        )
    year_match = re.search(r"\b(\d{4})\b", citation.year)
    if not year_match:
        raise NewRecordError(f"{citation.source}: year '{citation.year}' is not a year such as 2018")
    year = int(year_match.group(1))
    new = NewRecord(record={})
    arxiv = citation.arxiv or arxiv_in(citation.venue, citation.url)
    arxiv = clean_arxiv(arxiv) if arxiv else None
    doi = clean_doi(citation.doi) if citation.doi else None
    record_id = record_id or propose_id(citation.people[0].last, year, citation.title, taken)
    new.record.update(
        {
            "id": record_id,
            "title": citation.title,
            "authors": short_authors(citation.people, citation.more_authors),
            "author_list": [p.full for p in citation.people],
            "year": year,
            "venue": _venue(citation, arxiv, taxonomy, new),
            "url": _url(citation, doi, arxiv, new),
        }
    )
    new.record["kind"] = citation.kind or _kind_from_venue(new.record["venue"], arxiv)
    if new.record["kind"] is None:
        new.todos["kind"] = _todo(
            "write what the work is, one of " + ", ".join(WORK_KINDS) + " (it decides the BibTeX entry type)."
        )
    if doi:
        new.record["doi"] = doi
    if arxiv:
        new.record["arxiv"] = arxiv
    if citation.published:  # volume, number, pages...: the work page and citations show them
        new.record["published"] = dict(citation.published)
    new.record["sources"] = None
    new.todos["sources"] = _todo(
        "list the http(s) pages where you checked these facts (the "
        "paper's own title block, the publisher's page, DBLP, arXiv), "
        "one per line as '  - https://...'."
    )
    for facet in taxonomy.tagged_facets:
        new.record[facet.id] = None
        new.todos[facet.id] = facet_guide(facet)
    for snapshot in taxonomy.snapshots:  # a snapshot is fixed: a new work is in none of them
        if snapshot.field:
            new.record[snapshot.field] = False
    if citation.more_authors:  # "and others": the list is not complete, and says so
        new.record["unverified"] = ["author_list"]
        new.todos["author_list"] = _todo(
            "the entry ends in 'and others': add every other author "
            "as 'Given Family', then take author_list out of unverified."
        )
    new.record["added"] = today or datetime.date.today()
    return new


def _refuse_control_characters(citation: Citation) -> None:
    """A NUL, line break or other control character (from BibTeX, or a flag) would end up
    in the record's text: refused, with the field it is in."""
    fields = [
        ("title", citation.title),
        ("year", citation.year),
        ("venue", citation.venue),
        ("url", citation.url),
        ("doi", citation.doi),
        ("arxiv", citation.arxiv),
        *(("author", person.full) for person in citation.people),
        *((f"published {key}", value) for key, value in citation.published),
    ]
    for name, value in fields:
        found = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
        if found:
            raise NewRecordError(
                f"{citation.source}: the {name} contains a control character "
                f"({quoted(found.group())}) at character {found.start() + 1}: "
                "a record's fields are one line of plain text; remove it"
            )


def _kind_from_venue(venue: str | None, arxiv: str | None) -> str | None:
    """Flags name no entry type: an arXiv-only work is a preprint, a web page online."""
    if venue == "arXiv" and arxiv:
        return "preprint"
    return "online" if venue == "Web" else None


def _venue(citation: Citation, arxiv: str | None, taxonomy: Taxonomy, new: NewRecord) -> str | None:
    if citation.venue:
        abbr = match_venue(citation.venue, taxonomy)
        if abbr:
            if abbr != citation.venue:
                new.notes.append(f"venue: {abbr} (from '{citation.venue}')")
            return abbr
        new.todos["venue"] = _todo(
            f"'{citation.venue}' matches no venue in the project's venues file. Write "
            f"its abbreviation (a key of that file{_venue_examples(taxonomy)}), "
            "adding the venue there if it is new."
        )
        return None
    if arxiv:
        new.notes.append("venue: arXiv (the entry names no journal or proceedings)")
        return "arXiv"
    new.todos["venue"] = _todo(
        f"no venue given. Write its abbreviation, a key of the project's venues file{_venue_examples(taxonomy)}."
    )
    return None


def _venue_examples(taxonomy: Taxonomy) -> str:
    """', e.g. A, B, C': the first venues of the project's own file, or nothing."""
    return f", e.g. {', '.join(list(taxonomy.venues)[:3])}" if taxonomy.venues else ""


def _url(citation: Citation, doi: str | None, arxiv: str | None, new: NewRecord) -> str | None:
    if citation.url:
        return citation.url
    if doi:
        new.notes.append("url: the DOI link (the entry has no url)")
        return f"https://doi.org/{doi}"
    if arxiv:
        new.notes.append("url: the arXiv page (the entry has no url)")
        return f"https://arxiv.org/abs/{arxiv}"
    new.todos["url"] = _todo("no link given. Write the paper's or project's http(s) address.")
    return None


def _todo(text: str) -> str:
    return textwrap.fill(f"TODO: {text}", COMMENT_WIDTH - 2, break_on_hyphens=False)


def record_text(
    new: NewRecord, path: Path, validate_hint: str, taxonomy: Taxonomy, schema_file: Path = SCHEMA_FILE
) -> str:
    """The file's text: the schema line for YAML language servers, a header, the fields with
    their guides and TODOs, and the optional fields reviewers welcome, commented out."""
    schema = Path(os.path.relpath(schema_file, path.parent)).as_posix()
    facets = len(taxonomy.tagged_facets)
    count = {5: "five"}.get(facets, str(facets))
    header = (
        f"yaml-language-server: $schema={schema}\n"
        f"Fill in the {count} facets (see CONTRIBUTING.md), then run: survey validate {validate_hint}"
    )
    # The rationale example names this project's own first facets, never the flagship's.
    examples = [f.id for f in taxonomy.tagged_facets][:2]
    where = ("Abstract", "Section 3")
    footer = (
        "\nRequired for each facet you tag: one line saying where in the paper the tags come from:\n"
        "rationale:\n"
        + "".join(f"  {facet}: '{place}: \"<quote or close paraphrase>\"'\n" for facet, place in zip(examples, where))
        + "\nOptional, and welcome in a pull request:\n"
        + (
            ""
            if "published" in new.record
            else "published:  # the version of record, where it differs from year/venue above\n"
            "  journal: ...\n  volume: '24'\n  number: '1'\n  pages: 88--97\n  year: 2018\n"
        )
        + (
            ""
            if "unverified" in new.record
            else "unverified: [doi]  # facts no source confirmed (field names or published keys)"
        )
    )
    return dump_record(new.record, comments=new.todos, header=header, footer=footer, fields=taxonomy.fields)


# -- the works folder ---------------------------------------------------------------------


@dataclass
class KnownWorks:
    """What the records of a folder already hold, to refuse a second record of a work."""

    ids: set[str] = field(default_factory=set)
    by_doi: dict[str, str] = field(default_factory=dict)  # lowercase DOI -> 'path:line'
    by_title: dict[str, str] = field(default_factory=dict)  # normalized title -> 'path:line'

    @classmethod
    def read(cls, works_dir: Path) -> "KnownWorks":
        known = cls()
        for file in sorted(works_dir.glob("*.y*ml")):
            known.ids.add(file.stem)
            doc = read_document(file, display_path(file))
            data = doc.data if isinstance(doc.data, dict) else {}
            if isinstance(data.get("doi"), str):
                known.by_doi[data["doi"].lower()] = f"{doc.path}:{doc.where('doi')[0]}"
            if isinstance(data.get("title"), str):
                known.by_title[normalize_title(data["title"])] = f"{doc.path}:{doc.where('title')[0]}"
        return known

    def recorded_as(self, record: dict[str, Any]) -> str | None:
        """Where the work of `record` is already recorded, as 'path:line (same DOI)', or None."""
        doi = record.get("doi")
        if doi and doi.lower() in self.by_doi:
            return f"{self.by_doi[doi.lower()]} (same DOI)"
        where = self.by_title.get(normalize_title(record["title"]))
        return f"{where} (same title)" if where else None


def display_path(path: Path) -> str:
    """The path relative to the working folder when it is inside it, as users typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_new_record(
    new: NewRecord, works_dir: Path, known: KnownWorks, taxonomy: Taxonomy, schema_file: Path = SCHEMA_FILE
) -> Path:
    """Write `<id>.yaml` in works_dir; never replaces a file or records a work twice."""
    if not works_dir.is_dir():
        raise NewRecordError(f"{works_dir}: no such folder (give --works-dir FOLDER)")
    path = works_dir / f"{new.record['id']}.yaml"
    for other in sorted(works_dir.glob(f"{glob.escape(new.record['id'])}.*")):
        if other.suffix.lower() in (".yaml", ".yml") and other.name != path.name:
            raise NewRecordError(
                f"{display_path(other)} already exists, under the id "
                f"'{new.record['id']}': rename it to {path.name} if it is this "
                "work, or choose another --id"
            )
    duplicate = known.recorded_as(new.record)
    if duplicate:
        raise NewRecordError(
            f"{duplicate}: this work is already recorded here; edit this file instead of adding a new one"
        )
    text = record_text(new, path, display_path(path), taxonomy, schema_file)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": fails if the file exists
            out.write(text)
    except FileExistsError:
        raise NewRecordError(
            f"{display_path(path)} already exists: survey new never overwrites "
            "a record; choose another --id or edit that file"
        ) from None
    return path
