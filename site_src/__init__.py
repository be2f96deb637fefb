"""The survey site: page generation (`pages`, builder-agnostic) and a thin MkDocs plugin."""
