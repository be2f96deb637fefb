"""`survey new` as a contributor runs it: from a BibTeX entry (file, standard input) or
flags to a record file in the survey's style, which `survey validate` accepts once the
facets are filled in. Records are written into a temporary works folder."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import pytest
import yaml

from kb_helpers import WORKS_DIR, survey_command
from survey.contribute.bibtex import Person
from survey.contribute.scaffold import NewRecord, keywords, propose_id, record_text, short_authors
from survey import load_taxonomy
from survey.contribute.venue_match import match_venue
from survey.records.taxonomy import read_taxonomy

SUMMIT = r"""@article{hohman2019summit,
  title = {{Summit}: Scaling Deep Learning Interpretability by Visualizing Activation and Attribution Summarizations},
  author = {Hohman, Fred and Park, Haekyu and Robinson, Caleb and Chau, Duen Horng},
  journal = {IEEE Transactions on Visualization and Computer Graphics},
  year = {2019},
  doi = {10.5555/example.summit},
  url = {https://fredhohman.com/summit/},
  eprint = {1904.02323v2}, archivePrefix = {arXiv},
}
"""
FACETS = ("why", "who", "what", "how", "when")


@pytest.fixture
def works(tmp_path):
    folder = tmp_path / "works"
    folder.mkdir()
    return folder


@pytest.fixture
def stdin(monkeypatch):
    """stdin(text): what `survey new` reads as piped standard input."""

    def feed(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return feed


def new(survey_cli, works, *args: str) -> tuple[int, str, str]:
    return survey_cli("new", "--works-dir", str(works), *args)


def test_from_a_bibtex_file(survey_cli, works, tmp_path):
    bib = tmp_path / "summit.bib"
    bib.write_text(SUMMIT, encoding="utf-8")
    status, out, err = new(survey_cli, works, "--bibtex", str(bib))
    path = works / "hohman2019summit.yaml"
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == f"created {path}"
    assert f"next: fill in the tags (why, who, what, how, when), then run: survey validate {path}" in out
    assert "venue: TVCG (from 'IEEE Transactions on Visualization and Computer Graphics')" in out
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record == {
        "id": "hohman2019summit",
        "title": "Summit: Scaling Deep Learning Interpretability by Visualizing Activation and "
        "Attribution Summarizations",
        "authors": "Hohman, et al.",
        "author_list": ["Fred Hohman", "Haekyu Park", "Caleb Robinson", "Duen Horng Chau"],
        "kind": "article",
        "year": 2019,
        "venue": "TVCG",
        "url": "https://fredhohman.com/summit/",
        "doi": "10.5555/example.summit",
        "arxiv": "1904.02323",
        "published": {"journal": "IEEE Transactions on Visualization and Computer Graphics"},
        "sources": None,
        "why": None,
        "who": None,
        "what": None,
        "how": None,
        "when": None,
        "in_2018_table": False,
        "added": datetime.date.today(),
    }


def test_each_facet_has_its_categories_and_definitions_above_it(survey_cli, works, stdin):
    stdin(SUMMIT)
    assert new(survey_cli, works)[0] == 0
    lines = (works / "hohman2019summit.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={_relative_schema(works)}"
    taxonomy = load_taxonomy()
    for facet in taxonomy.tagged_facets:
        at = lines.index(f"{facet.id}:")
        comment: list[str] = []
        for line in reversed(lines[:at]):
            if not line.startswith("#"):
                break
            comment.insert(0, line.removeprefix("#").strip())
        words = " ".join(comment).split()
        assert comment[0] == f"{facet.id}: {facet.question}"
        for category in facet.categories:
            assert " ".join([category.id, *category.description.split()]) in " ".join(words)


def _relative_schema(works) -> str:
    import os

    return os.path.relpath(WORKS_DIR.parent / "record.schema.json", works)


def test_in_the_projects_folder_the_schema_line_is_relative():
    new = NewRecord(record={"id": "x"})
    text = record_text(new, WORKS_DIR / "x.yaml", "survey/works/x.yaml", load_taxonomy())
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../record.schema.json"


@pytest.mark.parametrize(
    "people, more, expected",
    [
        ([Person("Stefan", "Bruckner")], False, "Bruckner"),
        ([Person("Fan-Yin", "Tzeng"), Person("Kwan-Liu", "Ma")], False, "Tzeng & Ma"),
        ([Person("Minsuk", "Kahng"), Person("P.", "Andrews"), Person("D.", "Chau")], False, "Kahng, et al."),
        ([Person("Chris", "Olah")], True, "Olah, et al."),
        ([Person("Laurens", "van der Maaten"), Person("G.", "Hinton")], False, "van der Maaten & Hinton"),
    ],
)
def test_authors_in_the_surveys_style(people, more, expected):
    assert short_authors(people, more) == expected


@pytest.mark.parametrize(
    "field, venue, abbr",
    [
        ("journal", "IEEE Transactions on Visualization and Computer Graphics", "TVCG"),
        ("journal", "IEEE Trans. Vis. Comput. Graph.", "TVCG"),  # as DBLP writes it: not VIS
        ("booktitle", "Proceedings of the 33nd International Conference on Machine Learning, {ICML} 2016", "ICML"),
        ("booktitle", "NIPS Workshop on Interpretable Machine Learning", "NIPS Workshop"),
        ("booktitle", "IEEE VIS 2019", "VIS"),
        ("booktitle", "Proceedings of the 2017 CHI Conference on Human Factors in Computing Systems", "CHI"),
        ("booktitle", "Advances in Neural Information Processing Systems 29", "NeurIPS"),
        ("booktitle", "2017 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR"),
        ("booktitle", "Proceedings of the 33rd International Conference on Machine Learning", "ICML"),
        ("booktitle", "ICML Workshop on Visualization for Deep Learning", "ICML VIS"),
        ("booktitle", "Visual Analytics Science and Technology (VAST), 2014 IEEE Conference on", "VAST"),
        ("journal", "arXiv preprint arXiv:1704.01942", "arXiv"),
        ("journal", "CoRR", "arXiv"),
        ("howpublished", "Distill", "Distill"),
        ("journal", "Journal of Machine Learning Research", None),
        ("journal", "Computer Graphics Forum", "CGF"),
        ("journal", "Journal of Visualization", None),
        ("howpublished", "The Web Conference", None),
    ],
)
def test_venue_names_map_to_abbreviations(field, venue, abbr):
    assert match_venue(venue, load_taxonomy()) == abbr


def test_a_projects_venue_aliases_are_what_names_a_venue(tmp_path):
    """Aliases come from the project's venues file, not from the generator: another survey's
    own alias is recognized, and the flagship's are not."""
    (tmp_path / "taxonomy.yaml").write_text(
        "facets:\n- {id: method, question: How?, color: '#000', categories: "
        "[{id: survey, label: Survey, short: Survey, description: A survey.}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "venues.yaml").write_text(
        "types: {journal: Journal}\n"
        "venues:\n  JoSS: {name: Journal of Survey Studies, type: journal, aliases: [j surv stud]}\n",
        encoding="utf-8",
    )
    taxonomy = read_taxonomy(tmp_path / "taxonomy.yaml", tmp_path / "venues.yaml")
    assert match_venue("J. Surv. Stud.", taxonomy) == "JoSS"
    assert match_venue("IEEE Transactions on Visualization and Computer Graphics", taxonomy) is None


def test_an_arxiv_eprint_alone_is_an_arxiv_preprint(survey_cli, works, stdin):
    stdin(
        "@misc{x, title = {Deep Dreams}, author = {Ada Lovelace}, year = 2020,"
        " eprint = {2001.00001}, archivePrefix = {arXiv}}"
    )
    status, out, _ = new(survey_cli, works)
    record = yaml.safe_load((works / "lovelace2020deep.yaml").read_text(encoding="utf-8"))
    assert status == 0 and "venue: arXiv" in out
    assert (record["venue"], record["arxiv"], record["url"]) == (
        "arXiv",
        "2001.00001",
        "https://arxiv.org/abs/2001.00001",
    )


def test_a_web_page_given_by_its_link_is_on_the_web(survey_cli, works, stdin):
    stdin(
        r"@misc{olah2015, title = {Understanding {LSTM} Networks}, author = {Olah, Christopher}, "
        r"year = 2015, howpublished = {\url{https://colah.github.io/posts/2015-08-Understanding-LSTMs/}}}"
    )
    status, _, _ = new(survey_cli, works)
    record = yaml.safe_load((works / "olah2015understanding.yaml").read_text(encoding="utf-8"))
    assert status == 0
    assert (record["venue"], record["url"]) == ("Web", "https://colah.github.io/posts/2015-08-Understanding-LSTMs/")


def test_an_unknown_venue_is_a_todo_that_validation_reports(survey_cli, works, stdin):
    stdin(
        "@article{x, title = {Deep Dreams}, author = {Ada Lovelace}, year = 2020,"
        " journal = {Journal of Visualization}, url = {https://example.org/dd}}"
    )
    status, out, _ = new(survey_cli, works)
    path = works / "lovelace2020deep.yaml"
    text = path.read_text(encoding="utf-8")
    assert status == 0 and "to do: venue, sources (see the TODO comments in the file)" in out
    assert "# TODO: 'Journal of Visualization' matches no venue in the project's venues file." in text
    # the examples are the project's own venues
    assert "(a key of that file, e.g. TVCG, CGF, TIST)" in " ".join(line.lstrip("# ") for line in text.splitlines())
    assert "\nvenue:\n" in text
    status, out, _ = survey_cli("validate", str(path))
    assert status == 1
    assert (
        f"{path}:" in out
        and "venue must be the abbreviation of a venue of the project's venues file, not nothing" in out
    )


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Do Convolutional Neural Networks Learn Class Hierarchy?", "convolutional"),
        ("The Building Blocks of Interpretability", "building"),
        ("Seq2Seq-Vis: A Visual Debugging Tool", "seq2seq"),
        ("Über 3 Ansätze", "uber"),
        ("On the 2018 of it", "work"),
    ],
)
def test_the_keyword_is_the_first_significant_title_word(title, expected):
    assert (keywords(title) or ["work"])[0] == expected


