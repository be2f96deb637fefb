"""`survey init`: a new project, and one imported from SurVis, on which the commands work.

The CatVis survey (shared/surveys/catvis) is imported as its authors published it; its
counts are checked against its own BibTeX keywords. A small SurVis survey written here
covers the other dialect and each kind of problem an import reports."""

from __future__ import annotations

import json

import os
import re
from importlib import metadata  # the module survey.contribute.init asks
from pathlib import Path

import pytest
import yaml

from kb_helpers import SURVEYS

CATVIS = SURVEYS / "catvis"


def keyword_tags(bib: str) -> dict[str, set[str]]:
    """Entry key -> its keywords, read with a regular expression: an independent reading
    of the same file, for counts to compare with."""
    tags = {}
    for match in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)(?=^\s*@|\Z)", bib, re.S | re.M):
        words = re.search(r"keywords\s*=\s*\{([^}]*)\}", match.group(2))
        tags[match.group(1)] = {w.strip() for w in words.group(1).split(",")} if words else set()
    return tags


@pytest.fixture(scope="module")
def catvis(tmp_path_factory):
    if not CATVIS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the shared SurVis surveys are missing: {CATVIS}")
        pytest.skip(f"shared surveys not found at {SURVEYS} (set SURVEY_SHARED_DIR)")
    from survey.cli import main

    project = tmp_path_factory.mktemp("catvis") / "survey"
    assert main(["init", str(project), "--from-survis", str(CATVIS)]) == 0
    return project


def run(capsys, *args) -> tuple[int, str, str]:
    from survey.cli import main

    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_catvis_imports_every_readable_entry(catvis, capsys):
    status, out, err = run(capsys, "--project", str(catvis), "validate")
    assert status == 0, out
    bib = (CATVIS / "bib" / "references.bib").read_text(encoding="utf-8")
    records = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((catvis / "works").glob("*.yaml"))]
    # every entry SurVis shows is imported (no entry is left out); the one key given twice
    # is one work. (Before the tolerant reader, the three malformed entries were left out:
    # SurVis shows them, so the import now repairs them and says so.)
    status, out, problems = run(capsys, "init", str(catvis), "--from-survis", str(CATVIS))
    assert bib.count("\n@") + bib.startswith("@") == 128 == len(records) + 1
    assert "references.bib: 128 entries seen, 128 imported, 11 repaired, 0 left out" in problems
    assert not re.search(r"; entry left out$", problems, re.M)
    # the malformed entries: a field given twice, a '.' for a ',', a value without its '{'
    assert re.search(r"references\.bib:1157: field 'title' is given twice", problems)
    assert re.search(r"references\.bib:1478: stray text '\.' in entry 'hahsler2008getting'", problems)
    assert re.search(
        r"references\.bib:1652: the value of 'doi' in entry 'meyer2008visualizing' has no braces", problems
    )
    assert status == 0 and f"{len(records)} record(s); 0 file(s) written" in out


@pytest.mark.parametrize(
    "facet,value", [("family", "glyph"), ("alignment", "radial"), ("contribution", "ordering_algorithm")]
)
def test_a_facet_query_counts_what_the_bibtex_keywords_say(catvis, capsys, facet, value):
    tags = keyword_tags((CATVIS / "bib" / "references.bib").read_text(encoding="utf-8"))
    keys = {
        (r.get("survey_key") or r["id"])
        for r in (yaml.safe_load(f.read_text(encoding="utf-8")) for f in (catvis / "works").glob("*.yaml"))
    }
    expected = sorted(key for key in keys if f"{facet}:{value}" in tags[key])
    status, out, _ = run(
        capsys, "--project", str(catvis), "query", "--format", "ids", f"{facet}:{value.replace('_', '-')}"
    )
    assert status == 0 and len(out.split()) == len(expected) > 0


def test_catvis_facets_keep_their_labels_and_descriptions(catvis):
    taxonomy = yaml.safe_load((catvis / "taxonomy.yaml").read_text(encoding="utf-8"))
    facets = {f["id"]: f for f in taxonomy["facets"]}
    assert list(facets)[:6] == ["contribution", "family", "data_type", "dimensionality", "cardinality", "alignment"]
    assert facets["family"]["question"] == "The broad family into which the technique falls."
    glyph = next(c for c in facets["family"]["categories"] if c["id"] == "glyph")
    assert glyph["label"] == "glyph" and glyph["description"].startswith("The technique uses glyphs")
    assert any(
        c["id"] == "ordering-algorithm" and c["label"] == "ordering_algorithm"
        for c in facets["contribution"]["categories"]
    )


