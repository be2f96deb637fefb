"""Output formats of `survey query` and `survey export`: table, csv, json, bibtex, ids."""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import re
from typing import Callable, Iterable, cast

import latexcodec  # noqa: F401 - registers the "ulatex" codec
from pybtex.database import Person as PybtexPerson

from survey.records.record import Work
from survey.records.schema import Field
from survey.records.taxonomy import Snapshot, Taxonomy


def as_table(works: Iterable[Work]) -> str:
    works = list(works)
    rows = [(w.id, w.shown_year, w.venue, w.authors, w.title) for w in works]
    header = ("id", "year", "venue", "authors", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)) for row in [header, *rows]
    ]
    lines.append(f"{len(works)} work{'s' if len(works) != 1 else ''}")
    return "\n".join(lines) + "\n"


# OWASP's rule against CSV (formula) injection: a spreadsheet runs a cell that starts with
# one of these as a formula (=HYPERLINK(...), +cmd|...), so such a cell gets a leading
# apostrophe, which spreadsheets read as "this is text". tests/csv_vectors.json holds the
# cases, shared with the table page's CSV button (survey-table-export.js).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """`value` as a CSV cell that no spreadsheet runs as a formula."""
    cell = str(value)
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def as_csv(works: Iterable[Work], facets: tuple[str, ...], snapshots: tuple[Snapshot, ...]) -> str:
    """One row per work: a column per facet (its categories joined by ';') and one per
    snapshot (true/false), named as in to_frame(). Every cell follows the formula rule
    (spreadsheet_cell): JSON, BibTeX and Parquet keep values as they are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            spreadsheet_cell(c)
            for c in [
                "id",
                "title",
                "authors",
                "year",
                "venue",
                "url",
                "doi",
                "arxiv",
                *facets,
                *(s.field or f"in:{s.id}" for s in snapshots),
            ]
        ]
    )
    for w in works:
        writer.writerow(
            [
                spreadsheet_cell(c)
                for c in [
                    w.id,
                    w.title,
                    w.authors,
                    "" if w.year is None else w.year,
                    w.venue,
                    w.url,
                    w.doi or "",
                    w.arxiv or "",
                    *(";".join(w.tags[f]) for f in facets),
                    *(str(s.id in w.snapshots).lower() for s in snapshots),
                ]
            ]
        )
    return out.getvalue()


def as_json(works: Iterable[Work], fields: tuple[Field, ...]) -> str:
    """The records as the project's fields (taxonomy.fields) name and order them."""
    return json.dumps([w.to_record(fields) for w in works], indent=2, ensure_ascii=False) + "\n"


def as_ids(works: Iterable[Work]) -> str:
    return "".join(f"{w.id}\n" for w in works)


# -- BibTeX ---------------------------------------------------------------------------------
#
# Every value is plain Unicode text from a record; it is written as LaTeX that real `bibtex`
# and `pdflatex` read: names split into BibTeX's parts by pybtex, characters encoded by
# latexcodec (pybtex's own encoder), math ($\alpha$) kept, and nothing that could end a
# field early: BibTeX counts every brace, escaped or not, so literal braces become
# \textbraceleft{}/\textbraceright{} in text and %7B/%7D in links.

# kind -> (entry type, the field that names where it appeared)
_ENTRY_TYPES = {
    "article": ("article", "journal"),
    "inproceedings": ("inproceedings", "booktitle"),
    "mastersthesis": ("mastersthesis", "school"),
    "phdthesis": ("phdthesis", "school"),
    "techreport": ("techreport", "institution"),
    "preprint": ("misc", "howpublished"),
    "online": ("misc", "howpublished"),
    "software": ("misc", "howpublished"),
    "book": ("book", "publisher"),
    "incollection": ("incollection", "booktitle"),
    "unpublished": ("unpublished", "note"),
    "misc": ("misc", "howpublished"),
}
# Entry types whose styles require an author; without a confirmed author list such a work is
# written as @misc rather than with a made-up or partial list.
_AUTHOR_REQUIRED = {
    "article",
    "inproceedings",
    "mastersthesis",
    "phdthesis",
    "techreport",
    "incollection",
    "unpublished",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MATH = re.compile(r"\$[^$]+\$")
_NAME_SUFFIX = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV|V)$")
_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "$": r"\$", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def bibtex_entry(work: Work, venue_type: str, venue_name: str) -> str:
    """The work as one BibTeX entry: every author, the entry type of its `kind`, and the
    version of record's fields (`published`), each escaped for BibTeX and LaTeX.
    `venue_name` names the journal or proceedings where `published` does not (except for a
    web page, `venue_type` 'web', whose link says where it is)."""
    published = work.published
    entry_type, container = _ENTRY_TYPES.get(work.kind, ("misc", "howpublished"))
    if entry_type in _AUTHOR_REQUIRED and not work.author_list:
        entry_type, container = "misc", "howpublished"
    fields: list[tuple[str, str]] = []
    if work.author_list:
        fields.append(("author", " and ".join(bibtex_name(a) for a in work.author_list)))
    fields.append(("title", "{" + latex_text(published.get("title", work.title)) + "}"))
    where = published.get(container) or (
        published.get("journal") or published.get("booktitle") if container == "howpublished" else None
    )
    if container == "howpublished" and work.kind == "preprint" and work.arxiv and not where:
        where = f"arXiv preprint arXiv:{work.arxiv}"
    if where or not (container == "howpublished" and venue_type == "web"):  # a web page: its url says it
        fields.append((container, latex_text(where or venue_name)))
    for name in ("volume", "number", "pages", "publisher"):
        if name in published and name != container:  # a book's publisher is its container
            fields.append((name, latex_text(str(published[name]))))
    if entry_type == "techreport" and "report_number" in published:
        fields.append(("number", latex_text(published["report_number"])))
    if work.citation_year is not None:  # BibTeX has no "n.d.": a work without a year has no field
        fields.append(("year", str(work.citation_year)))
    lines = [f"  {name} = {{{value}}}" for name, value in fields]
    if "month" in published:
        lines.append(f"  month = {_MONTHS[published['month'] - 1]}")  # BibTeX's month macro
    extra = [
        ("date", latex_text(published["date"])) if "date" in published else None,
        ("note", latex_text(published["note"])) if "note" in published else None,
        ("url", bibtex_link(published.get("url", work.url))),
        ("doi", bibtex_link(work.doi)) if work.doi else None,
    ]
    if work.arxiv:
        extra += [("eprint", bibtex_link(work.arxiv)), ("archivePrefix", "arXiv")]
    lines += [f"  {name} = {{{value}}}" for name, value in filter(None, extra)]
    return f"@{entry_type}{{{work.id},\n" + ",\n".join(lines) + "\n}\n"


