"""/takeaways/: the survey's 8 takeaways (seed 001), each with figures computed from the
current records, so the page stays true as works are added.

Every number a figure states that counts works comes with a link that shows exactly those
works: a table query, or, for a curated list (takeaways.yaml), the works' own pages. Venue
counts and work counts are never mixed in one figure."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from site_src.pages import urls
from site_src.pages.charts import works_phrase
from site_src.pages.html import attr, front_matter, text
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
    figures: Callable[[Collection], list[Figure]]


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


def _count(works: Collection, query: str, label: str = "") -> Count:
    n = len(works.query(query))
    return Count(label or f"the {works_phrase(n)}", query, n)


def _both_layers(works: Collection, query: str, phrase: str) -> list[Figure]:
    """'33 of 38 works in the 2018 table ...' and the same over all works."""
    table = works.query("in:2018")
    shown = _count(works, f"in:2018 {query}")
    figures = [Figure(f"{shown.n} of {works_phrase(len(table))} in the 2018 table "
                      f"({_share(shown.n, len(table))}) {phrase}.", (shown,))]
    if len(works) != len(table):
        shown = _count(works, query)
        figures.append(Figure(f"{shown.n} of all {works_phrase(len(works))} "
                              f"({_share(shown.n, len(works))}) {phrase}.", (shown,)))
    return figures


def _experts(works: Collection) -> list[Figure]:
    figures = []
    for label, prefix in (("the 2018 table", "in:2018 "), ("all works", "")):
        dev = _count(works, f"{prefix}who:model-developers", "model developers")
        non = _count(works, f"{prefix}who:non-experts", "non-experts")
        ratio = f"{dev.n / non.n:.1f}x as many" if non.n else "none for non-experts"
        figures.append(Figure(f"In {label}, {works_phrase(dev.n)} target{_s(dev.n)} model developers "
                              f"and {non.n} target{_s(non.n)} non-experts: {ratio}.", (dev, non)))
    return figures


def _community(works: Collection) -> list[Figure]:
    taxonomy = works.taxonomy
    venues = {w.venue for w in works}
    kinds = [(key, label) for key, label in taxonomy.venue_types.items()
             if any(taxonomy.venues[v].type == key for v in venues)]
    by_kind = [_count(works, f"type:{key}", label) for key, label in kinds]
    years = works.years()
    first, last = min(years), max(years)
    recent = _count(works, f"year:{last - 2}..")
    return [
        # Venues, counted as venues: the Where page lists them.
        Figure(f"The works appeared in {len(venues)} venues of {len(kinds)} kinds."),
        Figure("Works by kind of venue: " + ", ".join(f"{c.label}: {c.n}" for c in by_kind) + ".",
               tuple(by_kind)),
        Figure(f"{recent.n} of {works_phrase(len(works))} ({_share(recent.n, len(works))}) date from "
               f"{last - 2}–{last}; the earliest is from {first}.", (recent,)),
    ]


def _all_of(works: Collection, facet: str, categories: list[str]) -> Count:
    """Works tagged with every one of `categories` of one facet, linked with the query
    language's all-of form `facet:a+b`. Counted from the tags here, so that the page builds
    with a parser that does not read that form yet (it comes from branch `table`)."""
    n = sum(1 for w in works if set(categories) <= set(w.tags[facet]))
    return Count(f"the {works_phrase(n)}", f"{facet}:{'+'.join(categories)}", n)


def _subset(selected: Count, both: Count, sentence: str) -> list[Figure]:
    """How many works match one query, and how many of those also match a narrower one."""
    return [Figure(sentence.format(outer=works_phrase(selected.n), s=_s(selected.n), inner=both.n,
                                   inner_s=_s(both.n), inner_are="is" if both.n == 1 else "are"),
                   (selected, both))]


def _collaboration(works: Collection) -> list[Figure]:
    return _subset(_count(works, "how:algorithms"),
                   _all_of(works, "how", ["algorithms", "interactive-experimentation"]),
                   "{outer} use{s} algorithms for attribution and feature visualization; "
                   "{inner} of them embed{inner_s} those explanations in interactive experimentation.")


def _actionability(works: Collection) -> list[Figure]:
    return _subset(_count(works, "why:debugging"), _count(works, "why:debugging when:during"),
                   "{outer} aim{s} at debugging and improving models, but only {inner} of "
                   "them {inner_are} used during training, when a person could act on what they see.")


def _evaluation(works: Collection) -> list[Figure]:
    interp = _count(works, "why:interpretability")
    return [Figure(f"{interp.n} of {works_phrase(len(works))} offer explanations for interpretability, "
                   "each needing an evaluation beyond an 'eye test'.", (interp,))]


def _robustness(works: Collection) -> list[Figure]:
    curated = load_curated()["adversarial"]
    # A collection other than the project's (a test's, a fork's) may lack some listed works;
    # tests/site/test_takeaways.py checks that the project's records have every one.
    listed = tuple(works.get(i) for i in curated.ids if i in {w.id for w in works})
    return [Figure(f"{len(listed)} of {works_phrase(len(works))} stud{'ies' if len(listed) == 1 else 'y'} "
                   "adversarial examples or a model's robustness to them.", works=listed,
                   note=f"Chosen by hand (site_src/pages/takeaways.yaml): {curated.criterion}")]


def load_curated(path: Path = CURATED) -> dict[str, Curated]:
    """The curated lists, each id with its place in the file (path:line:column)."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    lists = {}
    for key_node, value_node in root.value:
        entry = dict((k.value, v) for k, v in value_node.value)
        ids = entry["ids"].value
        lists[key_node.value] = Curated(
            " ".join(entry["criterion"].value.split()), tuple(n.value for n in ids),
            tuple(f"{path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}" for n in ids))
    return lists


