"""Page generation: records in, site files out.

Plain Python with no dependency on MkDocs' plugin API: `generate(site)` returns a mapping
of docs-relative paths ("works/kahng2018activis.md", "assets/data/works.json") to their
contents, which any static-site builder can take: site_src/pipeline writes them to a
folder that Material for MkDocs and Zensical both read.
"""

from site_src.pages.generate import SiteInput, generate

__all__ = ["SiteInput", "generate"]