def test_the_commands_work_in_the_imported_project(catvis, capsys, monkeypatch):
    monkeypatch.chdir(catvis)
    status, out, _ = run(capsys, "stats")
    assert status == 0 and "FAMILY: The broad family" in out
    status, out, _ = run(capsys, "export", "--format", "csv")
    assert status == 0 and out.splitlines()[0].startswith(
        "id,title,authors,year,venue,url,doi,arxiv,contribution,family"
    )
    status, out, _ = run(capsys, "export", "--format", "bibtex")
    assert status == 0 and "Playfair" in out and "Deep Learning" not in out


SURVIS_BIB = """@string{joc = {Journal of Charts}}
@article{Smith:2020/Vis,
  title = {A Study of Charts},
  author = {Smith, Ann and Jones, Bob},
  journal = joc,
  year = {2020},
  doi = {not-a-doi},
  keywords = {how (data input):file upload, what:bars, , what:lines, unlisted}
}

@inproceedings{broken2019,
  title = {Broken}
  author = {Doe, Jane},
  year = 2019 .
}

@misc{nolink2021,
  howpublished = joc # { Online},
  title = {Without a Link},
  author = {Roe, Rick},
  year = {2021},
  keywords = {what:bars}
}
"""

SURVIS_CATEGORIES = """// the older dialect: a module handed to define()
define({
  tagCategories: {
    'how (data input)': { description: 'How the data gets in.' },
    what: { description: "What is shown", },
  }
});
"""

SURVIS_AUTHORIZED = """define({ authorizedTags: {
  'how (data input):file upload': { description: 'From a file.' },
  "what:bars": { description: "Bar charts." },
  "what:lines": {},
} });
"""


@pytest.fixture
def small_survis(tmp_path) -> Path:
    folder = tmp_path / "survis"
    (folder / "bib").mkdir(parents=True)
    (folder / "src" / "data").mkdir(parents=True)
    (folder / "bib" / "references.bib").write_text(SURVIS_BIB, encoding="utf-8")
    (folder / "src" / "data" / "tag_categories.js").write_text(SURVIS_CATEGORIES, encoding="utf-8")
    (folder / "src" / "data" / "authorized_tags.js").write_text(SURVIS_AUTHORIZED, encoding="utf-8")
    return folder


def test_an_import_reports_what_it_leaves_out_and_keeps_the_rest(small_survis, tmp_path, capsys):
    project = tmp_path / "s"
    status, out, err = run(capsys, "init", str(project), "--from-survis", str(small_survis))
    bib = f"{small_survis}/bib/references.bib"
    # broken2019 (a missing ',' and a '.' for one) is read as SurVis reads it, and reported
    assert status == 0 and "3 record(s)" in out and "Traceback" not in err
    assert f"{bib}:8: an empty tag (two commas in a row, or one at the end): left out" in err
    assert f"{bib}:8: tag 'unlisted' is not in authorized_tags.js: kept" in err
    assert f"{bib}:7: entry 'Smith:2020/Vis': doi must look like" in err and "'doi' left out" in err
    assert f"{bib}:13: a ',' is missing between two fields of entry 'broken2019'" in err
    assert f"{bib}:14: stray text '.' in entry 'broken2019': skipped" in err
    assert f"{bib}: 3 entries seen, 3 imported, 1 repaired, 0 left out" in err
    smith = yaml.safe_load((project / "works" / "smith-2020-vis.yaml").read_text(encoding="utf-8"))
    assert smith["survey_key"] == "Smith:2020/Vis" and "doi" not in smith
    assert smith["author_list"] == ["Ann Smith", "Bob Jones"] and smith["year"] == 2020
    assert smith["venue"] == "Journal of Charts"  # an @string abbreviation, expanded
    assert smith["how_data_input"] == ["file-upload"] and smith["what"] == ["bars", "lines"]
    assert smith["keywords"] == ["unlisted"]
    nolink = yaml.safe_load((project / "works" / "nolink2021.yaml").read_text(encoding="utf-8"))
    assert nolink["unverified"] == ["url", "sources"] and nolink["how_data_input"] == []
    assert nolink["venue"] == "Journal of Charts Online"
    taxonomy = yaml.safe_load((project / "taxonomy.yaml").read_text(encoding="utf-8"))
    assert taxonomy["facets"][0]["name"] == "how (data input)"
    assert taxonomy["facets"][0]["question"] == "How the data gets in."
    assert run(capsys, "--project", str(project), "validate")[0] == 0
    status, out, _ = run(capsys, "--project", str(project), "query", "--format", "ids", "how_data_input:file-upload")
    assert out.split() == ["smith-2020-vis"]


