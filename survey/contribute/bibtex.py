"""Reading BibTeX for `survey new`, with pybtex for the grammar and the names and pylatexenc
for LaTeX to Unicode.

pybtex's parser reads what reference managers and publishers export (`{...}` and `"..."`
values, numbers, `@string` abbreviations, `#` concatenation, `@comment`, `@preamble`) and
splits names the way BibTeX does ("Steele, Jr., Guy L."; "Jean de La Fontaine" has the
particle "de" and the family name "La Fontaine"). Around it this module keeps the limits a
contributor's file must not break: the text, the entry count and every value (after @string
expansion) are bounded, and the scan is linear, so that no input takes long or much memory.
Any defect raises `BibtexError` as `path:line: message`, never another exception.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

from pybtex.database import Person as PybtexPerson
from pybtex.exceptions import PybtexError
from pybtex.database.input.bibtex import LowLevelParser, month_names, split_name_list
from pybtex.scanner import PrematureEOF, PybtexSyntaxError, Token, TokenRequired
from pylatexenc.latex2text import LatexNodes2Text

# Limits on what `survey new` reads: a whole library export of a few thousand entries
# passes; an input built to exhaust time or memory is refused early, with a message.
MAX_TEXT_CHARS = 2_000_000
MAX_ENTRIES = 5_000
MAX_VALUE_CHARS = 100_000  # one field or @string after expansion: a long abstract is ~5,000
# All the values of one entry, and of the whole text, after @string expansion: one long
# @string referenced by thousands of fields must not make the values outgrow the text by
# orders of magnitude (448 KB of such input once asked for 1.5 GB).
MAX_ENTRY_CHARS = 2 * MAX_VALUE_CHARS
MAX_EXPANDED_CHARS = 4 * MAX_TEXT_CHARS
MAX_NAMES = 2_000  # authors of one entry (the largest collaborations list ~1,000 names)


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
    fields: dict[str, str] = field(default_factory=dict)  # lowercase name -> value as written, @strings expanded
    field_lines: dict[str, int] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        """The field as plain text (LaTeX to Unicode, math kept as $...$), or None if absent or blank."""
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


def parse_bibtex(
    text: str, path: str = "<bibtex>", key: str | None = None, strings: dict[str, str] | None = None
) -> list[BibEntry]:
    """The entries of a BibTeX text, in order; only the one with `key` when a key is given
    (the others are scanned, not kept). Raises BibtexError, also when there is neither an
    entry nor a key. `strings`, where given, holds the @string abbreviations in force before
    the text (a file read entry by entry); those the text defines are added to it."""
    if len(text) > MAX_TEXT_CHARS:
        raise BibtexError(
            path,
            1,
            f"the BibTeX text has {len(text):,} characters, more than the "
            f"{MAX_TEXT_CHARS:,} survey new reads: export just the entry you need",
        )
    if "\x00" in text:
        raise BibtexError(
            path, text.count("\n", 0, text.index("\x00")) + 1, "binary data (a NUL byte): a BibTeX file is text"
        )
    starts = len(_ENTRY_START.findall(text))  # counted up front: the parser reads ~1,000 entries a second
    if starts > MAX_ENTRIES:
        raise BibtexError(
            path,
            1,
            f"{starts:,} entries, more than the {MAX_ENTRIES:,} survey new reads: export just the entry you need",
        )
    parser = _Parser(text, path, key)
    if strings is not None:
        parser.macros.update(strings)
    try:
        found = parser.entries()
    except PybtexSyntaxError as err:
        line, message = parser.explain(err)
        raise BibtexError(path, line, message) from None
    if strings is not None:
        strings.update(parser.macros)
    if not found and key is None and strings is None:
        raise BibtexError(
            path,
            1,
            "no BibTeX entry found: expected one like @article{key, title = {...}, author = {...}, year = {...}}",
        )
    return found


_COMMAND = re.compile(r"\s*([A-Za-z]+)")  # the entry type after '@', for messages
_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_BRACED_SPECIALS = re.compile(r"[{}]")
_QUOTED_SPECIALS = re.compile(r'[{}"]')


class _Limit(PybtexSyntaxError):  # type: ignore[misc]  # pybtex has no types (pyproject.toml): its classes are Any to mypy
    error_type = "limit"


class _Problem(PybtexSyntaxError):  # type: ignore[misc]  # pybtex has no types (pyproject.toml): its classes are Any to mypy
    """A defect pybtex does not check, with our message."""

    error_type = "problem"


class _Parser(LowLevelParser):  # type: ignore[misc]  # pybtex has no types (pyproject.toml): its classes are Any to mypy
    """pybtex's low-level BibTeX grammar, with the entry and field lines recorded, a
    duplicate field refused, bounded values, and a scan that stays linear."""

    # pybtex's scanner state that the methods below read and move
    text: str
    pos: int
    lineno: int

    def __init__(self, text: str, path: str, key: str | None) -> None:
        super().__init__(text, macros=dict(month_names), filename=path)
        self.path, self.wanted_key = path, key
        self.count = 0
        self.entry_line = 1
        self.field_lines: dict[str, int] = {}
        self.current_command_name = ""
        self.in_value, self.value_line = False, 1
        self.entry_chars = 0  # expanded characters of the entry being read
        self.total_chars = 0  # and of the whole text

    def entries(self) -> list[BibEntry]:
        found: list[BibEntry] = []
        for command, body in self:
            kind = command.lower()
            if kind in ("string", "preamble"):
                continue
            self.count += 1
            if self.count > MAX_ENTRIES:
                raise _Limit(f"more than {MAX_ENTRIES:,} entries: export just the entry you need", self)
            entry_key, fields = body
            if self.wanted_key is not None and entry_key != self.wanted_key:
                continue
            entry = BibEntry(type=kind, key=entry_key, line=self.entry_line)
            for name, parts in fields:
                entry.fields[name.lower()] = "".join(parts)
                entry.field_lines[name.lower()] = self.field_lines[name.lower()]
            found.append(entry)
            if self.wanted_key is not None:
                break  # what follows the wanted entry is not read
        return found

    # -- what pybtex does not check

    def parse_command(self) -> Any:  # pybtex's (command, body), passed on
        self.entry_line = self.lineno
        self.field_lines = {}
        self.in_value = False
        self.entry_chars = 0
        name = _COMMAND.match(self.text, self.pos)
        self.current_command_name = name.group(1).lower() if name else ""
        return super().parse_command()

    def parse_entry_body(self, body_end: Any) -> None:
        key_pattern = self.KEY_PAREN if body_end == self.RPAREN else self.KEY_BRACE
        self.eat_whitespace()
        key = key_pattern.match(self.text, self.pos)
        after = self.text[key.end() : key.end() + 200].lstrip()[:1] if key else ""
        if key is None or after == "=" or "=" in key.group():
            raise _Problem(
                f"@{self.current_command_name} entry has no citation key: write "
                f"@{self.current_command_name}{{key, ...}}",
                self,
            )
        super().parse_entry_body(body_end)

    def parse_field(self) -> None:
        self.eat_whitespace()
        line = self.lineno
        name = self.NAME.match(self.text, self.pos)
        if name and name.group().lower() in self.field_lines:
            lowered = name.group().lower()
            raise _Problem(
                f"field '{lowered}' is given twice in entry '{self.current_entry_key}' "
                f"(first on line {self.field_lines[lowered]}): keep one",
                self,
            )
        super().parse_field()
        if self.current_field_name:
            self.field_lines[self.current_field_name.lower()] = line

    def parse_value(self) -> None:
        super().parse_value()
        size = sum(map(len, self.current_value))
        if size > MAX_VALUE_CHARS:  # before pybtex joins the parts
            raise self._too_long()
        self.entry_chars += size
        self.total_chars += size
        if self.entry_chars > MAX_ENTRY_CHARS:
            raise _Limit(
                f"the values of this entry come to more than {MAX_ENTRY_CHARS:,} "
                "characters after @string expansion: an entry holds a few thousand",
                self,
            )
        if self.total_chars > MAX_EXPANDED_CHARS:
            raise _Limit(
                f"the values come to more than {MAX_EXPANDED_CHARS:,} characters after "
                "@string expansion: an abbreviation is used far too often",
                self,
            )

    def parse_value_part(self) -> str:
        self.eat_whitespace()
        self.value_line, self.in_value = self.lineno, True
        part: str = super().parse_value_part()
        self.in_value = False
        if len(part) > MAX_VALUE_CHARS:
            raise self._too_long()
        return part

    def _too_long(self) -> PybtexSyntaxError:
        return _Limit(f"a value longer than {MAX_VALUE_CHARS:,} characters (after @string expansion): shorten it", self)

    def parse_string(self, string_end: Any, level: int = 0, max_level: int = 100) -> Iterator[Token]:
        """A braced or quoted value up to its end, as the one token pybtex joins. pybtex
        starts a generator per brace pair, which makes a value of many braces slow; this
        scans with one regular expression and refuses a value past the limit as it grows."""
        start = pos = self.pos
        specials = _QUOTED_SPECIALS if string_end is self.QUOTE else _BRACED_SPECIALS
        depth = 0
        while True:
            match = specials.search(self.text, pos)
            if match is None:
                self._advance(len(self.text))
                raise PrematureEOF(self)
            pos, char = match.end(), match.group()
            if pos - start > MAX_VALUE_CHARS:
                raise self._too_long()
            if char == "{":
                depth += 1
                if depth > max_level:
                    self._advance(pos)
                    raise PybtexSyntaxError("too many nested braces", self)
            elif char == "}" and depth > 0:
                depth -= 1
            elif char == '"' and depth > 0:
                continue  # a quote inside braces does not end a quoted value
            elif char == "}" and string_end is self.QUOTE:
                self._advance(pos)
                raise PybtexSyntaxError("unbalanced braces", self)
            else:  # the closing '}' or '"'
                break
        value = self.text[start:pos]
        self._advance(pos)
        yield Token(value, string_end)

    def _advance(self, pos: int) -> None:
        self.update_lineno(self.text[self.pos : pos])
        self.pos = pos

    # -- messages

    def explain(self, err: PybtexSyntaxError) -> tuple[int, str]:
        """The line and a message that says what is wrong in the contributor's terms."""
        line = err.lineno or 1
        if isinstance(err, (_Limit, _Problem)):
            return line, _message(err)
        entry = f"entry '{self.current_entry_key}'" if self.current_entry_key else "the entry"
        if isinstance(err, PrematureEOF) and self.in_value:
            return self.value_line, (
                f"the value of '{self.current_field_name or '@string'}' is never "
                "closed: a '{' or '\"' that starts here has no end"
            )
        if isinstance(err, PrematureEOF):
            return self.entry_line, (
                f"{entry} is never closed: add its final '}}', and check that every '{{' in it has its '}}'"
            )
        if "unbalanced braces" in _message(err):
            return line, f"unbalanced braces in {entry}: a '}}' closes nothing"
        if "nested braces" in _message(err):
            return line, f"braces nested too deeply in {entry}"
        if err.error_type == "undefined string":
            return line, (
                f"'{_message(err)}' is not defined: write the value in braces, or define "
                "it with @string before the entry"
            )
        if isinstance(err, TokenRequired):
            return line, self._explain_required(err, entry)
        return line, _message(err)  # pragma: no cover - pybtex raises only the errors above

    def _explain_required(self, err: TokenRequired, entry: str) -> str:
        wanted = _message(err).removesuffix(" expected")
        found = self.text[self.pos : self.pos + 1]
        found = repr(found) if found else "the end of the text"
        if wanted == "a valid name" and not self.current_command_name:
            return f"expected an entry type after '@' (e.g. @article), found {found}"
        if wanted in ("'(' or '{'", "'{' or '('") and not self.current_command_name:
            return f"expected an entry type after '@' (e.g. @article), found {found}"
        if wanted in ("'(' or '{'", "'{' or '('"):
            return f"expected '{{' after @{self.current_command_name}, found {found}"
        if wanted == "'='" and self.current_field_name:
            return f"expected '=' after field name '{self.current_field_name}' in {entry}, found {found}"
        if wanted == "field value":
            return (
                f"field '{self.current_field_name}' has no value: expected {{...}}, \"...\" or a number, found {found}"
            )
        if wanted in ("'}'", "')'"):
            return f"expected ',' or {wanted} after the fields of {entry}, found {found}"
        return f"expected {wanted} in {entry}, found {found}"


