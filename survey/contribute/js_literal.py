"""Reading the data of a SurVis JavaScript file without running it.

SurVis keeps its facets and allowed tags in JavaScript, in two dialects:

    const userDefinedTagCategories = { "facet": { "description": "..." }, ... };
    define({ tagCategories: { facet: { description: '...' } } });

Only the object literal is data. This reader finds the first `{` outside comments and
strings and reads one literal from there: objects (keys bare, single- or double-quoted),
arrays, strings, numbers, true/false/null, comments and trailing commas. Anything else (a
function, a variable, an expression) is refused with `path:line:column`, never evaluated.
The scan is one pass over the text, and nesting is bounded.
"""
from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 64  # objects and arrays inside each other
_SPACE_OR_COMMENT = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


class JsLiteralError(ValueError):
    """The file holds no readable object literal; str() is `path:line:column: message`."""


class _Reader:
    def __init__(self, text: str, path: str):
        self.text, self.path, self.pos = text, path, 0

    def fail(self, message: str, pos: int | None = None) -> JsLiteralError:
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return JsLiteralError(f"{self.path}:{line}:{column}: {message}")

    def skip(self) -> None:
        self.pos = _SPACE_OR_COMMENT.match(self.text, self.pos).end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos:self.pos + 1]

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep")
        ch = self.peek()
        if ch == "{":
            return self.container(depth, "}", self.entry)
        if ch == "[":
            return self.container(depth, "]", lambda d: self.value(d))
        if ch in "\"'":
            return self.string()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            return float(number.group()) if any(c in number.group() for c in ".eE") else int(number.group())
        word = _IDENTIFIER.match(self.text, self.pos)
        if word and word.group() in ("true", "false", "null"):
            self.pos = word.end()
            return {"true": True, "false": False, "null": None}[word.group()]
        found = repr(self.text[self.pos:self.pos + 20]) if ch else "the end of the file"
        raise self.fail(f"expected a value (text, number, object or list), found {found}: "
                        "only plain data is read, never code")

    def container(self, depth: int, close: str, item) -> Any:
        """An object ({...}, entries are (key, value) pairs) or array ([...]), with commas
        between items and one allowed after the last."""
        start = self.pos
        self.pos += 1
        items = []
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

    def entry(self, depth: int) -> tuple[str, Any]:
        ch = self.peek()
        if ch in "\"'":
            key = self.string()
        else:
            word = _IDENTIFIER.match(self.text, self.pos)
            if not word:
                raise self.fail("expected a key (a name or quoted text)")
            key, self.pos = word.group(), word.end()
        if self.peek() != ":":
            raise self.fail(f"expected ':' after the key {key!r}")
        self.pos += 1
        return key, self.value(depth)

    def string(self) -> str:
        quote = self.text[self.pos]
        match = _STRINGS[quote].match(self.text, self.pos)
        if match is None:
            raise self.fail("text in quotes is never closed on its line")
        self.pos = match.end()
        return _ESCAPE.sub(_unescape, match.group(1))


_STRINGS = {q: re.compile(q + r"((?:[^" + q + r"\\\n]|\\.)*)" + q) for q in "'\""}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) == 5 else _ESCAPES.get(code, code)


def read_object_literal(text: str, path: str, wrapped_key: str | None = None) -> dict[str, Any]:
    """The first object literal of a JavaScript text. In the `define({...})` dialect the data
    sits under `wrapped_key` (e.g. tagCategories) of the object given to define."""
    reader = _Reader(text, path)
    start = _first_brace(text)
    if start < 0:
        raise reader.fail("no object literal ({...}) found", 0)
    reader.pos = start
    data = reader.value()
    before = re.sub(r"//[^\n]*|/\*.*?\*/", " ", text[:start], flags=re.S)
    if wrapped_key and re.fullmatch(r"\s*define\s*\(\s*", before):
        if not isinstance(data.get(wrapped_key), dict):
            raise reader.fail(f"define({{...}}) holds no '{wrapped_key}' object", start)
        data = data[wrapped_key]
    return data


def _first_brace(text: str) -> int:
    """The position of the first '{' outside comments and strings, or -1."""
    token = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|\{", re.S)
    for match in token.finditer(text):
        if match.group() == "{":
            return match.start()
    return -1
