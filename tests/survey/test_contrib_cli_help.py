"""`survey --help` and every command's help name nothing of the flagship (its facets,
snapshot, venues, authors) in another project: examples come from the project found
(survey.yml `query_examples`, its snapshots, its taxonomy), or the help says nothing.
Query errors' examples come from the project's vocabulary too."""

from __future__ import annotations

import re
import subprocess
from typing import Callable
from pathlib import Path

import pytest
import yaml

from kb_helpers import REPO, survey_command

COMMANDS = ["", "validate", "query", "stats", "new", "init", "schema", "export", "build", "serve"]
# What only the flagship says: its facet names as query terms, its snapshot, venues, authors, ids
FLAGSHIP = re.compile(
    r"\b(why|who|what|how|when)(:|,)|in:2018|2018 (paper|table)|TVCG|kahng|chau|"
    r"minsuk|activis|workshop|survey/works|survey/venues|five facets",
    re.IGNORECASE,
)


def other_project(root: Path, examples: list[str] | None = None) -> Path:
    """A survey whose facets, snapshot and venue share no name with the flagship's."""
    root.mkdir(parents=True)
    config = {
        "title": "Soil microbes",
        "description": "A test survey.",
        "citation": "A. B. 2024.",
        "url": "https://example.org/soil/",
        "snapshots": [{"id": "atlas2021", "label": "the atlas of 2021", "aliases": ["atlas"]}],
    }
    if examples is not None:
        config["query_examples"] = examples
    (root / "survey.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    facets = [
        {
            "id": fid,
            "question": f"{fid}?",
            "color": "#336699",
            "categories": [
                {"id": f"{fid}-{c}", "label": f"{fid} {c}", "short": c, "description": c} for c in ("one", "two")
            ],
        }
        for fid in ("habitat", "method")
    ]
    (root / "taxonomy.yaml").write_text(yaml.safe_dump({"facets": facets}, sort_keys=False), encoding="utf-8")
    (root / "venues.yaml").write_text(
        yaml.safe_dump(
            {"types": {"journal": "Journals"}, "venues": {"SBB": {"name": "Soil Biol. Biochem.", "type": "journal"}}}
        ),
        encoding="utf-8",
    )
    (root / "works").mkdir()
    return root


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*survey_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def soil(tmp_path_factory) -> Path:
    return other_project(tmp_path_factory.mktemp("p") / "soil")


def examples_in(text: str) -> list[str]:
    return [line.removeprefix("  survey query ") for line in text.splitlines() if line.startswith("  survey query ")]


def help_of(cwd: Path, command: str) -> str:
    result = run(cwd, *([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_no_help_names_the_flagship_in_another_project(soil):
    texts = {command: help_of(soil, command) for command in COMMANDS}
    leaks = {command: FLAGSHIP.findall(text) for command, text in texts.items() if FLAGSHIP.search(text)}
    assert leaks == {}
    query = " ".join(texts["query"].split())
    assert "Facets of this survey: habitat, method." in query
    assert "in:atlas (the atlas of 2021)" in query
    assert examples_in(texts["query"]) == ["habitat:habitat-one", "-method:method-one", "in:atlas"]  # its taxonomy's
    assert "(habitat, method, where, year)" in " ".join(texts["stats"].split())


def test_the_projects_own_examples_are_shown(tmp_path):
    root = other_project(tmp_path / "soil", examples=["habitat:habitat-two -in:atlas"])
    assert examples_in(help_of(root, "query")) == ["habitat:habitat-two -in:atlas"]


def test_outside_any_project_the_help_says_the_syntax_alone(tmp_path):
    query = " ".join(help_of(tmp_path, "query").split())
    assert "venue:ABBREVIATION" in query and "in:SNAPSHOT" in query
    assert not FLAGSHIP.search(query) and "Examples" not in query


def test_the_flagships_help_shows_its_own_examples():
    """The flagship is one project: its help comes from its survey.yml."""
    text = help_of(REPO, "query")
    examples = yaml.safe_load((REPO / "survey.yml").read_text(encoding="utf-8"))["query_examples"]
    assert examples_in(text) == examples
    query = " ".join(text.split())
    assert "in:2018 (the 38 works of the 2018 paper's overview table)" in query


@pytest.mark.parametrize("term", ["venue:", "type:"])
def test_query_error_examples_come_from_the_project(soil, term):
    result = run(soil, "query", term)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not FLAGSHIP.search(result.stderr), result.stderr


def test_generic_code_takes_the_project_and_has_no_flagship_default(soil, monkeypatch):
    """Collection, parse_query and the record writer take the project's taxonomy; without
    it they fail instead of silently using the flagship's facets. load() in a project
    folder reads that project."""
    import inspect

    from survey.contribute.scaffold import record_text, write_new_record
    from survey.query.collection import Collection, load
    from survey.query.language import parse_query

    checked: list[tuple[Callable[..., object], str]] = [
        (Collection.__init__, "taxonomy"),
        (parse_query, "taxonomy"),
        (record_text, "taxonomy"),
        (write_new_record, "taxonomy"),
    ]
    for function, name in checked:
        assert inspect.signature(function).parameters[name].default is inspect.Parameter.empty
    monkeypatch.chdir(soil)
    assert load().taxonomy.tagged_ids == ("habitat", "method")
    assert load([soil / "works"]).taxonomy.tagged_ids == ("habitat", "method")
