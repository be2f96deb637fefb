"""The reader of SurVis's JavaScript data files: both dialects as data, code refused."""

from __future__ import annotations

import pytest

from survey.contribute.js_literal import MAX_DEPTH, JsLiteralError, read_object_literal


def test_the_const_dialect():
    text = 'const userDefinedTagCategories = {\n\t"how (data input)": {\n\t\t"description": "Files."\n\t}\n}'
    assert read_object_literal(text, "t.js", "tagCategories") == {"how (data input)": {"description": "Files."}}


def test_the_define_dialect_with_comments_quotes_and_trailing_commas():
    text = """// tags
/* several
   lines */
define({
  tagCategories: {
    'type': { description: 'It\\'s a "type" \\u00e9', color: 3, },
    other: { list: [1, -2.5e1, true, null,], },
  }
});"""
    assert read_object_literal(text, "t.js", "tagCategories") == {
        "type": {"description": 'It\'s a "type" é', "color": 3},
        "other": {"list": [1, -25.0, True, None]},
    }


@pytest.mark.parametrize(
    "text,message",
    [
        ("const x = { a: alert(1) }", "t.js:1:16: expected a value"),
        ("const x = { a: 'open\n' }", "t.js:1:16: text in quotes is never closed"),
        ("const x = { a: 1", "t.js:1:11: '{' is never closed"),
        ("const x = { a 1 }", "t.js:1:15: expected ':' after the key 'a'"),
        ("const x = { a: 1 b: 2 }", "t.js:1:18: expected ',' or '}'"),
        ("var x = 3;", "t.js:1:1: no object literal"),
        ("define({ authorizedTags: {} })", "define({...}) holds no 'tagCategories' object"),
        ("x = {a: " + "[" * (MAX_DEPTH + 5), "nested more than"),
    ],
)
def test_what_is_not_plain_data_is_refused_with_its_position(text, message):
    with pytest.raises(JsLiteralError) as raised:
        read_object_literal(text, "t.js", "tagCategories")
    assert message in str(raised.value)


def test_a_brace_inside_a_comment_or_string_before_the_data_is_skipped():
    text = "// {not this}\nvar s = '{nor this}';\nconst x = {a: 1}"
    assert read_object_literal(text, "t.js") == {"a": 1}


def test_key_lines_of_the_define_dialect_are_relative_to_the_wrapped_object():
    lines: dict = {}
    text = 'define({ entries : {\n  "a": {\n    "title": "A"\n  },\n  "b": {}\n} });'
    assert read_object_literal(text, "b.js", "entries", lines) == {"a": {"title": "A"}, "b": {}}
    assert lines[("a",)] == 2 and lines[("a", "title")] == 3 and lines[("b",)] == 5


def test_properties_var_statements_as_data_code_skipped_with_its_position():
    from survey.contribute.js_literal import read_var_statements

    text = (
        "/** the title */\nvar title = 'A & B';\nvar paper = {\n  html: '<b>x</b>',\n  id: 'K'\n};\n"
        "var computed = makeIt();\nlet n = null; const list = [1, 'two',];\n"
    )
    found, problems = read_var_statements(text, "properties.js")
    assert found["title"] == ("A & B", 2) and found["paper"][0] == {"html": "<b>x</b>", "id": "K"}
    assert found["n"] == (None, 8) and found["list"][0] == [1, "two"]
    assert problems == [
        "properties.js:7:16: expected a value (text, number, object or list), found "
        "'makeIt();\\nlet n = nu': only plain data is read, never code; skipped"
    ]
