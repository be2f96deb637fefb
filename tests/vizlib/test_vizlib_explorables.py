"""The explorable articles: front matter, directives, and every demo they embed builds."""

from __future__ import annotations

import re

import pytest
import yaml

import vizlib
from vizlib import serialize
from vizlib.directives import parse_directive
from vizlib_test_support import EXPLORABLES, REPO

ARTICLES = sorted(EXPLORABLES.glob("*.md"))
TAXONOMY = yaml.safe_load((REPO / "survey" / "taxonomy.yaml").read_text(encoding="utf-8"))
CATEGORIES = {facet["id"]: {c["id"] for c in facet.get("categories", [])} for facet in TAXONOMY["facets"]}


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name} has no front matter"
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


def directives(path) -> list[tuple[str, tuple, dict]]:
    found = (parse_directive(line) for line in path.read_text(encoding="utf-8").splitlines())
    return [directive for directive in found if directive is not None]


def test_there_is_an_article_for_every_how_category():
    shown = {category for path in ARTICLES for category in front_matter(path)["how"]}
    assert shown >= CATEGORIES["how"]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_front_matter_is_complete_and_uses_survey_categories(path):
    meta = front_matter(path)
    assert meta["title"].strip()
    assert re.fullmatch(r"[^.]+\.", meta["description"].strip()), "description: one sentence"
    assert meta["how"], "an article demonstrates at least one how-category"
    for facet in ("how", "what", "when"):
        assert set(meta.get(facet, [])) <= CATEGORIES[facet], f"unknown {facet} category"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_article_has_a_demo_things_to_try_and_the_surveyed_works(path):
    names = [name for name, _, _ in directives(path)]
    assert ("demo" in names or "live" in names) and "works" in names
    assert re.search(r"^## What to try$", path.read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_works_directives_are_valid_survey_queries(path):
    from survey.query import parse_query
    from survey.records.project import find_project

    for name, args, kwargs in directives(path):
        if name == "works":
            assert len(args) == 1 and not kwargs
            parse_query(args[0], find_project().taxonomy)  # raises QueryError on a typo


DEMO_DIRECTIVES = [
    (path.stem, args, kwargs) for path in ARTICLES for name, args, kwargs in directives(path) if name == "demo"
]


@pytest.mark.parametrize(
    "article, args, options", DEMO_DIRECTIVES, ids=[f"{a}:{args[0]}:{o}" for a, args, o in DEMO_DIRECTIVES]
)
def test_every_embedded_demo_builds_within_budget(build, article, args, options):
    (name,) = args
    spec = build(name, **options)
    assert serialize.inline_data_bytes(spec) < 300_000
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_every_demo_appears_in_some_article_unless_a_live_widget_shows_its_idea():
    from site_src.pages.explorables import SHOWN_LIVE

    embedded = {args[0] for _, args, _ in DEMO_DIRECTIVES}
    assert embedded | set(SHOWN_LIVE) == {info.name for info in vizlib.list_demos()}
    assert not embedded & set(SHOWN_LIVE), "one demo per idea: a replay beside the live widget that shows it"


COURSE = [
    "how-a-network-learns",
    "decision-boundaries",
    "watching-training",
    "neurons-in-high-dimensional-space",
    "instance-based-analysis",
    "attribution",
    "reading-a-recurrent-networks-memory",
]


def test_the_articles_are_a_course_in_an_explicit_order():
    from site_src.pages.explorables import _course_links, _index, load_articles

    articles = load_articles(EXPLORABLES, facets=())
    assert [article.slug for article in articles] == COURSE
    index = _index(articles)
    assert re.findall(r'href="/explorables/([^"/]+)/"', index) == COURSE
    assert '<ol class="explorable-list">' in index
    page = "explorables/decision-boundaries.md"
    links = _course_links(page, articles[0], articles[2])
    assert '<a rel="prev" href="/explorables/how-a-network-learns/">← Previous: How a network learns</a>' in links
    assert '<a rel="next" href="/explorables/watching-training/">Next: Watching training →</a>' in links
    assert 'rel="prev"' not in _course_links(page, None, articles[1])


@pytest.mark.parametrize(
    "order, message",
    [
        ("2", "'order: 2' is already taken by a.md"),
        ("two", "'order:' must be a whole number from 1"),
    ],
)
def test_a_bad_course_order_names_the_file(tmp_path, order, message):
    from site_src.pages.explorables import ArticleError, load_articles

    for name, value in (("a", "2"), ("b", order)):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: {name}\norder: {value}\ndescription: d.\n---\n", encoding="utf-8"
        )
    with pytest.raises(ArticleError, match=f"b.md:1: {re.escape(message)}"):
        load_articles(tmp_path, facets=())


def test_the_navigation_lists_the_articles_in_course_order():
    """mkdocs.yml's Explorables section follows the articles' `order:` (a reader of the
    navigation meets them in the order the previous/next links walk)."""
    from site_src.pages.explorables import load_articles

    # The site_url line uses a !ENV tag, which safe_load does not know: read the nav alone.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:") : text.index("\nvalidation:")])["nav"]
    section = next(item["Explorables"] for item in nav if "Explorables" in item)
    listed = [next(iter(entry.values())) for entry in section if isinstance(entry, dict)]
    expected = [f"explorables/{article.slug}.md" for article in load_articles(EXPLORABLES, facets=())]
    assert listed == expected


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_no_thing_to_try_is_asked_twice(path):
    text = path.read_text(encoding="utf-8")
    section = text[text.index("## What to try") :].split("\n## ", 2)[0]
    items = [" ".join(item.split()) for item in re.split(r"^- ", section, flags=re.M)[1:]]
    questions = [re.findall(r"[^.:!?]*\?", item) for item in items]
    # a question's opening words: "How many neurons does it take ..." asked of the same
    # data in two items, once with "the circles' disc" and once with "the disc", is one question
    asked = [" ".join(q.split()[:6]).lower() for qs in questions for q in qs]
    assert len(asked) == len(set(asked)), f"a question is asked twice: {sorted(q for q in asked if asked.count(q) > 1)}"
