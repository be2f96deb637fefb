"""/takeaways/: the survey's 8 takeaways (seed 001), each with figures computed from the
current records, so the page stays true as works are added.

Each takeaway shows the survey's figures (over the works of each of the project's
snapshots, the flagship's 2018 table) beside today's (over all works), so that a reader
sees what the paper counted and what the field looks like now. Every number a figure
states that counts works comes with a link that shows exactly those works: a table query
(narrowed to the snapshot with its `in:` name), or, for a curated list (takeaways.yaml),
the works' own pages. Venue counts and work counts are never mixed in one figure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from site_src.pages import urls
from site_src.pages.charts import works_phrase
from site_src.pages.html import front_matter
from site_src.pages.templating import render
from survey import Collection, Work

PAGE = urls.TAKEAWAYS
CURATED = Path(__file__).with_name("takeaways.yaml")


@dataclass(frozen=True)
class Count:
    """A number of works the sentence states, and the table query that shows them."""

    label: str  # the link's text, e.g. "the 33 works"
    query: str
    n: int


@dataclass(frozen=True)
class Figure:
    sentence: str  # the computed statement
    counts: tuple[Count, ...] = ()
    works: tuple[Work, ...] = ()  # a curated list, linked work by work
    note: str = ""  # how the works were chosen, where the taxonomy does not say


@dataclass(frozen=True)
class Takeaway:
    title: str
    summary: str  # the survey's point, paraphrased from the authors' post
    figures: Callable[["Scope"], list[Figure]]  # the figures over one scope's works


@dataclass(frozen=True)
class Curated:
    criterion: str
    ids: tuple[str, ...]
    places: tuple[str, ...]  # where each id is written, path:line:column


def _s(n: int) -> str:
    """The verb's -s after a count: '1 work targets', '2 works target'."""
    return "s" if n == 1 else ""


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


@dataclass(frozen=True)
class Scope:
    """The works a column of figures counts: one snapshot of the survey (its works are the
    survey's own figures), or every work recorded today. `prefix` narrows a table query to
    the scope, with the snapshot's shortest `in:` name."""

    key: str  # "snapshot-<id>" or "all": the column's data-scope
    heading: str  # the column's header
    prefix: str  # "in:2018 " or ""
    works: Collection
    name: str  # how a sentence names the snapshot: "the 2018 table"; "" for all works
    whose: str  # how a sentence names the scope's works: "The 2018 table's works", "The works"


def scopes(works: Collection) -> list[Scope]:
    """The project's snapshots, each a column of the survey's figures, then all works."""
    columns = []
    for snapshot in works.taxonomy.snapshots:
        name = snapshot.query_name
        members = works.query(f"in:{name}")
        columns.append(
            Scope(
                f"snapshot-{snapshot.id}",
                f"The survey's figures: the {snapshot.short_name} ({works_phrase(len(members))})",
                f"in:{name} ",
                members,
                f"the {snapshot.short_name}",
                f"The {snapshot.short_name}'s works",
            )
        )
    columns.append(Scope("all", f"Today's figures: all {works_phrase(len(works))}", "", works, "", "The works"))
    return columns


def _count(scope: Scope, query: str, label: str = "") -> Count:
    """Works of the scope that match `query`, with the table query that shows them."""
    n = len(scope.works.query(query))
    return Count(label or f"the {works_phrase(n)}", scope.prefix + query, n)


def _of_all(scope: Scope) -> str:
    """'38 works in the 2018 table', 'all 67 works'."""
    total = works_phrase(len(scope.works))
    return f"{total} in {scope.name}" if scope.name else f"all {total}"


def _share_of(scope: Scope, query: str, phrase: str) -> list[Figure]:
    """'33 of 38 works in the 2018 table (87%) support interpretability.'"""
    shown = _count(scope, query)
    return [Figure(f"{shown.n} of {_of_all(scope)} ({_share(shown.n, len(scope.works))}) {phrase}.", (shown,))]


def _experts(scope: Scope) -> list[Figure]:
    dev = _count(scope, "who:model-developers", "model developers")
    non = _count(scope, "who:non-experts", "non-experts")
    ratio = f"{dev.n / non.n:.1f}x as many" if non.n else "none for non-experts"
    n = works_phrase(len(scope.works))
    where = f"In {scope.name} ({n})" if scope.name else f"Among all {n}"
    return [
        Figure(
            f"{where}, {works_phrase(dev.n)} target{_s(dev.n)} model developers "
            f"and {non.n} target{_s(non.n)} non-experts: {ratio}.",
            (dev, non),
        )
    ]


