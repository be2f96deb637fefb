"""A tolerant BibTeX reader, as SurVis's own is.

SurVis reads `bib/references.bib` line by line (its update_data.py): a line starting with
'@' starts an entry and a line with '=' a field, so an entry it shows may be one that
BibTeX refuses. This reader keeps the BibTeX grammar (braces, quotes, @string, '#') and
reads around each defect SurVis reads around, reporting each repair with `path:line`:
- a value without braces or quotes that is no number or @string: the rest of its line;
- a missing ',' between two fields, or after the key;
- a stray word or character between fields: skipped;
- a '{' never closed before the next entry: the value ends with its line;
- a '}' closing the entry before its last fields: those fields are read too;
- an entry never closed: it ends where the next '@' entry starts, or at the end of the file;
- a line commented out with '%' inside an entry: skipped (SurVis shows it as a field
  named '%keywords', never as tags);
- a field given twice: `keywords` lists are joined, any other keeps its first value.
An entry is left out only where it has no key (SurVis shows nothing either), or where it
breaks a size limit. Lines end in '\\n' (layout.read_text converts CRLF).

The scan is linear: entries are found with one anchored pattern, the braces of an entry are
matched once, and a value never scans past its entry. Values are bounded after @string
expansion, per value, per entry and per file.
"""

from __future__ import annotations

import bisect
import re

from pybtex.database.input.bibtex import month_names

from survey.contribute.bibtex import MAX_ENTRIES, MAX_ENTRY_CHARS, MAX_VALUE_CHARS, BibEntry, BibtexError
from survey.contribute.survis.report import Report
from survey.records.problems import quoted

