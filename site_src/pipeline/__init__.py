"""From records to a built site, with either builder.

1. `generate` (site_src.pipeline.docs) writes the hand-written docs and every generated page and
   asset into a build folder (build/docs), touching only files whose content changed.
2. A builder turns that folder into the site: Material for MkDocs or Zensical, both reading
   mkdocs.yml (site_src.pipeline.builders). Nothing of the content depends on the builder: the
   generated HTML reaches the page through a Markdown extension both run (rawhtml), and links
   are root-relative (site_src.pages.urls).
3. `serve` (site_src.pipeline.serve) regenerates on every edit and lets the builder reload.

Run as `python -m site_src.pipeline generate|site|serve`; the Makefile's targets call it.
"""
