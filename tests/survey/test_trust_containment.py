"""Containment (issue 20): every path in survey.yml resolves inside the project or is refused
with its line, and the files of a project's folders (docs/, articles, CONTRIBUTING.md) are
read for publishing only if they resolve inside the project and are regular files. A symbolic
link in docs/ to /proc/self/environ once published the builder's environment, CI token
included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from site_src.pipeline.docs import hand_written
from survey.records.containment import OutsideProject, files_inside
from survey.records.project import ProjectError, load_project
from test_projects import make_project

SECRET = "CI_TOKEN=ghp_do_not_publish"


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path / "survey", 1)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text(SECRET, encoding="utf-8")
    return root


def set_config(root: Path, **settings) -> None:
    config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    (root / "survey.yml").write_text(yaml.safe_dump({**config, **settings}, sort_keys=False), encoding="utf-8")


def config_line(root: Path, key: str) -> int:
    lines = (root / "survey.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


@pytest.mark.parametrize(
    "key,value",
    [
        ("docs", "../outside"),
        ("articles", "../outside"),
        ("works", "works/../../outside"),
        ("taxonomy", "../outside/secret.md"),
        ("venues", "../../../../etc/passwd"),
        ("schema", ".."),
    ],
)
def test_a_path_leaving_the_project_is_refused_with_its_line(project, key, value):
    set_config(project, **{key: value})
    with pytest.raises(ProjectError) as err:
        load_project(project)
    line = config_line(project, key)
    assert str(err.value).startswith(f"{project / 'survey.yml'}:{line}:"), str(err.value)
    assert f"'{key}: {value}' leads to" in str(err.value) and "outside the project folder" in str(err.value)


@pytest.mark.parametrize("value", ["/etc", "/tmp/docs"])
def test_an_absolute_path_is_refused(project, value):
    set_config(project, docs=value)
    with pytest.raises(
        ProjectError,
        match=rf"survey.yml:{config_line(project, 'docs')}:\d+: 'docs' must be "
        "a path relative to the project folder",
    ):
        load_project(project)


def test_a_default_folder_that_is_a_link_leaving_the_project_is_refused(project):
    (project / "docs").symlink_to(project.parent / "outside")
    set_config(project, docs="docs")
    with pytest.raises(ProjectError, match="'docs: docs' leads to .*outside"):
        load_project(project)
    set_config(project, docs=None)
    os.replace(project / "works", project / "works-moved")
    (project / "works").symlink_to(project.parent / "outside")
    with pytest.raises(ProjectError, match=r"survey.yml:1:1: the default 'works: works' leads to"):
        load_project(project)


def test_a_path_inside_the_project_is_taken(project):
    (project / "pages").mkdir()
    set_config(project, docs="pages/../pages")
    assert load_project(project).docs_dir == project / "pages/../pages"


# -- files of a project's folders ----------------------------------------------------------------


def test_a_link_in_docs_to_a_file_outside_is_not_read(project):
    docs = project / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "leak.md").symlink_to(project.parent / "outside" / "secret.md")
    with pytest.raises(OutsideProject, match=r"docs/leak\.md: leads to .*outside the project folder"):
        hand_written(docs, project)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc")
def test_a_link_to_proc_is_not_read(project):
    docs = project / "docs"
    docs.mkdir()
    (docs / "environ.md").symlink_to("/proc/self/environ")
    with pytest.raises(OutsideProject, match="environ.md: leads to /proc/"):
        hand_written(docs, project)


def test_a_named_pipe_is_refused_without_blocking(project):
    docs = project / "docs"
    docs.mkdir()
    os.mkfifo(docs / "pipe.md")  # opening it for reading would wait for a writer forever
    with pytest.raises(OutsideProject, match=r"pipe\.md: not a regular file"):
        hand_written(docs, project)


def test_a_link_to_a_folder_outside_is_refused(project):
    docs = project / "docs"
    docs.mkdir()
    (docs / "more").symlink_to(project.parent / "outside")
    with pytest.raises(OutsideProject, match="more: leads to"):
        files_inside(docs, project)


def test_links_inside_the_project_are_followed_and_loops_end(project):
    docs = project / "docs"
    (docs / "sub").mkdir(parents=True)
    (project / "notes.md").write_text("notes", encoding="utf-8")
    (docs / "notes.md").symlink_to(project / "notes.md")
    (docs / "sub" / "up").symlink_to(docs)  # a loop
    files = hand_written(docs, project)
    assert files == {"notes.md": b"notes"}


def test_survey_build_refuses_a_leaking_docs_folder(project, capsys):
    from site_src.pipeline.project import generate_reported

    docs = project / "docs"
    docs.mkdir()
    (docs / "leak.md").symlink_to(project.parent / "outside" / "secret.md")
    set_config(project, docs="docs")
    assert generate_reported(load_project(project), "https://example.org/") is None
    err = capsys.readouterr().err
    assert "leak.md: leads to" in err and "Traceback" not in err
    built = project / "build" / "docs"
    assert not built.exists() or SECRET not in "".join(
        p.read_text(errors="replace") for p in built.rglob("*") if p.is_file()
    )


def test_contributing_and_articles_must_resolve_inside(project):
    from site_src.pages import living
    from site_src.pages.explorables import ArticleError, load_articles
    from survey.query.collection import load

    (project / "CONTRIBUTING.md").symlink_to(project.parent / "outside" / "secret.md")
    works = load(project / "works", load_project(project).taxonomy)
    with pytest.raises(OutsideProject, match="CONTRIBUTING.md: leads to"):
        living.files(works, project / "CONTRIBUTING.md", project)
    articles = project / "articles"
    articles.mkdir()
    (articles / "a.md").symlink_to(project.parent / "outside" / "secret.md")
    with pytest.raises(ArticleError, match=r"a\.md:1: leads to"):
        load_articles(articles, project, facets=())