def test_a_taken_id_gives_the_next_title_word_then_a_letter():
    title = "ActiVis: Visual Exploration"
    assert propose_id("Kahng", 2018, title, set()) == "kahng2018activis"
    assert propose_id("Kahng", 2018, title, {"kahng2018activis"}) == "kahng2018visual"
    taken = {"kahng2018activis", "kahng2018visual", "kahng2018exploration"}
    assert propose_id("Kahng", 2018, title, taken) == "kahng2018activisb"
    assert propose_id("Müller-Lüdenscheidt", 2018, title, set()) == "mullerludenscheidt2018activis"


def test_an_id_taken_in_the_folder_is_not_reused(survey_cli, works, stdin):
    (works / "hohman2019summit.yaml").write_text("id: hohman2019summit\ntitle: Another Summit\n", encoding="utf-8")
    stdin(SUMMIT)
    status, out, _ = new(survey_cli, works)
    assert status == 0 and out.startswith(f"created {works / 'hohman2019scaling.yaml'}")


def test_never_overwrites_a_record(survey_cli, works, stdin):
    existing = works / "mine.yaml"
    existing.write_text("id: mine\ntitle: Precious\n", encoding="utf-8")
    stdin(SUMMIT)
    status, out, err = new(survey_cli, works, "--id", "mine")
    assert (status, out) == (1, "")
    assert err == (
        f"{existing} already exists: survey new never overwrites a record; choose another --id or edit that file\n"
    )
    assert existing.read_text(encoding="utf-8") == "id: mine\ntitle: Precious\n"


