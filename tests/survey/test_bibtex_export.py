"""The BibTeX export (`survey export --format bibtex`, `survey query --format bibtex`): two
independent parsers read it (pybtex in strict mode, bibtexparser 2), pybtex's own `plain`
style formats every entry (texlive does not fit CI's time budget), authors are complete,
entry types follow `kind`, and record text cannot add or break a field."""

from __future__ import annotations

import io
import shutil
from typing import Any

import bibtexparser
import pybtex.errors
import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

import survey
from kb_helpers import RECORD_COUNT, WORKS_DIR
from survey.contribute.bibtex import latex_to_text
from survey.query.formats import bibtex_entry, bibtex_name, latex_text
from survey.records.record import Work


@pytest.fixture(scope="module")
def works():
    return survey.load()


@pytest.fixture(scope="module")
def exported(works) -> str:
    from survey.cli import main
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "--format", "bibtex"]) == 0
    return out.getvalue()


def strict_parse(text: str):
    pybtex.errors.set_strict_mode(True)
    return parse_string(text, "bibtex")


def plain_names(person) -> str:
    """A pybtex person as 'Given Family' plain text."""
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
    return latex_to_text(" ".join(parts))


def test_the_export_parses_strictly_with_full_authors(works, exported):
    data = strict_parse(exported)
    assert len(data.entries) == len(works) == RECORD_COUNT
    for work in works:
        entry = data.entries[work.id]
        names = [plain_names(p) for p in entry.persons.get("author", [])]
        assert names == list(work.author_list), work.id
        assert "others" not in entry.fields and all("others" not in n for n in names)
    assert "others" not in exported.lower().replace("and others", "!!")  # no "and others" anywhere
    assert " and others" not in exported


def test_bibtexparser_reads_every_entry(exported):
    library = bibtexparser.parse_string(exported)
    assert library.failed_blocks == []
    assert len(library.entries) == RECORD_COUNT
    assert not [b for b in library.blocks if type(b).__name__ == "DuplicateFieldKeyBlock"]


def test_pybtex_plain_style_formats_every_entry(exported, works):
    """What a LaTeX document would print: each entry has its title and first author."""
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = {e.key: e.text.render_as("text") for e in style.format_bibliography(strict_parse(exported))}
    assert len(formatted) == RECORD_COUNT
    for work in works:
        assert latex_to_text(work.published.get("title", work.title)).split(":")[0] in formatted[work.id]
        if work.author_list:
            family = work.author_list[0].split()[-1]
            assert family in formatted[work.id], work.id


@pytest.mark.parametrize(
    "work_id, entry_type, fields",
    [
        (
            "strobelt2017lstmvis",
            "article",
            {
                "journal": "IEEE Transactions on Visualization and Computer Graphics",
                "volume": "24",
                "number": "1",
                "pages": "667--676",
                "year": "2018",
            },
        ),
        ("zeiler2014visualizing", "inproceedings", {"year": "2014"}),
        (
            "bruckner2014mloscope",
            "techreport",
            {"institution": "EECS Department, University of California, Berkeley", "number": "UCB/EECS-2014-99"},
        ),
        (
            "olah2014visualizing",
            "misc",
            {"url": "http://colah.github.io/posts/2014-10-Visualizing-MNIST/", "date": "2014-10-09"},
        ),
        ("bojarski2016visualbackprop", "misc", {"eprint": "1611.05418", "archivePrefix": "arXiv"}),
        ("rong2016visual", "inproceedings", {"booktitle": "ICML 2016 Workshop on Visualization for Deep Learning"}),
    ],
)
def test_entry_types_and_fields_follow_the_record(exported, work_id, entry_type, fields):
    entry = strict_parse(exported).entries[work_id]
    assert entry.type == entry_type
    for name, value in fields.items():
        assert entry.fields[name] == value
    if entry_type == "inproceedings":
        assert "booktitle" in entry.fields


def test_the_citation_year_is_the_published_one(exported):
    entries = strict_parse(exported).entries
    assert entries["strobelt2017lstmvis"].fields["year"] == "2018"  # the table says 2017
    assert entries["kahng2018activis"].fields["month"] == "January"  # `month = jan`, BibTeX's macro


def _work(**overrides) -> Work:
    values: dict[str, Any] = dict(
        id="x2020y",
        title="T",
        authors="Doe, et al.",
        year=2020,
        venue="arXiv",
        url="https://example.org/x",
        tags={f: () for f in ("why", "who", "what", "how", "when")},
        author_list=("Ann Doe",),
        kind="article",
    )
    values.update(overrides)
    return Work(**values)


