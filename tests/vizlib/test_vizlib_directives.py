"""parse_directive: the one-line {{ ... }} calls of the explorable articles."""

from __future__ import annotations

import pytest

from vizlib import DemoError
from vizlib.directives import parse_directive


def test_a_demo_directive_gives_name_args_and_keyword_options():
    assert parse_directive('{{ demo("decision-boundaries", dataset="xor") }}') == (
        "demo",
        ("decision-boundaries",),
        {"dataset": "xor"},
    )


def test_a_works_directive_and_surrounding_spaces():
    assert parse_directive('   {{works("how:instance-based")}}  \n') == ("works", ("how:instance-based",), {})


@pytest.mark.parametrize("line", ["Plain text.", "", "{{ half", "Inline {{ demo('x') }} in a sentence"])
def test_ordinary_markdown_is_not_a_directive(line):
    assert parse_directive(line) is None


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{{ demo("x", dataset=xor) }}', "literal arguments"),
        ("{{ demo(*names) }}", "literal arguments"),
        ('{{ demo("x", **options) }}', "literal arguments"),
        ('{{ demo("x" }}', "not a valid call"),
        ('{{ vizlib.demo("x") }}', "must be a call"),
        ('{{ "just a string" }}', "must be a call"),
    ],
)
def test_a_malformed_directive_is_a_clear_error(line, reason):
    with pytest.raises(DemoError, match=reason):
        parse_directive(line)
