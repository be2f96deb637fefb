"""Explorable articles (explorables/*.md): front matter, and the two one-line directives
that articles use:

    {{ demo("decision-boundaries", dataset="xor") }}   a vizlib demo, trained at build time
    {{ works("how:interactive-experimentation") }}     the surveyed works matching a query
    {{ live("decision-boundaries") }}                  a model that trains in the reader's browser

and, inside a sentence, {{ figure("boundary-slow-end") }}: a number computed from a demo's
data (vizlib/figures.py), so that no figure in the prose is typed by hand.

Each article links to the category pages it demonstrates, and those pages link back."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import yaml

from site_src.pages import urls
from site_src.pages.charts import chart_div, readable, spec_file
from site_src.pages.html import attr, front_matter, text, to_json
from survey import Collection, QueryError
from survey.records.containment import OutsideProject, read_inside


class ArticleError(ValueError):
    """An article the site cannot build; the message starts with `path:line:`."""


@dataclass
class Article:
    slug: str  # file stem, the URL /explorables/<slug>/
    path: Path
    title: str
    description: str
    tags: dict[str, list[str]]  # facet -> category ids the article demonstrates
    body: str  # Markdown after the front matter
    body_line: int  # line number of the body's first line in the file
    meta: dict = field(default_factory=dict)
    tag_lines: dict[str, int] = field(default_factory=dict)  # facet -> its front-matter line


def load_articles(folder: Path, root: Path | None = None, *, facets: Sequence[str]) -> list[Article]:
    """The articles in course order: by their front matter's `order:` (each builds on the
    ones before it), then any without one, by file name. `facets` are the ids of the
    project's tagged facets: the front-matter keys that name the categories an article
    demonstrates (`how: [line]`). Each must resolve inside `root`, the project folder
    (default: `folder`)."""
    articles = [_read(path, root or folder, facets) for path in sorted(Path(folder).glob("*.md"))]
    seen: dict[int, Article] = {}
    for article in articles:
        order = article.meta.get("order")
        if order is None:
            continue
        if not isinstance(order, int) or isinstance(order, bool) or order < 1:
            raise ArticleError(
                f"{article.path}:1: 'order:' must be a whole number from 1 (the article's place in the course)"
            )
        if order in seen:
            raise ArticleError(f"{article.path}:1: 'order: {order}' is already taken by {seen[order].path.name}")
        seen[order] = article
    return sorted(articles, key=lambda a: (a.meta.get("order") is None, a.meta.get("order") or 0, a.slug))


def _read(path: Path, root: Path, facets: Sequence[str]) -> Article:
    if path.is_dir():
        raise ArticleError(f"{path}:1: an explorable must be a Markdown file, not a folder or other")
    try:
        data = read_inside(path, root)
    except OutsideProject as err:
        raise ArticleError(f"{path}:1: {str(err).split(': ', 1)[1]}") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ArticleError(f"{path}:{line}: not UTF-8 text (byte {err.start}); save the article as UTF-8") from None
    if not source.startswith("---\n"):
        raise ArticleError(f"{path}:1: an explorable starts with front matter between '---' lines")
    end = source.find("\n---\n", 4)
    if end < 0:
        raise ArticleError(f"{path}:1: the front matter has no closing '---' line")
    try:
        meta = yaml.safe_load(source[4:end]) or {}
    except yaml.YAMLError as err:
        raise ArticleError(f"{path}:1: front matter is not valid YAML: {err}") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{path}:2: front matter must be 'key: value' lines, not a {type(meta).__name__}")
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str):
            raise ArticleError(f"{path}:{_key_line(source, key)}: front matter needs '{key}:' text")
    for facet in facets:
        value = meta.get(facet)
        if value and not (isinstance(value, list) and all(isinstance(c, str) for c in value)):
            raise ArticleError(
                f"{path}:{_key_line(source, facet)}: '{facet}:' must be a list of category ids, like [{facet}-category]"
            )
    tags = {f: list(meta.get(f) or []) for f in facets if meta.get(f)}
    return Article(
        slug=path.stem,
        path=path,
        title=meta["title"],
        description=meta["description"],
        tags=tags,
        body=source[end + 5 :],
        body_line=source[: end + 5].count("\n") + 1,
        meta=meta,
        tag_lines={f: _key_line(source, f) for f in tags},
    )


def _key_line(source: str, key: str) -> int:
    """The front-matter line that sets `key`, else the first line."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
        if number > 1 and line == "---":
            break
    return 1


