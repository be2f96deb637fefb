"""Where each generated page lives, and the links between them.

Pages are addressed by their source path ("works/kahng2018activis.md"); with directory
URLs a source path "a/b.md" is served at "/a/b/" and "index.md" at "/".

Links in generated HTML are root-relative: the deploy path (the path of `site_url`, "/" or
"/repository/") followed by the served path. MkDocs leaves links in raw HTML alone while
Zensical rewrites relative ones as relative to the source file, so only links that start at
the root mean the same in both builders. The cost: the no-JavaScript fallback cannot be
browsed from file://. The generate step sets the deploy path with `deployed_at`.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator
from urllib.parse import quote, urlsplit

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


_deploy_path = "/"


def deploy_path(site_url: str) -> str:
    """The path the site is served under: 'https://x.github.io/repo' -> '/repo/'."""
    return "/" + urlsplit(site_url).path.strip("/") + "/" if urlsplit(site_url).path.strip("/") else "/"


@contextmanager
def deployed_at(path: str) -> Iterator[None]:
    """Generate links for a site served under `path` ("/" or "/repository/")."""
    global _deploy_path
    previous, _deploy_path = _deploy_path, path
    try:
        yield
    finally:
        _deploy_path = previous


def href(from_source: str, to: str, query: str | None = None) -> str:
    """Root-relative URL of a page (a .md source) or an asset file. `from_source`, the
    linking page, is kept so that callers need not know the scheme."""
    target = (served_dir(to) + "/").lstrip("/") if to.endswith(".md") else to
    url = _deploy_path + quote(target, safe="/-._~")
    if query is not None:
        url += "?q=" + quote(query, safe=":-.")
    return url


def table_query(from_source: str, query: str) -> str:
    """Link to the taxonomy table filtered by a query in the shared syntax."""
    return href(from_source, TABLE, query)
