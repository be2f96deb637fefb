"""Site search: a Pagefind index written into the built site, after either builder.

Pagefind (MIT; the pinned `pagefind` wheel and its binary, `pagefind-bin`) splits the index
into small chunks that the browser fetches as a query needs them: a page costs nothing for
search until a reader types, and what a query fetches grows slowly with the collection. It
indexes two kinds of document:

- every built page except the work pages, read from the site's HTML (the article only,
  not the navigation): the hand-written pages, the taxonomy, the explorables;
- every work as a short document made from its record's fields (title, every author's
  name, venue, year, category labels), cheaper than parsing 10,000 built pages, and which
  finds a work by what it is rather than by the related works its page lists.

Pagefind's binary indexes a folder in one run, so both kinds are laid out in a staging
folder first. (Its Python API adds one document per message and polls for each answer
every 0.1 s: 10,000 works would take over 15 minutes.)

The index, and the pagefind.js that reads it, go into `pagefind/` of the site; the search
page's script (assets/js/site-search.js) imports pagefind.js when a query is typed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from site_src.pages import urls
from site_src.pages.html import text
from survey import Collection, Work
from survey.query.language import author_names

FOLDER = "pagefind"
# The page's article, without what is not its text: permalink anchors, the table's rows
# (the table page has its own filter), the list of works on a category page (works are
# indexed from their records) and the demos' controls.
ROOT_SELECTOR = "article"
EXCLUDED = [".headerlink", ".md-source-file", "[data-survey-table] table", "ul.work-list", ".md-content__button"]


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def work_document(work: Work, taxonomy) -> str:
    """A work as Pagefind reads it: its fields, escaped, in a minimal HTML document whose
    title, authors and year are the result's metadata."""
    venue = taxonomy.venues.get(work.venue)
    labels = [taxonomy.category(facet.id, c).label for facet in taxonomy.tagged_facets for c in work.tags[facet.id]]
    names = ", ".join(author_names(work))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><article>'
        '<span data-pagefind-meta="kind:work" hidden></span>'
        f'<h1 data-pagefind-meta="title">{text(work.title)}</h1>'
        f'<p data-pagefind-meta="authors">{text(names)}</p>'
        f'<p><span data-pagefind-meta="year">{work.shown_year}</span> · {text(work.venue)}'
        f"{' · ' + text(venue.name) if venue else ''}</p>"
        f"<p>{text(', '.join(labels))}</p></article></body></html>\n"
    )


def stage(site_dir: Path, works: Collection, deploy_path: str, staging: Path) -> int:
    """Lay out what Pagefind indexes under `staging`, at the paths the site serves them
    (so that Pagefind's URLs are the site's): every built page but the work pages, linked
    from the site, and a document per work. The number of documents."""
    count = 0
    root = staging / deploy_path.strip("/")
    for page in sorted(site_dir.rglob("index.html")):
        rel = page.relative_to(site_dir)
        if rel.parts[0] in ("works", "assets", FOLDER, "search"):
            continue
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(page, root / rel)
        count += 1
    for work in works:
        target = root / "works" / work.id / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(work_document(work, works.taxonomy), encoding="utf-8")
        count += 1
    return count


def write_index(site_dir: Path, works: Collection, site_url: str) -> int:
    """Index the built site in `site_dir` and write `site_dir`/pagefind; the number of
    documents indexed. Raises SearchIndexError when Pagefind fails."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "the pagefind-bin package is missing: `make install` installs the site extra, which pins it"
        ) from None
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir.parent) as folder:
        staging = Path(folder)
        count = stage(site_dir, works, urls.deploy_path(site_url), staging)
        command = [
            str(get_executable()),
            "--site",
            str(staging),
            "--output-path",
            str(site_dir / FOLDER),
            "--root-selector",
            ROOT_SELECTOR,
            "--exclude-selectors",
            ", ".join(EXCLUDED),
            "--force-language",
            "en",
            "--silent",
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True)
        except OSError as err:
            raise SearchIndexError(f"{command[0]}: cannot run pagefind: {err.strerror or err}") from None
    if result.returncode:
        raise SearchIndexError(
            f"{site_dir}: pagefind could not index the site: {(result.stderr or result.stdout).strip()}"
        )
    for unused in (site_dir / FOLDER).glob("pagefind-*ui.*"):  # Pagefind's own UIs: not used here
        unused.unlink()
    return count
