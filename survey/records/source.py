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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from survey.records.problems import Problem

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
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

Position = tuple[int, int]  # 1-based line and column
KeyPath = tuple  # ("how",) or ("how", 2): the place of a value inside the document

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """One record file, read.

    Positions come from composing the text again, and only when a problem is reported:
    valid files, the common case, never pay for them, and no node tree is kept alive
    (10,000 retained trees make Python's garbage collector the slowest part of loading)."""

    path: str  # as the user named it; used in messages
    data: Any = None  # the top-level value (a dict for a well-formed record)
    source: str | None = None  # the decoded text, for positions
    file: Path | None = None  # read again for positions when `source` was not kept (cache hits)
    unreadable: set[KeyPath] = field(default_factory=set)  # values refused (already reported)
    problems: list[Problem] = field(default_factory=list)

    @property
    def root(self) -> Node | None:
        source = self.source
        if source is None and self.file is not None:
            source = self.file.read_bytes().decode("utf-8-sig")
        return yaml.compose(source, Loader=_Loader) if source is not None else None

    def node(self, *keypath: Any) -> Node | None:
        """The node of a value, else of its nearest ancestor that exists, else the root."""
        node = self.root
        for key in keypath:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node

    def where(self, *keypath: Any) -> Position:
        """Position of a value, else of its parent, else the start of the file."""
        return _position(self.node(*keypath))

    def text(self, *keypath: Any) -> str | None:
        """A scalar as written in the file (1810.03910, not the float YAML reads)."""
        node = self.node(*keypath)
        return node.value if isinstance(node, ScalarNode) and keypath else None

    def report(self, keypath: tuple, message: str) -> None:
        line, column = self.where(*keypath)
        self.problems.append(Problem(self.path, line, column, message))

    def report_key(self, key: str, message: str) -> None:
        """Report at a top-level key itself (unknown fields), not at its value."""
        root = self.root
        key_node = next((k for k, _ in root.value if getattr(k, "value", None) == key), None) \
            if isinstance(root, MappingNode) else None
        line, column = _position(key_node if key_node is not None else self.node(key))
        self.problems.append(Problem(self.path, line, column, message))


def _child(node: Node | None, key: Any) -> Node | None:
    if isinstance(node, MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _position(node: Node | None) -> Position:
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_document(path: Path | str, display: str | None = None,
                  data: bytes | None = None) -> Document:
    """Read and parse one file. `display` is the path shown in messages."""
    doc = Document(path=display if display is not None else str(path))
    if data is None:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            doc.problems.append(Problem(doc.path, 1, 1, "no such file or folder"))
            return doc
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
    doc.source = text
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
    """Turns composed nodes into plain values, refusing what a record must not contain:
    duplicate keys, aliases, non-data tags, non-text keys."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()  # nodes already built: meeting one again means an alias
        self.constructor = SafeConstructor()

    def build(self, node: Node, keypath: tuple) -> Any:
        reported = len(self.doc.problems)
        value = self._build(node, keypath)
        if value is None and len(self.doc.problems) > reported:
            self.doc.unreadable.add(keypath)  # so that validation does not report it again
        return value

    def _build(self, node: Node, keypath: tuple) -> Any:
        if id(node) in self.seen:
            return self._problem(node, "anchors and aliases (&name, *name) are not allowed in "
                                       "records: write the value out in full")
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node)
            return [self.build(item, keypath + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                return self._bad_tag(node)
            return self._mapping(node, keypath)
        return None  # pragma: no cover - libyaml composes only the three node kinds

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        # Fast paths for what records are made of; everything else goes through PyYAML.
        if tag == _STR_TAG:
            return value
        if tag == _INT_TAG and value.isdecimal() and value.isascii() and (value[0] != "0" or value == "0"):
            return int(value)
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as err:
            return self._problem(node, f"cannot read value {value!r}: {_one_line(err)}")
        except (KeyError, AttributeError, TypeError):
            # an explicit tag on text that does not fit it: PyYAML raises KeyError for
            # `!!bool maybe` and AttributeError for `!!timestamp x`
            return self._problem(node, f"cannot read value {value!r} as {_short_tag(tag)}")

    def _mapping(self, node: MappingNode, keypath: tuple) -> dict:
        result: dict = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "merge keys ('<<') are not allowed in records: "
                                        "write the fields out in full")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                self._problem(key_node, f"field names must be plain words, not "
                                        f"{_describe_node(key_node)}")
                continue
            key = key_node.value
            if key in first_seen:
                self._problem(key_node, f"duplicate key '{key}' (first set on line "
                                        f"{_position(first_seen[key])[0]}): keep one of them")
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, keypath + (key,))
        return result

    def _bad_tag(self, node: Node) -> None:
        return self._problem(node, f"tag '{_short_tag(node.tag)}' is not allowed in records: use "
                                   "plain text, numbers, lists and mappings")

    def _problem(self, node: Node, message: str) -> None:
        line, column = _position(node)
        self.doc.problems.append(Problem(self.doc.path, line, column, message))
        return None


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _describe_node(node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"'{node.value}'"
