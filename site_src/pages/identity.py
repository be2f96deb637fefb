"""What a site says about its survey, from the project's survey.yml: its title, description,
citation and subject, the survey-specific pages it declares, and the snapshot that its
table's switch, badges, charts and changelog single out (the project's first snapshot).

The page generators take every survey-specific word from here, so that a new survey's site
carries no trace of another's."""

from __future__ import annotations

from dataclasses import dataclass

from survey import Collection, Work
from survey.records.project import CONFIG_NAME, FLAGSHIP_ROOT, Project, load_project
from survey.records.taxonomy import Snapshot, Taxonomy


@dataclass(frozen=True)
class SiteIdentity:
    title: str
    description: str = ""
    citation: str = ""  # the survey paper, as readers should cite it
    subject: str = ""  # what the works are about: "how <subject> grew"
    pages: tuple[str, ...] = ()  # survey-specific pages (survey.records.project.SURVEY_PAGES)
    query_examples: tuple[str, ...] = ()  # for the table page (default: made from the records)
    home: bool = True  # generate the home page (false where the project's docs hold one)

    @classmethod
    def of(cls, project: Project) -> SiteIdentity:
        return cls(
            title=project.title,
            description=project.description,
            citation=project.citation,
            subject=project.subject,
            pages=project.pages,
            query_examples=project.query_examples,
            home=not (project.docs_dir and (project.docs_dir / "index.md").is_file()),
        )

    @property
    def subject_or_default(self) -> str:
        return self.subject or "the surveyed works"


def default_identity() -> SiteIdentity:
    """The flagship's, where this generator sits in its repository; else a bare one."""
    if (FLAGSHIP_ROOT / CONFIG_NAME).is_file():
        return SiteIdentity.of(load_project(FLAGSHIP_ROOT))
    return SiteIdentity(title="Survey")


def five_ws(taxonomy: Taxonomy) -> bool:
    """Whether the taxonomy asks the Five W's and How (the flagship's), which its pages name so."""
    return [f.id for f in taxonomy.facets] == ["why", "who", "what", "how", "when", "where"]


def highlighted(works: Collection) -> Snapshot | None:
    """The snapshot the site singles out: the first one survey.yml names, if any."""
    snapshots = works.taxonomy.snapshots
    return snapshots[0] if snapshots else None


def in_highlight(work: Work, snapshot: Snapshot | None) -> bool:
    return snapshot is not None and work.in_snapshot(snapshot.id)
