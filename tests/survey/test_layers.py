"""The layers hold: the knowledge base (survey/) never imports the site (site_src/), which
adds its commands to `survey` through an entry point; without the site extra, `survey build`
says how to get it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_no_module_of_survey_imports_the_site():
    importers = []
    for path in sorted((REPO / "survey").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            importers += [f"{path.relative_to(REPO)}: {n}" for n in names if n.split(".")[0] == "site_src"]
    assert importers == []


def test_importing_survey_and_its_cli_loads_no_site_module():
    result = run_python(
        "import sys, survey, survey.cli, survey.query, survey.records, survey.contribute\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'site_src'))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_site_commands_come_from_the_entry_point():
    result = run_python("from survey.cli import main\nmain(['--help'])")
    assert " build " in result.stdout and " serve " in result.stdout, result.stdout


def test_without_the_site_extra_survey_build_says_how_to_get_it():
    blocked = ", ".join(repr(m) for m in ("mkdocs", "zensical", "markdown", "pagefind", "altair"))
    result = run_python(
        f"import sys\nfor m in ({blocked},): sys.modules[m] = None\n"
        "from survey.cli import main\nsys.exit(main(['build']))"
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "survey: building a site needs the site extra (mkdocs is not installed): pip install 'survey-sitegen[site]'\n"
    )