@pytest.mark.parametrize(
    "bibtex, why",
    [
        (SUMMIT, "same DOI"),
        (SUMMIT.replace("10.5555/example.summit", "10.5555/other").replace("{Summit}", "SUMMIT"), "same title"),
    ],
)
def test_refuses_a_work_already_recorded(survey_cli, works, stdin, bibtex, why):
    stdin(SUMMIT)
    new(survey_cli, works)
    stdin(bibtex)
    status, _, err = new(survey_cli, works, "--id", "again")
    assert status == 1
    assert err.startswith(f"{works / 'hohman2019summit.yaml'}:")
    assert f"({why}): this work is already recorded here" in err
    assert sorted(p.name for p in works.iterdir()) == ["hohman2019summit.yaml"]


@pytest.mark.parametrize(
    "bibtex, line, message",
    [
        ("@article{x,\n  title = {Broken,\n", 2, "the value of 'title' is never closed"),
        (
            "@article{x,\n  author = {A. B.},\n  year = 2020\n}\n",
            1,
            "no title: a record needs the title, the authors and the year",
        ),
        ("@article{x, title = {T}, author = {A. B.}, year = {in press}}", 1, "year 'in press' is not a year"),
        (
            "@article{a, title = {T}, author = {A}, year = 2020}\n@article{b, title = {U}, author = {B}, year = 2020}",
            2,
            "2 entries (a, b): choose one with --key KEY",
        ),
        ("not bibtex", 1, "no BibTeX entry found"),
    ],
)
def test_unreadable_or_incomplete_bibtex_is_one_line_and_writes_nothing(
    survey_cli, works, tmp_path, bibtex, line, message
):
    bib = tmp_path / "in.bib"
    bib.write_text(bibtex, encoding="utf-8")
    status, out, err = new(survey_cli, works, "--bibtex", str(bib))
    assert (status, out) == (1, "")
    assert err.startswith(f"{bib}:{line}: ") and message in err and len(err.splitlines()) == 1
    assert list(works.iterdir()) == []


