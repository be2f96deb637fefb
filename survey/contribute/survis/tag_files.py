"""SurVis's tag files: `tag_categories.js` (the facets, each with a description) and
`authorized_tags.js` (the tags with a description), in either dialect:
`const userDefinedTagCategories = {...}` / `define({ tagCategories: {...} })`, and
`const userDefinedAuthorizedTags = {...}` / `define({ authorizedTags: {...} })`.
Authorized tags are `facet:value` or plain tags; some surveys key them by facet name
alone, which authorizes every value of that facet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from survey.contribute.js_literal import JsLiteralError, read_object_literal
from survey.contribute.survis.layout import SurvisError, read_text
from survey.contribute.survis.report import Report


def read_tag_file(
    path: Path | None, shown: str, key: str, report: Report, inside: Path | None = None
) -> dict[str, tuple[str, int]] | None:
    """name -> (its description, or "", and its line), in the file's order; None where
    there is no file or it cannot be read (reported: the import goes on without it)."""
    if path is None:
        return None
    try:
        lines: dict[tuple[str, ...], int] = {}
        data = read_object_literal(read_text(path, shown, inside=inside), shown, key, lines)
    except SurvisError as err:
        report.note(f"{err}; imported without this file")
        return None
    except JsLiteralError as err:
        report.note(f"{err}; imported without this file")
        return None
    return {str(name): (_description(value), lines.get((name,), 1)) for name, value in data.items()}


def _description(value: Any) -> str:
    text = value.get("description") if isinstance(value, dict) else None
    return " ".join(text.split()) if isinstance(text, str) else ""
