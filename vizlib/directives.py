"""Parse the one-line directives the explorable articles use to embed things.

An article line such as

    {{ demo("decision-boundaries", dataset="xor") }}
    {{ works("how:instance-based") }}

is a Python call with literal arguments between double braces. The site build expands
it; this module only says what it asks for. It imports nothing heavy, because the site
imports it just to read the articles.
"""

from __future__ import annotations

import ast
import re

from vizlib.errors import DemoError

_DIRECTIVE_LINE = re.compile(r"^\s*\{\{(?P<call>.*)\}\}\s*$")


def parse_directive(line: str) -> tuple[str, tuple, dict] | None:
    """(function name, positional args, keyword args) of a directive line, or None.

    None means the line is not a directive (ordinary Markdown). A line that looks like a
    directive but is not a call of a plain name with literal arguments raises DemoError
    saying why, so a typo in an article fails the build instead of showing braces.
    """
    match = _DIRECTIVE_LINE.match(line)
    if match is None:
        return None
    source = match.group("call").strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise DemoError(f"directive {line.strip()!r} is not a valid call: {error.msg}") from None
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise DemoError(f'directive {line.strip()!r} must be a call such as demo("name", option="value")')
    try:
        args = tuple(ast.literal_eval(arg) for arg in call.args)
        kwargs = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                raise ValueError("**kwargs")
            kwargs[keyword.arg] = ast.literal_eval(keyword.value)
    except ValueError:
        raise DemoError(
            f"directive {line.strip()!r} may only use literal arguments (strings, numbers, lists)"
        ) from None
    return call.func.id, args, kwargs
