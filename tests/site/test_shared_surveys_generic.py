"""Messages of the generic code give examples of the project they run in: a query's
operator hint and `survey new`'s venue TODO, for a project whose facets and venues are not
the flagship's (the example project `survey init DIR` writes; its example venue is the
records branch's business)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from survey.cli import main as survey_main
from survey.records.project import load_project


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = survey_main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generic") / "survey"
    assert run("init", str(folder))[0] == 0
    return folder


def test_the_operator_hint_names_the_projects_own_categories(project):
    facet = next(f for f in load_project(project).taxonomy.tagged_facets if len(f.categories) > 1)
    a, b = (c.id for c in facet.categories[:2])
    status, _, err = run("--project", str(project), "query", "OR")
    assert status == 2
    assert err.strip() == (f"survey: 'OR' is not an operator: categories of one facet match any of them "
                           f"({facet.id}:{a} {facet.id}:{b}), '+' asks for all of them ({facet.id}:{a}+{b}), "
                           f"terms of different kinds must all match, and '-' excludes (-{facet.id}:{a}); "
                           f'to search for the word, quote it: "or"'), err


def test_a_venue_todo_names_the_projects_own_venues(project):
    venues = list(load_project(project).taxonomy.venues)
    bibtex = project / "new.bib"
    bibtex.write_text("@article{x, title = {A Study}, author = {Ada Lovelace}, year = 2020,"
                      " journal = {Journal of Nothing Known}, url = {https://example.org/s}}", encoding="utf-8")
    status, _, err = run("--project", str(project), "new", "--bibtex", str(bibtex))
    assert status == 0, err
    [record] = [p for p in (project / "works").glob("lovelace*.yaml")]
    comments = " ".join(line.lstrip("# ") for line in record.read_text(encoding="utf-8").splitlines())
    assert "matches no venue in the project's venues file" in comments
    assert f"(a key of that file, e.g. {', '.join(venues[:3])})" in comments
