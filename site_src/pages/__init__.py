"""Page generation: records in, site files out.

Plain Python with no dependency on MkDocs' plugin API: `generate(site)` returns a mapping
of docs-relative paths ("works/kahng2018activis.md", "assets/data/works.json") to their
contents, which any static-site builder can take. The MkDocs plugin in
site_src/plugins/survey is a thin adapter around it.
"""
from site_src.pages.generate import SiteInput, generate

__all__ = ["SiteInput", "generate"]
