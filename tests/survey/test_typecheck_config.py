"""The type and format checks a change faces: mypy's configuration (pyproject.toml) as mypy
itself reads it, and the places that run the checks (`make lint`, CI, pre-commit)."""

from __future__ import annotations

import io
import subprocess
import tomllib
from pathlib import Path

import yaml
from mypy.config_parser import parse_config_file
from mypy.main import define_options
from mypy.options import Options

REPO = Path(__file__).resolve().parents[2]


def _mypy_options() -> Options:
    """The options mypy takes from pyproject.toml, before any command-line flag."""
    options = Options()
    stderr = io.StringIO()
    parse_config_file(options, lambda: None, str(REPO / "pyproject.toml"), io.StringIO(), stderr)
    assert stderr.getvalue() == ""  # no unknown option, no misspelt section
    return options


def test_the_knowledge_base_is_checked_as_mypy_strict_checks_it():
    """Every flag that `mypy --strict` sets holds for survey/, module by module; a mypy
    release that adds a flag to --strict fails here until the configuration names it."""
    _, _, strict_assignments = define_options()
    options = _mypy_options()
    assert strict_assignments  # the flags --strict sets, as (option, value)
    for module in ("survey", "survey.cli", "survey.records.source", "survey.contribute.survis.bib_reader"):
        effective = options.clone_for_module(module)
        wrong = [
            (name, getattr(effective, name)) for name, value in strict_assignments if getattr(effective, name) != value
        ]
        assert wrong == [], f"{module}: not as --strict sets it: {wrong}"


def test_the_other_packages_check_their_unannotated_functions_without_strict():
    options = _mypy_options()
    assert set(options.files or ()) == {"survey", "site_src", "vizlib", "benchmarks", "tests"}
    for module in (
        "site_src.pages.table",
        "vizlib.figures",
        "benchmarks.cli",
        "tests.survey.test_cli",
        "tests.site.conftest",
    ):
        effective = options.clone_for_module(module)
        assert effective.check_untyped_defs, module
        assert not effective.disallow_untyped_defs, module  # strictness is survey/'s alone
    # A `# type: ignore` names its error code, everywhere
    assert "ignore-without-code" in {code for code in options.enable_error_code}


def test_libraries_without_types_are_named_one_by_one():
    """No blanket ignore_missing_imports: a new import of an untyped library fails the check."""
    options = _mypy_options()
    assert not options.ignore_missing_imports
    assert options.clone_for_module("pybtex.database").ignore_missing_imports
    assert not options.clone_for_module("some_new_library").ignore_missing_imports


def test_make_lint_runs_ruff_its_formatter_and_mypy():
    # --no-print-directory: under `make test` this is a sub-make, which would name its folder
    done = subprocess.run(["make", "--no-print-directory", "-n", "lint"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # after the install steps of a fresh clone, if any
    assert done.stdout.splitlines()[-3:] == [
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
    ]
    typecheck = subprocess.run(
        ["make", "--no-print-directory", "-n", "typecheck"], cwd=REPO, capture_output=True, text=True
    )
    assert typecheck.stdout.splitlines()[-1] == ".venv/bin/mypy"


def test_ci_lints_before_it_tests():
    lines = [line.split("#")[0].strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert lines.index("make lint") < lines.index("make test")
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in workflow["jobs"]["lint"]["steps"]]
    assert "make lint" in runs


def test_pre_commit_formats_and_type_checks():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert hooks["ruff-format"]["entry"] == ".venv/bin/ruff format"
    assert hooks["ruff-format"]["pass_filenames"] is True
    # mypy reads the whole tree with the configuration: given only the changed files, it would
    # miss what a change breaks in the files that use it
    assert hooks["mypy"]["entry"] == ".venv/bin/mypy" and hooks["mypy"]["pass_filenames"] is False
    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]
