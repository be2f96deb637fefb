"""Checking a settings file against its JSON Schema (survey.records.file_schemas) with the
jsonschema library, reported as `path:line:column: message` like a record's problems.

Each failure becomes one problem at the value it is about:
- a value that does not fit gets the `errorMessage` (or `x-message`) of the nearest
  schema that has one, at the position of the value that schema describes, followed by
  the value found and, for a misspelt choice, the closest allowed one ("did you mean");
- a missing key gets its own schema's message, at the mapping that lacks it;
- an unknown key is reported at the key, with the closest known key and the known ones.

One value gets one problem, the most general: text that is blank is reported as blank,
not also as an id of the wrong form. Checking costs time linear in the file: the schemas
have no `$ref`, `uniqueItems` or alternatives (`anyOf`, `oneOf`), and their patterns have
no nested repetition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator

from survey.records.problems import describe, one_line, quoted
from survey.records.source import Document
from survey.records.suggest import did_you_mean

KeyPath = tuple[str | int, ...]

# Schema keywords whose next token names a subschema and one step into the value.
_INTO_VALUE_NAMED = frozenset({"properties", "patternProperties"})
_INTO_VALUE = frozenset({"items", "additionalProperties"})
# ...and those that name a subschema of the same value.
_SAME_VALUE_INDEXED = frozenset({"allOf", "anyOf", "oneOf"})
_SAME_VALUE = frozenset({"not", "if", "then", "else"})


def _integer(checker: object, value: object) -> bool:
    """An integer as YAML writes one: not 1940.0, which JSON Schema counts as an integer,
    nor true, which Python does."""
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _pattern(validator: Validator, pattern: str, value: object, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """JSON Schema's `pattern`, except that a pattern ending in `$` must reach the end of the
    text: Python's `$` also matches before a final line break, which an id must not hold."""
    if not isinstance(value, str):
        return
    found = _compiled(pattern).search(value)
    if found is None or (pattern.endswith("$") and not pattern.endswith("\\$") and found.end() != len(value)):
        yield ValidationError(f"{value!r} does not match {pattern!r}")


_SettingsValidator = validators.extend(  # type: ignore[no-untyped-call]  # untyped in jsonschema's stubs
    Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)


# The validator of each schema, by the schema's identity: the schemas are module constants.
_validators: dict[int, tuple[dict[str, Any], Validator]] = {}


def _validator(schema: dict[str, Any]) -> Validator:
    cached = _validators.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, _SettingsValidator(schema))
        _validators[id(schema)] = cached
    return cached[1]


def check_against_schema(doc: Document, schema: dict[str, Any]) -> None:
    """Report every way in which `doc`'s data does not fit `schema`."""
    value_errors: dict[KeyPath, ValidationError] = {}  # one per value: the most general
    missing_reported: set[KeyPath] = set()
    for error in _validator(schema).iter_errors(doc.data):
        path: KeyPath = tuple(error.absolute_path)
        if any(path[:n] in doc.unreadable for n in range(len(path) + 1)):
            continue  # a value that could not be read is reported once, by the reader
        if error.validator == "additionalProperties" and error.validator_value is False:
            _report_unknown_keys(doc, path, error)
        elif error.validator == "required":
            if path not in missing_reported:
                missing_reported.add(path)
                _report_missing_keys(doc, schema, path, error)
        else:
            kept = value_errors.get(path)
            if kept is None or len(error.absolute_schema_path) < len(kept.absolute_schema_path):
                value_errors[path] = error
    for path, error in value_errors.items():
        _report_value(doc, schema, path, error)


