"""Reading one record file into plain values, with the line and column of every value.

PyYAML's `safe_load` accepts duplicate keys silently and loses positions, so records are
*composed* (libyaml builds the node tree) and then turned into values here. Whatever the
bytes, this never raises: every defect becomes a `Problem` with a position.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeAlias

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import CollectionEndEvent, CollectionStartEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from survey.records.problems import Problem, quoted

if TYPE_CHECKING:
    from yaml._yaml import Mark as _CMark

    # An event's mark: libyaml's (the C loader) or PyYAML's, with the same fields.
    _EventMark: TypeAlias = Mark | _CMark

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
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

Position = tuple[int, int]  # 1-based line and column
Message = str | Callable[[], str]
KeyPath = tuple[str | int, ...]  # ("how",) or ("how", 2): the place of a value inside the document

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Records nest three levels deep (record, list, item). libyaml composes recursively in C and
# the values are built recursively in Python: deeper documents are refused before either.
NESTING_LIMIT = 100
PROBLEM_LIMIT = 50  # problems one file reports; the rest are counted
NUMBER_DIGITS_LIMIT = 40  # longer numbers are refused, not converted (no year has 40 digits)
# YAML 1.1 also reads 0x7E2, 0b11111100010, 33:38 or +2018 as numbers, and yes/on/y as
# booleans: records accept only the plain forms, which mean the same to every reader.
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})  # in any case
# Characters YAML's escapes ("\uFFFE", "\uD800") let into a value that later readers choke
# on: Material's front-matter parser, browsers' and spreadsheets' decoders, UTF-8 encoders.
# Unicode's noncharacters (U+FDD0..U+FDEF and the last two code points of every plane),
# surrogates (only ever lone in a str) and the byte-order mark, which belongs only at the
# start of a file.
_UNSAFE_CHARACTERS = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\ufeff"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def unsafe_character(text: str) -> str | None:
    """What is wrong with the first noncharacter, surrogate or BOM in `text`, or None."""
    found = _UNSAFE_CHARACTERS.search(text)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    kind = (
        "a lone surrogate (half of a UTF-16 pair)"
        if 0xD800 <= code < 0xE000
        else "a byte-order mark, which belongs only at the start of a file"
        if code == 0xFEFF
        else "a Unicode noncharacter"
    )
    return (
        f"U+{code:04X}, {kind}, at character {found.start() + 1} of {quoted(text)}: "
        "text must hold only characters meant for interchange; remove it"
    )


@dataclass
class Document:
    """One record file, read.

    Positions come from the node tree composed when the file was read, kept only until its
    checks are done (`forget_positions`), or composed again once, at the first problem, for
    a file that came from the cache. Valid files never keep a tree alive (10,000 retained
    trees make Python's garbage collector the slowest part of loading). Finding a position
    costs one dictionary look-up per key: the children of a mapping are indexed the first
    time one is asked for, so that reporting N problems stays linear in N."""

    path: str  # as the user named it; used in messages
    data: Any = None  # the top-level value (a dict for a well-formed record)
    source: str | None = None  # the decoded text, for positions
    file: Path | None = None  # read again for positions when `source` was not kept (cache hits)
    unreadable: set[KeyPath] = field(default_factory=set)  # values refused (already reported)
    problems: list[Problem] = field(default_factory=list)
    found: int = 0  # problems found by the checks, shown or not
    sealed: bool = False  # capped (`cap_problems`): later problems, across files, are all kept
    hidden_at: Position | None = None  # where the first problem not kept is
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    # id(mapping node) -> {key: (key node, value node)}
    _children: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> Node | None:
        if not self._composed:
            self._composed = True
            source = self.source
            if source is None and self.file is not None:
                try:
                    source = read_regular_file(self.file).decode("utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    source = None  # changed since it was read: positions fall back to 1:1
            if source is not None and _nesting_deeper_than(source, NESTING_LIMIT):
                source = None  # changed since it was read, and too deep to compose
            try:
                self._root = yaml.compose(source, Loader=_Loader) if source is not None else None
            except yaml.YAMLError:
                self._root = None
        return self._root

    def forget_positions(self) -> None:
        """Drop the node tree; a later position composes the text again."""
        self._root, self._composed, self._children = None, False, {}

    def node(self, *keypath: Any) -> Node | None:
        """The node of a value, else of its nearest ancestor that exists, else the root."""
        node = self.root
        for key in keypath:
            child = self._child(node, key)
            if child is None:
                break
            node = child
        return node

    def _child(self, node: Node | None, key: Any) -> Node | None:
        if isinstance(node, SequenceNode):
            return node.value[key] if isinstance(key, int) and 0 <= key < len(node.value) else None
        entry = self._entries(node).get(key) if isinstance(key, str) else None
        return entry[1] if entry else None

    def _entries(self, node: Node | None) -> dict[str, tuple[Node, Node]]:
        """A mapping's (key node, value node) by key; the first of duplicate keys wins."""
        if not isinstance(node, MappingNode):
            return {}
        entries = self._children.get(id(node))
        if entries is None:
            entries = {}
            for key_node, value_node in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str) and key not in entries:
                    entries[key] = (key_node, value_node)
            self._children[id(node)] = entries
        return entries

    def where(self, *keypath: Any) -> Position:
        """Position of a value, else of its parent, else the start of the file."""
        return _position(self.node(*keypath))

    def text(self, *keypath: Any) -> str | None:
        """A scalar as written in the file (1810.03910, not the float YAML reads)."""
        node = self.node(*keypath)
        return node.value if isinstance(node, ScalarNode) and keypath else None

    @property
    def counting_only(self) -> bool:
        """Whether a problem reported now is only counted (see `_counting_only`)."""
        return self._counting_only

    @property
    def _counting_only(self) -> bool:
        """Past PROBLEM_LIMIT: a problem is counted, without finding its place or message."""
        return not self.sealed and len(self.problems) >= PROBLEM_LIMIT and self.hidden_at is not None

    def add(self, line: int, column: int, message: Message) -> None:
        """A problem at a known position. A message may be given as a function, called only
        for a problem that is shown (suggestions cost more than finding the problem)."""
        self.found += 1
        if self.sealed or len(self.problems) < PROBLEM_LIMIT:
            self.problems.append(Problem(self.path, line, column, message() if callable(message) else message))
        elif self.hidden_at is None:
            self.hidden_at = (line, column)

    def report(self, keypath: KeyPath, message: Message) -> None:
        if self._counting_only:
            self.found += 1
            return
        self.add(*self.where(*keypath), message)

    def report_key(self, key: str, message: Message, within: KeyPath = ()) -> None:
        """Report at a key itself (unknown fields), not at its value: a top-level key, or
        one of the mapping at the keypath `within`."""
        if self._counting_only:
            self.found += 1
            return
        entry = self._entries(self.node(*within)).get(key)
        self.add(*_position(entry[0] if entry else self.node(*within, key)), message)

    def cap_problems(self) -> None:
        """Sort the problems kept (the first PROBLEM_LIMIT found) and count the others in a
        last one, placed where the first of them is. Problems reported later (the same work
        in another file) are all kept."""
        if self.sealed:
            return
        self.sealed = True
        self.problems.sort()
        hidden = self.found - len(self.problems)
        if hidden > 0 and self.hidden_at is not None:
            self.problems.append(
                Problem(
                    self.path,
                    *self.hidden_at,
                    f"and {hidden} more problem(s) in this file, not shown "
                    f"(the first {PROBLEM_LIMIT} are): fix these and run again",
                )
            )


