"""SurVis's generated bibliography, `bib.js`, for sites that ship no `.bib`.

Three dialects are in use, all read as data by survey.contribute.js_literal:
- `const generatedBibEntries = { "key": { "type": "article", "title": "...", ... } };`
  (the current SurVis's `data/generated/bib.js`);
- `define({ entries: { ... } });` (older versions' `data/generated/bib.js`);
- the same `define` in the older `data/bib.js`.
Each value is the BibTeX field's text as SurVis's update_data.py wrote it (outer braces
dropped); each entry becomes a BibEntry, so the records come from the same builder as a
`.bib`'s. Lines are those of the keys in the JavaScript file.
"""

from __future__ import annotations

import re

from survey.contribute.bibtex import MAX_ENTRIES, MAX_ENTRY_CHARS, MAX_VALUE_CHARS, BibEntry, BibtexError
from survey.contribute.js_literal import JsLiteralError, read_object_literal
from survey.contribute.survis.report import Report
from survey.records.problems import quoted

_QUOTED = re.compile(r'\s*"(.*)"\s*,?\s*', re.S)


def read_bibjs(text: str, path: str, report: Report) -> list[BibEntry]:
    lines: dict[tuple[str, ...], int] = {}
    try:
        data = read_object_literal(text, path, "entries", lines)
    except JsLiteralError as err:
        raise BibtexError(path, err.line, err.message) from None
    if len(data) > MAX_ENTRIES:
        raise BibtexError(path, 1, f"{len(data):,} entries, more than the {MAX_ENTRIES:,} an import reads")
    counts = report.count(path)
    entries: list[BibEntry] = []
    for key, fields in data.items():
        counts.seen += 1
        line = lines.get((key,), 1)
        if not isinstance(fields, dict):
            report.left_out(path, line, f"entry {quoted(key)} is not an object of fields; entry left out")
            continue
        values = {
            str(name).lower(): value if isinstance(value, str) else str(value)
            for name, value in fields.items()
            if isinstance(value, (str, int, float))
        }
        if any(len(v) > MAX_VALUE_CHARS for v in values.values()) or sum(map(len, values.values())) > MAX_ENTRY_CHARS:
            report.left_out(
                path,
                line,
                f"entry {quoted(key)} has values longer than an import reads "
                f"({MAX_VALUE_CHARS:,} characters each, {MAX_ENTRY_CHARS:,} in all); "
                "entry left out",
            )
            continue
        unquoted = {name: inside.group(1) for name, value in values.items() if (inside := _QUOTED.fullmatch(value))}
        for name, value in unquoted.items():  # update_data.py drops braces, not the quotes of "..." values
            values[name] = value
            report.group(
                'a value in quotes, as SurVis\'s update_data.py leaves a "..." value: read without them',
                path,
                lines.get((key, name), line),
            )
        kind = values.pop("type", "misc").strip().lower() or "misc"
        entry = BibEntry(
            type=kind,
            key=str(key),
            line=line,
            fields=values,
            field_lines={str(name).lower(): lines.get((key, name), line) for name in fields},
        )
        entries.append(entry)
    return entries
