"""Issue 20's rows for the SurVis import and the BibTeX reader: linear scanners, a file's
size checked before it is read, bounded @string expansion; and fuzzed JS literals, tag
files and properties.js end in data or one positioned message, never a traceback."""

from __future__ import annotations

import random
import time  # bounds are on CPU time (time.process_time): what the code costs, whatever else runs

import pytest

from survey.contribute import bibtex
from survey.contribute.js_literal import JsLiteralError, read_object_literal, read_var_statements
from survey.contribute.survis import SurvisError, read_survis
from survey.contribute.survis import layout as survis_layout
from survey.contribute.survis.bib_reader import read_bibtex
from survey.contribute.survis.report import Report


def test_a_tag_file_of_unclosed_comments_is_refused_at_once():
    text = "const userDefinedTagCategories = " + "/* x " * 30_000  # 150 KB, no '*/'
    started = time.process_time()
    with pytest.raises(JsLiteralError) as raised:
        read_object_literal(text, "t.js", "tagCategories")
    assert time.process_time() - started < 0.5
    assert "t.js:1:34: a '/*' comment is never closed" in str(raised.value)


def test_many_closed_comments_and_strings_before_the_data_are_read_in_linear_time():
    text = "/* a */ 'b' // c\n" * 20_000 + "define({ tagCategories: {a: {description: 'x'}} })"
    started = time.process_time()
    assert read_object_literal(text, "t.js", "tagCategories") == {"a": {"description": "x"}}
    # 340 KB: about 0.1 s in one pass (a scan that restarted at each comment took minutes)
    assert time.process_time() - started < 2


def test_a_huge_bibliography_is_refused_before_it_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    (folder / "bib").mkdir(parents=True)
    bib = folder / "bib" / "references.bib"
    with open(bib, "wb") as handle:  # sparse: 1.5 GB that take no disk
        handle.truncate(1_500_000_000)

    def refuse(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(survis_layout, "open", refuse, raising=False)
    with pytest.raises(SurvisError) as raised:
        read_survis(folder, "site")
    assert str(raised.value) == (
        "site/bib/references.bib:1: the file has 1,500,000,000 bytes, more than "
        "the 16,777,216 an import reads: is it the survey's data?"
    )


def _string_bomb(fields: int) -> str:
    return (
        "@string{s = {" + "x" * 90_000 + "}}\n@misc{k,\n" + ",\n".join(f"  f{i} = s" for i in range(fields)) + "\n}\n"
    )


def test_one_huge_string_referenced_thousands_of_times_is_refused_by_survey_new():
    with pytest.raises(bibtex.BibtexError) as raised:
        bibtex.parse_bibtex(_string_bomb(4_000), "b.bib")
    assert "b.bib:5: the values of this entry come to more than 200,000 characters" in str(raised.value)


def test_one_huge_string_referenced_thousands_of_times_is_left_out_by_the_import():
    report = Report()
    assert read_bibtex(_string_bomb(4_000), "b.bib", report) == []
    assert any("b.bib:5: the values of entry 'k' come to more than 200,000 characters" in m for m in report.messages())


def test_the_import_bounds_the_expanded_text_of_a_whole_file(monkeypatch):
    from survey.contribute.survis import bib_reader

    monkeypatch.setattr(bib_reader, "MAX_FILE_EXPANDED_CHARS", 1_000_000)
    text = "@string{s = {" + "x" * 90_000 + "}}\n" + "".join(f"@misc{{k{i}, a = s, b = s}}\n" for i in range(20))
    with pytest.raises(bibtex.BibtexError) as raised:
        read_bibtex(text, "b.bib", Report())
    assert "after @string expansion: an abbreviation is used far too often" in str(raised.value)


SEEDS = [
    "define({ tagCategories: { 'how (data input)': { description: 'It\\'s \"x\"' }, what: {}, } });",
    'const userDefinedAuthorizedTags = {\n\t"type:system": {\n\t\t"description": "a system"\n\t}\n};',
    '\ufeffconst generatedBibEntries = {\n  "Key2020": {"title": "A", "year": "2020", "keywords": "a:b, c"}\n};',
    "/** title */\nvar title = 'A & B';\nvar paper = { html: '<b>x</b>', id: 'K' };\n// var x = 1;\nvar n = null;",
]
ALPHABET = "{}[]()'\"`:,;=/*\\\n \tabcdefvartconsdi0123456789.-+e_$\u00e9\u2028"


def _mutants(count: int) -> list[str]:
    rng = random.Random(20200)
    out = []
    for i in range(count):
        chars = list(SEEDS[i % len(SEEDS)])
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(chars) + 1)
            action = rng.random()
            if action < 0.4:
                chars.insert(at, rng.choice(ALPHABET))
            elif action < 0.7 and chars:
                del chars[min(at, len(chars) - 1)]
            elif action < 0.85:
                chars = chars[:at]
            else:
                chars[at:at] = chars[rng.randrange(len(chars) + 1) :][:30]
        out.append("".join(chars))
    return out


@pytest.mark.parametrize("key", ["tagCategories", "authorizedTags", "entries"])
def test_fuzzed_js_literals_give_data_or_one_positioned_message(key):
    started = time.process_time()
    for text in _mutants(600):
        try:
            data = read_object_literal(text, "t.js", key)
            assert isinstance(data, dict)
        except JsLiteralError as err:
            assert str(err).startswith("t.js:") and str(err).split(":")[1].isdigit(), err
    assert time.process_time() - started < 10


def test_fuzzed_properties_give_settings_and_positioned_messages():
    for text in _mutants(600):
        found, problems = read_var_statements(text, "p.js")
        assert isinstance(found, dict)
        assert all(p.startswith("p.js:") and p.split(":")[1].isdigit() for p in problems), problems


def test_fuzzed_survis_folders_import_or_give_one_message(tmp_path):
    folder = tmp_path / "site"
    (folder / "src" / "data" / "generated").mkdir(parents=True)
    for i, text in enumerate(_mutants(80)):
        (folder / "src" / "data" / "generated" / "bib.js").write_text(SEEDS[2] if i % 2 else text, encoding="utf-8")
        (folder / "src" / "data" / "tag_categories.js").write_text(text, encoding="utf-8")
        (folder / "src" / "data" / "authorized_tags.js").write_text(text[::-1], encoding="utf-8")
        (folder / "src" / "properties.js").write_text(text, encoding="utf-8")
        try:
            result = read_survis(folder, "site")
        except bibtex.BibtexError as err:
            assert str(err).startswith("site/") and str(err).split(":")[1].isdigit(), err
            continue
        assert all(isinstance(line, str) for line in result.problems)


BIB_SEEDS = [
    "@article{a,\n  title = {A {B} c},\n  author = {Doe, Jo and Roe, Rick},\n  year = 2020,\n"
    "  journal = jnl # { Letters},\n  keywords = {f:v, g : w, plain}\n}\n",
    '@string{jnl = "Journal"}\n@misc{b, title = "Q", year = {2019}, url = {https://x.org/a_b}}\n'
    "% a comment\n@inproceedings{c\n  title = {T}\n  doi=10.1/x},\nkeywords={a:b}\n",
]
BIB_ALPHABET = '@{}()",=#%\\$~^_&\n \tabcdefghij0123456789.-:;/éü'


def test_fuzzed_bibtex_gives_entries_or_one_message():
    rng = random.Random(1786)
    started = time.process_time()
    for i in range(800):
        chars = list(BIB_SEEDS[i % len(BIB_SEEDS)])
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(chars) + 1)
            if rng.random() < 0.5:
                chars.insert(at, rng.choice(BIB_ALPHABET))
            elif chars:
                del chars[min(at, len(chars) - 1)]
        report = Report()
        try:
            entries = read_bibtex("".join(chars), "f.bib", report)
        except bibtex.BibtexError as err:
            assert str(err).startswith("f.bib:"), err
            continue
        assert all(e.key and isinstance(e.fields, dict) for e in entries)
        assert all(m.startswith("f.bib") for m in report.messages())
    assert time.process_time() - started < 10


def test_tags_run_together_by_the_thousand_are_read_in_bounded_time(tmp_path):
    site = tmp_path / "s"
    (site / "bib").mkdir(parents=True)
    many_colons = "a:" + " b:".join("x y" for _ in range(15_000))  # 15,000 tags without commas
    many_words = "f:" + " w" * 40_000 + ":v"  # a facet of 40,000 words
    (site / "bib" / "references.bib").write_text(
        "@misc{k, title={T}, year={2020}, keywords={" + many_colons + "}}\n"
        "@misc{j, title={U}, year={2020}, keywords={" + many_words + ", b:q, b:r}}\n",
        encoding="utf-8",
    )
    started = time.process_time()
    result = read_survis(site, "s")
    assert time.process_time() - started < 3
    assert len(result.records) == 2


def test_a_symbolic_link_out_of_the_survis_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("@misc{leak, title={TOKEN=abc}, year={2020}}\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "bib").mkdir(parents=True)
    (site / "src" / "data").mkdir(parents=True)
    (site / "bib" / "references.bib").symlink_to(secret)
    with pytest.raises(SurvisError) as raised:
        read_survis(site, "site")
    assert str(raised.value) == (
        "site/bib/references.bib:1: a symbolic link to a file outside the SurVis folder: not read"
    )
    (site / "bib" / "references.bib").unlink()
    (site / "bib" / "references.bib").write_text("@misc{k, title={T}, year={2020}}\n", encoding="utf-8")
    (site / "src" / "data" / "tag_categories.js").symlink_to(secret)
    result = read_survis(site, "site")
    assert (
        "site/src/data/tag_categories.js:1: a symbolic link to a file outside the SurVis folder: "
        "not read; imported without this file" in result.problems
    )