def _position(node: Node | None) -> Position:
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


class NotARegularFile(OSError):
    """A named pipe, device, socket or folder where a record file was expected."""


def read_regular_file(path: Path | str) -> bytes:
    """The bytes of a regular file. Anything else raises NotARegularFile before a byte is
    read: opening does not wait for a named pipe's writer, and reading never blocks."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(f"{path}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)


def read_document(
    path: Path | str, display: str | None = None, data: bytes | None = None, keep_positions: bool = False
) -> Document:
    """Read and parse one file. `display` is the path shown in messages. With
    `keep_positions` the node tree stays in the document until `forget_positions()`."""
    doc = Document(path=display if display is not None else str(path))
    if data is None:
        try:
            data = read_regular_file(path)
        except FileNotFoundError:
            doc.problems.append(Problem(doc.path, 1, 1, "no such file or folder"))
            return doc
        except NotARegularFile:
            doc.problems.append(
                Problem(doc.path, 1, 1, "not a regular file (a folder, named pipe or device): a record is a .yaml file")
            )
            return doc
        except OSError as err:
            doc.problems.append(Problem(doc.path, 1, 1, f"cannot read file: {err.strerror}"))
            return doc
    text = _decode(data, doc)
    if text is None:
        return doc
    too_deep = _nesting_deeper_than(text, NESTING_LIMIT)
    if too_deep is not None:
        line, column = too_deep
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                f"nesting deeper than {NESTING_LIMIT} "
                "levels: a record is a mapping of fields holding text, "
                "numbers and short lists",
            )
        )
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        line, column, message = _yaml_problem(err, text)
        doc.problems.append(Problem(doc.path, line, column, message))
        return doc
    except yaml.YAMLError as err:  # ReaderError: a character YAML does not allow
        line, column = _position_of(text, getattr(err, "position", 0))
        doc.problems.append(Problem(doc.path, line, column, f"not valid YAML text: {_one_line(err)}"))
        return doc
    if root is None:
        doc.problems.append(
            Problem(
                doc.path, 1, 1, "file is empty: a record is a mapping of fields such as 'id:', 'title:' and 'year:'"
            )
        )
        return doc
    doc.source = text
    doc.data = _Builder(doc).build(root, ())
    if keep_positions:
        doc._root, doc._composed = root, True
    return doc


# Characters that can open a nesting level: a block collection starts on a new line or
# after '- ' or '? ', a flow collection at '[' or '{'. Their count bounds the depth.
_LEVEL_OPENERS = ("\n", "\r", "\x85", "\u2028", "\u2029", "-", "?", "[", "{")


def _nesting_deeper_than(text: str, limit: int) -> tuple[int, int] | None:
    """Where the nesting first goes deeper than `limit`, else None. Counting characters
    settles nearly every file; the rest are scanned as a stream of parser events, which
    libyaml produces with a stack of its own and no recursion."""
    if sum(text.count(opener) for opener in _LEVEL_OPENERS) < limit:
        return None
    try:
        return _first_event_deeper_than(text, limit, _Loader)
    except yaml.YAMLError as err:
        if "nesting depth" not in str(err):
            return None  # composing reports it, before it goes any deeper
    # libyaml (0.2.5 as PyPI's PyYAML 6.0.4 builds it) stops at 1,000 flow levels while
    # scanning ahead for a simple key, before it hands the parser the 101st level. The pure
    # Python parser has no such cap, keeps no recursion either, and finds the same place.
    try:
        return _first_event_deeper_than(text, limit, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _first_event_deeper_than(text: str, limit: int, loader: type) -> tuple[int, int] | None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > limit:
                mark = _start_of(event)
                return mark.line + 1, mark.column + 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def _decode(data: bytes, doc: Document) -> str | None:
    if b"\x00" in data:
        line, column = _byte_position(data, data.index(b"\x00"))
        doc.problems.append(
            Problem(doc.path, line, column, "binary file (contains a NUL byte): a record must be YAML text")
        )
        return None
    try:
        return data.decode("utf-8-sig")  # tolerates a byte-order mark
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                f"not valid UTF-8 (byte 0x{data[err.start]:02x}): save the file with UTF-8 encoding",
            )
        )
        return None


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _position_of(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def _yaml_problem(err: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """Where a YAML syntax error's mistake is, and the message. libyaml notices a mistake
    where the text stops making sense, which can be far below it: an unclosed quote runs on
    to the next quote in the file, an unclosed bracket to the next line that cannot be in
    it. The position is moved back to the opening of the quote, bracket or block."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = _yaml_message(err, text, mark)
    if mark is None or message.startswith(("tab character", "more than one YAML document")):
        return line, column, message
    noticed = f"(YAML noticed it on line {line})"
    if err.context in ("while parsing a flow sequence", "while parsing a flow mapping") and err.context_mark:
        opening = err.context_mark
        bracket, closing = ("[", "]") if "sequence" in err.context else ("{", "}")
        return (
            opening.line + 1,
            opening.column + 1,
            f"invalid YAML: the '{bracket}' here is never closed: end the list with '{closing}' "
            f"on this line, and separate its items with ',' {noticed}",
        )
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        opening = err.context_mark
        return (
            opening.line + 1,
            opening.column + 1,
            f"invalid YAML: the quote here is never closed: end the value with "
            f"{_char_at(text, opening)} on this line {noticed}",
        )
    if err.context == "while scanning a simple key" and err.context_mark:
        opening = err.context_mark  # a line with neither 'key:' nor '- ': the error is below it
        return (
            opening.line + 1,
            opening.column + 1,
            f"invalid YAML: this line has no ':' after its field name (write 'name: value'), "
            f"or continues the value above it at too little indentation {noticed}",
        )
    quote = _quote_run_on(text, mark)
    if quote is not None:
        start, end = quote
        char = _char_at(text, start)
        inner = "''" if char == "'" else '\\"'
        where = (
            f"is closed only on line {end.line + 1}"
            if end.line > start.line
            else f"is closed early, at column {end.column}"
        )
        return (
            start.line + 1,
            start.column + 1,
            f"invalid YAML: the {char}...{char} value that starts here {where}: close it at the "
            f"end of this value; a {char} inside it is written {inner} {noticed}",
        )
    block = _block_out_of_line(text, mark)
    if block is not None:
        return block
    return line, column, message