def _report_value(doc: Document, schema: dict[str, Any], path: KeyPath, error: ValidationError) -> None:
    message_schema, depth, key = _message_schema(schema, path, error)
    template = message_schema.get("x-message") or message_schema.get("errorMessage")
    found = describe(error.instance)
    if template is None:  # every schema has a message at its root: this is a safeguard
        template = f"{found} is not allowed here"
    message = template.replace("{key}", one_line(key)).replace("{value}", found)
    if "{value}" not in template:
        message += f": {_part(path[depth:])} is {found}" if path[depth:] else f", not {found}"
    if error.validator == "enum" and isinstance(error.instance, str):
        allowed = error.validator_value if isinstance(error.validator_value, list) else []
        message += did_you_mean(error.instance, [str(v) for v in allowed])
    doc.report(path[:depth], message)


def _part(steps: KeyPath) -> str:
    """The part of a value a message is about that is wrong: "item 2", "item 2, 'id'"."""
    return ", ".join(f"item {step + 1}" if isinstance(step, int) else quoted(step) for step in steps)


def _message_schema(schema: dict[str, Any], path: KeyPath, error: ValidationError) -> tuple[dict[str, Any], int, str]:
    """The nearest schema along the error's schema path that has a message; how many steps
    of the value's path it describes; and the last key on that way that the file chose
    (a venue's abbreviation: a key not named by the schema)."""
    tokens = list(error.absolute_schema_path)[:-1]  # the last one is the keyword that failed
    node: Any = schema
    depth, chosen_key = 0, ""
    best: tuple[dict[str, Any], int, str] = (schema, 0, "")
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _INTO_VALUE_NAMED or token in _SAME_VALUE_INDEXED:
            node, i = node[token][tokens[i + 1]], i + 2
        else:
            node, i = node[token], i + 1
        if token in _INTO_VALUE_NAMED or token in _INTO_VALUE:
            if token in ("additionalProperties", "patternProperties") and depth < len(path):
                chosen_key = str(path[depth])
            depth += 1
        elif token not in _SAME_VALUE_INDEXED and token not in _SAME_VALUE:
            continue  # a keyword this walk does not know: keep the message found so far
        if isinstance(node, dict) and ("errorMessage" in node or "x-message" in node):
            best = (node, depth, chosen_key)
    return best


def _schema_at(schema: dict[str, Any], path: KeyPath) -> tuple[dict[str, Any], str]:
    """The schema of the value at `path` (following properties, items and additional
    properties, which is all the settings schemas use), and the last key on the way that
    the file chose rather than the schema named."""
    node: Any = schema
    chosen = ""
    for step in path:
        if not isinstance(node, dict):
            return {}, chosen
        if isinstance(step, int):
            node = node.get("items")
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        else:
            node, chosen = node.get("additionalProperties"), str(step)
    return (dict(node) if isinstance(node, dict) else {}), chosen


def _report_missing_keys(doc: Document, schema: dict[str, Any], path: KeyPath, error: ValidationError) -> None:
    """Each key the mapping at `path` lacks, with the message of the key's own schema."""
    present = error.instance if isinstance(error.instance, dict) else {}
    owner, chosen = _schema_at(schema, path)
    key = one_line(chosen)
    required = error.validator_value if isinstance(error.validator_value, list) else []
    for name in required:
        if name in present:
            continue
        own = owner.get("properties", {}).get(name, {})
        template = own.get("x-message") or own.get("errorMessage") or f"missing required key {quoted(name)}"
        doc.report(path, template.replace("{key}", key).replace("{value}", "nothing"))


def _report_unknown_keys(doc: Document, path: KeyPath, error: ValidationError) -> None:
    owner = error.schema if isinstance(error.schema, dict) else {}
    known = sorted(owner.get("properties", {}))
    patterns = [_compiled(p) for p in owner.get("patternProperties", {})]
    template = str(owner.get("x-unknown-key", "unknown key {key}"))
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in instance:
        if name in owner.get("properties", {}) or any(p.search(name) for p in patterns):
            continue

        def message(name: str = name) -> str:
            return (
                template.replace("{key}", quoted(name))
                + did_you_mean(name, known)
                + (f"; known: {', '.join(known)}" if known else "")
            )

        doc.report_key(name, message, within=path)
