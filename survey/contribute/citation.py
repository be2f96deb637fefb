"""The bibliographic facts of a work for `survey new`: read from a BibTeX entry (a file or
standard input) or given as flags, with the DOI, arXiv id and link cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from survey.contribute.bibtex import BibEntry, BibtexError, Person, parse_bibtex, split_names
from survey.records.validate import ARXIV_PATTERN


@dataclass(frozen=True)
class Citation:
    """The bibliographic facts of a work, as given (BibTeX fields or flags)."""

    title: str | None = None
    people: tuple[Person, ...] = ()
    more_authors: bool = False  # the author list ends in "and others"
    year: str | None = None
    venue: str | None = None  # as written: "IEEE Transactions on ..." or an abbreviation
    url: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    kind: str | None = None  # one of survey.records.schema.WORK_KINDS, where known
    # The version of record's details, as the record's `published` keeps them: journal or
    # booktitle as written, volume, number, pages, publisher, month (1-12), year.
    published: tuple[tuple[str, str | int], ...] = ()
    source: str = "survey new"  # where the facts come from, as messages start: 'refs.bib:3'


def read_bibtex_entry(source: str, key: str | None, stdin: TextIO) -> tuple[BibEntry, str]:
    """The entry to use from a BibTeX file, or from `stdin` when source is '-', and the name
    to show in messages. Raises BibtexError: unreadable, not UTF-8, several entries but no
    key, or no entry with that key."""
    display = "<stdin>" if source == "-" else source
    try:
        # bytes, so that a file in another encoding is reported, not raised
        data: str | bytes = (
            (getattr(stdin, "buffer", None) or stdin).read() if source == "-" else Path(source).read_bytes()
        )
    except OSError as err:
        raise BibtexError(display, 1, f"cannot read the file: {err.strerror}") from None
    if isinstance(data, bytes):
        raw = data
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw.count(b"\n", 0, err.start) + 1
            raise BibtexError(display, line, "not valid UTF-8 text: save the file as UTF-8") from None
    entries = parse_bibtex(data, display, key)
    if key is not None:
        if entries:
            return entries[0], display
        keys = [e.key for e in parse_bibtex(data, display)][:20]  # read again only to say which
        raise BibtexError(
            display,
            1,
            f"no entry with key '{key}'; the keys are {', '.join(keys)}" + (", ..." if len(keys) == 20 else ""),
        )
    if len(entries) > 1:
        raise BibtexError(
            display,
            entries[1].line,
            f"{len(entries)} entries ({', '.join(e.key for e in entries)}): choose one with --key KEY",
        )
    return entries[0], display


def citation_from_bibtex(entry: BibEntry, path: str) -> Citation:
    """The facts of one BibTeX entry, as far as it gives them (flags may add the rest)."""
    people, more = split_names(entry.fields.get("author", ""), path, entry.field_lines.get("author", entry.line))
    eprint = entry.verbatim("eprint")
    is_arxiv_eprint = (entry.text("archiveprefix") or entry.text("eprinttype") or "arxiv").lower() == "arxiv"
    url = entry.verbatim("url")
    venue = next((entry.text(name) for name in ("journal", "journaltitle", "booktitle") if entry.text(name)), None)
    howpublished = entry.verbatim("howpublished")
    if howpublished and re.match(r"https?://\S+$", howpublished):
        url, venue = url or howpublished, venue or "Web"  # a page on the web, given by its link
    elif howpublished:
        venue = venue or entry.text("howpublished")
    if venue is None and entry.type == "mastersthesis":
        venue = "MS Thesis"
    arxiv = eprint if eprint and is_arxiv_eprint else None
    kind = work_kind(entry.type, venue, url, arxiv)
    # DBLP (CoRR) and Semantic Scholar write an arXiv paper's id as its volume: abs/2401.06112
    volume_arxiv = re.fullmatch(r"abs/(\d{4}\.\d{4,5})(v\d+)?", entry.verbatim("volume") or "")
    if volume_arxiv and (kind == "preprint" or re.search(r"\b(arxiv|corr)\b", venue or "", re.I)):
        arxiv = arxiv or volume_arxiv.group(1)
        kind = "preprint"
    return Citation(
        title=entry.text("title"),
        people=tuple(people),
        more_authors=more,
        year=entry.text("year") or entry.text("date"),  # biblatex: date = {2018-06-01}
        venue=venue,
        url=url,
        doi=entry.verbatim("doi"),
        arxiv=arxiv,
        kind=kind,
        published=published_of(entry, kind, skip_volume=bool(volume_arxiv)),
        source=f"{path}:{entry.line}",
    )


# BibTeX fields kept in the record's `published`, under the same name.
_PUBLISHED_FIELDS = ("journal", "booktitle", "volume", "number", "pages", "publisher")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def published_of(entry: BibEntry, kind: str | None, skip_volume: bool = False) -> tuple[tuple[str, str | int], ...]:
    """The version-of-record fields of an entry, as `published` keeps them: each field the
    record has a place for, in the record's form (pages '1096--1106', month 1-12). A
    preprint's journal ('CoRR', 'ArXiv') is the arXiv id's place, not a publication."""
    kept: dict[str, str | int] = {}
    for name in _PUBLISHED_FIELDS:
        value = entry.text(name)
        if not value or (name == "volume" and skip_volume):
            continue
        if name == "journal" and kind == "preprint":
            continue
        if name == "pages":  # IEEE Xplore writes 1323-1335, BibTeX's style 1323--1335
            value = re.sub(r"^(\w+)\s*[-\u2013\u2014]+\s*(\w+)$", r"\1--\2", value)
        kept[name] = value
    month = entry.text("month")
    if month:
        number = _MONTHS.get(month.strip().rstrip(".").lower())
        if number is None and month.strip().isdigit() and 1 <= int(month) <= 12:
            number = int(month)
        if number is not None:
            kept["month"] = number
    journaltitle = entry.text("journaltitle")  # biblatex's name for the journal
    if journaltitle and "journal" not in kept and kind != "preprint":
        kept["journal"] = journaltitle
    return tuple(kept.items())


# BibTeX/BibLaTeX entry types that say what a work is; @misc and its kin say it only
# together with an arXiv id (a preprint) or a link (a page on the web).
_KIND_OF_TYPE = {
    "article": "article",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "mastersthesis": "mastersthesis",
    "phdthesis": "phdthesis",
    "techreport": "techreport",
    "report": "techreport",
    "online": "online",
    "webpage": "online",
    "electronic": "online",
    "www": "online",
    "software": "software",
    "book": "book",
    "incollection": "incollection",
    "inbook": "incollection",
    "unpublished": "unpublished",
}


def work_kind(entry_type: str, venue: str | None, url: str | None, arxiv: str | None) -> str | None:
    """The record's `kind` for a BibTeX entry type, or None where the type does not say."""
    if re.search(r"\b(arxiv|corr)\b", venue or "", re.IGNORECASE) or (entry_type == "misc" and arxiv):
        return "preprint"  # @article{journal = {arXiv preprint ...}} is a preprint too
    if entry_type in _KIND_OF_TYPE:
        return _KIND_OF_TYPE[entry_type]
    if entry_type == "misc" and url:
        return "online"
    return None