def _tokens_before(text: str, mark: Mark) -> list[yaml.Token]:
    """The tokens of `text` before the error at `mark`, read again with PyYAML's Python
    scanner, which stops where libyaml did. Only an invalid file is read twice."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _quote_run_on(text: str, mark: Mark) -> tuple[Mark, Mark] | None:
    """(start, end) marks of a quoted value that spans lines and ends just before the error:
    an unclosed quote, closed by the next quote of the file ('it's', or a later value)."""
    tokens = _tokens_before(text, mark)
    last = tokens[-1] if tokens else None
    if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
        return None
    if last.start_mark.line < last.end_mark.line or last.end_mark.line == mark.line:
        return last.start_mark, last.end_mark
    return None


def _block_out_of_line(text: str, mark: Mark) -> tuple[int, int, str] | None:
    """A line indented unlike the list or mapping it belongs to. libyaml reports the line
    after a list whose first item is indented too far, and the line itself when it is the
    one out of line; the block's opening is named either way, and reported where its first
    line is the one out of line (the lines after the error line agree with it)."""
    blocks: list[_EventMark] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            start = _start_of(event)
            if start.index >= mark.index:
                break
            if isinstance(event, CollectionStartEvent) and not event.flow_style and start.line > 0:
                blocks.append(start)
    except yaml.YAMLError:
        pass
    if not blocks:
        return None
    opening = blocks[-1]
    if opening.column == mark.column:
        return None
    lines = text.splitlines()

    def indent(n: int) -> int:
        return len(lines[n]) - len(lines[n].lstrip(" "))

    def spaces(n: int) -> str:
        return f"{n} space" + ("" if n == 1 else "s")

    following = next((n for n in range(mark.line + 1, len(lines)) if lines[n].strip()), None)
    if following is not None and indent(following) == mark.column and mark.line > opening.line:
        return (
            opening.line + 1,
            opening.column + 1,  # the opening is the odd one out
            f"invalid YAML: the block that opens here is indented {spaces(opening.column)}, but "
            f"the lines after it (from line {mark.line + 1}) {spaces(mark.column)}: indent the "
            "items of one list or mapping alike",
        )
    return (
        mark.line + 1,
        mark.column + 1,
        f"invalid YAML: this line is indented {spaces(mark.column)}, unlike the block that "
        f"opens on line {opening.line + 1} ({spaces(opening.column)}): indent the items of one "
        "list or mapping alike",
    )


def _yaml_message(err: yaml.MarkedYAMLError, text: str, mark: Mark | None) -> str:
    problem = err.problem or "invalid YAML"
    if "\t" in problem or (mark is not None and _char_at(text, mark) == "\t"):
        return "tab character in indentation: YAML indents with spaces only"
    if "expected a single document" in str(err.context or ""):
        return "more than one YAML document ('---'): a record file holds exactly one mapping"
    context = f" ({err.context})" if err.context else ""
    return f"invalid YAML: {problem}{context}"


def _char_at(text: str, mark: Mark) -> str:
    return text[mark.index] if 0 <= mark.index < len(text) else ""


def _start_of(event: Event) -> _EventMark:
    """Where a parsed event starts. The parser marks every event it makes; the stubs allow
    None for events made by hand."""
    if event.start_mark is None:  # pragma: no cover - never from yaml.parse
        raise ValueError(f"{event!r} has no position")
    return event.start_mark


class _Builder:
    """Turns composed nodes into plain values, refusing what a record must not contain:
    duplicate keys, aliases, non-data tags, non-text keys."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()  # nodes already built: meeting one again means an alias
        self.constructor = SafeConstructor()

    def build(self, node: Node, keypath: KeyPath) -> Any:
        reported = self.doc.found
        value = self._build(node, keypath)
        if value is None and self.doc.found > reported:
            self.doc.unreadable.add(keypath)  # so that validation does not report it again
        return value

    def _build(self, node: Node, keypath: KeyPath) -> Any:
        if id(node) in self.seen:
            return self._problem(
                node, "anchors and aliases (&name, *name) are not allowed in records: write the value out in full"
            )
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
        wrong = unsafe_character(value)
        if wrong is not None:
            return self._problem(node, f"value holds {wrong}")
        # Fast paths for what records are made of; everything else goes through PyYAML.
        if tag == _STR_TAG:
            return value
        if tag in (_INT_TAG, _FLOAT_TAG) and len(value) > NUMBER_DIGITS_LIMIT:
            return self._problem(
                node, f"a number {len(value)} characters long is too long for any field: quote it if it is text"
            )
        if tag == _INT_TAG and _PLAIN_INT.fullmatch(value):
            return int(value)
        if (tag == _INT_TAG and _is_int(value)) or (tag == _BOOL_TAG and value.lower() in _YAML11_BOOLS):
            kind = "a number" if tag == _INT_TAG else "a boolean"
            plain = "plain decimal digits (year: 2018)" if tag == _INT_TAG else "true or false"
            return self._problem(
                node, f"YAML 1.1 reads {quoted(value)} as {kind}: records accept only {plain}; quote it if it is text"
            )
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as err:
            return self._problem(node, f"cannot read value {quoted(value)}: {_one_line(err)}")
        except (KeyError, AttributeError, TypeError):
            # an explicit tag on text that does not fit it: PyYAML raises KeyError for
            # `!!bool maybe` and AttributeError for `!!timestamp x`
            return self._problem(node, f"cannot read value {quoted(value)} as {_short_tag(tag)}")

    def _mapping(self, node: MappingNode, keypath: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "merge keys ('<<') are not allowed in records: write the fields out in full")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                self._problem(key_node, f"field names must be plain words, not {_describe_node(key_node)}")
                continue
            key = key_node.value
            wrong = unsafe_character(key)
            if wrong is not None:
                self._problem(key_node, f"field name holds {wrong}")
                continue
            if key in first_seen:
                self._problem(
                    key_node,
                    f"duplicate key {quoted(key)} (first set on line "
                    f"{_position(first_seen[key])[0]}): keep one of them",
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, keypath + (key,))
        return result

    def _bad_tag(self, node: Node) -> None:
        return self._problem(
            node, f"tag '{_short_tag(node.tag)}' is not allowed in records: use plain text, numbers, lists and mappings"
        )

    def _problem(self, node: Node, message: str) -> None:
        self.doc.add(*_position(node), message)
        return None


def _is_int(text: str) -> bool:
    """Whether YAML 1.1 reads `text` (at most NUMBER_DIGITS_LIMIT long) as an integer."""
    try:
        SafeConstructor().construct_yaml_int(ScalarNode(_INT_TAG, text))
    except ValueError:
        return False
    return True


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _describe_node(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return quoted(node.value)
