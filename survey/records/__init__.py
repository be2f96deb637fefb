"""The records: taxonomy, schema, reading YAML with positions, validation and its cache.

The bottom layer of `survey`: it imports nothing from `survey.query` or `survey.contribute`.
"""