def test_running_it_again_keeps_edited_records_unless_forced(small_survis, tmp_path, capsys):
    project = tmp_path / "s"
    run(capsys, "init", str(project), "--from-survis", str(small_survis))
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    status, out, _ = run(capsys, "init", str(project), "--from-survis", str(small_survis))
    assert status == 0 and "0 file(s) written" in out
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    record = project / "works" / "nolink2021.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "notes: Checked by hand.\n", encoding="utf-8")
    status, out, err = run(capsys, "init", str(project), "--from-survis", str(small_survis))
    assert "nolink2021.yaml: edited since survey init wrote it: kept" in err
    assert "Checked by hand" in record.read_text(encoding="utf-8")
    run(capsys, "init", str(project), "--from-survis", str(small_survis), "--force")
    assert "Checked by hand" not in record.read_text(encoding="utf-8")


UNDATED_BIB = """@misc{report2020,
  title = {A Report Without a Year},
  author = {Roe, Rick},
  url = {https://example.org/report},
  keywords = {what:bars}
}

@inproceedings{sieve1994,
  title = {Sieve Diagrams},
  author = {Riedwyl, H., and Sch{\\"u}pbach, M.},
  booktitle = {Statistical Software},
  year = {1994},
  url = {https://example.org/sieve},
  keywords = {what:lines}
}

@misc{cycle2019,
  title = {A Cycle},
  author = "  Ann Smith ,  Bob Jones ,  Cy Young",
  year = {2019},
  url = {https://example.org/cycle},
  keywords = {what:bars}
}
"""


def test_an_entry_without_a_year_is_kept_and_malformed_authors_survive_the_round_trip(tmp_path, capsys):
    folder = tmp_path / "survis"
    (folder / "bib").mkdir(parents=True)
    (folder / "bib" / "references.bib").write_text(UNDATED_BIB, encoding="utf-8")
    project = tmp_path / "s"
    status, _, err = run(capsys, "init", str(project), "--from-survis", str(folder))
    bib = f"{folder}/bib/references.bib"
    assert status == 0 and f"{bib}: 3 entries seen, 3 imported" in err
    assert f"{bib}:1: entry 'report2020' has no year: kept without one, 'year' named in `unverified`" in err
    report = yaml.safe_load((project / "works" / "report2020.yaml").read_text(encoding="utf-8"))
    assert "year" not in report and report["unverified"] == ["year"]
    assert run(capsys, "--project", str(project), "validate")[0] == 0
    # year: ranges leave it out, and its negation keeps it; stats count it apart
    status, out, _ = run(capsys, "--project", str(project), "query", "--format", "ids", "year:1900..2100")
    assert out.split() == ["cycle2019", "sieve1994"]
    status, out, _ = run(capsys, "--project", str(project), "query", "--format", "ids", "-year:1900..2100")
    assert out.split() == ["report2020"]
    status, out, _ = run(capsys, "--project", str(project), "stats")
    assert out.rstrip().endswith("1  2019\n      1  no year")
    status, out, _ = run(capsys, "--project", str(project), "query", "--format", "csv", "what:bars")
    assert "report2020,A Report Without a Year,Roe,,Other," in out  # the year's cell empty
    status, out, _ = run(capsys, "--project", str(project), "query", "--format", "table")
    assert re.search(r"report2020\s+n\.d\.\s", out)
    status, out, _ = run(capsys, "--project", str(project), "export", "--format", "bibtex")
    entry = out[out.index("{report2020,") :]
    assert "year" not in entry[: entry.index("\n}")]  # BibTeX has no "n.d.": no year field
    # the SurVis export imports back to the same records: the undated entry, and names the
    # import read from malformed author fields ('Riedwyl, H.,': the family is not last;
    # comma-separated names in quotes)
    out_dir = tmp_path / "out"
    assert run(capsys, "--project", str(project), "export", "--format", "survis", "-o", str(out_dir))[0] == 0
    again = tmp_path / "again"
    assert run(capsys, "init", str(again), "--from-survis", str(out_dir))[0] == 0
    records = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (project / "works").glob("*.yaml")}
    back = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (again / "works").glob("*.yaml")}
    assert records["sieve1994.yaml"]["authors"] == "Riedwyl & Schüpbach"
    assert records["cycle2019.yaml"]["authors"] == "Ann Smith"  # read as "Family, Jr, Given"
    assert back == records