def test_bad_bytes_as_a_user_runs_it_no_traceback(works, tmp_path):
    bib = tmp_path / "latin1.bib"
    bib.write_bytes(b"@article{x,\n  title = {Caf\xe9},\n}")
    done = subprocess.run(
        [*survey_command(), "new", "--works-dir", str(works), "--bibtex", str(bib)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr == f"{bib}:2: not valid UTF-8 text: save the file as UTF-8\n"


def test_key_picks_an_entry_and_flags_override_the_bibtex(survey_cli, works, stdin):
    stdin(
        "@article{a, title = {First Paper}, author = {A. Alpha}, year = 2020, journal = {Nowhere}}\n"
        "@inproceedings{b, title = {Second Paper}, author = {B. Beta and C. Gamma}, year = 2021,"
        " booktitle = {Somewhere}}"
    )
    status, _, _ = new(
        survey_cli, works, "--bibtex", "-", "--key", "b", "--venue", "VAST", "--url", "https://example.org/second"
    )
    record = yaml.safe_load((works / "beta2021second.yaml").read_text(encoding="utf-8"))
    assert status == 0
    assert (record["authors"], record["venue"], record["url"]) == ("Beta & Gamma", "VAST", "https://example.org/second")


def test_from_flags_alone(survey_cli, works, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())
    status, out, _ = new(
        survey_cli,
        works,
        "--title",
        "A Tool for Things",
        "--authors",
        "Ada Lovelace; Charles Babbage",
        "--year",
        "2021",
        "--venue",
        "CHI",
        "--doi",
        "https://doi.org/10.1145/1234.5678",
    )
    record = yaml.safe_load((works / "lovelace2021tool.yaml").read_text(encoding="utf-8"))
    assert status == 0
    assert (record["authors"], record["venue"], record["doi"]) == ("Lovelace & Babbage", "CHI", "10.1145/1234.5678")
    assert record["url"] == "https://doi.org/10.1145/1234.5678"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "args, message",
    [
        (
            (),
            "survey new: give a BibTeX entry (--bibtex FILE, --bibtex -, or pipe it in) or the work's --title, --authors and --year",
        ),
        (
            ("--title", "T", "--authors", "A", "--year", "2020", "--id", "../../escape"),
            "--id '../../escape' must be lowercase letters",
        ),
    ],
)
def test_usage_errors(survey_cli, works, monkeypatch, args, message):
    monkeypatch.setattr("sys.stdin", _Terminal())
    status, out, err = new(survey_cli, works, *args)
    assert (status, out) == (2, "") and message in err
    assert list(works.iterdir()) == []


def test_from_bibtex_to_a_valid_record_end_to_end(survey_cli, tmp_path, stdin):
    """A contributor's whole path: the project's records, a new one from BibTeX, its tags
    filled in, and `survey validate` on the record and on the whole folder."""
    works = tmp_path / "works"
    shutil.copytree(WORKS_DIR, works)
    # the project records Summit since issue 25: this contributor adds it to a copy without it
    (works / "hohman2020summit.yaml").unlink(missing_ok=True)
    others = len(list(works.glob("*.yaml")))
    stdin(SUMMIT)
    status, out, _ = new(survey_cli, works)
    path = works / "hohman2019summit.yaml"
    assert status == 0 and str(path) in out

    status, problems, err = survey_cli("validate", str(path))
    assert status == 1 and "6 problem(s) in 1 of 1 file(s)" in err
    assert [line.split(": ", 1)[1].split(":")[0] for line in problems.splitlines()] == [
        "'sources' must list at least one http(s) link where the facts were seen, not nothing"
    ] + [f"'{facet}' has no categories yet" for facet in FACETS]

    tags = {
        "why": "[interpretability]",
        "who": "[model-developers, model-users]",
        "what": "[units, aggregated]",
        "how": "[instance-based, algorithms]",
        "when": "[after]",
    }
    text = path.read_text(encoding="utf-8").replace(
        "\nsources:\n", "\nsources:\n  - https://arxiv.org/abs/1904.02323\n"
    )
    for facet, value in tags.items():
        text = text.replace(f"\n{facet}:\n", f"\n{facet}: {value}\n")
    path.write_text(text, encoding="utf-8")

    # a new work, outside the snapshot, says per tagged facet where its tags come from
    status, problems, err = survey_cli("validate", str(path))
    assert status == 1 and "5 problem(s)" in err
    assert [line.split(": ", 1)[1].split(" but ")[0] for line in problems.splitlines()] == [
        f"'{facet}' has categories" for facet in FACETS
    ]
    path.write_text(
        text
        + "rationale:\n"
        + "".join(
            f"  {facet}: 'Abstract: \"...summarizes and visualizes what features a deep learning model has learned...\"'\n"
            for facet in FACETS
        ),
        encoding="utf-8",
    )

    assert survey_cli("validate", str(path)) == (0, "", "1 record(s) valid\n")
    assert survey_cli("validate", str(works)) == (0, "", f"{others + 1} record(s) valid\n")