def files(articles: list[Article], works: Collection, demo_cache: Path | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, article in enumerate(articles):
        _check_tags(article, works)
        neighbours = (
            articles[number - 1] if number else None,
            articles[number + 1] if number + 1 < len(articles) else None,
        )
        out[urls.explorable_page(article.slug)] = _render(article, works, demo_cache, out, neighbours)
    out[urls.EXPLORABLES] = _index(articles)
    return out


def _check_tags(article: Article, works: Collection) -> None:
    for facet, categories in article.tags.items():
        for category in categories:
            if category not in works.taxonomy.category_ids(facet):
                raise ArticleError(
                    f"{article.path}:{article.tag_lines.get(facet, 1)}: unknown '{facet}' category '{category}' in "
                    f"front matter; allowed: {', '.join(works.taxonomy.category_ids(facet))}"
                )


def _render(
    article: Article,
    works: Collection,
    demo_cache: Path | None,
    out: dict,
    neighbours: tuple[Article | None, Article | None],
) -> str:
    import vizlib
    from vizlib import DemoError, figures
    from vizlib.directives import parse_directive  # light: parses, trains nothing

    page = urls.explorable_page(article.slug)
    handlers: dict[str, Callable] = {
        "demo": lambda *args, **options: _demo(page, args, options, demo_cache, out),
        "works": lambda query: _works(page, query, works),
        "live": lambda name: _live(name, _live_model(page, name, demo_cache, out)),
    }

    def build(name: str, **options) -> dict:
        return vizlib.build_spec(name, cache_dir=demo_cache, progress=_progress, **options)

    lines = []
    for number, line in enumerate(article.body.splitlines(), start=article.body_line):
        where = f"{article.path}:{number}"
        try:
            line = figures.fill(line, build, demo_cache)  # inline {{ figure("name") }}: a number computed from a demo
        except DemoError as err:
            column = line.find("{{") + 1
            raise ArticleError(f"{where}:{column}: {err}") from None
        try:
            directive = parse_directive(line)
        except DemoError as err:  # a malformed directive
            raise ArticleError(f"{where}: {err}") from None
        if directive is None:
            lines.append(line)
            continue
        name, args, kwargs = directive
        if name not in handlers:
            raise ArticleError(f"{where}: unknown directive '{name}': use demo(...), live(...) or works(...)")
        try:
            lines.append("\n" + handlers[name](*args, **kwargs) + "\n")
        except (QueryError, TypeError, ValueError) as err:
            raise ArticleError(f"{where}: {name}(...): {err}") from None
        except DemoError as err:  # an unknown demo or option, or one that fails to train
            raise ArticleError(f"{where}: {err}") from None
    return (
        front_matter(title=article.title, description=article.description)
        + "\n".join(lines)
        + "\n\n"
        + _category_links(article, works, page)
        + _course_links(page, *neighbours)
    )


def _course_links(page: str, previous: Article | None, following: Article | None) -> str:
    """Previous/next links: the articles are a course, each building on the one before."""
    links = []
    for article, rel, words in ((previous, "prev", "← Previous: "), (following, "next", "Next: ")):
        if article is not None:
            href = attr(urls.href(page, urls.explorable_page(article.slug)))
            links.append(
                f'<a rel="{rel}" href="{href}">{words}{text(article.title)}{" →" if rel == "next" else ""}</a>'
            )
    return (
        f'<nav class="course-links" aria-label="The explorables, in order">{" ".join(links)}</nav>\n' if links else ""
    )


def _demo(page: str, args: tuple, options: dict, demo_cache: Path | None, out: dict) -> str:
    import vizlib

    if len(args) != 1 or not isinstance(args[0], str):
        raise TypeError('takes one demo name in quotes, like demo("decision-boundaries")')
    (name,) = args
    spec = vizlib.build_spec(name, cache_dir=demo_cache, progress=_progress, **options)
    spec_text = spec_file(readable(spec))  # the site's text sizes, as on the trends page
    digest = hashlib.sha256(spec_text.encode()).hexdigest()[:12]
    path = f"assets/demos/{name}-{digest}.json"
    out[path] = spec_text
    # a demo whose picture needs words (a grid of images) says them in its spec's description
    return chart_div(page, path, spec.get("description") or f"Interactive demo: {name}")


# Live demos: the element their script (site_src/docs/assets/js/explorables/) mounts on, and
# what the page says until it does (or where scripts do not run).
LIVE_DEMOS = {
    "decision-boundaries": (
        "live-classifier",
        "The live network trains in your browser once this page's script runs; it needs JavaScript.",
    ),
    "how-a-network-learns": (
        "live-neuron",
        "The live neuron trains in your browser once this page's script runs; it needs JavaScript.",
    ),
    "attribution": (
        "live-digits",
        "The drawing pad starts once this page's script runs. Until then, and without "
        "JavaScript, the demo below shows attributions and attacks computed in advance.",
    ),
    "instance-based-analysis": (
        "live-instances",
        "The drawing pad starts once this page's script runs. Until then, and without "
        "JavaScript, the matrix below shows the held-out digits only.",
    ),
    "watching-training": (
        "live-training",
        "The digit classifier trains in your browser once this page's script runs; it needs JavaScript.",
    ),
    "reading-a-recurrent-networks-memory": (
        "live-rnn",
        "The keyboard and the live network start once this page's script runs. Until then, "
        "and without JavaScript, the chart below shows the units the build found, on a "
        "held-out chorale.",
    ),
}

# One live demo per idea: these build-time demos (replays of training done with torch) are
# no longer embedded, because the live widget of the same name trains the same kind of
# network in the page, and an article links into it with a preset instead. vizlib still
# builds them (command line, notebooks). Replays stay where training cannot run in a page:
# the convolutional net, t-SNE, feature visualization.
SHOWN_LIVE = ("decision-boundaries", "how-a-network-learns", "watching-training")


def _live_model(page: str, name: str, demo_cache: Path | None, out: dict) -> str | None:
    """For a live demo that runs a trained network: the URL of a JSON file with its weights
    and example inputs, written beside the demos' specs."""
    import vizlib
    from vizlib import live
    from vizlib.demos import reading_a_recurrent_networks_memory as recurrent  # light: no torch

    if name in live.LIVE_DATA_DEMOS:  # trains in the page: ships data and settings, trains nothing here
        model = to_json(live.LIVE_DATA_DEMOS[name]())
    elif name not in (*live.LIVE_MODEL_DEMOS, recurrent.INFO.name):
        return None
    else:
        spec = vizlib.build_spec(name, cache_dir=demo_cache, progress=_progress)  # cached with the demo
        model = to_json(
            recurrent.model_payload(spec) if name == recurrent.INFO.name else live.model_payload(name, spec)
        )
    path = f"assets/demos/{name}-model-{hashlib.sha256(model.encode()).hexdigest()[:12]}.json"
    out[path] = model
    return urls.href(page, path)


def _live(name: str, model_url: str | None = None) -> str:
    if name not in LIVE_DEMOS:
        raise TypeError(f"unknown live demo {name!r}; the live demos are: {', '.join(LIVE_DEMOS)}")
    css_class, fallback = LIVE_DEMOS[name]
    model = f' data-model="{attr(model_url)}"' if model_url else ""
    return (
        f'<div class="live-demo {attr(css_class)}" data-live="{attr(name)}"{model}>'
        f'<p class="live-fallback">{text(fallback)}</p></div>'
    )


def _progress(message: str) -> None:
    print(f"vizlib: {message}", flush=True)


def _works(page: str, query: str, works: Collection) -> str:
    if not isinstance(query, str):
        facet = next(iter(works.taxonomy.tagged_facets), None)  # an example of this project's own
        example = f"{facet.id}:{facet.categories[0].id}" if facet else "a word"
        raise TypeError(f'takes one query in quotes, like works("{example}")')
    selected = works.query(query)
    items = "".join(
        f'<li><a href="{attr(urls.href(page, urls.work_page(w.id)))}">{text(w.title)}</a> '
        f'<span class="meta">{text(w.authors)} {w.year} · {text(w.venue)}</span></li>'
        for w in selected
    )
    table = attr(urls.table_query(page, query))
    return (
        f'<div class="surveyed-works"><ul class="work-list">{items}</ul>'
        f'<p><a href="{table}">See {_these_works(len(selected))} in the table</a></p></div>'
    )


def _these_works(n: int) -> str:
    return "this work" if n == 1 else f"these {n} works"


def _category_links(article: Article, works: Collection, page: str) -> str:
    links = [
        f'<a class="tag" href="{attr(urls.href(page, urls.category_page(f, c)))}">'
        f"{text(works.taxonomy.category(f, c).label)}</a>"
        for f, cats in article.tags.items()
        for c in cats
    ]
    return f'<p class="article-categories">Survey categories shown here: {" ".join(links)}</p>\n' if links else ""


def _index(articles: list[Article]) -> str:
    items = "".join(
        f'<li><a href="{attr(urls.href(urls.EXPLORABLES, urls.explorable_page(a.slug)))}">'
        f"<strong>{text(a.title)}</strong></a> — {text(a.description)}</li>"
        for a in articles
    )
    course = (
        "Read them in order: each builds on the one before, from a single neuron to the "
        "techniques that explain a trained network.\n\n"
    )
    return (
        front_matter(title="Explorables", description="Interactive articles with runnable models.")
        + "# Explorables\n\nInteractive articles that put explanations beside small neural "
        "networks trained for this site. Change a control and the model's answer changes "
        'on the page. Each article shows one of the survey\'s "How" techniques and lists '
        "the surveyed works that use it. " + course + (f'<ol class="explorable-list">{items}</ol>\n' if items else "")
    )
