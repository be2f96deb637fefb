"""Assemble every generated file of the site."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_src.pages import (categories, charts, data, explorables, living, table, takeaways, trends,
                            work_pages)
from survey import Collection

Files = dict[str, str | bytes]


@dataclass
class SiteInput:
    works: Collection  # the records to publish
    explorables_dir: Path | None = None  # Markdown articles with demo directives
    demo_cache: Path | None = None  # where vizlib caches trained demos
    contributing: Path | None = None  # CONTRIBUTING.md, published as /contributing/


def generate(site: SiteInput) -> Files:
    """Every generated page and asset, keyed by path relative to the docs folder."""
    articles = explorables.load_articles(site.explorables_dir) if site.explorables_dir else []
    files: Files = {}
    files.update(table.files(site.works))
    files.update(work_pages.files(site.works, articles))
    files.update(categories.files(site.works, articles))
    files.update(trends.files(site.works))
    files.update(takeaways.files(site.works))
    files.update(explorables.files(articles, site.works, site.demo_cache))
    files.update(living.files(site.works, site.contributing))
    files.update(charts.vendor_files())
    files.update(data.files(site.works))
    return files
