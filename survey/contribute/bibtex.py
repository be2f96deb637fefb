"""A small BibTeX reader for `survey new`: entries, fields, names and LaTeX accents.

It reads what reference managers and publishers export: `{...}` and `"..."` values,
numbers, `@string` abbreviations and `#` concatenation; `@comment` and `@preamble` are
skipped. Field values are kept as written (braces included) so that author lists can be
split at top-level "and"; `latex_to_text` turns a value into plain Unicode text. Any defect
raises `BibtexError` with the line where it is, never another exception.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Standard month abbreviations, usable unquoted in any .bib file.
_MONTHS = {m: m.capitalize() for m in
           ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")}
_SKIPPED_TYPES = {"comment", "preamble"}
_NAME = re.compile(r"[A-Za-z0-9_:.+/'!?*-]+")  # entry types, field names, @string names


class BibtexError(Exception):
    """A BibTeX text that cannot be read; str() is `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class BibEntry:
    type: str  # lowercase: article, inproceedings, misc, ...
    key: str  # the citation key
    line: int  # where the entry starts (1-based)
    fields: dict[str, str] = field(default_factory=dict)  # lowercase name -> raw value
    field_lines: dict[str, int] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        """The field as plain text (LaTeX folded, braces dropped), or None if absent or blank."""
        raw = self.fields.get(name)
        if raw is None:
            return None
        return latex_to_text(raw) or None

    def verbatim(self, name: str) -> str | None:
        """A link or identifier field as written: only a \\url{} wrapper, braces and
        backslashes before punctuation are dropped ('~' and '--' stay what they are)."""
        raw = self.fields.get(name)
        if raw is None:
            return None
        text = re.sub(r"^\s*\\url\s*(?=\{)", "", raw)
        text = re.sub(r"\\([_%&#~$])", r"\1", text.replace("{", "").replace("}", ""))
        return text.strip() or None


def parse_bibtex(text: str, path: str = "<bibtex>") -> list[BibEntry]:
    """All entries of a BibTeX text, in order. Raises BibtexError."""
    return _Parser(text, path).entries()


class _Parser:
    def __init__(self, text: str, path: str):
        self.text, self.path, self.pos = text, path, 0
        self.strings: dict[str, str] = dict(_MONTHS)

    # -- positions and errors

    def line_at(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def error(self, message: str, pos: int | None = None) -> BibtexError:
        return BibtexError(self.path, self.line_at(self.pos if pos is None else pos), message)

    def skip_space(self) -> None:
        while self.pos < len(self.text):
            if self.text[self.pos].isspace():
                self.pos += 1
            elif self.text[self.pos] == "%":  # a comment to the end of the line
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                break

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str, what: str) -> None:
        self.skip_space()
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "the end of the text"
            raise self.error(f"expected {what}, found {found}")
        self.pos += 1

    def name(self, what: str) -> str:
        self.skip_space()
        match = _NAME.match(self.text, self.pos)
        if not match:
            found = repr(self.peek()) if self.peek() else "the end of the text"
            raise self.error(f"expected {what}, found {found}")
        self.pos = match.end()
        return match.group()

    # -- the grammar

    def entries(self) -> list[BibEntry]:
        found = []
        while True:
            at = self.text.find("@", self.pos)
            if at < 0:
                break
            self.pos = at + 1
            kind = self.name("an entry type after '@' (e.g. @article)").lower()
            self.skip_space()
            opener = self.peek()
            if opener not in ("{", "("):
                raise self.error(f"expected '{{' after @{kind}")
            closer = "}" if opener == "{" else ")"
            if kind in _SKIPPED_TYPES:
                self.skip_group(opener, closer)
            elif kind == "string":
                self.pos += 1
                name, value, _ = self.assignment()
                self.strings[name.lower()] = value
                self.expect(closer, f"'{closer}' to close @string")
            else:
                found.append(self.entry(kind, at, closer))
        if not found:
            raise BibtexError(self.path, 1, "no BibTeX entry found: expected one like "
                                            "@article{key, title = {...}, author = {...}, year = {...}}")
        return found

    def skip_group(self, opener: str, closer: str) -> None:
        start, depth = self.pos, 0
        for self.pos in range(self.pos, len(self.text)):
            char = self.text[self.pos]
            depth += (char == opener) - (char == closer)
            if depth == 0:
                self.pos += 1
                return
        raise self.error(f"'{opener}' is never closed", start)

    def entry(self, kind: str, start: int, closer: str) -> BibEntry:
        self.pos += 1
        self.skip_space()
        key_match = re.compile(r"[^,\s{}()=\"#%]+").match(self.text, self.pos)
        after_key = self.text[key_match.end():].lstrip()[:1] if key_match else ""
        if not key_match or after_key not in (",", closer):
            raise self.error(f"@{kind} entry has no citation key: write @{kind}{{key, ...}}")
        entry = BibEntry(type=kind, key=key_match.group(), line=self.line_at(start))
        self.pos = key_match.end()
        while True:
            self.skip_space()
            if not self.peek():  # often a '{' inside a value without its '}'
                raise self.error(f"entry '{entry.key}' is never closed: add its final '{closer}', "
                                 "and check that every '{' in it has its '}'", start)
            if self.peek() == closer:
                self.pos += 1
                return entry
            self.expect(",", f"',' or '{closer}' after the fields of entry '{entry.key}'")
            self.skip_space()
            if self.peek() in (closer, ""):  # a trailing comma, or the end (reported above)
                continue
            name, value, line = self.assignment()
            name = name.lower()
            if name in entry.fields:
                raise BibtexError(self.path, line, f"field '{name}' is given twice in entry "
                                  f"'{entry.key}' (first on line {entry.field_lines[name]}): keep one")
            entry.fields[name] = value
            entry.field_lines[name] = line

    def assignment(self) -> tuple[str, str, int]:
        """`name = value # value ...`: the name, the joined value and the name's line."""
        self.skip_space()
        line = self.line_at(self.pos)
        name = self.name("a field name")
        self.expect("=", f"'=' after field name '{name}'")
        pieces = [self.piece(name)]
        self.skip_space()
        while self.peek() == "#":
            self.pos += 1
            pieces.append(self.piece(name))
            self.skip_space()
        return name, "".join(pieces), line

    def piece(self, field_name: str) -> str:
        self.skip_space()
        char = self.peek()
        if char == "{":
            return self.braced()
        if char == '"':
            return self.quoted()
        match = _NAME.match(self.text, self.pos)
        if not match:
            found = repr(char) if char else "the end of the text"
            raise self.error(f"field '{field_name}' has no value: expected {{...}}, \"...\" or a "
                             f"number, found {found}")
        self.pos = match.end()
        word = match.group()
        return word if word.isdigit() else self.strings.get(word.lower(), word)

    def braced(self) -> str:
        """`{...}` with nested braces; returns the inside, braces within kept."""
        start, depth = self.pos, 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if char == "\\":  # \{ and \} do not nest
                self.pos += 1
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return self.text[start + 1:self.pos - 1]
        raise self.error("unbalanced braces: the '{' that starts here is never closed", start)

    def quoted(self) -> str:
        """`"..."`: a quote inside braces does not end the value."""
        start, depth = self.pos, 0
        for self.pos in range(self.pos + 1, len(self.text)):
            char = self.text[self.pos]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == 0 and self.text[self.pos - 1] != "\\":
                self.pos += 1
                return self.text[start + 1:self.pos - 1]
        raise self.error('the \'"\' that starts here is never closed', start)