def test_a_new_project_works_with_nothing_but_the_generator(tmp_path, capsys, monkeypatch):
    project = tmp_path / "new"
    status, out, _ = run(capsys, "init", str(project))
    assert status == 0 and "1 record(s)" in out
    for name in (
        "survey.yml",
        "taxonomy.yaml",
        "venues.yaml",
        "README.md",
        "requirements.txt",
        ".github/workflows/survey.yml",
        ".pre-commit-config.yaml",
    ):
        assert (project / name).is_file(), name
    assert not list(project.rglob("*.py"))  # the generator is a dependency, not copied
    lines = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")][0].startswith("survey-sitegen[site]")
    assert "requirements.txt " in out  # survey init says which form it wrote
    assert "survey validate" in (project / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    assert run(capsys, "validate")[0] == 0
    # the example record: the first category of each facet, its facts made up and saying so
    status, out, _ = run(capsys, "query", "--format", "ids", "task:exploration data:tabular")
    assert out.split() == ["doe2024example"]
    example = yaml.safe_load((project / "works" / "doe2024example.yaml").read_text(encoding="utf-8"))
    assert example["url"] == "https://example.org/" and "An example record" in example["notes"]
    written = "\n".join(p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file())
    assert re.search(r"activis|kahng|tvcg|deep learning|hohman", written + out, re.IGNORECASE) is None


def test_init_refuses_a_folder_that_is_not_a_survis_survey(tmp_path, capsys):
    status, _, err = run(capsys, "init", str(tmp_path / "s"), "--from-survis", str(tmp_path))
    assert status == 2 and "no SurVis data here: expected bib/references.bib" in err


def test_survey_new_in_a_new_project_follows_its_taxonomy(tmp_path, capsys, monkeypatch):
    project = tmp_path / "new"
    run(capsys, "init", str(project))
    monkeypatch.chdir(project)
    status, out, err = run(
        capsys,
        "new",
        "--title",
        "Graphs at Scale",
        "--authors",
        "Ann Smith",
        "--year",
        "2021",
        "--venue",
        "TVCG",
        "--url",
        "https://example.org/g",
    )
    assert status == 0, err
    text = (project / "works" / "smith2021graphs.yaml").read_text(encoding="utf-8")
    assert "$schema=../record.schema.json" in text and "Fill in the 2 facets" in text
    assert text.index("\ntask:") < text.index("\ndata:") and "in_2018_table" not in text
    assert "fill in the tags (task, data)" in out


def test_requirements_name_the_repository_the_generator_was_installed_from(monkeypatch):
    from survey.contribute import init

    class Installed:  # what pip records for `pip install git+https://...` (PEP 610)
        version = "0.1.0"

        def read_text(self, name):
            return json.dumps(
                {"url": "https://example.org/survey.git", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}
            )

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    requirement = init.generator_requirement()
    assert requirement.text == "survey-sitegen[site] @ git+https://example.org/survey.git@0123abcd\n"
    assert "from https://example.org/survey.git at commit 0123abcd" in requirement.said
    monkeypatch.setattr(Installed, "read_text", lambda self, name: None)  # from a package index: its version
    assert init.generator_requirement().text == "survey-sitegen[site]==0.1.0\n"


def test_requirements_name_a_local_wheel_with_a_comment_saying_so(monkeypatch):
    from survey.contribute import init

    class Installed:  # `pip install ./dist/survey_sitegen-0.1.0-py3-none-any.whl` (PEP 610)
        version = "0.1.0"

        def read_text(self, name):
            return json.dumps({"url": "file:///tmp/dist/survey_sitegen-0.1.0-py3-none-any.whl", "archive_info": {}})

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    requirement = init.generator_requirement()
    comment, line = requirement.text.rsplit("\n", 2)[:2]
    assert line == "survey-sitegen[site] @ file:///tmp/dist/survey_sitegen-0.1.0-py3-none-any.whl"
    assert comment.startswith("#") and "make dist" in comment
    assert "a path on this machine only" in requirement.said


def test_an_editable_checkout_is_named_by_its_origin_and_commit(monkeypatch, tmp_path):
    import subprocess

    from survey.contribute import init

    checkout = tmp_path / "generator"
    checkout.mkdir()
    git = ["git", "-C", str(checkout), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "https://example.org/gen.git"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()

    class Installed:  # `pip install -e .` in that checkout
        version = "0.1.0"

        def read_text(self, name):
            return json.dumps({"url": checkout.as_uri(), "dir_info": {"editable": True}})

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    assert init.generator_requirement().text == f"survey-sitegen[site] @ git+https://example.org/gen.git@{commit}\n"
