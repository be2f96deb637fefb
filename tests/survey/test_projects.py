"""Survey projects other than the flagship: any number of facets with any names, snapshots
named in survey.yml, and the commands finding the project from the current folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from survey.query.collection import load
from survey.records.project import ProjectError, find_project, load_project
from survey.records.record_schema import record_schema


def make_project(root: Path, facets: int) -> Path:
    """A survey with `facets` facets named f1_x, f2_x, ... of three categories each, one
    snapshot and four works; work i is tagged with category (i mod 3) of every facet."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "survey.yml").write_text(
        yaml.safe_dump(
            {
                "title": f"A survey with {facets} facets",
                "description": "For the tests.",
                "citation": "A. Author. A survey. 2024.",
                "url": "https://example.org/s/",
                "snapshots": [{"id": "paper2024", "label": "the works of the 2024 paper", "aliases": ["2024"]}],
            }
        ),
        encoding="utf-8",
    )
    taxonomy = {
        "facets": [
            {
                "id": f"f{i}_x",
                "question": f"Question {i}?",
                "color": "#336699",
                "categories": [
                    {
                        "id": f"c{i}-{j}",
                        "label": f"Category {i}.{j}",
                        "short": f"C{i}.{j}",
                        "description": f"The {j}th category of facet {i}.",
                    }
                    for j in range(3)
                ],
            }
            for i in range(1, facets + 1)
        ]
    }
    (root / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, sort_keys=False), encoding="utf-8")
    (root / "venues.yaml").write_text(
        yaml.safe_dump(
            {"types": {"journal": "Journals"}, "venues": {"TVCG": {"name": "IEEE TVCG", "type": "journal"}}}
        ),
        encoding="utf-8",
    )
    works = root / "works"
    works.mkdir()
    for n in range(4):
        record = {
            "id": f"work{n}",
            "title": f"Work {n}",
            "authors": "Ada Lovelace",
            "author_list": ["Ada Lovelace"],
            "kind": "article",
            "year": 2020 + n,
            "venue": "TVCG",
            "url": f"https://example.org/{n}",
            "sources": [f"https://example.org/{n}"],
            **{f"f{i}_x": [f"c{i}-{n % 3}"] for i in range(1, facets + 1)},
            "snapshots": ["paper2024"] if n < 2 else [],
            # works outside the snapshot say where their tags come from
            "rationale": {f"f{i}_x": f"Abstract: about c{i}-{n % 3}" for i in range(1, facets + 1)},
        }
        (works / f"work{n}.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("facets", [1, 12])
def test_a_survey_with_any_number_of_facets(tmp_path, facets):
    project = load_project(make_project(tmp_path / "s", facets))
    taxonomy = project.taxonomy
    assert [f.id for f in taxonomy.tagged_facets] == [f"f{i}_x" for i in range(1, facets + 1)]
    works = load(project.works_dir, taxonomy)
    assert len(works) == 4
    last = f"f{facets}_x"
    assert [w.id for w in works.query(f"{last}:c{facets}-0")] == ["work0", "work3"]
    assert [w.id for w in works.query(f"in:paper2024 {last}:c{facets}-1")] == ["work1"]
    assert [w.id for w in works.query("-in:2024")] == ["work2", "work3"]
    frame = works.to_frame()
    assert frame[f"{last}:c{facets}-2"].sum() == 1 and frame["in:paper2024"].sum() == 2
    assert works.counts()[last] == {f"c{facets}-0": 2, f"c{facets}-1": 1, f"c{facets}-2": 1}
    schema = record_schema(taxonomy, "A survey of 12 facets")
    assert all(f"f{i}_x" in schema["required"] for i in range(1, facets + 1))
    assert schema["properties"]["snapshots"]["items"]["enum"] == ["paper2024"]
    assert "in_2018_table" not in schema["properties"]


@pytest.mark.parametrize("facets", [1, 12])
def test_the_commands_work_in_the_project_they_are_run_in(tmp_path, monkeypatch, survey_cli, facets):
    root = make_project(tmp_path / "s", facets)
    monkeypatch.chdir(root / "works")  # a folder inside the project: found by walking up
    assert survey_cli("validate")[0] == 0
    status, out, _ = survey_cli("query", "--format", "ids", f"f{facets}_x:c{facets}-0")
    assert (status, out.split()) == (0, ["work0", "work3"])
    status, out, _ = survey_cli("export", "--format", "csv")
    rows = list(csv.DictReader(line for line in io.StringIO(out) if not line.startswith("#")))
    assert status == 0 and len(rows) == 4
    assert rows[0][f"f{facets}_x"] == f"c{facets}-0" and rows[0]["in:paper2024"] == "true"
    status, out, _ = survey_cli("export", "--format", "json")
    assert json.loads(out)["works"][3]["snapshots"] == []
    status, out, _ = survey_cli("stats")
    assert status == 0 and "F1_X: Question 1?" in out and "4 works" in out


def test_an_unknown_facet_or_snapshot_is_a_clear_error(tmp_path, monkeypatch, survey_cli):
    root = make_project(tmp_path / "s", 1)
    status, _, err = survey_cli("--project", str(root), "query", "why:debugging")
    assert status == 2 and "unknown filter 'why:'" in err and "f1_x:" in err
    status, _, err = survey_cli("--project", str(root), "query", "in:tvcg2018")
    assert status == 2 and "write in:2024 for the works of the 2024 paper" in err
    record = root / "works" / "work0.yaml"
    record.write_text(record.read_text().replace("- paper2024", "- paper2025"))
    status, out, _ = survey_cli("--project", str(root), "validate")
    assert status == 1 and "work0.yaml:" in out and "unknown snapshot 'paper2025'" in out


def test_a_bad_config_is_reported_with_its_position(tmp_path, survey_cli):
    (tmp_path / "survey.yml").write_text("title: A survey\nsnapshots:\n  - id: Bad Id\n    label: x\n")
    with pytest.raises(ProjectError, match=r"survey.yml:3:\d+: a snapshot's 'id'"):
        load_project(tmp_path)
    status, _, err = survey_cli("--project", str(tmp_path), "validate")
    assert status == 2 and "survey.yml:3:" in err and "Traceback" not in err


def test_site_settings_are_checked_with_their_position(tmp_path, survey_cli):
    (tmp_path / "survey.yml").write_text(
        "title: A survey\npages: [explorables]\nsnapshots:\n  - id: s1\n    label: x\n    short: [1]\n"
    )
    status, _, err = survey_cli("--project", str(tmp_path), "build")
    assert status == 2 and "Traceback" not in err
    assert "survey.yml:2:8: 'pages' must be a list of survey-specific pages from: takeaways" in err
    assert "survey.yml:6:12: 'short' must be text" in err


def test_a_facet_named_like_a_record_field_is_refused(tmp_path):
    root = make_project(tmp_path / "s", 1)
    taxonomy = root / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("id: f1_x", "id: year"))
    with pytest.raises(Exception, match=r"taxonomy.yaml:\d+:\d+: facet id 'year'"):
        load_project(root).taxonomy


def test_without_a_config_the_commands_work_on_the_flagship(tmp_path):
    project = find_project(tmp_path)
    assert project.title == "Visual Analytics in Deep Learning"
    snapshot = project.taxonomy.snapshot("2018")
    assert project.works_dir.name == "works" and snapshot is not None and snapshot.id == "tvcg2018"


def test_the_python_api_loads_the_project_it_is_run_in(tmp_path, monkeypatch):
    import survey

    monkeypatch.chdir(make_project(tmp_path / "s", 3))
    works = survey.load()
    assert len(works) == 4 and len(works.query("in:2024 f3_x:c3-1")) == 1


def test_an_installed_generator_outside_any_project_says_how_to_start(tmp_path, monkeypatch, survey_cli):
    from survey.records import project as project_module

    monkeypatch.setattr(project_module, "FLAGSHIP_ROOT", tmp_path / "site-packages")
    monkeypatch.chdir(tmp_path)
    status, _, err = survey_cli("validate")
    assert status == 2 and "no survey.yml in this folder or any above it" in err and "survey init" in err