# -- names --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    first: str  # given names, possibly empty
    last: str  # family name with its particles: "van der Maaten"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}".strip()


def split_names(raw: str) -> tuple[list[Person], bool]:
    """The people of a BibTeX `author` value ("A and B and others"), and whether the list
    ends in "others" (more authors than listed). A top-level ';' also separates names."""
    people, more = [], False
    for name in _split_top_level(raw, r"\s+and\s+|\s*;\s*"):
        if latex_to_text(name).lower() in ("others", "et al.", "et al"):
            more = True
        elif name.strip():
            people.append(_person(name))
    return people, more


def _person(raw: str) -> Person:
    parts = [latex_to_text(p) for p in _split_top_level(raw, r"\s*,\s*")]
    if len(parts) >= 2:  # "Last, First" or "Last, Jr, First"
        return Person(first=parts[-1], last=parts[0])
    words = _split_top_level(raw.strip(), r"\s+")
    # "First von Last": the family name is the last word and the lowercase particles before it
    last_start = len(words) - 1
    while last_start > 1 and latex_to_text(words[last_start - 1])[:1].islower():
        last_start -= 1
    return Person(first=latex_to_text(" ".join(words[:last_start])),
                  last=latex_to_text(" ".join(words[last_start:])))


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split where `separator` matches outside braces: "{Barnes and Noble}" stays whole."""
    pieces, depth, start = [], 0, 0
    pattern = re.compile(separator, re.IGNORECASE)
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0:
            match = pattern.match(text, pos)
            if match and match.end() > pos:
                pieces.append(text[start:pos])
                start = pos = match.end()
                continue
        pos += 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


# -- LaTeX to text ------------------------------------------------------------------------

_COMBINING = {  # accent command -> Unicode combining mark
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "r": "\u030a",
    "k": "\u0328", "d": "\u0323",
}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
# The accented letter, braced or not; \i and \j are the dotless i and j.
_BASE = r"(\{\s*\\?[A-Za-z]\s*\}|\\[ij](?![A-Za-z])|[A-Za-z])"
# {\"o}, \"{o}, \"o, \'{\i}; a letter accent needs braces or a space: \c{c}, \v s
_SYMBOL_ACCENT = re.compile(r"\\([\"'`^~=.])\s*" + _BASE)
_LETTER_ACCENT = re.compile(r"\\([cvuHrkd])(?:\s*(?=\{)|\s+)" + _BASE)
_SPECIAL_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\})?\s?")
_ESCAPED = {"\\&": "&", "\\%": "%", "\\$": "$", "\\#": "#", "\\_": "_"}
_FORMATTING = re.compile(r"\\(?:text[a-z]{2}|emph|mbox|mathrm|mathit|mathbf|url|textsc|textnormal)\s*(?=\{)")


def latex_to_text(raw: str) -> str:
    """Plain text from a BibTeX value: accents composed ({\\"o} -> ö), escapes resolved,
    formatting commands and grouping braces dropped, whitespace collapsed."""
    text = _SYMBOL_ACCENT.sub(_compose, raw)
    text = _LETTER_ACCENT.sub(_compose, text)
    text = _SPECIAL_LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _FORMATTING.sub("", text)
    # escaped braces survive the removal of grouping braces as private-use placeholders
    text = text.replace("\\{", "\ue000").replace("\\}", "\ue001")
    for escape, char in _ESCAPED.items():
        text = text.replace(escape, char)
    text = re.sub(r"(?<!\\)[{}$]", "", text)
    text = text.replace("~", " ").replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("\ue000", "{").replace("\ue001", "}")
    return " ".join(text.split())


def _compose(match: re.Match) -> str:
    base = match.group(2).strip("{} \t\n").lstrip("\\")  # "\\i" -> "i": the accent replaces the dot
    return unicodedata.normalize("NFC", base + _COMBINING[match.group(1)])


def ascii_fold(text: str) -> str:
    """'Müller' -> 'Muller', 'Łukasz' -> 'Lukasz': accents and special letters dropped."""
    text = text.translate(str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                                         "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "ı": "i"}))
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
