"""An article's front matter names categories of the project's own facets, whatever they
are called: the generator reads no facet names of its own (the flagship's why/who/what/
how/when are one project's)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from site_src.pages.explorables import ArticleError, files, load_articles
from survey.cli import main as survey_main
from survey.query.collection import load
from survey.records.project import load_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """`survey init DIR`: the example project, whose facets are not the flagship's."""
    folder = tmp_path_factory.mktemp("articles") / "survey"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert survey_main(["init", str(folder)]) == 0
    return folder


def write_article(folder: Path, name: str, front_matter: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\ndescription: An article.\n{front_matter}---\nText.\n",
                                       encoding="utf-8")


def test_the_tags_are_the_projects_facets(project, tmp_path):
    taxonomy = load_project(project).taxonomy
    facet = taxonomy.tagged_facets[0]
    category = facet.categories[0].id
    assert "how" not in {f.id for f in taxonomy.facets}  # the flagship's facet names are not this project's
    write_article(tmp_path, "a", f"{facet.id}: [{category}]\nhow: [line]\n")
    [article] = load_articles(tmp_path, facets=[f.id for f in taxonomy.tagged_facets])
    assert article.tags == {facet.id: [category]}  # `how:` is front matter like any other key here


def test_an_unknown_category_names_the_file_and_line(project, tmp_path):
    taxonomy = load_project(project).taxonomy
    facet = taxonomy.tagged_facets[-1]
    write_article(tmp_path, "b", f"order: 1\n{facet.id}: [no-such-category]\n")
    articles = load_articles(tmp_path, facets=[f.id for f in taxonomy.tagged_facets])
    works = load(project / "works", taxonomy)
    with pytest.raises(ArticleError) as raised:
        files(articles, works, None)
    assert str(raised.value).startswith(f"{tmp_path / 'b.md'}:5: unknown '{facet.id}' category 'no-such-category' "
                                        f"in front matter; allowed: {', '.join(c.id for c in facet.categories)}")


def test_a_facet_key_that_is_not_a_list_names_the_file_and_line(project, tmp_path):
    facet = load_project(project).taxonomy.tagged_facets[0]
    write_article(tmp_path, "c", f"{facet.id}: one\n")
    with pytest.raises(ArticleError, match=rf"c\.md:4: '{facet.id}:' must be a list of category ids"):
        load_articles(tmp_path, facets=[facet.id])


def test_a_works_directive_without_a_query_gives_an_example_of_the_projects_own(project, tmp_path):
    taxonomy = load_project(project).taxonomy
    facet = taxonomy.tagged_facets[0]
    write_article(tmp_path, "d", "")
    (tmp_path / "d.md").write_text((tmp_path / "d.md").read_text(encoding="utf-8") + "{{ works(42) }}\n",
                                   encoding="utf-8")
    articles = load_articles(tmp_path, facets=[f.id for f in taxonomy.tagged_facets])
    with pytest.raises(ArticleError) as raised:
        files(articles, load(project / "works", taxonomy), None)
    assert str(raised.value) == (f"{tmp_path / 'd.md'}:6: works(...): takes one query in quotes, "
                                 f'like works("{facet.id}:{facet.categories[0].id}")')
