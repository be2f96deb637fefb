"""Checking a file against its JSON Schema with the jsonschema library, reported as
`path:line:column: message`: the settings files (survey.records.file_schemas) and every
record (survey.records.record_schema, through survey.records.validate).

Each failure becomes one problem at the value it is about:
- a value that does not fit gets the `errorMessage` (or `x-message`) of the nearest
  schema that has one, at the position of the value that schema describes, followed by
  the value found and, for a misspelt choice, the closest allowed one ("did you mean");
  where that schema's `x-messages` names the keyword that failed (`minimum`, `enum`,
  ...), or `null` for a value left empty, that message is used instead;
- a missing key gets its own schema's `x-missing` (else its message), at the mapping
  that lacks it;
- an unknown key is reported at the key (at its value where `x-unknown-key-at` says
  "value"), with the closest known key and the known ones.

Messages may name `{key}` (the key the file chose), `{value}` (the value found, as
survey.records.problems.describe writes it), `{plain}` (the value as text, unquoted),
`{suggestion}` (the closest allowed choice, where one is close), `{allowed}` (the choices
of the schema's `enum`) and `{known}` (the keys a mapping allows, in the schema's order);
a caller may add its own (`context`).

One value gets one problem, the first found: a schema lists its general keywords (`type`)
before its narrow ones (`pattern`), so that text that is blank is reported as blank, not
also as an id of the wrong form. Checking costs time linear in the file: the schemas have
no `$ref` or alternatives (`anyOf`, `oneOf`), `uniqueItems` is checked with a set, and
their patterns have no nested repetition; the validator of each subschema is made once.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator

from survey.records.identity_cache import IdentityCache
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
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_MESSAGE_KEYS = ("x-message", "errorMessage")


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


def _unique_items(
    validator: Validator, unique: bool, value: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """JSON Schema's `uniqueItems` in linear time (jsonschema's compares pairs of items), one
    error at each repeated item, not one for the list. Items that are lists or mappings
    are never compared: a schema that wants them unique says so otherwise."""
    if not unique or not isinstance(value, list):
        return
    seen: set[tuple[type, object]] = set()
    for i, item in enumerate(value):
        if isinstance(item, (list, dict)):
            continue
        key = (type(item), item)  # 1 and true are not the same item
        if key in seen:
            yield ValidationError(f"{item!r} is listed twice", path=[i], instance=item)
        else:
            seen.add(key)


# The validator of each subschema. jsonschema's own `properties` and `items` make a new
# validator for every value they descend into, which costs more than checking the value
# (records are many); the schemas here have no `$ref`, so the validator of a subschema is
# the same wherever it is met.
_subschema_validators: IdentityCache[Any, Validator] = IdentityCache(limit=20_000)


def _descend(instance: Any, schema: Any, path: str | int, schema_path: str | int | None) -> Iterator[ValidationError]:
    """The errors of `instance` under the subschema `schema`, as jsonschema's `descend`
    gives them (the path to the value and to the subschema prefixed). Every validator here
    is a _SettingsValidator with the defaults, so one made for the subschema is what
    jsonschema's `evolve` would give."""
    for error in _subschema_validators.get(schema, _SettingsValidator).iter_errors(instance):
        error.path.appendleft(path)
        if schema_path is not None:
            error.schema_path.appendleft(schema_path)
        yield error


