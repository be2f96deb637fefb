"""`survey new --bibtex` on what the bibliographic services really export (DBLP, ACM
Digital Library, IEEE Xplore, Google Scholar, Semantic Scholar, arXiv; see
bibtex_exports/README.md): authors split as BibTeX splits them, never by line, and every
field the record has a place for kept (volume, number, pages, publisher, month, DOI, arXiv)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

EXPORTS = Path(__file__).parent / "bibtex_exports"


def new_record(survey_cli, works: Path, name: str) -> dict:
    status, out, err = survey_cli("new", "--works-dir", str(works), "--bibtex", str(EXPORTS / name))
    assert (status, err) == (0, ""), out + err
    (path,) = works.glob("*.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CASES = {
    "dblp_summit.bib": dict(
        id="hohman2020summit",
        authors="Hohman, et al.",
        kind="article",
        venue="TVCG",
        year=2020,
        author_list=["Fred Hohman", "Haekyu Park", "Caleb Robinson", "Duen Horng Chau"],
        doi="10.1109/TVCG.2019.2934659",
        published={"journal": "IEEE Trans. Vis. Comput. Graph.", "volume": "26", "number": "1", "pages": "1096--1106"},
    ),
    "dblp_axis_tour.bib": dict(
        id="yamagiwa2024axis",
        authors="Yamagiwa, et al.",
        kind="preprint",
        venue="arXiv",
        year=2024,
        author_list=["Hiroaki Yamagiwa", "Yusuke Takase", "Hidetoshi Shimodaira"],
        doi="10.48550/ARXIV.2401.06112",
        arxiv="2401.06112",
        published=None,
    ),
    "acm_chi_baumler.bib": dict(
        id="baumler2026stereotypes",
        authors="Baumler & Daumé",
        kind="inproceedings",
        venue="CHI",
        year=2026,
        author_list=["Connor Baumler", "Hal Daumé III"],
        doi="10.1145/3772318.3790733",
        published={
            "booktitle": "Proceedings of the 2026 CHI Conference on Human Factors in Computing Systems",
            "publisher": "Association for Computing Machinery",
        },
    ),
    "ieee_xplore_foxlin.bib": dict(
        id="foxlin2015design",
        authors="Foxlin, et al.",
        kind="article",
        venue="TVCG",
        year=2015,
        author_list=["E. Foxlin", "T. Calloway", "H. Zhang"],
        doi="10.1109/TVCG.2015.2481385",
        published={
            "journal": "IEEE Transactions on Visualization and Computer Graphics",
            "volume": "21",
            "number": "12",
            "pages": "1323--1335",
            "month": 12,
        },
    ),
    "google_scholar_detectordetective.bib": dict(
        id="vellaichamy2022detectordetective",
        authors="Vellaichamy, et al.",
        kind="inproceedings",
        venue="CVPR",
        year=2022,
        author_list=[
            "Sivapriya Vellaichamy",
            "Matthew Hull",
            "Zijie J Wang",
            "Nilaksh Das",
            "ShengYun Peng",
            "Haekyu Park",
            "Duen Horng Polo Chau",
        ],
        published={
            "booktitle": "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            "pages": "21484--21491",
        },
    ),
    "semantic_scholar_wu2020.bib": dict(
        id="wu2020deep",
        authors="Wu, et al.",
        kind="preprint",
        venue="arXiv",
        year=2020,
        author_list=["Neo Wu", "Bradley Green", "Xue Ben", "Shawn O’Banion"],
        arxiv="2001.08317",
        published=None,
    ),
    "arxiv_helbling2025.bib": dict(
        id="helbling2025conceptattention",
        authors="Helbling, et al.",
        kind="preprint",
        venue="arXiv",
        year=2025,
        author_list=["Alec Helbling", "Tuna Han Salih Meral", "Ben Hoover", "Pinar Yanardag", "Duen Horng Chau"],
        arxiv="2502.04320",
        url="https://arxiv.org/abs/2502.04320",
        published=None,
    ),
}


def test_every_service_has_a_fixture():
    assert sorted(CASES) == sorted(p.name for p in EXPORTS.glob("*.bib"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_services_export_reads_whole(survey_cli, tmp_path, name):
    record = new_record(survey_cli, tmp_path, name)
    for key, wanted in CASES[name].items():
        assert record.get(key) == wanted, key


def test_dblp_line_ends_do_not_join_authors(survey_cli, tmp_path):
    """The issue's case: DBLP ends each author line with 'and'; split by line, the first
    author took the rest ('and Haekyu Park and ...') and the id began 'andhaekyupark'."""
    text = (EXPORTS / "dblp_summit.bib").read_text(encoding="utf-8")
    assert "Fred Hohman and\n" in text  # the export's own layout, kept
    record = new_record(survey_cli, tmp_path, "dblp_summit.bib")
    assert not any(" and " in name or name.startswith("and ") for name in record["author_list"])
    assert record["id"] == "hohman2020summit"


def test_the_new_record_passes_validation_once_filled(survey_cli, tmp_path):
    """Kept fields are in the shape validation wants: published.month a number, pages a string."""
    new_record(survey_cli, tmp_path, "ieee_xplore_foxlin.bib")
    (path,) = tmp_path.glob("*.yaml")
    text = path.read_text(encoding="utf-8").replace(
        "\nsources:\n", "\nsources:\n  - https://doi.org/10.1109/TVCG.2015.2481385\n"
    )
    for facet, value in {
        "why": "[interpretability]",
        "who": "[model-users]",
        "what": "[units]",
        "how": "[algorithms]",
        "when": "[after]",
    }.items():
        text = text.replace(f"\n{facet}:\n", f"\n{facet}: {value}\n")
    text += "rationale:\n" + "".join(
        f"  {facet}: 'Abstract: \"a quoted line\"'\n" for facet in ("why", "who", "what", "how", "when")
    )
    path.write_text(text, encoding="utf-8")
    assert survey_cli("validate", str(path)) == (0, "", "1 record(s) valid\n")


def test_contributing_says_which_exports_survey_new_reads():
    """CONTRIBUTING.md's `survey new` step names every service tested here, says that the
    version of record's details are kept and which author entries validation refuses."""
    text = (EXPORTS.parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    step = " ".join(text[text.index("**1. Start the record") : text.index("**2. ")].split())
    for service in ("DBLP", "ACM Digital Library", "IEEE Xplore", "Google Scholar", "Semantic Scholar", "arXiv"):
        assert service in step
    assert "tests/survey/bibtex_exports/" in step
    assert all(f"`{key}`" in step for key in ("volume", "number", "pages", "publisher", "month"))
    validate = " ".join(text[text.index("**3. Validate it.") : text.index("**4. ")].split())
    assert 'joined by "and"' in validate and 'starts with "and"' in validate and '"Family, Given"' in validate
