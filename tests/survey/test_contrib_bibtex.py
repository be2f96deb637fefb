"""The BibTeX reader behind `survey new`: what publishers and reference managers export
reads into plain text, and a defect is one `path:line: message`, never another exception."""
from __future__ import annotations

import pytest

from survey.contribute.bibtex import BibtexError, Person, latex_to_text, parse_bibtex, split_names

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
    assert (first.text("year"), first.text("month")) == ("2018", "Jan")
    assert first.field_lines["journal"] == 9
    assert first.text("note") == 'A "quoted" word'
    assert (second.type, second.key, second.text("title"), second.line) == ("inproceedings", "other2019x", "Second", 13)


@pytest.mark.parametrize("latex, text", [
    (r'G{\"o}del', "Gödel"),
    (r'M\"uller', "Müller"),
    (r'\"{a}', "ä"),
    (r"{\'E}cole", "École"),
    (r"Sediv\'{y} \v{S}", "Sedivý Š"),
    (r"\c{c}a \c c", "ça ç"),
    (r"Pe\~na", "Peña"),
    (r"\'{\i}", "í"),
    (r"Stra{\ss}e {\o}", "Straße ø"),
    (r"Ma{\l}gorzata", "Małgorzata"),
    (r"\textit{Deep} \& {GAN}s: 50\% -- \emph{fast}", "Deep & GANs: 50% – fast"),
    (r"\{x\}  spaced~out", "{x} spaced out"),
])
def test_latex_folded_to_text(latex, text):
    assert latex_to_text(latex) == text


def test_names_last_first_first_last_particles_groups_and_others():
    people, more = split_names(r"Kahng, Minsuk and Laurens van der Maaten and {Barnes and Noble}"
                               r" and J{\"u}rgen M{\"u}ller and others")
    assert people == [Person("Minsuk", "Kahng"), Person("Laurens", "van der Maaten"),
                      Person("", "Barnes and Noble"), Person("Jürgen", "Müller")]
    assert more is True
    assert split_names("Fred Hohman; Minsuk Kahng") == ([Person("Fred", "Hohman"), Person("Minsuk", "Kahng")], False)


@pytest.mark.parametrize("text, line, message", [
    ("", 1, "no BibTeX entry found"),
    ("just some words", 1, "no BibTeX entry found"),
    ("@article{key,\n  title = {Open brace,\n  year = 2018\n", 2, "unbalanced braces"),
    ("@article{key,\n  title = {Open brace,\n  year = 2018\n}\n", 1, "entry 'key' is never closed"),
    ('@article{key,\n  title = "never closed,\n}', 2, "is never closed"),
    ("@article{key,\n  title {x}\n}", 2, "expected '=' after field name 'title'"),
    ("@article{title = {x}, year = 2018}", 1, "has no citation key"),
    ("@article{key,\n  year = 2018,\n  year = 2019\n}", 3, "field 'year' is given twice in entry 'key' (first on line 2)"),
    ("@article{key,\n  title = ,\n}", 2, "field 'title' has no value"),
    ("@article{key, title = {x}", 1, "entry 'key' is never closed"),
    ("@article key, title = {x}}", 1, "expected '{' after @article"),
    ("\n\n@{key, title = {x}}", 3, "expected an entry type"),
])
def test_unreadable_bibtex_is_one_message_with_its_line(text, line, message):
    with pytest.raises(BibtexError) as caught:
        parse_bibtex(text, "refs.bib")
    assert str(caught.value).startswith(f"refs.bib:{line}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize("noise", ["@", "@@@", "{{{{", "}}}}", "@article{", "@article{k,", '"', "\x00", "@string{", "#"])
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
