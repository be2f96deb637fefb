"""Reading the data of a SurVis JavaScript file without running it.

SurVis keeps its facets, allowed tags, generated bibliography and settings in JavaScript:

    const userDefinedTagCategories = { "facet": { "description": "..." }, ... };
    define({ tagCategories: { facet: { description: '...' } } });
    const generatedBibEntries = { "key": { "title": "...", ... } };
    var title = 'A Survey';                       (properties.js: `var` statements)

Only literals are data. `read_object_literal` finds the first `{` outside comments and
strings and reads one literal from there: objects (keys bare, single- or double-quoted),
arrays, strings, numbers, true/false/null, comments and trailing commas. `read_var_statements`
reads `var|let|const NAME = LITERAL;` statements. Anything else (a function, a variable, an
expression) is refused with `path:line:column`, never evaluated.

Every scan is one pass over the text: comments and strings are skipped with `str.find`
and anchored patterns that cannot backtrack past a line, never with a pattern that
searches the whole remaining text from each position (an unclosed `/*` is reported where
it opens, at once). Nesting is bounded.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable

MAX_DEPTH = 64  # objects and arrays inside each other
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SPACE = re.compile(r"\s+")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
# A quoted string on one line: each character is looked at once (no nested repetition).
_STRINGS = {q: re.compile(q + r"((?:[^" + q + r"\\\n]|\\.)*)" + q) for q in "'\""}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


class JsLiteralError(ValueError):
    """The file holds no readable literal; str() is `path:line:column: message`."""

    def __init__(self, located: str, line: int, message: str) -> None:
        super().__init__(located)
        self.line, self.message = line, message  # for callers that place it in a file of their own


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text, self.path, self.pos = text, path, 0
        self._newlines: list[int] | None = None
        self.key_lines: dict[tuple[str, ...], int] = {}  # (key, ...) -> line, for keys up to depth 2

    def line_of(self, pos: int) -> int:
        if self._newlines is None:  # built once, on the first question: one pass
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, pos) + 1

    def fail(self, message: str, pos: int | None = None) -> JsLiteralError:
        pos = self.pos if pos is None else pos
        line = self.line_of(pos)
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return JsLiteralError(f"{self.path}:{line}:{column}: {message}", line, message)

    def skip(self) -> None:
        """Past whitespace and comments; an unclosed /* is an error where it opens."""
        text = self.text
        while True:
            space = _SPACE.match(text, self.pos)
            if space:
                self.pos = space.end()
            if text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.fail("a '/*' comment is never closed")
                self.pos = end + 2
            else:
                return

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def value(self, depth: int = 0, keys: tuple[str, ...] = ()) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep")
        ch = self.peek()
        if ch == "{":
            return self.container(depth, "}", lambda d: self.entry(d, keys))
        if ch == "[":
            return self.container(depth, "]", lambda d: self.value(d))
        if ch and ch in "\"'":
            return self.string()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            return float(number.group()) if any(c in number.group() for c in ".eE") else int(number.group())
        word = _IDENTIFIER.match(self.text, self.pos)
        if word and word.group() in ("true", "false", "null"):
            self.pos = word.end()
            return {"true": True, "false": False, "null": None}[word.group()]
        found = repr(self.text[self.pos : self.pos + 20]) if ch else "the end of the file"
        raise self.fail(
            f"expected a value (text, number, object or list), found {found}: only plain data is read, never code"
        )

    def container(self, depth: int, close: str, item: Callable[[int], Any]) -> Any:
        """An object ({...}, entries are (key, value) pairs) or array ([...]), with commas
        between items and one allowed after the last."""
        start = self.pos
        self.pos += 1
        items: list[Any] = []
        while self.peek() != close:
            if not self.peek():
                raise self.fail(f"'{self.text[start]}' is never closed", start)
            items.append(item(depth + 1))
            if self.peek() == ",":
                self.pos += 1
            elif not self.peek():
                raise self.fail(f"'{self.text[start]}' is never closed", start)
            elif self.peek() != close:
                raise self.fail(f"expected ',' or '{close}'")
        self.pos += 1
        return dict(items) if close == "}" else items

    def entry(self, depth: int, keys: tuple[str, ...]) -> tuple[str, Any]:
        ch = self.peek()
        at = self.pos
        if ch and ch in "\"'":
            key = self.string()
        else:
            word = _IDENTIFIER.match(self.text, self.pos)
            if not word:
                raise self.fail("expected a key (a name or quoted text)")
            key, self.pos = word.group(), word.end()
        if self.peek() != ":":
            raise self.fail(f"expected ':' after the key {key!r}")
        self.pos += 1
        path = (*keys, key)
        if len(path) <= 3:
            self.key_lines[path] = self.line_of(at)
        return key, self.value(depth, path)

    def string(self) -> str:
        quote = self.text[self.pos]
        match = _STRINGS[quote].match(self.text, self.pos)
        if match is None:
            raise self.fail("text in quotes is never closed on its line")
        self.pos = match.end()
        return _ESCAPE.sub(_unescape, match.group(1))

    def first_brace(self) -> int:
        """The position of the first '{' outside comments and strings, or -1; the reader is
        left there. What comes before it is skipped token by token."""
        text = self.text
        while True:
            self.skip()
            if self.pos >= len(text):
                return -1
            ch = text[self.pos]
            if ch == "{":
                return self.pos
            if ch in "\"'":
                if _STRINGS[ch].match(text, self.pos) is None:
                    raise self.fail("text in quotes is never closed on its line")
                self.string()
            elif ch == "`":
                end = text.find("`", self.pos + 1)
                self.pos = len(text) if end < 0 else end + 1
            else:
                word = _IDENTIFIER.match(text, self.pos) or _NUMBER.match(text, self.pos)
                self.pos = word.end() if word else self.pos + 1


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) == 5 else _ESCAPES.get(code, code)


def read_object_literal(
    text: str, path: str, wrapped_key: str | None = None, key_lines: dict[tuple[str, ...], int] | None = None
) -> dict[str, Any]:
    """The first object literal of a JavaScript text. In the `define({...})` dialect the data
    sits under `wrapped_key` (e.g. tagCategories) of the object given to define. Where
    `key_lines` is given, it receives the line of each key up to three levels down, as
    (key, ...) -> line, relative to the returned object."""
    reader = _Reader(text, path)
    start = reader.first_brace()
    if start < 0:
        raise reader.fail("no object literal ({...}) found", 0)
    before = _code_words(text[:start], path)
    data: dict[str, Any] = reader.value()  # an object: the reader stands at its '{'
    offset = 0
    if wrapped_key and before[-2:] == ["define", "("]:
        if not isinstance(data.get(wrapped_key), dict):
            raise reader.fail(f"define({{...}}) holds no '{wrapped_key}' object", start)
        data, offset = data[wrapped_key], 1
    if key_lines is not None:
        key_lines.update(
            {
                keys[offset:]: line
                for keys, line in reader.key_lines.items()
                if len(keys) > offset and (not offset or keys[0] == wrapped_key)
            }
        )
    return data


def _code_words(text: str, path: str) -> list[str]:
    """The identifiers and punctuation of a text, comments left out (one pass)."""
    reader = _Reader(text, path)
    words: list[str] = []
    while True:
        try:
            reader.skip()
        except JsLiteralError:
            return words
        if reader.pos >= len(text):
            return words
        word = _IDENTIFIER.match(text, reader.pos)
        if word:
            words.append(word.group())
            reader.pos = word.end()
        else:
            words.append(text[reader.pos])
            reader.pos += 1


_STATEMENT = re.compile(r"(?:var|let|const)\b")
_NEXT_STATEMENT = re.compile(r"^[ \t]*(?:var|let|const)\b", re.MULTILINE)


def read_var_statements(text: str, path: str) -> tuple[dict[str, tuple[Any, int]], list[str]]:
    """The `var NAME = LITERAL;` statements of a text such as SurVis's properties.js, as
    NAME -> (value, line), and `path:line:column: message` for each statement that is not
    plain data (it is skipped up to the next line that starts a statement)."""
    reader = _Reader(text, path)
    found: dict[str, tuple[Any, int]] = {}
    problems: list[str] = []
    while True:
        try:
            reader.skip()
            if reader.pos >= len(text):
                return found, problems
            start = reader.pos
            keyword = _STATEMENT.match(text, reader.pos)
            if not keyword:
                raise reader.fail(
                    "expected a 'var NAME = value;' statement: only settings written as plain data are read"
                )
            reader.pos = keyword.end()
            reader.skip()
            name = _IDENTIFIER.match(text, reader.pos)
            if not name:
                raise reader.fail("expected a name after 'var'")
            reader.pos = name.end()
            if reader.peek() != "=":
                raise reader.fail(f"expected '=' after 'var {name.group()}'")
            reader.pos += 1
            value = reader.value()
            if reader.peek() == ";":
                reader.pos += 1
            found[name.group()] = (value, reader.line_of(start))
        except JsLiteralError as err:
            problems.append(f"{err}; skipped")
            following = _NEXT_STATEMENT.search(text, reader.pos + 1)
            if following is None:
                return found, problems
            reader.pos = following.start()
