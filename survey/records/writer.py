"""Writing a record as YAML in the canonical field order, with facet lists on one line.

Used to create records (`survey new`) so that every file looks the same."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from survey.records.schema import Field
from survey.records.taxonomy import Facet

COMMENT_WIDTH = 92  # characters of a wrapped comment line, "# " included
# Lists of long items (names, links, sentences) are written one item a line; a mapping
# (`published`) one key a line. Category and field-name lists stay on one line.
BLOCK_KINDS = frozenset({"author-list", "url-list", "text-list"})


def dump_value(value: Any) -> str:
    """One YAML scalar or flow list, quoted only where YAML needs it."""
    if isinstance(value, list):
        return "[" + ", ".join(dump_value(v) for v in value) + "]"
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").rstrip("\n")


def dump_record(
    record: dict[str, Any],
    fields: tuple[Field, ...],
    comments: dict[str, str] | None = None,
    header: str = "",
    footer: str = "",
) -> str:
    """The record as YAML text; unknown keys are kept after the known ones. A value of None
    is written as an empty value (`why:`, which YAML reads as null); a mapping and a list of
    names, links or sentences are written one item a line. `comments` maps a field
    to text written as `# ` lines above it; `header` and `footer` are comment text too.
    `fields` (the project's taxonomy's `fields`) give the canonical order and each field's kind."""
    comments = comments or {}
    kinds = {f.name: f.kind for f in fields}
    order = [f.name for f in fields if f.name in record] + [k for k in record if k not in kinds]
    lines = [comment_lines(header)]
    for key in order:
        value = record[key]
        lines.append(comment_lines(comments.get(key, "")))
        if value is None:
            lines.append(f"{key}:\n")
        elif isinstance(value, dict) and value:
            lines.append(f"{key}:\n" + "".join(f"  {k}: {dump_value(v)}\n" for k, v in value.items()))
        elif isinstance(value, list) and value and kinds.get(key) in BLOCK_KINDS:
            lines.append(f"{key}:\n" + "".join(f"  - {dump_value(v)}\n" for v in value))
        else:
            lines.append(f"{key}: {dump_value(value)}\n")
    lines.append(comment_lines(footer))
    return "".join(lines)


def comment_lines(text: str) -> str:
    """Text as YAML comment lines ('# ' before each line, a bare '#' for a blank one)."""
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())


def facet_guide(facet: Facet) -> str:
    """What a contributor needs to tag a facet: its question and each category's id and
    definition (from taxonomy.yaml), aligned and wrapped for a comment above the field."""
    width = max(len(c.id) for c in facet.categories)
    lines = [
        f"{facet.id}: {facet.question}",
        f"Choose one or more, e.g. {facet.id}: [{facet.categories[0].id}], or [] if none applies:",
    ]
    for category in facet.categories:
        lines += textwrap.wrap(
            category.description,
            COMMENT_WIDTH - 2,
            initial_indent=f"  {category.id.ljust(width)}  ",
            subsequent_indent=" " * (width + 4),
            break_on_hyphens=False,
        )
    return "\n".join(lines)