def _properties(
    validator: Validator, properties: Mapping[str, Any], value: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """JSON Schema's `properties`, descending through `_descend`."""
    if not isinstance(value, dict):
        return
    for name, subschema in properties.items():
        if name in value:
            yield from _descend(value[name], subschema, name, name)


def _items(validator: Validator, items: Any, value: object, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """JSON Schema's `items` (after any `prefixItems`), descending through `_descend`."""
    if not isinstance(value, list):
        return
    prefix = len(schema.get("prefixItems", ()))
    if items is False and len(value) > prefix:
        yield ValidationError(f"{len(value) - prefix} items beyond the first {prefix} are not allowed")
        return
    for index in range(prefix, len(value)):
        yield from _descend(value[index], items, index, None)


# The texts of each `enum` that lists only texts (None for another): a set, so that a long
# list of unknown categories is checked in linear time.
_enum_texts: IdentityCache[list[Any], frozenset[str] | None] = IdentityCache(limit=1_000)


def _texts_of(enums: list[Any]) -> frozenset[str] | None:
    return frozenset(enums) if all(isinstance(e, str) for e in enums) else None


def _enum(
    validator: Validator, enums: list[Any], instance: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """JSON Schema's `enum`. A text is looked up in a set; jsonschema's own compares it with
    every allowed value and writes them all into the message of each refusal, which the
    reports here never show (they take the schema's own message)."""
    texts = _enum_texts.get(enums, _texts_of)
    if texts is not None and isinstance(instance, str):
        if instance not in texts:
            yield ValidationError(f"{instance!r} is not one of the allowed values")
        return
    yield from _ENUM(validator, enums, instance, schema)


_ENUM = Draft202012Validator.VALIDATORS["enum"]

_SettingsValidator = validators.extend(  # type: ignore[no-untyped-call]  # untyped in jsonschema's stubs
    Draft202012Validator,
    validators={
        "pattern": _pattern,
        "enum": _enum,
        "uniqueItems": _unique_items,
        "properties": _properties,
        "items": _items,
    },
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)


# The validator of each schema: the settings schemas are module constants, a record schema
# is built once per taxonomy.
_validators: IdentityCache[dict[str, Any], Validator] = IdentityCache(limit=16)


def _validator(schema: dict[str, Any]) -> Validator:
    return _validators.get(schema, _SettingsValidator)


def check_against_schema(
    doc: Document,
    schema: dict[str, Any],
    instance: Any = None,
    skip: Collection[KeyPath] = (),
    context: Mapping[str, str] | None = None,
) -> set[KeyPath]:
    """Report every way in which `doc`'s data (or `instance`, a view of it: the same keys,
    at the same places) does not fit `schema`; return the paths of the values reported.
    Values at or under a path of `skip` (already reported) and of `doc.unreadable` are
    left alone. `context` fills placeholders of the schema's messages that the schema
    cannot know, such as the date."""
    data = doc.data if instance is None else instance
    reported: set[KeyPath] = set()  # one problem per value: the first found
    missing_reported: set[KeyPath] = set()
    for error in _validator(schema).iter_errors(data):
        path: KeyPath = tuple(error.absolute_path)
        if (doc.unreadable or skip) and any(
            path[:n] in doc.unreadable or path[:n] in skip for n in range(len(path) + 1)
        ):
            continue  # a value that could not be read, or that a hint is about, is reported once
        if error.validator == "additionalProperties" and error.validator_value is False:
            _report_unknown_keys(doc, path, error)
        elif error.validator == "required":
            if path not in missing_reported:
                missing_reported.add(path)
                _report_missing_keys(doc, schema, path, error, context)
        elif path not in reported:
            if doc.counting_only:  # past the problems shown: counted, without a message or place
                doc.report(path, "")
            else:
                reported.add(_report_value(doc, schema, path, error, context))
            reported.add(path)
    return reported


def _fill(template: str, values: Mapping[str, str]) -> str:
    """The template's placeholders replaced in one pass (a value holding `{key}` stays as it is)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def _plain(value: object) -> str:
    """A value as text, unquoted and one line, for messages such as "year 1900 is out of range"."""
    return one_line(value if isinstance(value, str) else str(value))[:60]


def _report_value(
    doc: Document, schema: dict[str, Any], path: KeyPath, error: ValidationError, context: Mapping[str, str] | None
) -> KeyPath:
    """Report one value that does not fit; return the path it is reported at."""
    message_schema, depth, key = _message_schema(schema, path, error)
    if error.validator == "uniqueItems":
        depth = len(path)  # at the repeated item, which the error's path names
    own = message_schema.get("x-messages", {}) if message_schema is error.schema else {}
    empty = own.get("null") if error.instance is None else None  # says itself that nothing was given
    template = empty or own.get(str(error.validator))
    template = template or next((message_schema[k] for k in _MESSAGE_KEYS if k in message_schema), None)
    instance = error.instance

    def message() -> str:
        found = describe(instance)
        text = template if template is not None else f"{found} is not allowed here"  # a safeguard
        suggestion = ""
        if error.validator == "enum" and isinstance(instance, str):
            allowed = error.validator_value if isinstance(error.validator_value, list) else []
            suggestion = did_you_mean(instance, [str(v) for v in allowed])
        filled = _fill(
            text,
            {
                **(context or {}),
                "key": one_line(key),
                "value": found,
                "plain": _plain(instance),
                "suggestion": suggestion,
                "allowed": ", ".join(str(v) for v in message_schema.get("enum", ())),
            },
        )
        if "{value}" not in text and "{plain}" not in text and empty is None:
            filled += f": {_part(path[depth:])} is {found}" if path[depth:] else f", not {found}"
        if "{suggestion}" not in text:
            filled += suggestion
        return filled

    doc.report(path[:depth], message)
    return path[:depth]


def _part(steps: KeyPath) -> str:
    """The part of a value a message is about that is wrong: "item 2", "item 2, 'id'"."""
    return ", ".join(f"item {step + 1}" if isinstance(step, int) else quoted(step) for step in steps)


def _has_message(node: Any) -> bool:
    return isinstance(node, dict) and any(k in node for k in _MESSAGE_KEYS)


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
        if _has_message(node):
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


def missing_key_message(
    own: Mapping[str, Any], name: str, key: str = "", context: Mapping[str, str] | None = None
) -> str:
    """What is said of a required key `name` that a mapping lacks, from the key's own schema
    `own`: its `x-missing`, else its message (of the value nothing)."""
    template = (
        own.get("x-missing")
        or own.get("x-message")
        or own.get("errorMessage")
        or f"missing required key {quoted(name)}"
    )
    return _fill(str(template), {**(context or {}), "key": key, "value": "nothing", "plain": "", "suggestion": ""})


def _report_missing_keys(
    doc: Document, schema: dict[str, Any], path: KeyPath, error: ValidationError, context: Mapping[str, str] | None
) -> None:
    """Each key the mapping at `path` lacks, with the message of the key's own schema."""
    present = error.instance if isinstance(error.instance, dict) else {}
    owner, chosen = _schema_at(schema, path)
    key = one_line(chosen)
    required = error.validator_value if isinstance(error.validator_value, list) else []
    for name in required:
        if name in present:
            continue
        doc.report(path, missing_key_message(owner.get("properties", {}).get(name, {}), name, key, context))


def _report_unknown_keys(doc: Document, path: KeyPath, error: ValidationError) -> None:
    owner = error.schema if isinstance(error.schema, dict) else {}
    properties = owner.get("properties", {})
    patterns = [_compiled(p) for p in owner.get("patternProperties", {})]
    template = str(owner.get("x-unknown-key", "unknown key {key}"))
    # named where the template asks for them: the keys in the schema's order; else sorted
    listed = "{known}" in template
    known = list(properties) if listed else sorted(properties)
    at_value = owner.get("x-unknown-key-at") == "value"  # else at the key itself
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in instance:
        if name in properties or any(p.search(name) for p in patterns):
            continue

        def message(name: str = name) -> str:
            suggestion = did_you_mean(name, known)
            text = _fill(template, {"key": quoted(name), "suggestion": suggestion, "known": ", ".join(known)})
            if "{suggestion}" not in template:
                text += suggestion
            if not listed and known:
                text += f"; known: {', '.join(known)}"
            return text

        if at_value:
            doc.report((*path, name), message)
        else:
            doc.report_key(name, message, within=path)
