"""What a pull request faces and what the repository tells contributors: GitHub
annotations from `survey validate`, `survey export`, the workflows, the pre-commit hook,
`make check`, CONTRIBUTING.md's category tables and CITATION.cff."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
import yaml

from kb_helpers import RECORD_COUNT, REPO, WORKS_DIR, record_text
from survey.contribute.annotations import escape_data, escape_property, github_annotation
from survey.records.problems import Problem
from survey import load_taxonomy


# -- survey validate --format github ------------------------------------------------------


def test_problems_as_github_annotations(survey_cli, write_record, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_record(record_text(how="[instance-base]", venue="TVGC"))
    status, out, err = survey_cli("validate", "--format", "github", str(tmp_path / "good.yaml"))
    assert status == 1 and err == "2 problem(s) in 1 of 1 file(s)\n"
    venue, how = out.splitlines()
    assert venue == (
        "::error file=good.yaml,line=5,col=8::unknown venue 'TVGC' (did you mean 'TVCG'?); "
        "known venues are listed in survey/venues.yaml (add a new one there)"
    )
    assert how.startswith("::error file=good.yaml,line=10,col=7::unknown 'how' category 'instance-base'")


def test_valid_records_give_no_annotation(survey_cli):
    assert survey_cli("validate", "--format", "github", str(WORKS_DIR)) == (0, "", f"{RECORD_COUNT} record(s) valid\n")


def test_workflow_command_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("dir,1/x:y.yaml", 3, 4, "bad: 50%, really\nsecond line")
    assert github_annotation(problem) == (
        "::error file=dir%2C1/x%3Ay.yaml,line=3,col=4::bad: 50%25, really%0Asecond line"
    )


def test_absolute_paths_become_repository_paths(tmp_path):
    problem = Problem(str(tmp_path / "survey" / "works" / "x.yaml"), 1, 1, "m")
    assert github_annotation(problem, root=tmp_path).startswith("::error file=survey/works/x.yaml,")


# -- survey export ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "bibtex"])
def test_export_is_the_whole_collection_as_query_prints_it(survey_cli, fmt):
    status, out, err = survey_cli("export", "--format", fmt)
    assert (status, err) == (0, "")
    assert _works_in(fmt, out) == _works_in(fmt, survey_cli("query", "--format", fmt)[1])


def _works_in(fmt: str, output: str):
    """The works an export or a query wrote, less the collection version that only an
    export carries (see survey/query/dataset.py)."""
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(output)))
        return [row[:-1] for row in rows] if rows[0][-1] == "collection_version" else rows
    if fmt == "json":
        document = json.loads(output)
        return document["works"] if isinstance(document, dict) else document
    return output.split("\n\n", 1)[1] if output.startswith("@comment{") else output


def test_export_counts(survey_cli):
    rows = list(csv.DictReader(io.StringIO(survey_cli("export", "--format", "csv")[1])))
    assert len(rows) == RECORD_COUNT and rows[0]["id"] == "abadi2016tensorflow"
    assert len(json.loads(survey_cli("export", "--format", "json")[1])["works"]) == RECORD_COUNT
    bibtex = survey_cli("export", "--format", "bibtex")[1]
    assert len(re.findall(r"^@(?!comment)", bibtex, re.MULTILINE)) == RECORD_COUNT  # @comment lines are no entries


def test_export_to_a_file(survey_cli, tmp_path):
    target = tmp_path / "works.json"
    target.write_text("old", encoding="utf-8")
    assert survey_cli("export", "--format", "json", "-o", str(target)) == (
        0,
        "",
        f"{RECORD_COUNT} works written to {target}\n",
    )
    assert len(json.loads(target.read_text(encoding="utf-8"))["works"]) == RECORD_COUNT
    assert [p.name for p in tmp_path.iterdir()] == ["works.json"]


def test_export_to_an_unwritable_place(survey_cli, tmp_path):
    status, out, err = survey_cli("export", "--format", "csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert (status, out) == (1, "")
    assert err == f"survey export: cannot write {tmp_path / 'missing' / 'x.csv'}: No such file or directory\n"


def test_export_needs_a_format(survey_cli):
    with pytest.raises(SystemExit) as exited:
        survey_cli("export")
    assert exited.value.code == 2


# -- the pull request's checks ------------------------------------------------------------


def _yaml(path: str) -> dict:
    return yaml.safe_load((REPO / path).read_text(encoding="utf-8"))


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_pull_request_workflow_validates_tests_and_builds():
    workflow = _yaml(".github/workflows/pull-request.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    jobs = workflow["jobs"]
    assert "survey validate --format github survey/works" in _runs(jobs["validate"])
    assert "apt-get install -y -qq chromium" in _runs(jobs["test"])
    assert _runs(jobs["test"]).index("chromium") < _runs(jobs["test"]).index("make test")
    assert "make site" in _runs(jobs["site"])


def test_pages_workflow_deploys_main_with_its_address():
    workflow = _yaml(".github/workflows/pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    site_step = next(step for step in build["steps"] if step.get("run") == "make site")
    assert site_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_pre_commit_validates_changed_records():
    [hook] = [h for h in _yaml(".pre-commit-config.yaml")["repos"][0]["hooks"] if h["id"] == "survey-validate"]
    assert hook["entry"].endswith("survey validate") and hook["language"] == "system"
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("survey/works/kahng2018activis.yaml") and pattern.search("survey/works/x.yml")
    assert not pattern.search("survey/taxonomy.yaml")


def test_make_check_runs_every_check():
    done = subprocess.run(["make", "-n", "check"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    commands = done.stdout
    assert "survey validate" in commands and "pytest" in commands
    assert "site_src.pipeline site --builder material" in commands  # both builders
    assert "site_src.pipeline site --builder zensical" in commands


# -- CONTRIBUTING.md and CITATION.cff -----------------------------------------------------

TABLE_ROW = re.compile(
    r"^\| `(?P<facet>\w+):(?P<category>[\w-]+)` \| (?P<definition>.+?) \| "
    r"(?P<name>.+) \(`(?P<id>\w+)`\) \|$",
    re.MULTILINE,
)


def test_contributing_defines_every_category_with_a_tagged_example():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = {(m["facet"], m["category"]): m for m in TABLE_ROW.finditer(text)}
    taxonomy = load_taxonomy()
    assert set(rows) == {(c.facet, c.id) for c in taxonomy.categories}
    for (facet, category), row in rows.items():
        assert row["definition"] == " ".join(taxonomy.category(facet, category).description.split())
        record = yaml.safe_load((WORKS_DIR / f"{row['id']}.yaml").read_text(encoding="utf-8"))
        assert category in record[facet], f"{row['id']} is not tagged {facet}:{category}"
        assert row["name"] in (record["title"], record["title"].split(":")[0])


def test_contributing_links_no_repository_file_relatively():
    """The site publishes CONTRIBUTING.md at another place: a relative link would break."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert all(link.startswith(("http://", "https://", "#")) for link in links), links


def test_citation_cff_cites_the_survey():
    cff = _yaml("CITATION.cff")
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff)
    paper = cff["preferred-citation"]
    assert paper not in cff.get("references", [])  # cited once, not repeated as a reference
    assert paper["doi"] == "10.1109/TVCG.2018.2843369"
    assert paper["title"] == "Visual Analytics in Deep Learning: An Interrogative Survey for the Next Frontiers"
    assert [a["family-names"] for a in paper["authors"]] == ["Hohman", "Kahng", "Pienta", "Chau"]
    assert (paper["journal"], paper["volume"], paper["issue"], paper["year"]) == (
        "IEEE Transactions on Visualization and Computer Graphics",
        25,
        8,
        2019,
    )
