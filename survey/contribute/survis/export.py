"""`survey export --format survis -o DIR`: a project as a SurVis folder again.

    DIR/bib/references.bib          every work, with its original key (survey_key) and
                                    keywords = {facet:tag, ..., plain tag}
    DIR/src/data/tag_categories.js  the facets (their names and questions)
    DIR/src/data/authorized_tags.js every category, as facet:label, with its description
    DIR/src/properties.js           the title, and the description as the subtitle

Every value is plain text from a record, written as LaTeX that the import (and BibTeX)
reads back as the same text; no field is written empty. Importing the folder again gives
the same records and tags.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import re

from survey.query.formats import bibtex_link, bibtex_name
from survey.records.files import write_bytes
from survey.records.project import Project
from survey.records.record import Work

# kind -> BibTeX entry type (the import reads the kind back from the type and fields)
ENTRY_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "preprint": "misc",
    "online": "misc",
    "software": "software",
    "mastersthesis": "mastersthesis",
    "phdthesis": "phdthesis",
    "techreport": "techreport",
    "book": "book",
    "incollection": "incollection",
    "unpublished": "unpublished",
    "misc": "misc",
}
TEXT_FIELDS = ("journal", "booktitle", "volume", "number", "pages", "publisher", "school", "institution", "note")


def dump(data: object) -> str:
    """`data` as a JavaScript literal (JSON is one), indented as SurVis's own files are."""
    return json.dumps(data, indent=4, ensure_ascii=False)


def survis_files(project: Project, works: list[Work]) -> dict[str, str]:
    """The files of the SurVis folder, path -> text."""
    taxonomy = project.taxonomy
    facets = taxonomy.tagged_facets
    categories = {f.id: {c.id: c for c in f.categories} for f in facets}
    entries = []
    for work in works:
        published = work.published
        fields: list[tuple[str, str]] = []
        if work.author_list:
            names = [_author(a, work.authors) for a in work.author_list]
            if work.authors.endswith("et al.") and len(names) < 3:  # "A and others": more than listed
                names.append("others")
            fields.append(("author", " and ".join(names)))
        elif work.authors:  # a short form only (the names could not be split): as it reads back
            fields.append(
                ("author", latex_text(work.authors.replace(", et al.", " and others").replace(" & ", " and ")))
            )
        fields.append(("title", latex_text(work.title)))
        for name in TEXT_FIELDS:
            if published.get(name):
                fields.append((name, latex_text(str(published[name]))))
        if work.venue not in (published.get("journal"), published.get("booktitle")):
            fields.append(("howpublished", latex_text(work.venue)))
        if work.year is not None:  # an entry without a year stays without one
            fields.append(("year", str(work.year)))
        if published.get("month"):
            fields.append(("month", str(published["month"])))
        if work.url:
            fields.append(("url", bibtex_link(work.url)))
        if work.doi:
            fields.append(("doi", bibtex_link(work.doi)))
        if work.arxiv:
            fields += [("eprint", bibtex_link(work.arxiv)), ("archiveprefix", "arXiv")]
        if work.abstract:
            fields.append(("abstract", latex_text(" ".join(work.abstract.split()))))
        tags = [
            f"{facet.name or facet.id}:{categories[facet.id][cid].label}"
            for facet in facets
            for cid in work.tags.get(facet.id, ())
        ]
        tags += list(work.keywords)
        if tags:
            fields.append(("keywords", ", ".join(_tag(t) for t in tags)))
        key = work.survey_key or work.id
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value.strip())
        entries.append(f"@{ENTRY_TYPES.get(work.kind, 'misc')}{{{key},\n{body}\n}}\n")
    tag_categories = {f.name or f.id: {"description": f.question} for f in facets}
    authorized = {f"{f.name or f.id}:{c.label}": {"description": c.description} for f in facets for c in f.categories}
    properties = f"var title = {json.dumps(project.title, ensure_ascii=False)};\n"
    if project.description:
        properties += (
            "var paper = {\n    html: "
            + json.dumps(html.escape(project.description), ensure_ascii=False)
            + ",\n    id: ''\n};\n"
        )
    return {
        "bib/references.bib": "\n".join(entries),
        "src/data/tag_categories.js": f"const userDefinedTagCategories = {dump(tag_categories)};\n",
        "src/data/authorized_tags.js": f"const userDefinedAuthorizedTags = {dump(authorized)};\n",
        "src/properties.js": properties,
    }


_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "$": r"\$",
}


def latex_text(text: str) -> str:
    """Plain text as LaTeX that reads back as the same text: Unicode kept as it is (SurVis
    shows it so), the special characters escaped, and the ligatures (--, ``, '') broken
    with {} so that they stay what they were."""
    out = re.sub(r"[\\{}%&#_~$]", lambda m: _SPECIALS[m.group()], text)
    return re.sub(r"([-`'?!])(?=[-`'])", r"\1{}", out)


def _author(full: str, short: str) -> str:
    """'Given Family' as BibTeX's 'Family, Given', the family being the longest run of
    final words that the short form (`authors`) names: 'Sara Johansson Fernstad' with
    'Johansson Fernstad, et al.' -> 'Johansson Fernstad, Sara'.

    Where the family the short form names is not at the end of the full name (the import
    read a malformed name so: 'Riedwyl, H.,' is the family 'Riedwyl' and the full name
    'Riedwyl H.'), the words after it are written as BibTeX's third part, 'Family, Jr,
    Given', which reads back as the same full name and family: 'Riedwyl, H.,'."""
    words = full.split()
    for i in range(1, len(words)):
        family = " ".join(words[i:])
        if _names(family, short):
            return latex_text(f"{family}, {' '.join(words[:i])}")
    runs = sorted(
        ((i, j) for i in range(len(words)) for j in range(i + 1, len(words))), key=lambda run: (run[0] - run[1], run[0])
    )  # the longest run first, then the first
    for i, j in runs:
        family = " ".join(words[i:j])
        if _names(family, short):
            return ", ".join(latex_text(" ".join(part)) for part in (words[i:j], words[j:], words[:i])).rstrip()
    return bibtex_name(full)


def _names(family: str, short: str) -> bool:
    """Whether the short form ('Riedwyl & Schüpbach', 'Kahng, et al.') names `family`."""
    return re.search(rf"(^|[\s,&]){re.escape(family)}($|[\s,&])", short) is not None


def _tag(text: str) -> str:
    """A tag in a keywords list: a comma would split it."""
    return latex_text(text.replace(",", " "))


def export_survis(project: Project, works: list[Work], folder: Path) -> list[Path]:
    """Write the SurVis folder; returns the files written."""
    written = []
    for name, text in survis_files(project, works).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(str(path), text.encode("utf-8"))
        written.append(path)
    return written
