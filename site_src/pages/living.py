"""The living survey: /changelog/ (what has been added since the 2018 paper, from the
records) and /contributing/ (the repository's CONTRIBUTING.md, so the two never differ)."""
from __future__ import annotations

from itertools import groupby
from pathlib import Path

from site_src.pages import urls
from site_src.pages.charts import works_phrase
from site_src.pages.html import attr, front_matter, raw_block, text
from survey import Collection, Work

CHANGELOG = urls.CHANGELOG
CONTRIBUTING = urls.CONTRIBUTING
UNDATED = "Added by the survey's authors after publication (date not recorded)"


def files(works: Collection, contributing: Path | None) -> dict[str, str]:
    out = {CHANGELOG: changelog(works)}
    if contributing is not None and contributing.exists():
        out[CONTRIBUTING] = (front_matter(title="Contributing", description="How to add a paper "
                                          "to the knowledge base.")
                             + contributing.read_text(encoding="utf-8"))
    return out


def changelog(works: Collection) -> str:
    later = sorted((w for w in works if not w.in_2018_table),
                   key=lambda w: (w.added is not None, w.added or "", w.id), reverse=True)
    sections = []
    for added, group in groupby(later, key=lambda w: w.added):
        heading = added.isoformat() if added else UNDATED
        items = "".join(_item(w) for w in group)
        sections.append(f"<h2>{text(heading)}</h2>\n<ul class=\"work-list\">{items}</ul>\n")
    table = sum(w.in_2018_table for w in works)
    return (front_matter(title="Changelog", description="Works added since the 2018 paper.")
            + "# Changelog\n\n"
            + f"<p>The 2018 paper's table is a fixed snapshot of {table} works. Since then "
              f"{works_phrase(len(later))} {'has' if len(later) == 1 else 'have'} been added, newest first. "
              f'<a href="{attr(urls.table_query(CHANGELOG, "-in:2018"))}">See them in the table</a>.</p>\n\n'
            + raw_block("\n".join(sections)))


def _item(work: Work) -> str:
    return (f'<li><a href="{attr(urls.href(CHANGELOG, urls.work_page(work.id)))}">{text(work.title)}</a> '
            f'<span class="meta">{text(work.authors)} {work.year} · {text(work.venue)}</span></li>')
