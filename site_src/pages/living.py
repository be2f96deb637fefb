"""The living survey: /changelog/ (what has been added since the project's snapshot, from
the records) and /contributing/ (the repository's CONTRIBUTING.md, so the two never differ)."""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path

from site_src.pages import urls
from site_src.pages.charts import works_phrase
from markupsafe import Markup

from site_src.pages.html import front_matter, raw_marker_context
from site_src.pages.templating import render
from site_src.pages.identity import highlighted, in_highlight
from survey import Collection
from survey.records.containment import read_inside

CHANGELOG = urls.CHANGELOG
CONTRIBUTING = urls.CONTRIBUTING
UNDATED = "Added by the survey's authors after publication (date not recorded)"


def files(works: Collection, contributing: Path | None, root: Path | None = None) -> dict[str, str]:
    """`root`: the project folder, inside which CONTRIBUTING.md must resolve (default: its folder)."""
    out = {CHANGELOG: changelog(works)}
    guide = (
        read_inside(contributing, root or contributing.parent).decode("utf-8")
        if contributing is not None and os.path.lexists(contributing)
        else GENERIC_CONTRIBUTING
    )
    out[CONTRIBUTING] = (
        front_matter(title="Contributing", description="How to add a paper to the knowledge base.") + guide
    )
    return out


# For a project without its own CONTRIBUTING.md: the steps every survey project shares.
GENERIC_CONTRIBUTING = """# Contributing

Each surveyed work is one YAML file in the project's `works/` folder. To add a paper:

1. Start its record from a BibTeX entry: `survey new --bibtex entry.bib` (or from flags:
   `survey new --title ... --authors ... --year ... --venue ...`).
2. Fill in its categories; the file names the JSON Schema that editors check it against.
3. Check it: `survey validate`. Every problem is reported as `path:line:column: message`.
4. Open a pull request. Its checks run the same validation and build the site.

`survey build` builds this site into `site/`, and `survey serve` serves it while you edit.
"""


def changelog(works: Collection) -> str:
    snapshot = highlighted(works)
    later = sorted(
        (w for w in works if not in_highlight(w, snapshot)),
        key=lambda w: (w.added is not None, w.added or "", w.id),
        reverse=True,
    )
    sections = [
        {
            "heading": added.isoformat() if added else UNDATED,
            "works": [
                {
                    "href": urls.href(CHANGELOG, urls.work_page(w.id)),
                    "title": w.title,
                    "authors": w.authors,
                    "year": w.shown_year,
                    "venue": w.venue,
                }
                for w in group
            ],
        }
        for added, group in groupby(later, key=lambda w: w.added)
    ]
    added = works_phrase(len(later))
    context = {
        "sections": sections,
        "added": added,
        "added_capitalized": added.capitalize(),
        "have": "has" if len(later) == 1 else "have",
        **raw_marker_context(),
    }
    if snapshot is None:
        return render(
            "living/changelog.md",
            snapshot=None,
            **context,
            front_matter=Markup(front_matter(title="Changelog", description="Works by the date they were added.")),
        )
    since = snapshot.added_since
    return render(
        "living/changelog.md",
        **context,
        front_matter=Markup(front_matter(title="Changelog", description=f"Works added since {since}.")),
        snapshot={
            "since": since[:1].upper() + since[1:],
            "table": sum(in_highlight(w, snapshot) for w in works),
            "table_href": urls.table_query(CHANGELOG, "-in:" + snapshot.query_name),
        },
    )