def citation_from_flags(
    title: str | None = None,
    authors: str | None = None,
    year: str | None = None,
    venue: str | None = None,
    url: str | None = None,
    doi: str | None = None,
    arxiv: str | None = None,
    kind: str | None = None,
) -> Citation:
    """The facts given as flags; `authors` is separated like BibTeX ("A and B") or by ';'."""
    people, more = split_names(authors) if authors else ((), False)
    return Citation(
        title=title,
        people=tuple(people),
        more_authors=more,
        year=year,
        venue=venue,
        url=url,
        doi=doi,
        arxiv=arxiv,
        kind=kind,
    )


def override(citation: Citation, flags: Citation) -> Citation:
    """The citation with every fact the flags give replacing the BibTeX one."""
    given = {
        name: getattr(flags, name)
        for name in ("title", "year", "venue", "url", "doi", "arxiv", "kind")
        if getattr(flags, name)
    }
    if flags.people:
        given.update(people=flags.people, more_authors=flags.more_authors)
    return replace(citation, **given)


def clean_doi(doi: str) -> str:
    """'https://doi.org/10.1109/X' or 'doi:10.1109/X' -> '10.1109/X'."""
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.IGNORECASE)


def clean_arxiv(arxiv: str) -> str:
    """'arXiv:1704.01942v2' or an arxiv.org link -> '1704.01942' (the latest version)."""
    text = re.sub(r"^(https?://arxiv\.org/(abs|pdf)/|arxiv:\s*)", "", arxiv.strip(), flags=re.IGNORECASE)
    text = text.removesuffix(".pdf")
    return re.sub(r"v\d+$", "", text) if ARXIV_PATTERN.fullmatch(text) else text


def arxiv_in(*texts: str | None) -> str | None:
    """An arXiv id written in a venue or link: 'arXiv preprint arXiv:1704.01942'."""
    for text in texts:
        match = re.search(r"arxiv(?:\.org/(?:abs|pdf)/|:\s*|\s+)(\d{4}\.\d{4,5})", text or "", re.IGNORECASE)
        if match:
            return match.group(1)
    return None
