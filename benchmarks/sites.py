"""Building the survey site, and a bare mkdocs-material site, from generated inputs."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _project_config() -> dict:
    """mkdocs.yml without `watch` (paths for `mkdocs serve`, relative to the project)."""
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    config.pop("watch", None)
    return config


def survey_config(folder: Path, works: Path, explorables: Path, demo_cache: Path) -> Path:
    """The project's mkdocs.yml, pointed at other records, articles and demo cache."""
    config = _project_config()
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["plugins"] = ["search", {"dlvis/survey": {
        "works": str(works), "explorables": str(explorables), "demo_cache": str(demo_cache),
        "contributing": str(ROOT / "CONTRIBUTING.md")}}]
    path = folder / "mkdocs-survey.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def bare_config(folder: Path, pages: int) -> Path:
    """A plain mkdocs-material site with `pages` short pages: the floor of a site build."""
    docs = folder / "bare-docs"
    (docs / "works").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Bare site\n\nA floor for the build benchmark.\n")
    for i in range(pages):
        (docs / "works" / f"w{i:05d}.md").write_text(
            f"# Work {i}\n\nA plain page with a paragraph of text, number {i}.\n")
    config = _project_config()
    config.update(docs_dir=str(docs), nav=["index.md"], extra_css=[], extra_javascript=[],
                  plugins=["search"], not_in_nav="/works/")
    config["theme"].pop("custom_dir", None)
    path = folder / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def build(config: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of `mkdocs build` in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                              "-d", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # wait4 gives this child's own peak RSS
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"build failed:\n{output.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss
