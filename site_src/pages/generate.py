"""Assemble every generated file of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_src.pages import (
    categories,
    charts,
    data,
    explorables,
    home,
    living,
    performance,
    table,
    takeaways,
    trends,
    work_pages,
)
from site_src.pages.identity import SiteIdentity, default_identity
from site_src.pages.memo import PageMemo, no_memo
from survey import Collection

Files = dict[str, str | bytes]


@dataclass
class SiteInput:
    works: Collection  # the records to publish
    explorables_dir: Path | None = None  # Markdown articles with demo directives
    demo_cache: Path | None = None  # where vizlib caches trained demos
    contributing: Path | None = None  # CONTRIBUTING.md, published as /contributing/
    vendor_cache: Path | None = None  # keeps the Vega bundle between runs (seconds to make)
    identity: SiteIdentity = field(default_factory=default_identity)  # from the project's survey.yml
    page_memo: Path | None = None  # keeps rendered pages between runs, by their inputs (site_src.pages.memo)
    # The project folder: every file read for publishing (articles, CONTRIBUTING.md, docs)
    # must resolve inside it (survey.records.containment); None: inside its own folder.
    root: Path | None = None
    # benchmarks/results.json, published as Guide → Performance (the tool's own site only)
    benchmark_results: Path | None = None


def generate(site: SiteInput) -> Files:
    """Every generated page and asset, keyed by path relative to the docs folder."""
    works = site.works
    # an article's front matter names categories of the project's own facets
    articles = (
        explorables.load_articles(site.explorables_dir, site.root, facets=[f.id for f in works.taxonomy.tagged_facets])
        if site.explorables_dir
        else []
    )
    page_memo = PageMemo(site.page_memo, works.taxonomy) if site.page_memo else None
    memo = page_memo.get if page_memo else no_memo
    files: Files = {}
    if site.identity.home:  # a project without its own home page
        files.update(home.files(works, site.identity))
    files.update(table.files(works, site.identity.query_examples, site.identity.title))
    files.update(work_pages.files(works, articles, memo))
    files.update(categories.files(works, articles, memo))
    # The charts count works by year, venue, snapshot and tags: a new title or author leaves them as they are.
    subject = site.identity.subject_or_default
    files.update(
        memo(
            "trends",
            (subject, [(w.id, w.year, w.venue, sorted(w.snapshots), w.tags) for w in works]),
            lambda: trends.files(works, subject),
        )
    )
    if "takeaways" in site.identity.pages:  # declared by the project (the flagship's)
        files.update(takeaways.files(works))
    if site.explorables_dir is not None:  # a project's articles (the flagship's explorables)
        files.update(explorables.files(articles, works, site.demo_cache))
    files.update(living.files(works, site.contributing, site.root))
    files.update(_vendor_files(site.vendor_cache))
    files.update(data.files(works, site.identity.title))
    files.update(performance.files(site.benchmark_results))
    if page_memo:
        page_memo.save()
    return files


def _vendor_files(cache: Path | None) -> dict[str, str]:
    """charts.vendor_files(), kept in `cache` under the version of the package that makes
    them: they depend on nothing else, and making them is most of a small site's generate."""
    if cache is None:
        return charts.vendor_files()
    import vl_convert

    version = vl_convert.__version__  # type: ignore[attr-defined]  # the module has it; its stub does not say so
    stored = {path: cache / version / path for path in (charts.VENDOR_BUNDLE,)}
    if all(p.exists() for p in stored.values()):
        return {path: p.read_text(encoding="utf-8") for path, p in stored.items()}
    files = charts.vendor_files()
    for path, content in files.items():
        target = cache / version / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(content, encoding="utf-8")
        partial.replace(target)
    return files
