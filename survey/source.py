"""Reading one record file into plain values, with the line and column of every value.

PyYAML's `safe_load` accepts duplicate keys silently and loses positions, so records are
*composed* (libyaml builds the node tree) and then turned into values here. Whatever the
bytes, this never raises: every defect becomes a `Problem` with a position.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from survey.problems import Problem

# The only tags a record may carry: plain YAML data. Anything else (`!!python/object`,
# `!!binary`, custom tags) is refused rather than constructed.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

Position = tuple[int, int]  # 1-based line and column
KeyPath = tuple  # ("how",) or ("how", 2): the place of a value inside the document

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """One record file, read."""

    path: str  # as the user named it; used in messages
    data: Any = None  # the top-level value (a dict for a well-formed record)
    positions: dict[KeyPath, Position] = field(default_factory=dict)  # where each value starts
    key_positions: dict[str, Position] = field(default_factory=dict)  # where each top-level key is
    unreadable: set[KeyPath] = field(default_factory=set)  # values refused (already reported)
    texts: dict[KeyPath, str] = field(default_factory=dict)  # scalars as written: 1810.03910
    problems: list[Problem] = field(default_factory=list)

    def where(self, *keypath: Any) -> Position:
        """Position of a value, else of its parent, else the start of the file."""
        while keypath:
            if keypath in self.positions:
                return self.positions[keypath]
            keypath = keypath[:-1]
        return self.positions.get((), (1, 1))

    def report(self, keypath: tuple, message: str) -> None:
        line, column = self.where(*keypath)
        self.problems.append(Problem(self.path, line, column, message))

    def report_key(self, key: str, message: str) -> None:
        line, column = self.key_positions.get(key, self.where(key))
        self.problems.append(Problem(self.path, line, column, message))


def read_document(path: Path | str, display: str | None = None,
                  data: bytes | None = None) -> Document:
    """Read and parse one file. `display` is the path shown in messages."""
    doc = Document(path=display if display is not None else str(path))
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            doc.problems.append(Problem(doc.path, 1, 1, f"cannot read file: {err.strerror}"))
            return doc
    text = _decode(data, doc)
    if text is None:
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append(Problem(doc.path, line, column, _yaml_message(err, text, mark)))
        return doc
    except yaml.YAMLError as err:  # ReaderError: a character YAML does not allow
        line, column = _position_of(text, getattr(err, "position", 0))
        doc.problems.append(Problem(doc.path, line, column, f"not valid YAML text: {_one_line(err)}"))
        return doc
    if root is None:
        doc.problems.append(Problem(doc.path, 1, 1,
                                    "file is empty: a record is a mapping of fields such as "
                                    "'id:', 'title:' and 'year:'"))
        return doc
    doc.data = _Builder(doc).build(root, ())
    return doc


def _decode(data: bytes, doc: Document) -> str | None:
    if b"\x00" in data:
        line, column = _byte_position(data, data.index(b"\x00"))
        doc.problems.append(Problem(doc.path, line, column,
                                    "binary file (contains a NUL byte): a record must be YAML text"))
        return None
    try:
        return data.decode("utf-8-sig")  # tolerates a byte-order mark
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        doc.problems.append(Problem(doc.path, line, column,
                                    f"not valid UTF-8 (byte 0x{data[err.start]:02x}): "
                                    "save the file with UTF-8 encoding"))
        return None


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _position_of(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def _yaml_message(err: yaml.MarkedYAMLError, text: str, mark) -> str:
    problem = err.problem or "invalid YAML"
    if "\t" in problem or (mark is not None and _char_at(text, mark) == "\t"):
        return "tab character in indentation: YAML indents with spaces only"
    if "expected a single document" in str(err.context or ""):
        return "more than one YAML document ('---'): a record file holds exactly one mapping"
    context = f" ({err.context})" if err.context else ""
    return f"invalid YAML: {problem}{context}"


def _char_at(text: str, mark) -> str:
    return text[mark.index] if 0 <= mark.index < len(text) else ""


class _Builder:
    """Turns composed nodes into plain values, recording positions and refusing what a
    record must not contain: duplicate keys, aliases, non-data tags, non-text keys."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()

    def build(self, node, keypath: tuple) -> Any:
        reported = len(self.doc.problems)
        value = self._build(node, keypath)
        if value is None and len(self.doc.problems) > reported:
            self.doc.unreadable.add(keypath)  # so that validation does not report it again
        return value

    def _build(self, node, keypath: tuple) -> Any:
        mark = node.start_mark
        position = (mark.line + 1, mark.column + 1)
        self.doc.positions[keypath] = position
        if id(node) in self.seen:
            self._problem(position, "anchors and aliases (&name, *name) are not allowed in "
                                    "records: write the value out in full")
            return None
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            self.doc.texts[keypath] = node.value
            return self._scalar(node, position)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, position)
            return [self.build(item, keypath + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                return self._bad_tag(node, position)
            return self._mapping(node, keypath)
        return None  # pragma: no cover - libyaml composes only the three node kinds

    def _scalar(self, node: ScalarNode, position: Position) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node, position)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as err:
            self._problem(position, f"cannot read value {node.value!r}: {_one_line(err)}")
            return None
        except (KeyError, AttributeError, TypeError):
            # an explicit tag on text that does not fit it: PyYAML raises KeyError for
            # `!!bool maybe` and AttributeError for `!!timestamp x`
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(position, f"cannot read value {node.value!r} as {tag}")
            return None

    def _mapping(self, node: MappingNode, keypath: tuple) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_position = (key_mark.line + 1, key_mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_position, "merge keys ('<<') are not allowed in records: "
                                            "write the fields out in full")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self._problem(key_position, f"field names must be plain words, not "
                                            f"{_describe_node(key_node)}")
                continue
            key = key_node.value
            if key in first_seen:
                self._problem(key_position, f"duplicate key '{key}' (first set on line "
                                            f"{first_seen[key][0]}): keep one of them")
                continue
            first_seen[key] = key_position
            if keypath == ():
                self.doc.key_positions[key] = key_position
            result[key] = self.build(value_node, keypath + (key,))
        return result

    def _bad_tag(self, node, position: Position) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self._problem(position, f"tag '{tag}' is not allowed in records: use plain text, "
                                "numbers, lists and mappings")
        return None

    def _problem(self, position: Position, message: str) -> None:
        self.doc.problems.append(Problem(self.doc.path, position[0], position[1], message))


def _describe_node(node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"'{node.value}'"