def unknown_ids(works: Collection, path: Path = CURATED) -> list[str]:
    """A message for each listed id that no work has, at its place in the file."""
    known = {w.id for w in works}
    return [f"{place}: no work has the id '{work_id}' (list '{name}')"
            for name, curated in load_curated(path).items()
            for work_id, place in zip(curated.ids, curated.places) if work_id not in known]


TAKEAWAYS: tuple[Takeaway, ...] = (
    Takeaway("Interpretability is the most popular reason for deep learning visualization",
             "Nearly all systems support some notion of model interpretability, yet a formal, "
             "agreed-upon definition of interpretability remains elusive.",
             lambda w: _both_layers(w, "why:interpretability", "support interpretability")),
    Takeaway("Most tools are aimed at expert users",
             "Model developers and builders are served far more often than non-experts, whose few "
             "tools are mostly educational: a large opportunity for design.", _experts),
    Takeaway("Most tools use instance-based analysis",
             "Networks lack natural global explanations, so most systems observe how known data "
             "points flow through a model to create local explanations.",
             lambda w: _both_layers(w, "how:instance-based", "use instance-based analysis")),
    Takeaway("Deep learning visualization is a hybrid and fast-paced community",
             "Work appears in visualization and HCI venues, in machine-learning venues, in many "
             "workshops of both, and on the web, and its volume grew quickly.", _community),
    Takeaway("Furthering interpretability requires collaboration between communities",
             "Algorithmic explanations such as attention, saliency and feature visualization are "
             "often static and studied in isolation; interactive interfaces can combine them.",
             _collaboration),
    Takeaway("Interactive deep learning lacks actionability",
             "After seeing a visualization it is often unclear what to change: the "
             "hyperparameters, the data, or the architecture.", _actionability),
    Takeaway("Evaluating model explanations is hard",
             "When the thing visualized is probabilistic, evaluation is even harder; qualitative "
             "checks of explanations can mislead.", _evaluation),
    Takeaway("State-of-the-art models are not robust",
             "Adversarial examples fool image and audio models with changes people cannot see; "
             "visualization could show when data and models are attacked.", _robustness),
)


def files(works: Collection) -> dict[str, str]:
    return {PAGE: page(works)}


def _figure_html(figure: Figure) -> str:
    links = [f'<a href="{attr(urls.table_query(PAGE, c.query))}" data-count="{c.n}">{text(c.label)}</a>'
             for c in figure.counts]
    links += [f'<a href="{attr(urls.href(PAGE, urls.work_page(w.id)))}">{text(w.title)}</a>'
              for w in figure.works]
    see = f' <span class="see">See {", ".join(links[:-1]) + " and " if len(links) > 1 else ""}{links[-1]}.</span>' \
        if links else ""
    note = f' <span class="meta">{text(figure.note)}</span>' if figure.note else ""
    return f'<li><span class="figure">{text(figure.sentence)}</span>{see}{note}</li>'


def page(works: Collection) -> str:
    sections = []
    for number, takeaway in enumerate(TAKEAWAYS, start=1):
        figures = "".join(_figure_html(f) for f in takeaway.figures(works))
        sections.append(f"## {number}. {text(takeaway.title)}\n\n{text(takeaway.summary)}\n\n"
                        f'<ul class="figures">{figures}</ul>\n')
    return (front_matter(title="Takeaways", description="The survey's 8 takeaways, with figures "
                         "computed from the current records.")
            + "# Takeaways\n\nThe authors presented eight takeaways from the survey at IEEE VIS "
              "2018. Each figure below is computed from the records when the site is built, so "
              "it stays true as works are added, and each link shows the works it counts; the "
              "original paper's figures refer to the 38 works of its table.\n\n" + "\n".join(sections))
