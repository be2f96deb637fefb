"""Adding papers: BibTeX reading, citation cleanup, venue matching, record scaffolding and
GitHub annotations. Reads `survey.records`; nothing below imports it.
"""