def _community(scope: Scope) -> list[Figure]:
    taxonomy = scope.works.taxonomy
    venues = {w.venue for w in scope.works}
    kinds = [
        (key, label)
        for key, label in taxonomy.venue_types.items()
        if any(taxonomy.venues[v].type == key for v in venues)
    ]
    by_kind = [_count(scope, f"type:{key}", label) for key, label in kinds]
    years = scope.works.years()
    if not years:
        return [Figure(f"{scope.whose} appeared in no venue yet.")]
    first, last = min(years), max(years)
    recent = _count(scope, f"year:{last - 2}..")
    return [
        # Venues, counted as venues: the Where page lists them.
        Figure(f"{scope.whose} appeared in {len(venues)} venues of {len(kinds)} kinds."),
        Figure("Works by kind of venue: " + ", ".join(f"{c.label}: {c.n}" for c in by_kind) + ".", tuple(by_kind)),
        Figure(
            f"{recent.n} of {_of_all(scope)} ({_share(recent.n, len(scope.works))}) date from "
            f"{last - 2}–{last}; the earliest is from {first}.",
            (recent,),
        ),
    ]


def _all_of(scope: Scope, facet: str, categories: list[str]) -> Count:
    """Works tagged with every one of `categories` of one facet, linked with the query
    language's all-of form `facet:a+b`. Counted from the tags here, so that the page builds
    with a parser that does not read that form yet (it comes from branch `table`)."""
    n = sum(1 for w in scope.works if set(categories) <= set(w.tags[facet]))
    return Count(f"the {works_phrase(n)}", f"{scope.prefix}{facet}:{'+'.join(categories)}", n)


def _subset(scope: Scope, selected: Count, both: Count, sentence: str) -> list[Figure]:
    """How many works match one query, and how many of those also match a narrower one."""
    outer = works_phrase(selected.n) + (f" in {scope.name}" if scope.name else "")
    return [
        Figure(
            sentence.format(
                outer=outer,
                s=_s(selected.n),
                inner=both.n,
                inner_s=_s(both.n),
                inner_are="is" if both.n == 1 else "are",
            ),
            (selected, both),
        )
    ]


def _collaboration(scope: Scope) -> list[Figure]:
    return _subset(
        scope,
        _count(scope, "how:algorithms"),
        _all_of(scope, "how", ["algorithms", "interactive-experimentation"]),
        "{outer} use{s} algorithms for attribution and feature visualization; "
        "{inner} of them embed{inner_s} those explanations in interactive experimentation.",
    )


def _actionability(scope: Scope) -> list[Figure]:
    return _subset(
        scope,
        _count(scope, "why:debugging"),
        _count(scope, "why:debugging when:during"),
        "{outer} aim{s} at debugging and improving models, but only {inner} of "
        "them {inner_are} used during training, when a person could act on what they see.",
    )


def _evaluation(scope: Scope) -> list[Figure]:
    interp = _count(scope, "why:interpretability")
    return [
        Figure(
            f"{interp.n} of {_of_all(scope)} offer explanations for interpretability, "
            "each needing an evaluation beyond an 'eye test'.",
            (interp,),
        )
    ]


def _robustness(scope: Scope) -> list[Figure]:
    curated = load_curated()["adversarial"]
    # A collection other than the project's (a test's, a fork's) may lack some listed works;
    # tests/site/test_takeaways.py checks that the project's records have every one.
    listed = tuple(w for w in map(scope.works.get, curated.ids) if w is not None)
    return [
        Figure(
            f"{len(listed)} of {_of_all(scope)} stud{'ies' if len(listed) == 1 else 'y'} "
            "adversarial examples or a model's robustness to them.",
            works=listed,
            note=f"Chosen by hand (site_src/pages/takeaways.yaml): {curated.criterion}",
        )
    ]


