"""The BibTeX reader behind `survey new` (pybtex's grammar and names, pylatexenc's LaTeX to
Unicode): what publishers and reference managers export reads into plain text, and a defect
is one `path:line: message`, never another exception. Inputs built to exhaust time or memory
are refused early."""

from __future__ import annotations

import pytest

from survey.contribute.bibtex import (
    MAX_ENTRIES,
    MAX_TEXT_CHARS,
    BibtexError,
    Person,
    latex_to_text,
    parse_bibtex,
    split_names,
)

ZOTERO_EXPORT = r"""% exported by a reference manager
@comment{jabref-meta: databaseType:bibtex; {nested}}
@preamble{"\newcommand{\noop}[1]{}"}
@string{tvcg = "IEEE Transactions on " # "Visualization and Computer Graphics"}

@article{Kahng_2018,
  title = {{ActiVis}: Visual Exploration of {Industry-Scale} Deep Neural Network Models},
  author = "Kahng, Minsuk and Andrews, Pierre Y. and Kalro, Aditya and Chau, Duen Horng",
  journal = tvcg,
  year = 2018, month = jan,
  note = "A {"}quoted{"} word",
}
@inproceedings(other2019x, title = "Second", author = {A. Person}, year = {2019})
"""


def test_entries_fields_strings_and_concatenation():
    first, second = parse_bibtex(ZOTERO_EXPORT, "refs.bib")
    assert (first.type, first.key, first.line) == ("article", "Kahng_2018", 6)
    assert first.text("title") == "ActiVis: Visual Exploration of Industry-Scale Deep Neural Network Models"
    assert first.text("journal") == "IEEE Transactions on Visualization and Computer Graphics"
    assert (first.text("year"), first.text("month")) == ("2018", "January")  # BibTeX's month macros
    assert first.field_lines["journal"] == 9
    assert first.text("note") == 'A "quoted" word'
    assert (second.type, second.key, second.text("title"), second.line) == ("inproceedings", "other2019x", "Second", 13)


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"G{\"o}del", "Gödel"),
        (r"M\"uller", "Müller"),
        (r"\"{a}", "ä"),
        (r"{\'E}cole", "École"),
        (r"Sediv\'{y} \v{S}", "Sedivý Š"),
        (r"\c{c}a \c c", "ça ç"),
        (r"Pe\~na", "Peña"),
        (r"\'{\i}", "í"),
        (r"Stra{\ss}e {\o}", "Straße ø"),
        (r"Ma{\l}gorzata", "Małgorzata"),
        (r"\textit{Deep} \& {GAN}s: 50\% -- \emph{fast}", "Deep & GANs: 50% – fast"),
        (r"\{x\}  spaced~out", "{x} spaced out"),
    ],
)
def test_latex_folded_to_text(latex, text):
    assert latex_to_text(latex) == text