def no_doi_comment(work: Work) -> str:
    """A line before the entry of a work with no DOI, so that whoever cites from the file
    sees it (a reference manager would otherwise look one up, or a style leave it out
    silently); empty for a work with a DOI. BibTeX and its parsers skip @comment."""
    if work.doi:
        return ""
    return f"@comment{{no DOI: {work.id} has no DOI in the survey's records}}\n"


@functools.cache  # pybtex's parse is most of an export; each name is parsed for three files
def bibtex_name(full: str) -> str:
    """'Guy L. Steele Jr.' -> 'Steele, Jr., Guy L.'; 'Jean de La Fontaine' -> 'de La Fontaine,
    Jean': BibTeX's 'von Last, Jr, First', so that every part is read back as it was."""
    words = full.split()
    suffix = words.pop() if len(words) >= 3 and _NAME_SUFFIX.match(words[-1]) else ""
    # commas and a bare 'and' would split the name: braced, they are letters
    protected = [w if w.lower() != "and" and "," not in w else "{" + w + "}" for w in words]
    person = PybtexPerson(" ".join(protected))

    def part(names: list[str]) -> str:
        text = latex_text(" ".join(names).replace("{", "").replace("}", ""))
        return re.sub(r"(?i)(?<![\w\\])(and)(?!\w)|,", lambda m: "{" + m.group() + "}", text)

    family = " ".join(filter(None, (part(person.prelast_names), part(person.last_names))))
    given = part(person.first_names + person.middle_names)
    return ", ".join(filter(None, (family, latex_text(suffix), given)))


def latex_text(text: str) -> str:
    """Plain text as LaTeX for a BibTeX field: specials escaped, non-ASCII letters as LaTeX
    accents where latexcodec knows them, and $...$ math kept as it is (when its braces balance)."""
    out, pos = [], 0
    for math in _MATH.finditer(text):
        out.append(_latex_plain(text[pos : math.start()]))
        out.append(math.group() if _braces_balance(math.group()) else _latex_plain(math.group()))
        pos = math.end()
    out.append(_latex_plain(text[pos:]))
    return "".join(out)


def _latex_plain(text: str) -> str:
    # Braces that pair up are written \{ \}; BibTeX counts them like any brace, so a lone
    # one is written as a command without braces of its own.
    braces = (
        {"{": r"\{", "}": r"\}"} if _braces_balance(text) else {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
    )
    return "".join(braces.get(ch) or _latex_char(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _latex_char(ch: str) -> str:
    """One character as LaTeX: a special escaped, a letter latexcodec knows as its command in
    braces ({\'e}, as BibTeX wants accents for sorting and labels), any other kept as UTF-8."""
    if ch in _LATEX_SPECIALS:
        return _LATEX_SPECIALS[ch]
    # & % # _ ~ and accented letters. latexcodec's "ulatex" codecs turn text into text;
    # typeshed types what a codec it does not know returns as bytes.
    encoded = cast(str, codecs.encode(ch, "ulatex+ascii", "keep"))
    if encoded == ch or ch.isascii():
        return encoded
    return "{" + encoded.strip() + "}"


def _braces_balance(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def bibtex_link(value: str) -> str:
    """A URL, DOI or arXiv id as written, with what BibTeX or LaTeX would read as syntax
    (braces, backslashes, spaces) percent-encoded: a link stays a link."""
    return re.sub(r"[{}\\\s]", lambda m: "%{:02X}".format(ord(m.group())), value)


def formatter(name: str, taxonomy: Taxonomy) -> Callable[[Iterable[Work]], str]:
    """The function that renders works in the named format."""

    def as_bibtex(works: Iterable[Work]) -> str:
        return "\n".join(
            no_doi_comment(w) + bibtex_entry(w, taxonomy.venues[w.venue].type, taxonomy.venues[w.venue].name)
            for w in works
        )

    formats: dict[str, Callable[[Iterable[Work]], str]] = {
        "table": as_table,
        "json": functools.partial(as_json, fields=taxonomy.fields),
        "csv": functools.partial(as_csv, facets=taxonomy.tagged_ids, snapshots=taxonomy.snapshots),
        "bibtex": as_bibtex,
        "ids": as_ids,
    }
    return formats[name]


FORMATS = ("table", "csv", "json", "bibtex", "ids")
