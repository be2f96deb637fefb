"""/takeaways/: the survey's 8 takeaways (seed 001), each with a figure computed from the
current records, so the page stays true as works are added."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from site_src.pages import urls
from site_src.pages.html import attr, front_matter, text
from survey import Collection

PAGE = urls.TAKEAWAYS


@dataclass(frozen=True)
class Figure:
    sentence: str  # the computed statement
    query: str  # the table query that shows the works behind it


@dataclass(frozen=True)
class Takeaway:
    title: str
    summary: str  # the survey's point, paraphrased from the authors' post
    figures: Callable[[Collection], list[Figure]]


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


def _both_layers(works: Collection, query: str, phrase: str) -> list[Figure]:
    """'33 of 38 works in the 2018 table ...' and the same over all works."""
    table = works.query("in:2018")
    figures = [Figure(f"{len(table.query(query))} of {len(table)} works in the 2018 table "
                      f"({_share(len(table.query(query)), len(table))}) {phrase}.", f"in:2018 {query}")]
    if len(works) != len(table):
        n = len(works.query(query))
        figures.append(Figure(f"{n} of all {len(works)} works ({_share(n, len(works))}) {phrase}.", query))
    return figures


def _experts(works: Collection) -> list[Figure]:
    figures = []
    for label, subset, prefix in (("the 2018 table", works.query("in:2018"), "in:2018 "),
                                  ("all works", works, "")):
        dev = len(subset.query("who:model-developers"))
        non = len(subset.query("who:non-experts"))
        ratio = f"{dev / non:.1f}x" if non else "all"
        figures.append(Figure(f"In {label}, {dev} works target model developers and {non} target "
                              f"non-experts: {ratio} as many.", f"{prefix}who:model-developers"))
    return figures


def _community(works: Collection) -> list[Figure]:
    taxonomy = works.taxonomy
    venues = {w.venue for w in works}
    types = {taxonomy.venues[v].type for v in venues}
    years = works.years()
    first, last = min(years), max(years)
    recent = sum(n for y, n in years.items() if y >= last - 2)
    return [
        Figure(f"The works appear in {len(venues)} venues of {len(types)} kinds ("
               + ", ".join(f"{label}: {sum(1 for w in works if taxonomy.venues[w.venue].type == t)}"
                           for t, label in taxonomy.venue_types.items() if t in types)
               + ").", ""),
        Figure(f"{recent} of {len(works)} works ({_share(recent, len(works))}) date from "
               f"{last - 2}–{last}; the earliest is from {first}.", f"year:{last - 2}.."),
    ]


def _subset(works: Collection, outer: str, inner: str, sentence: str) -> list[Figure]:
    """How many works match `outer`, and how many of those also match `inner`."""
    selected = works.query(outer)
    both = selected.query(inner)
    return [Figure(sentence.format(outer=len(selected), inner=len(both)), f"{outer} {inner}")]


def _collaboration(works: Collection) -> list[Figure]:
    return _subset(works, "how:algorithms", "how:interactive-experimentation",
                   "{outer} works use algorithms for attribution and feature visualization; "
                   "{inner} of them embed those explanations in interactive experimentation.")


def _actionability(works: Collection) -> list[Figure]:
    return _subset(works, "why:debugging", "when:during",
                   "{outer} works aim at debugging and improving models, but only {inner} of "
                   "them are used during training, when a person could act on what they see.")


def _evaluation(works: Collection) -> list[Figure]:
    interp = works.query("why:interpretability")
    return [Figure(f"{len(interp)} of {len(works)} works offer explanations for interpretability, "
                   "each needing an evaluation beyond an 'eye test'.", "why:interpretability")]


def _robustness(works: Collection) -> list[Figure]:
    ids = {w.id for q in ("adversarial", "robust", "attack") for w in works.query(q)}
    names = ", ".join(works.get(i).title.split(":")[0] for i in sorted(ids))
    return [Figure(f"{len(ids)} of {len(works)} works mention 'adversarial', 'robust' or 'attack' "
                   f"in their title{': ' + names if names else ''}.", "")]


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


def page(works: Collection) -> str:
    sections = []
    for number, takeaway in enumerate(TAKEAWAYS, start=1):
        figures = "".join(
            f'<li>{text(f.sentence)}'
            + (f' <a href="{attr(urls.table_query(PAGE, f.query))}">See the works</a>' if f.query else "")
            + "</li>" for f in takeaway.figures(works))
        sections.append(f"## {number}. {text(takeaway.title)}\n\n{text(takeaway.summary)}\n\n"
                        f'<ul class="figures">{figures}</ul>\n')
    return (front_matter(title="Takeaways", description="The survey's 8 takeaways, with figures "
                         "computed from the current records.")
            + "# Takeaways\n\nThe authors presented eight takeaways from the survey at IEEE VIS "
              "2018. Each figure below is computed from the records when the site is built, so "
              "it stays true as works are added; the original paper's figures refer to the 38 "
              "works of its table.\n\n" + "\n".join(sections))
