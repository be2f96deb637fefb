"""Writing a record as YAML in the canonical field order, with facet lists on one line.

Used to create records (`survey new`) so that every file looks the same."""
from __future__ import annotations

from typing import Any

import yaml

from survey.schema import FIELDS


def dump_value(value: Any) -> str:
    """One YAML scalar or flow list, quoted only where YAML needs it."""
    if isinstance(value, list):
        return "[" + ", ".join(dump_value(v) for v in value) + "]"
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").rstrip("\n")


def dump_record(record: dict[str, Any]) -> str:
    """The record as YAML text; unknown keys are kept after the known ones."""
    order = [f.name for f in FIELDS if f.name in record] + [k for k in record if k not in
                                                               {f.name for f in FIELDS}]
    return "".join(f"{key}: {dump_value(record[key])}\n" for key in order)
