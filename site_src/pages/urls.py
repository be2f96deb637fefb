"""Where each generated page lives, and relative links between them.

Pages are addressed by their source path ("works/kahng2018activis.md"); with directory
URLs a source path "a/b.md" is served at "/a/b/" and "index.md" at "/". Raw HTML is not
rewritten by the builder, so links inside it are made relative to the served URL here.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

TABLE = "table.md"
TRENDS = "trends.md"
TAKEAWAYS = "takeaways.md"
EXPLORABLES = "explorables/index.md"
CHANGELOG = "changelog.md"
CONTRIBUTING = "contributing.md"


def work_page(work_id: str) -> str:
    return f"works/{work_id}.md"


def category_page(facet: str, category: str) -> str:
    return f"taxonomy/{facet}/{category}.md"


def facet_page(facet: str) -> str:
    return f"taxonomy/{facet}/index.md"


def explorable_page(slug: str) -> str:
    return f"explorables/{slug}.md"


def served_dir(source: str) -> str:
    """The folder a page is served from: 'works/x.md' -> 'works/x', 'index.md' -> ''."""
    stem = source[:-3] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")].rstrip("/")
    return stem


def href(from_source: str, to: str, query: str | None = None) -> str:
    """Relative URL from one page to another page (a .md source) or an asset file."""
    target = served_dir(to) + "/" if to.endswith(".md") else to
    base = served_dir(from_source) or "."
    rel = posixpath.relpath(target or ".", base)
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel.rstrip("/") + "/"
    if query is not None:
        rel += "?q=" + quote(query, safe=":-.")
    return rel


def table_query(from_source: str, query: str) -> str:
    """Link to the taxonomy table filtered by a query in the shared syntax."""
    return href(from_source, TABLE, query)