def _message(err: Exception) -> str:
    """The message pybtex gave an error, without its 'syntax error in line N' prefix."""
    return str(err.args[0]) if err.args else str(err)


# -- names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One name, in BibTeX's four parts, as plain text."""

    first: str  # given names and initials: "Guy L."
    last: str  # the family name with its particles, as the survey's short form uses it: "van der Maaten"
    particle: str = ""  # the "von" part, also at the start of `last`: "van der"
    suffix: str = ""  # the "Jr." part

    @property
    def full(self) -> str:
        """'Given Family' as printed: 'Guy L. Steele Jr.', 'Jean de La Fontaine'."""
        return " ".join(p for p in (self.first, self.last, self.suffix) if p)


def split_names(raw: str, path: str = "--authors", line: int = 1) -> tuple[list[Person], bool]:
    """The people of a BibTeX `author` value ("A and B and others"), and whether the list
    ends in "others" (more authors than listed). A top-level ';' also separates names.
    Raises BibtexError (at path:line) for a name BibTeX cannot split or too many names."""
    people, more = [], False
    # BibTeX reads every run of whitespace in a value as one space, so "Fred Hohman and\n
    # Haekyu Park" (DBLP ends each author line with "and") is two names, as BibTeX sees them.
    raw = " ".join(raw.split())
    names = [piece for name in split_name_list(raw) for piece in _split_semicolons(name)]
    if len(names) > MAX_NAMES:
        raise BibtexError(path, line, f"more than {MAX_NAMES:,} author names")
    for name in names:
        if latex_to_text(name).lower() in ("others", "et al.", "et al"):
            more = True
        elif name.strip():
            people.append(_person(name, path, line))
    return people, more


