"""The plain-text (APA-like) citation of a work page's Cite block: names, author lists,
and one line per kind of work."""

from __future__ import annotations

import pytest

import survey
from survey import Work
from survey.query.citation_style import apa, apa_authors, apa_name, split_name


@pytest.fixture(scope="module")
def works():
    return survey.load()


@pytest.mark.parametrize(
    "name, parts",
    [
        ("Alexander M. Rush", ("Alexander M.", "Rush", "")),
        ("Jan van Gemert", ("Jan", "van Gemert", "")),
        ("Jean de La Fontaine", ("Jean", "de La Fontaine", "")),
        ("Duen Horng (Polo) Chau", ("Duen Horng", "Chau", "")),
        ("Guy L. Steele Jr.", ("Guy L.", "Steele", "Jr.")),
        ("Plato", ("", "Plato", "")),
    ],
)
def test_names_split_into_given_family_and_suffix(name, parts):
    assert split_name(name) == parts


@pytest.mark.parametrize(
    "name, cited",
    [
        ("Boudewijn P.F. Lelieveldt", "Lelieveldt, B. P. F."),
        ("Jean-Paul Sartre", "Sartre, J.-P."),
        ("Fernanda B. Viégas", "Viégas, F. B."),
        ("Guy L. Steele Jr.", "Steele, G. L., Jr."),
    ],
)
def test_apa_names_keep_diacritics_hyphens_and_suffixes(name, cited):
    assert apa_name(name) == cited


def test_author_lists_join_with_an_ampersand_and_cut_after_19():
    assert apa_authors(["Ada Lovelace"]) == "Lovelace, A."
    assert apa_authors(["Ada Lovelace", "Alan Turing"]) == "Lovelace, A., & Turing, A."
    many = [f"Given{i} Family{i}" for i in range(25)]
    cited = apa_authors(many)
    assert cited.count(", . . . ") == 1 and cited.endswith(", . . . Family24, G.")
    assert "Family18, G." in cited and "Family19" not in cited


def test_journal_article(works):
    work = works.get("strobelt2017lstmvis")
    assert apa(work, "IEEE TVCG") == (
        "Strobelt, H., Gehrmann, S., Pfister, H., & Rush, A. M. (2018). LSTMVis: A Tool for Visual "
        "Analysis of Hidden State Dynamics in Recurrent Neural Networks. IEEE Transactions on "
        "Visualization and Computer Graphics, 24(1), 667–676. https://doi.org/10.1109/TVCG.2017.2744158"
    )


def test_proceedings_paper(works):
    work = works.get("hohman2017shapeshop")
    assert apa(work, "CHI") == (
        "Hohman, F., Hodas, N., & Chau, D. H. (2017). ShapeShop: Towards Understanding Deep Learning "
        "Representations via Interactive Experimentation. In CHI '17 Extended Abstracts on Human "
        "Factors in Computing Systems (CHI EA 2017) (pp. 1694–1699). ACM. "
        "https://doi.org/10.1145/3027063.3053103"
    )


def test_technical_report_web_article_and_preprint(works):
    report = works.get("bruckner2014mloscope")
    assert apa(report, "x") == (
        "Bruckner, D. (2014). ML-o-scope: A Diagnostic Visualization System for Deep Machine Learning "
        "Pipelines (Report No. UCB/EECS-2014-99). EECS Department, University of California, Berkeley. "
        "https://www2.eecs.berkeley.edu/Pubs/TechRpts/2014/EECS-2014-99.html"
    )
    post = works.get("olah2014visualizing")
    assert apa(post, "Web").startswith("Olah, C. (2014, October 9). Visualizing MNIST")
    preprint = works.get("karpathy2015visualizing")
    assert f"arXiv:{preprint.arxiv}." in apa(preprint, "arXiv")


def test_a_thesis_and_software_name_their_kind():
    thesis = Work(
        id="doe2020thesis",
        title="A Thesis",
        authors="Doe",
        year=2020,
        venue="MS Thesis",
        url="https://example.org/t",
        tags={},
        author_list=("Jane Doe",),
        kind="mastersthesis",
        published={"school": "Example University"},
    )
    assert apa(thesis, "MS Thesis") == (
        "Doe, J. (2020). A Thesis [Master's thesis, Example University]. https://example.org/t"
    )
    tool = Work(
        id="doe2021tool",
        title="Tool",
        authors="Doe",
        year=2021,
        venue="Web",
        url="https://example.org/tool",
        tags={},
        author_list=("Jane Doe",),
        kind="software",
    )
    assert apa(tool, "Web") == "Doe, J. (2021). Tool [Computer software]. https://example.org/tool"


def test_without_a_full_author_list_the_short_form_is_kept(works):
    # rong2016visual had no confirmed authors until issue 25 found them; Teachable Machine's
    # byline is still unconfirmed
    work = works.get("webster2017teachable")
    assert not work.author_list
    assert apa(work, "Web").startswith("Webster, et al. (2017")
