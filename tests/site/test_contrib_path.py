"""The contributor's whole path, as CONTRIBUTING.md tells it, in one test: DBLP's BibTeX of
Summit (each author line ending with 'and') -> `survey new` -> the tags filled in ->
`survey validate` -> a site build -> Summit's work page shows its authors, volume, number
and pages, and the site's BibTeX keeps them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DBLP_SUMMIT = ROOT / "tests" / "survey" / "bibtex_exports" / "dblp_summit.bib"
TAGS = {"why": "[interpretability]", "who": "[model-developers, model-users]",
        "what": "[units, aggregated]", "how": "[instance-based, algorithms]", "when": "[after]"}


def survey(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "survey.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_dblp_bibtex_to_a_work_page_with_volume_number_and_pages(tmp_path):
    works = tmp_path / "works"
    # the collection without its own Summit record: this test adds Summit as a contributor would
    shutil.copytree(ROOT / "survey" / "works", works, ignore=shutil.ignore_patterns("hohman2020summit.yaml"))

    new = survey("new", "--works-dir", str(works), "--bibtex", str(DBLP_SUMMIT))
    assert new.returncode == 0, new.stderr
    record = works / "hohman2020summit.yaml"
    assert f"created {record}" in new.stdout

    text = record.read_text(encoding="utf-8")
    text = text.replace("\nsources:\n", "\nsources:\n  - https://fredhohman.com/papers/summit\n")
    for facet, value in TAGS.items():
        text = text.replace(f"\n{facet}:\n", f"\n{facet}: {value}\n")
    text += "rationale:\n" + "".join(  # a work added after the survey says where its tags come from
        f"  {facet}: 'Abstract: \"Summit, an interactive system that scalably and systematically summarizes\"'\n"
        for facet in TAGS)
    record.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["author_list"] == ["Fred Hohman", "Haekyu Park", "Caleb Robinson", "Duen Horng Chau"]
    assert data["published"] == {"journal": "IEEE Trans. Vis. Comput. Graph.", "volume": "26",
                                 "number": "1", "pages": "1096--1106"}

    validate = survey("validate", str(works))
    assert (validate.returncode, validate.stdout) == (0, ""), validate.stdout
    assert validate.stderr == f"{len(list(works.glob('*.yaml')))} record(s) valid\n"

    (tmp_path / "explorables").mkdir()  # the articles' demos are not what this path is about
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "site_src.build", "site", "--builder", "material",
                            "--build", str(tmp_path / "build"), "--works", str(works),
                            "--explorables", str(tmp_path / "explorables"), "--site-dir", str(site)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]

    page = (site / "works" / "hohman2020summit" / "index.html").read_text(encoding="utf-8")
    page = page[page.index("<article"):page.index("</article>")]
    article = " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" ,", ",")
    assert "Summit: Scaling Deep Learning Interpretability" in article
    assert "Authors: Fred Hohman, Haekyu Park, Caleb Robinson, Duen Horng Chau" in article
    assert "Published: IEEE Trans. Vis. Comput. Graph., 26(1), pp. 1096–1106, 2020" in article
    bib = next(site.rglob("works.bib")).read_text(encoding="utf-8")  # the site's /data/ export
    entry = bib[bib.index("@article{hohman2020summit,"):].split("\n}\n", 1)[0]
    for field in ("volume = {26}", "number = {1}", "pages = {1096--1106}",
                  "author = {Hohman, Fred and Park, Haekyu and Robinson, Caleb and Chau, Duen Horng}"):
        assert field in entry