def test_names_last_first_first_last_particles_groups_and_others():
    people, more = split_names(
        r"Kahng, Minsuk and Laurens van der Maaten and {Barnes and Noble}"
        r" and J{\"u}rgen M{\"u}ller and others"
    )
    assert people == [
        Person("Minsuk", "Kahng"),
        Person("Laurens", "van der Maaten", particle="van der"),
        Person("", "Barnes and Noble"),
        Person("Jürgen", "Müller"),
    ]
    assert more is True
    assert split_names("Fred Hohman; Minsuk Kahng") == ([Person("Fred", "Hohman"), Person("Minsuk", "Kahng")], False)


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("", 1, "no BibTeX entry found"),
        ("just some words", 1, "no BibTeX entry found"),
        ("@article{key,\n  title = {Open brace,\n  year = 2018\n", 2, "the value of 'title' is never closed"),
        ("@article{key,\n  title = {Open brace,\n  year = 2018\n}\n", 1, "entry 'key' is never closed"),
        ('@article{key,\n  title = "never closed,\n}', 3, "unbalanced braces in entry 'key': a '}' closes nothing"),
        ('@article{key,\n  title = "never closed,\n', 2, "the value of 'title' is never closed"),
        ("@article{key, title = {" + "{" * 101 + "}" * 101 + "}}", 1, "braces nested too deeply"),
        ("@article{key, journal = tvcg}", 1, "'tvcg' is not defined: write the value in braces"),
        ("@article{key, title = {x}} \x00", 1, "binary data (a NUL byte)"),
        ("@article{key,\n  title {x}\n}", 2, "expected '=' after field name 'title'"),
        ("@article{title = {x}, year = 2018}", 1, "has no citation key"),
        (
            "@article{key,\n  year = 2018,\n  year = 2019\n}",
            3,
            "field 'year' is given twice in entry 'key' (first on line 2)",
        ),
        ("@article{key,\n  title = ,\n}", 2, "field 'title' has no value"),
        ("@article{key, title = {x}", 1, "entry 'key' is never closed"),
        ("@article key, title = {x}}", 1, "expected '{' after @article"),
        ("\n\n@{key, title = {x}}", 3, "expected an entry type"),
    ],
)
def test_unreadable_bibtex_is_one_message_with_its_line(text, line, message):
    with pytest.raises(BibtexError) as caught:
        parse_bibtex(text, "refs.bib")
    assert str(caught.value).startswith(f"refs.bib:{line}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "noise", ["@", "@@@", "{{{{", "}}}}", "@article{", "@article{k,", '"', "\x00", "@string{", "#"]
)
def test_garbage_raises_only_bibtex_errors(noise):
    try:
        parse_bibtex(noise + "\n@misc{ok, title = {x}}" if noise != "#" else noise)
    except BibtexError as err:
        assert ": " in str(err)


def test_links_and_identifiers_are_kept_verbatim():
    [entry] = parse_bibtex(r"""@misc{k,
      url = {https://example.org/~user/a--b_c},
      howpublished = {\url{https://colah.github.io/posts/2015-08-Understanding-LSTMs/}},
      doi = {10.1000/abc\_def},
    }""")
    assert entry.verbatim("url") == "https://example.org/~user/a--b_c"
    assert entry.verbatim("howpublished") == "https://colah.github.io/posts/2015-08-Understanding-LSTMs/"
    assert entry.verbatim("doi") == "10.1000/abc_def"
    assert entry.verbatim("missing") is None


@pytest.mark.parametrize(
    "raw, person, full",
    [
        ("Steele, Jr., Guy L.", Person("Guy L.", "Steele", suffix="Jr."), "Guy L. Steele Jr."),
        ("Jean de La Fontaine", Person("Jean", "de La Fontaine", particle="de"), "Jean de La Fontaine"),
        ("de La Fontaine, Jean", Person("Jean", "de La Fontaine", particle="de"), "Jean de La Fontaine"),
        (r"Fernanda B. Vi{\'e}gas", Person("Fernanda B.", "Viégas"), "Fernanda B. Viégas"),
        ("Duen Horng (Polo) Chau", Person("Duen Horng (Polo)", "Chau"), "Duen Horng (Polo) Chau"),
    ],
)
def test_names_keep_every_part(raw, person, full):
    """BibTeX's own rules (pybtex): "Jr." is the lineage part, lowercase words before the
    family name are its particle ("Jean de La Fontaine": particle "de", family "La
    Fontaine", as in Tame the BeaST), and none of it lands in the given name."""
    [read], more = split_names(raw)
    assert (read, read.full, more) == (person, full, False)


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"{\em LSTMVis}: Hidden States", "LSTMVis: Hidden States"),
        (r"Learning $\alpha$-divergences for $x_1^2$", r"Learning $\alpha$-divergences for $x_1^2$"),
        (r"Costs 5\$", "Costs 5$"),
    ],
)
def test_formatting_goes_and_math_stays(latex, text):
    assert latex_to_text(latex) == text


def test_a_key_picks_one_entry_and_stops_reading():
    text = "@misc{a, title = {A}}\n@misc{b, title = {B}}\n@misc{c, title = {C}, title = {again}}\n"
    [entry] = parse_bibtex(text, "refs.bib", key="b")
    assert (entry.key, entry.line, entry.text("title")) == ("b", 2, "B")
    assert parse_bibtex(text.split("@misc{c")[0], "refs.bib", key="nope") == []
    with pytest.raises(BibtexError, match="field 'title' is given twice"):
        parse_bibtex(text, "refs.bib")


def test_doubling_string_macros_are_refused_not_expanded():
    """26 @strings, each twice the one before, would expand to 2^27 characters."""
    text = '@string{a0 = "xy"}\n' + "".join(f"@string{{a{i} = a{i - 1} # a{i - 1}}}\n" for i in range(1, 27))
    with pytest.raises(BibtexError) as caught:
        parse_bibtex(text + "@misc{k, title = a26}\n", "bomb.bib")
    assert "a value longer than 100,000 characters (after @string expansion)" in str(caught.value)
    assert str(caught.value).startswith("bomb.bib:17: ")


def test_too_many_entries_or_characters_are_refused_up_front():
    many = "@misc{k, title = {x}}\n" * (MAX_ENTRIES + 1)
    with pytest.raises(BibtexError, match=f"{MAX_ENTRIES + 1:,} entries, more than the {MAX_ENTRIES:,}"):
        parse_bibtex(many, "big.bib", key="k")
    with pytest.raises(BibtexError, match="more than the 2,000,000 survey new reads"):
        parse_bibtex("%" * (MAX_TEXT_CHARS + 1), "big.bib")


def test_a_value_of_many_braces_is_refused_as_it_grows():
    with pytest.raises(BibtexError, match="a value longer than 100,000 characters"):
        parse_bibtex('@misc{k, title = "' + "{}" * 60_000 + '"}', "braces.bib")