def load_curated(path: Path = CURATED) -> dict[str, Curated]:
    """The curated lists, each id with its place in the file (path:line:column)."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    lists: dict[str, Curated] = {}
    if root is None:  # an empty file lists nothing
        return lists
    for key_node, value_node in root.value:
        entry = dict((k.value, v) for k, v in value_node.value)
        ids = entry["ids"].value
        lists[key_node.value] = Curated(
            " ".join(entry["criterion"].value.split()),
            tuple(n.value for n in ids),
            tuple(f"{path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}" for n in ids),
        )
    return lists


def unknown_ids(works: Collection, path: Path = CURATED) -> list[str]:
    """A message for each listed id that no work has, at its place in the file."""
    known = {w.id for w in works}
    return [
        f"{place}: no work has the id '{work_id}' (list '{name}')"
        for name, curated in load_curated(path).items()
        for work_id, place in zip(curated.ids, curated.places)
        if work_id not in known
    ]


TAKEAWAYS: tuple[Takeaway, ...] = (
    Takeaway(
        "Interpretability is the most popular reason for deep learning visualization",
        "Nearly all systems support some notion of model interpretability, yet a formal, "
        "agreed-upon definition of interpretability remains elusive.",
        lambda scope: _share_of(scope, "why:interpretability", "support interpretability"),
    ),
    Takeaway(
        "Most tools are aimed at expert users",
        "Model developers and builders are served far more often than non-experts, whose few "
        "tools are mostly educational: a large opportunity for design.",
        _experts,
    ),
    Takeaway(
        "Most tools use instance-based analysis",
        "Networks lack natural global explanations, so most systems observe how known data "
        "points flow through a model to create local explanations.",
        lambda scope: _share_of(scope, "how:instance-based", "use instance-based analysis"),
    ),
    Takeaway(
        "Deep learning visualization is a hybrid and fast-paced community",
        "Work appears in visualization and HCI venues, in machine-learning venues, in many "
        "workshops of both, and on the web, and its volume grew quickly.",
        _community,
    ),
    Takeaway(
        "Furthering interpretability requires collaboration between communities",
        "Algorithmic explanations such as attention, saliency and feature visualization are "
        "often static and studied in isolation; interactive interfaces can combine them.",
        _collaboration,
    ),
    Takeaway(
        "Interactive deep learning lacks actionability",
        "After seeing a visualization it is often unclear what to change: the "
        "hyperparameters, the data, or the architecture.",
        _actionability,
    ),
    Takeaway(
        "Evaluating model explanations is hard",
        "When the thing visualized is probabilistic, evaluation is even harder; qualitative "
        "checks of explanations can mislead.",
        _evaluation,
    ),
    Takeaway(
        "State-of-the-art models are not robust",
        "Adversarial examples fool image and audio models with changes people cannot see; "
        "visualization could show when data and models are attacked.",
        _robustness,
    ),
)


def files(works: Collection) -> dict[str, str]:
    return {PAGE: page(works)}


def _links(figure: Figure) -> list[dict[str, str]]:
    """Each count's table link and each curated work's page, for the template."""
    return [{"href": urls.table_query(PAGE, c.query), "count": str(c.n), "label": c.label} for c in figure.counts] + [
        {"href": urls.href(PAGE, urls.work_page(w.id)), "count": "", "label": w.title} for w in figure.works
    ]


def _figures(figures: list[Figure]) -> list[dict]:
    return [{"sentence": f.sentence, "links": _links(f), "note": f.note} for f in figures]


def comparison(works: Collection, takeaway: Takeaway) -> dict:
    """One takeaway's figures per scope. A snapshot that holds every work counts what today's
    column counts: the page says so once instead of repeating the same numbers."""
    every = scopes(works)
    same = [s for s in every[:-1] if len(s.works) == len(works)]
    columns = [(scope, takeaway.figures(scope)) for scope in every if scope not in same]
    return {
        "title": takeaway.title,
        "summary": takeaway.summary,
        "same": bool(same),
        "columns": [
            {"scope": scope.key, "heading": scope.heading, "figures": _figures(figures)} for scope, figures in columns
        ],
    }


def page(works: Collection) -> str:
    columns = scopes(works)
    snapshots = [
        {"heading": scope.heading, "query": scope.prefix.strip(), "href": urls.table_query(PAGE, scope.prefix.strip())}
        for scope in columns[:-1]
    ]
    return front_matter(
        title="Takeaways",
        description="The survey's 8 takeaways, with the "
        "survey's figures and today's side by side, computed from the records.",
    ) + render(
        "takeaways/page.md",
        takeaways=[comparison(works, t) for t in TAKEAWAYS],
        snapshots=snapshots,
        total=works_phrase(len(works)),
        table_href=urls.table_query(PAGE, ""),
    )