def test_record_text_cannot_add_or_break_a_field():
    work = _work(
        doi="10.1234/x},note={x",
        url="https://example.org/a b}{c",
        title=r"50% of {braces} & back\slash, x_1 #2 ~ $5 and $\alpha$-nets",
        author_list=("Ann {Doe}", "Bo and Roe"),
        published={"note": "}, title = {hijack"},
    )
    text = bibtex_entry(work, "journal", "A Journal")
    entry = strict_parse(text).entries["x2020y"]
    assert set(entry.fields) == {"title", "journal", "year", "note", "url", "doi"}
    assert entry.fields["doi"] == "10.1234/x%7D,note=%7Bx"
    assert latex_to_text(entry.fields["title"]) == r"50% of {braces} & back\slash, x_1 #2 ~ $5 and $\alpha$-nets"
    assert entry.fields["note"] == r"\textbraceright{}, title = \textbraceleft{}hijack"  # lone braces
    assert [plain_names(p) for p in entry.persons["author"]] == ["Ann Doe", "Bo and Roe"]
    assert bibtexparser.parse_string(text).failed_blocks == []


@pytest.mark.parametrize("title", ["}", "{", "a } b { c", "^ and ~", "$", "$$", "$}$", "\\", "%"])
def test_any_title_is_one_field(title):
    entry = strict_parse(bibtex_entry(_work(title=title), "journal", "J")).entries["x2020y"]
    assert set(entry.fields) == {"title", "journal", "year", "url"}


@pytest.mark.parametrize(
    "full, written",
    [
        ("Guy L. Steele Jr.", "Steele, Jr., Guy L."),
        ("Jean de La Fontaine", "de La Fontaine, Jean"),
        ("Laurens van der Maaten", "van der Maaten, Laurens"),
        ("Martín Abadi", r"Abadi, Mart{\'\i}n"),
        ("Duen Horng (Polo) Chau", "Chau, Duen Horng (Polo)"),
    ],
)
def test_names_are_written_in_bibtex_parts(full, written):
    assert bibtex_name(full) == written


def test_math_survives_and_specials_are_escaped():
    assert latex_text(r"Learning $\alpha$ & $x_1^2$") == r"Learning $\alpha$ \& $x_1^2$"
    assert latex_text("Über_cost 5$") == r"{\"U}ber\_cost 5\$"


# -- round trip: BibTeX -> survey new -> record -> export ------------------------------------

ROUND_TRIP = r"""@inproceedings{steele2020alpha,
  author = {Steele, Jr., Guy L. and Jean de La Fontaine and M{\"u}ller, J{\"u}rgen and Fran{\c{c}}oise Vi{\'e}gas},
  title = {{\em LSTMVis} and $\alpha$-Divergences: 50\% {GAN}s \& $x_1^2$},
  booktitle = {Proceedings of the IEEE Conference on Visual Analytics Science and Technology},
  year = {2020},
  url = {https://example.org/alpha},
}
"""


def test_round_trip_keeps_accents_math_jr_and_particles(survey_cli, tmp_path, monkeypatch):
    works_dir = tmp_path / "works"
    shutil.copytree(WORKS_DIR, works_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO(ROUND_TRIP))
    status, out, err = survey_cli("new", "--works-dir", str(works_dir))
    assert status == 0, err
    path = works_dir / "steele2020lstmvis.yaml"
    text = path.read_text(encoding="utf-8")
    for facet, value in {
        "why": "[interpretability]",
        "who": "[model-developers]",
        "what": "[units]",
        "how": "[instance-based]",
        "when": "[after]",
    }.items():
        text = text.replace(f"\n{facet}:\n", f"\n{facet}: {value}\n")
    text += "rationale: {why: 'Abstract: a', who: 'Abstract: b', what: 'Abstract: c', how: 'Abstract: d', when: 'Abstract: e'}\n"
    path.write_text(text.replace("\nsources:\n", "\nsources:\n  - https://example.org/alpha\n"), encoding="utf-8")

    [work] = [w for w in survey.load(works_dir) if w.id == "steele2020lstmvis"]
    assert work.author_list == ("Guy L. Steele Jr.", "Jean de La Fontaine", "Jürgen Müller", "Françoise Viégas")
    assert work.title == r"LSTMVis and $\alpha$-Divergences: 50% GANs & $x_1^2$"
    assert work.kind == "inproceedings"

    exported = bibtex_entry(work, "vis-hci-conference", "IEEE Conference on Visual Analytics Science and Technology")
    entry = strict_parse(exported).entries["steele2020lstmvis"]
    steele, fontaine, mueller, viegas = entry.persons["author"]
    assert (steele.last_names, steele.lineage_names, steele.first_names + steele.middle_names) == (
        ["Steele"],
        ["Jr."],
        ["Guy", "L."],
    )
    assert (fontaine.prelast_names, fontaine.last_names, fontaine.first_names) == (["de"], ["La", "Fontaine"], ["Jean"])
    assert latex_to_text(" ".join(mueller.last_names)) == "Müller"
    assert plain_names(viegas) == "Françoise Viégas"
    assert latex_to_text(entry.fields["title"]) == work.title
    assert r"$\alpha$" in entry.fields["title"] and r"$x_1^2$" in entry.fields["title"]
    assert "\\em" not in exported
