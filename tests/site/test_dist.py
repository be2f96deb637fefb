"""The generator as a user installs it: `make dist` builds a wheel and an sdist named for what
the package is, and the wheel, installed into a fresh venv with nothing from this repository
on the path, starts a survey project and builds its site."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE_LOCK = REPO / "requirements" / "site.lock"  # the knowledge base and the site, no demos


def run(command: list[str], cwd: Path, timeout: int = 900, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env={**clean, "NO_MKDOCS_2_WARNING": "1", **env})
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_installed_alone_starts_and_builds_a_survey(tmp_path):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)], cwd=tmp_path)
    [wheel] = dist.glob("survey_sitegen-*.whl")
    [sdist] = dist.glob("survey_sitegen-*.tar.gz")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in ("survey/taxonomy.yaml", "site_src/pipeline/mkdocs-base.yml", "site_src/overrides/main.html",
                     "site_src/pages/templates/work/page.md", "site_src/docs/assets/js/survey-table.js"):
        assert packaged in names, packaged
    assert not any(n.startswith(("tests/", "survey/works/")) for n in names)  # the generator, not the flagship's data
    assert any(m.name.endswith("/pyproject.toml") for m in tarfile.open(sdist).getmembers())

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--no-deps", "--require-hashes", "-r", str(SITE_LOCK)],
        cwd=tmp_path)
    run([str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--no-deps", str(wheel)], cwd=tmp_path)

    outside = tmp_path / "work"  # a folder that holds nothing of the repository
    outside.mkdir()
    where = run([str(python), "-c", "import survey, site_src; print(survey.__file__, site_src.__file__)"], cwd=outside)
    assert str(REPO) not in where.stdout and str(venv) in where.stdout
    survey = str(venv / "bin" / "survey")
    init = run([survey, "init", "my-survey"], cwd=outside)
    assert "requirements.txt " in init.stdout
    run([survey, "validate"], cwd=outside / "my-survey")
    run([survey, "build"], cwd=outside / "my-survey")
    home = (outside / "my-survey" / "site" / "index.html").read_text(encoding="utf-8")
    assert "A new survey" in home  # the title survey init gave it
    assert (outside / "my-survey" / "site" / "table" / "index.html").is_file()