def _split_semicolons(name: str) -> list[str]:
    """'Fred Hohman; Minsuk Kahng' -> two names; a ';' inside braces stays."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(name):
        depth += (char == "{") - (char == "}")
        if char == ";" and depth == 0:
            pieces.append(name[start:i])
            start = i + 1
    pieces.append(name[start:])
    return [p.strip() for p in pieces if p.strip()]


# BibTeX's three-part form is "Family, Jr., Given"; the ACM Digital Library writes
# "Daum\'{e}, Hal, III" (given name second, suffix last), which BibTeX would read as the
# given name "III". A last part that is a generation suffix is put back in its place.
_SUFFIX = re.compile(r"^(jr\.?|sr\.?|[ivx]{1,4})$", re.IGNORECASE)


def _suffix_last(raw: str) -> str:
    parts = [part.strip() for part in _split_top_level(raw, ",")]
    if len(parts) == 3 and _SUFFIX.match(parts[2]) and not _SUFFIX.match(parts[1]):
        return f"{parts[0]}, {parts[2]}, {parts[1]}"
    return raw


def _split_top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside braces."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if char == separator and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def _person(raw: str, path: str, line: int) -> Person:
    raw = _suffix_last(raw)
    try:
        name = PybtexPerson(raw)
    except PybtexError:
        shown = " ".join(raw.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise BibtexError(
            path, line, f"cannot read the name '{shown}': write 'Family, Given', 'Family, Jr., Given' or 'Given Family'"
        ) from None

    def text(parts: list[str]) -> str:
        return latex_to_text(" ".join(parts))

    particle = text(name.prelast_names)
    family = text(name.last_names)
    return Person(
        first=text(name.first_names + name.middle_names),
        last=f"{particle} {family}".strip(),
        particle=particle,
        suffix=text(name.lineage_names),
    )


# -- LaTeX to text ------------------------------------------------------------------------

# Math stays as written ($\alpha$), so that the text can go back into LaTeX unchanged.
_LATEX = LatexNodes2Text(math_mode="verbatim")


def latex_to_text(raw: str) -> str:
    """Plain Unicode text from a BibTeX value: accents composed ({\\"o} -> ö), escapes
    resolved, formatting commands ({\\em x}, \\textit{x}) and grouping braces dropped,
    math kept as $...$, whitespace collapsed."""
    text = _LATEX.latex_to_text(raw)
    text = re.sub(r"^<(\S+)>$", r"\1", text)  # pylatexenc writes \url{x} as <x>
    return " ".join(unicodedata.normalize("NFC", text).split())


# Letters that NFKD does not split into a base letter and an accent.
_ASCII_LETTERS: dict[str, str | int | None] = {
    "ß": "ss",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
}
_ASCII_FOLDS = str.maketrans(_ASCII_LETTERS)


def ascii_fold(text: str) -> str:
    """'Müller' -> 'Muller', 'Łukasz' -> 'Lukasz': accents and special letters dropped."""
    text = text.translate(_ASCII_FOLDS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
