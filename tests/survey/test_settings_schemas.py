"""The JSON Schemas of survey.yml, the taxonomy and the venues (issue 21): the committed
copies are what survey/records/file_schemas.py declares, they are valid draft 2020-12
schemas that accept the flagship's files, editors are pointed at them, and `survey`
checks the files against them with `path:line:column` messages and hints."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from kb_helpers import REPO
from survey.records.file_schemas import DESCRIBES, PUBLISHED, SETTINGS_SCHEMA, schema_text, write_schemas
from survey.records.project import ProjectError, load_project
from survey.records.schema_check import check_against_schema
from survey.records.source import read_document
from survey.records.taxonomy import TaxonomyError, read_taxonomy

HERE = Path(__file__).resolve().parents[2] / "survey"  # the flagship's taxonomy and venues

FLAGSHIP_FILES = {
    "settings.schema.json": REPO / "survey.yml",
    "taxonomy.schema.json": HERE / "taxonomy.yaml",
    "venues.schema.json": HERE / "venues.yaml",
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_the_committed_schema_is_the_declared_one(name):
    committed = REPO / "survey" / name
    assert committed.read_text(encoding="utf-8") == schema_text(PUBLISHED[name]), (
        f"survey/{name} is stale: run `make schema` and commit it"
    )


def test_write_schemas_writes_the_published_files(tmp_path):
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(PUBLISHED)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PUBLISHED)  # no partial left


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_each_schema_is_valid_and_accepts_the_flagships_file(name):
    schema = json.loads((REPO / "survey" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(FLAGSHIP_FILES[name].read_text(encoding="utf-8"))
    # what an editor does: the plain library, without survey's stricter integer and pattern
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_editors_map_each_schema_to_its_file():
    mapped = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for name, file in FLAGSHIP_FILES.items():
        assert mapped[f"./survey/{name}"] == file.relative_to(REPO).as_posix()


def test_a_new_project_gets_the_schemas_and_its_files_name_them(tmp_path, survey_cli):
    project = tmp_path / "new"
    status, _, err = survey_cli("init", str(project))
    assert status == 0, err
    for name, described in DESCRIBES.items():
        assert (project / name).read_text(encoding="utf-8") == schema_text(PUBLISHED[name])
        first = (project / described).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={name}"
    assert survey_cli("--project", str(project), "validate")[0] == 0


# -- messages ------------------------------------------------------------------------------


def config_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "survey.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as raised:
        load_project(tmp_path)
    prefix = f"{tmp_path / 'survey.yml'}:"
    lines = str(raised.value).splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    return [line[len(prefix) :] for line in lines]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "title: A survey\ntitel: x\n",
            "2:1: unknown setting 'titel' (did you mean 'title'?); known: articles, citation, description, "
            "docs, earliest_year, pages, query_examples, schema, snapshots, subject, taxonomy, title, url, "
            "venues, works",
        ),
        (
            "title: A survey\nsnapshots:\n  - id: s1\n    label: x\n    lable: the works\n",
            "5:5: unknown key 'lable' in a snapshot (did you mean 'label'?); known: aliases, field, id, "
            "label, short, since",
        ),
        (
            "title: A survey\npages: [takeaway]\n",
            "2:8: 'pages' must be a list of survey-specific pages from: takeaways: item 1 is 'takeaway' "
            "(did you mean 'takeaways'?)",
        ),
        (
            "title: A survey\nsnapshots:\n  - id: s1\n    label: x\n    aliases: [[1]]\n",
            "5:14: 'aliases' must be a list of names: item 1 is a list",
        ),
        (
            "title: A survey\nearliest_year: 1940.0\n",
            "2:16: 'earliest_year' must be a year such as 1940, not 1940.0 (a float)",
        ),
        (
            "title: A survey\nearliest_year: true\n",
            "2:16: 'earliest_year' must be a year such as 1940, not true (a boolean)",
        ),
        (
            "title: A survey\nurl: ftp://example.org/\n",
            "2:6: 'url' must be the site's http(s) address, "
            "such as https://example.org/survey/, not 'ftp://example.org/'",
        ),
        ("title: '  '\n", "1:8: 'title' must be non-empty text, not empty text"),
        ("description: x\n", "1:1: 'title' must be non-empty text"),
        (
            "- title: A survey\n",
            "1:1: survey.yml must be a mapping (title:, description:, snapshots:, ...), not a list",
        ),
        # Python's `$` matches before a final line break: an id must not end in one
        (
            'title: A survey\nsnapshots:\n  - id: "s1\\n"\n    label: x\n',
            "3:9: a snapshot's 'id' must be lowercase letters, digits, '-' or '_' (e.g. paper2024), not 's1\\n'",
        ),
        (
            "title: A survey\nsnapshots:\n  - {id: s1, label: x, aliases: ['2024']}\n  - {id: s2, label: y, aliases: ['2024']}\n",
            "4:5: snapshot name '2024' is used twice",
        ),
    ],
)
def test_settings_problems_are_positioned_and_hinted(tmp_path, text, expected):
    assert config_problems(tmp_path, text) == [expected]


def test_a_misspelt_key_is_also_a_missing_one(tmp_path):
    assert config_problems(tmp_path, "title: A survey\nsnapshots:\n  - id: s1\n    lable: the works\n") == [
        "3:5: a snapshot needs a 'label': what its works are",
        "4:5: unknown key 'lable' in a snapshot (did you mean 'label'?); known: aliases, field, id, "
        "label, short, since",
    ]


def test_every_problem_is_found_in_one_pass(tmp_path):
    problems = config_problems(
        tmp_path, "titel: x\nsnapshots:\n  - id: Bad\n  - id: b\n    label: y\n    since: [1]\nquery_examples: 5\n"
    )
    assert [p.split(": ", 1)[0] for p in problems] == ["1:1", "1:1", "3:5", "3:9", "6:12", "7:17"], problems


@pytest.fixture
def vocabulary(tmp_path) -> tuple[Path, Path]:
    taxonomy, venues = tmp_path / "taxonomy.yaml", tmp_path / "venues.yaml"
    shutil.copy(HERE / "taxonomy.yaml", taxonomy)
    shutil.copy(HERE / "venues.yaml", venues)
    return taxonomy, venues


def vocabulary_problems(paths: tuple[Path, Path], file: Path, old: str, new: str) -> list[str]:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TaxonomyError) as raised:
        read_taxonomy(*paths)
    return [line.split(f"{file}:", 1)[1] for line in str(raised.value).splitlines()]


def line_of(file: Path, text: str) -> int:
    content = file.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_an_unknown_facet_key_is_reported_at_the_key_with_a_hint(vocabulary):
    taxonomy = vocabulary[0]
    line = line_of(taxonomy, "    question: Why would")
    problems = vocabulary_problems(vocabulary, taxonomy, "    question: Why would", "    questoin: Why would")
    assert problems == [
        f"{line - 1}:5: a facet's 'question' must be non-empty text",
        f"{line}:5: unknown key 'questoin' in a facet (did you mean 'question'?); "
        "known: categories, color, id, name, question",
    ]


def test_a_blank_id_is_one_problem_and_a_bad_one_names_itself(vocabulary):
    taxonomy = vocabulary[0]
    line = line_of(taxonomy, "id: debugging")
    problems = vocabulary_problems(vocabulary, taxonomy, "id: debugging", "id: ' '")
    assert problems == [f"{line}:13: a category's 'id' must be non-empty text, not empty text"]
    shutil.copy(HERE / "taxonomy.yaml", taxonomy)
    problems = vocabulary_problems(vocabulary, taxonomy, "id: debugging", "id: Debugging")
    assert problems == [f"{line}:13: category id 'Debugging' must be lowercase letters, digits, '-', '_' or '.'"]


def test_ids_used_twice_are_found_beside_other_problems(vocabulary):
    taxonomy = vocabulary[0]
    line = line_of(taxonomy, "id: comparing")
    label = line_of(taxonomy, "label: Interpretability & Explainability")
    text = taxonomy.read_text(encoding="utf-8").replace("label: Interpretability & Explainability", "label: [x]")
    taxonomy.write_text(text, encoding="utf-8")
    problems = vocabulary_problems(vocabulary, taxonomy, "id: comparing", "id: interpretability")
    assert problems == [
        f"{label}:16: a category's 'label' must be non-empty text, not a list",
        f"{line}:13: category id 'interpretability' is used twice (also under 'why'): ids are unique across facets",
    ]


def test_a_misspelt_venue_type_gets_a_hint(vocabulary):
    venues = vocabulary[1]
    [problem] = vocabulary_problems(vocabulary, venues, "Forum, type: journal}", "Forum, type: jornal}")
    assert "unknown venue type 'jornal' for 'CGF' (did you mean 'journal'?): use one of the types" in problem


def test_the_validator_skips_values_the_reader_refused(tmp_path):
    """A value that could not be read is reported once, by the reader, not also as the
    wrong type (it reads as nothing)."""
    (tmp_path / "survey.yml").write_text("title: A survey\ndescription: !!python/name:os.system x\n")
    doc = read_document(tmp_path / "survey.yml", keep_positions=True)
    assert len(doc.problems) == 1
    check_against_schema(doc, SETTINGS_SCHEMA)
    assert len(doc.problems) == 1


def test_checking_takes_linear_time(tmp_path):
    """Ten times the snapshots (each with an unknown key and a bad id) take about ten times
    as long, not a hundred."""

    def seconds(count: int) -> float:
        snapshots = "".join(f"  - {{id: S{i}, label: x, lable: y}}\n" for i in range(count))
        (tmp_path / "survey.yml").write_text(f"title: A survey\nsnapshots:\n{snapshots}")
        start = time.process_time()  # CPU time: what the check costs, whatever else the machine runs
        with pytest.raises(ProjectError):
            load_project(tmp_path)
        return time.process_time() - start

    seconds(200)  # warm up: the validator is built once per schema
    small, large = min(seconds(400) for _ in range(3)), min(seconds(4000) for _ in range(3))
    assert large < 30 * small, (small, large)


# -- the guide -----------------------------------------------------------------------------

GUIDE = REPO / "site_src" / "docs" / "guide" / "projects.md"


def guide_table(heading: str) -> dict[str, str]:
    """The rows `| `key` | what it is |` of the guide's table whose header starts `heading`."""
    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index(f"| {heading} |") :].split("\n\n", 1)[0]
    rows = [line.split(" | ", 1) for line in table.splitlines()[2:]]
    return {key.strip("| `"): meaning.rstrip(" |") for key, meaning in rows}


def test_the_guide_lists_every_setting_as_the_schema_describes_it():
    settings = SETTINGS_SCHEMA["properties"]
    assert guide_table("Setting") == {key: schema["description"] for key, schema in settings.items()}
    snapshot = settings["snapshots"]["items"]["properties"]
    assert guide_table("Key") == {key: schema["description"] for key, schema in snapshot.items()}
