"""Assemble every generated file of the site."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_src.pages import (categories, charts, data, explorables, home, living, table, takeaways, trends,
                            work_pages)
from site_src.pages.identity import SiteIdentity, default_identity
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


def generate(site: SiteInput) -> Files:
    """Every generated page and asset, keyed by path relative to the docs folder."""
    articles = explorables.load_articles(site.explorables_dir) if site.explorables_dir else []
    files: Files = {}
    if site.identity.home:  # a project without its own home page
        files.update(home.files(site.works, site.identity))
    files.update(table.files(site.works, site.identity.query_examples))
    files.update(work_pages.files(site.works, articles))
    files.update(categories.files(site.works, articles))
    files.update(trends.files(site.works, site.identity.subject_or_default))
    if "takeaways" in site.identity.pages:  # declared by the project (the flagship's)
        files.update(takeaways.files(site.works))
    if site.explorables_dir is not None:  # a project's articles (the flagship's explorables)
        files.update(explorables.files(articles, site.works, site.demo_cache))
    files.update(living.files(site.works, site.contributing))
    files.update(_vendor_files(site.vendor_cache))
    files.update(data.files(site.works, site.identity.title))
    return files


def _vendor_files(cache: Path | None) -> Files:
    """charts.vendor_files(), kept in `cache` under the version of the package that makes
    them: they depend on nothing else, and making them is most of a small site's generate."""
    if cache is None:
        return charts.vendor_files()
    import vl_convert

    stored = {path: cache / vl_convert.__version__ / path for path in (charts.VENDOR_BUNDLE,)}
    if all(p.exists() for p in stored.values()):
        return {path: p.read_text(encoding="utf-8") for path, p in stored.items()}
    files = charts.vendor_files()
    for path, content in files.items():
        target = cache / vl_convert.__version__ / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(content, encoding="utf-8")
        partial.replace(target)
    return files
