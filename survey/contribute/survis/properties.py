"""SurVis's `properties.js`: the site's settings as `var` statements, read as data.

What the import uses: `title` (the project's title) and `paper` (`html`: the subtitle,
as plain text, becomes the description; `id`: the survey paper's entry, whose citation
becomes the project's citation). The rest set SurVis's own page (folders, tag clouds, edit
mode, styles, extra pages, citation counts) and have no counterpart: reported as not
imported."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from survey.contribute.js_literal import read_var_statements
from survey.contribute.survis.layout import SurvisError, read_text
from survey.contribute.survis.report import Report

USED = ("title", "paper")
# What SurVis's own properties.js says: a site that still has it shows SurVis's sample title.
TEMPLATE_TITLE = "SurVis Literature Collection"


@dataclass
class Properties:
    title: str = ""
    subtitle: str = ""  # paper.html as plain text
    paper_key: str = ""  # paper.id
    not_imported: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """HTML to one line of text: tags dropped, entities resolved, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", " ", text)).split())


def read_properties(path: Path | None, shown: str, report: Report, inside: Path | None = None) -> Properties:
    found = Properties()
    if path is None:
        return found
    try:
        statements, problems = read_var_statements(read_text(path, shown, inside=inside), shown)
    except SurvisError as err:
        report.note(f"{err}; imported without it")
        return found
    for problem in problems:
        report.note(problem)
    title = statements.get("title", (None, 0))[0]
    if isinstance(title, str) and plain(title):
        found.title = plain(title)
        if found.title == TEMPLATE_TITLE:
            report.note(
                f"{shown}:{statements['title'][1]}: the title is SurVis's template title "
                f"{found.title!r}, as the SurVis site shows it: change it in survey.yml"
            )
    paper = statements.get("paper", (None, 0))[0]
    if isinstance(paper, dict):
        found.subtitle = plain(paper["html"]) if isinstance(paper.get("html"), str) else ""
        found.paper_key = paper["id"].strip() if isinstance(paper.get("id"), str) else ""
    found.not_imported = [name for name in statements if name not in USED]
    return found