# The values of a whole file after @string expansion: a few times the largest file read.
MAX_FILE_EXPANDED_CHARS = 64 * 1024 * 1024
_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*([{(])", re.MULTILINE)
_NAME = re.compile(r"[^\s\"#%'(),={}]+")
_KEY = re.compile(r"[^\s\"#%'(),={}]+")
_SPACE = re.compile(r"\s*")
_BRACES = re.compile(r"[{}]")
_FIELD_LINE = re.compile(r"\n[ \t]*[A-Za-z][\w-]*[ \t]*=")
_MONTHS = {k.lower(): v for k, v in month_names.items()}


def _after_space(text: str, pos: int, end: int) -> int:
    """The first position from `pos` on, before `end`, that is not whitespace."""
    space = _SPACE.match(text, pos, end)  # `\s*` matches wherever pos <= end
    return space.end() if space else pos


class _Skip(Exception):
    """The entry is left out; the message says why."""

    def __init__(self, line: int, message: str) -> None:
        self.line, self.message = line, message


def read_bibtex(text: str, path: str, report: Report) -> list[BibEntry]:
    """Every entry SurVis would show, in file order. Raises BibtexError only for a file past
    the limits (too many entries, too much expanded text)."""
    starts = list(_START.finditer(text))
    if len(starts) > MAX_ENTRIES:
        raise BibtexError(path, 1, f"{len(starts):,} entries, more than the {MAX_ENTRIES:,} an import reads")
    newlines = [m.start() for m in re.finditer("\n", text)]
    strings: dict[str, str] = dict(_MONTHS)
    counts = report.count(path)
    entries: list[BibEntry] = []
    total = 0
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        kind = match.group(1).lower()
        if kind in ("comment", "preamble"):
            continue
        reader = _Entry(text, match, end, path, newlines, strings, report)
        if kind != "string":
            counts.seen += 1
        try:
            entry = reader.read()
        except _Skip as skip:
            report.left_out(path, skip.line, f"{skip.message}; entry left out")
            continue
        total += reader.size
        if total > MAX_FILE_EXPANDED_CHARS:
            raise BibtexError(
                path,
                reader.line_of(match.start()),
                f"the values come to more than {MAX_FILE_EXPANDED_CHARS:,} characters "
                "after @string expansion: an abbreviation is used far too often",
            )
        if entry is not None:
            entries.append(entry)
    return entries


class _Entry:
    def __init__(
        self,
        text: str,
        match: re.Match[str],
        end: int,
        path: str,
        newlines: list[int],
        strings: dict[str, str],
        report: Report,
    ) -> None:
        self.text, self.match, self.end, self.path = text, match, end, path
        self.newlines, self.strings, self.report = newlines, strings, report
        self.pos = match.end()
        self.close = "}" if match.group(2) == "{" else ")"
        self.size = 0  # expanded characters of the values read
        self.key = ""
        self._matching: dict[int, int] | None = None

    def line_of(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def repair(self, pos: int, message: str) -> None:
        self.report.repair(self.path, self.line_of(pos), self.key, message)

    def skip_space(self) -> None:
        self.pos = _after_space(self.text, self.pos, self.end)

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos, self.end)
        return self.end if end < 0 else end

    def name_then_equals(self, pos: int) -> re.Match[str] | None:
        """A field name followed by '=' at pos, or None."""
        name = _NAME.match(self.text, pos, self.end)
        if name and self.text.startswith("=", _after_space(self.text, name.end(), self.end)):
            return name
        return None

    # -- the entry

    def read(self) -> BibEntry | None:
        kind = self.match.group(1).lower()
        start_line = self.line_of(self.match.start())
        if kind == "string":
            self.read_string()
            return None
        self.skip_space()
        key = _KEY.match(self.text, self.pos, self.end)
        if key is None or self.name_then_equals(self.pos):
            raise _Skip(start_line, f"@{kind} entry has no citation key (SurVis shows none either)")
        self.key = key.group()
        self.pos = key.end()
        entry = BibEntry(type=kind, key=self.key, line=start_line)
        self.skip_space()
        if self.text.startswith(",", self.pos):
            self.pos += 1
        elif self.name_then_equals(self.pos):
            self.repair(
                self.pos, f"a ',' is missing after the key of entry {quoted(self.key)}: read as if it were there"
            )
        self.fields(entry)
        return entry

    def read_string(self) -> None:
        self.skip_space()
        name = self.name_then_equals(self.pos)
        if name is None:
            self.report.add(self.path, self.line_of(self.match.start()), "an @string without 'name = value': skipped")
            return
        self.pos = _after_space(self.text, name.end(), self.end) + 1
        self.strings[name.group().lower()] = self.value(name.group())

    def fields(self, entry: BibEntry) -> None:
        text = self.text
        commented = False
        while True:
            self.skip_space()
            if self.pos >= self.end:
                self.repair(
                    self.match.start(),
                    f"entry {quoted(self.key)} is never closed: read up to "
                    + (
                        "the end of the file"
                        if self.end == len(text)
                        else f"the next entry (line {self.line_of(self.end)})"
                    ),
                )
                return
            char = text[self.pos]
            if char == self.close:
                self.pos += 1
                rest = _after_space(text, self.pos, self.end)
                if rest >= self.end:
                    return
                following = rest + 1 if text.startswith(",", rest) else rest
                following = _after_space(text, following, self.end)
                if not self.name_then_equals(following):
                    return  # text between entries: a comment, for BibTeX and SurVis
                self.repair(
                    self.pos - 1,
                    f"a '{self.close}' closes entry {quoted(self.key)} before its last fields: they are read as well",
                )
                self.pos = following
                continue
            if char == ",":
                self.pos += 1
                continue
            if char == "%":
                if not commented:
                    self.repair(self.pos, f"a line commented out with '%' in entry {quoted(self.key)}: skipped")
                commented = True
                self.pos = self.line_end(self.pos)
                continue
            name = self.name_then_equals(self.pos)
            if name is None:
                stray = _NAME.match(text, self.pos, self.end)
                stray_end = stray.end() if stray else self.pos + 1
                self.repair(
                    self.pos, f"stray text {quoted(text[self.pos : stray_end])} in entry {quoted(self.key)}: skipped"
                )
                self.pos = stray_end
                continue
            field, line = name.group().lower(), self.line_of(self.pos)
            self.pos = _after_space(text, name.end(), self.end) + 1
            value = self.value(field)
            self.store(entry, field, value, line)
            self.skip_space()
            if self.pos < self.end and text[self.pos] not in ("," + self.close) and self.name_then_equals(self.pos):
                self.repair(
                    self.pos,
                    f"a ',' is missing between two fields of entry {quoted(self.key)}: read as if it were there",
                )

    def store(self, entry: BibEntry, field: str, value: str, line: int) -> None:
        if field not in entry.fields:
            entry.fields[field], entry.field_lines[field] = value, line
        elif field == "keywords":
            entry.fields[field] += ", " + value
            self.report.repair(
                self.path,
                line,
                self.key,
                f"field 'keywords' is given twice in entry {quoted(self.key)}: both lists are read",
            )
        else:
            same = " ".join(value.split()) == " ".join(entry.fields[field].split())
            self.report.repair(
                self.path,
                line,
                self.key,
                f"field {quoted(field)} is given twice in entry {quoted(self.key)} "
                f"(first on line {entry.field_lines[field]})" + (": the same value" if same else ": the first is kept"),
            )

    # -- values

    def value(self, field: str) -> str:
        parts = []
        text = self.text
        while True:
            self.skip_space()
            at = self.pos
            char = text[at : at + 1]
            if at >= self.end or char in (",", self.close):
                self.repair(at, f"field {quoted(field)} of entry {quoted(self.key)} has no value: read as empty")
                break
            if char == "{":
                part = self.braced(field)
            elif char == '"':
                part = self.quoted(field)
            else:
                part = self.bare(field)
            parts.append(part)
            self.size += len(part)
            if sum(map(len, parts)) > MAX_VALUE_CHARS:
                raise _Skip(
                    self.line_of(at),
                    f"the value of {quoted(field)} is longer than "
                    f"{MAX_VALUE_CHARS:,} characters (after @string expansion)",
                )
            if self.size > MAX_ENTRY_CHARS:
                raise _Skip(
                    self.line_of(at),
                    f"the values of entry {quoted(self.key)} come to more than "
                    f"{MAX_ENTRY_CHARS:,} characters (after @string expansion)",
                )
            self.skip_space()
            if not text.startswith("#", self.pos) or self.pos >= self.end:
                break
            self.pos += 1
        return " ".join("".join(parts).split())  # BibTeX reads any run of whitespace as one space

    def matching(self) -> dict[int, int]:
        """'{' position -> its '}' within the entry, for every brace that is closed, the
        entry's own included (one pass)."""
        if self._matching is None:
            self._matching, stack = {}, []
            for brace in _BRACES.finditer(self.text, self.match.end() - 1, self.end):
                if brace.group() == "{":
                    stack.append(brace.start())
                elif stack:
                    self._matching[stack.pop()] = brace.start()
        return self._matching

    def braced(self, field: str) -> str:
        start = self.pos
        close = self.matching().get(start)
        if close is not None and not self.swallows_fields(start, close):
            self.pos = close + 1
            return self.text[start + 1 : close]
        return self.to_line_end(start + 1, field, "'{'")

    def swallows_fields(self, start: int, close: int) -> bool:
        """Whether a value's braces close only with the entry's last '}' and run over lines
        that start fields: a '{' never closed, as SurVis (reading by lines) takes it."""
        if self.close != "}" or (self.match.end() - 1) in self.matching():
            return False
        return _FIELD_LINE.search(self.text, start, close) is not None

    def quoted(self, field: str) -> str:
        start = pos = self.pos + 1
        matching = self.matching()
        while pos < self.end:
            char = self.text[pos]
            if char == '"':
                self.pos = pos + 1
                return self.text[start:pos]
            if char == "{" and pos in matching:
                pos = matching[pos] + 1
            else:
                pos += 1
        return self.to_line_end(start, field, "'\"'")

    def to_line_end(self, start: int, field: str, opener: str) -> str:
        end = self.line_end(start)
        raw = self.text[start:end].rstrip().removesuffix(",").rstrip()
        if raw.endswith("}") and raw.count("}") > raw.count("{"):
            raw = raw[:-1]
        self.pos = end
        self.repair(
            start - 1,
            f"the {opener} that opens the value of {quoted(field)} in entry "
            f"{quoted(self.key)} is never closed: the value ends with its line",
        )
        return raw

    def bare(self, field: str) -> str:
        at = self.pos
        word = _NAME.match(self.text, at, self.end)
        if word is None:  # a lone '(' or similar
            self.pos = at + 1
            return self.bare(field) if self.pos < self.end else ""
        token = word.group()
        if token.isdigit():
            self.pos = word.end()
            return token
        if token.lower() in self.strings:
            self.pos = word.end()
            return self.strings[token.lower()]
        after = _after_space(self.text, word.end(), self.end)
        if self.text.startswith("#", after):
            self.pos = word.end()
            self.repair(
                at,
                f"{quoted(token)} in field {quoted(field)} of entry {quoted(self.key)} is not "
                "defined with @string: read as the text itself",
            )
            return token
        end = self.line_end(at)
        raw = self.text[at:end].rstrip()
        raw = raw.removesuffix(",").rstrip()
        if raw.endswith(self.close) and raw.count("}") > raw.count("{"):
            raw = raw[:-1].rstrip().removesuffix(",").rstrip()
        self.pos = at + len(raw)
        self.repair(
            at,
            f"the value of {quoted(field)} in entry {quoted(self.key)} has no braces or quotes: "
            f"read as the text {quoted(raw)}",
        )
        return raw
