"""A survey project: a folder with a `survey.yml` that names the survey and its files.

    title: Visual Analytics in Deep Learning
    description: One sentence for the site's home page and metadata.
    citation: Hohman, Kahng, Pienta and Chau. ... IEEE TVCG 2018.   # the survey paper
    url: https://example.org/survey/                              # where the site lives
    snapshots:                                                    # fixed sets of works
      - id: tvcg2018
        label: the 38 works of the TVCG 2018 overview table
        aliases: ["2018"]            # other names `in:` accepts (optional)
        field: in_2018_table         # a true/false record field that also says so (optional)
        short: 2018 table            # its name in charts and sentences (optional)
        since: the 2018 paper        # later works were "added after" this (optional)
    subject: visual analytics for deep learning   # what the works are about: "how X grew"
    pages: [takeaways]               # survey-specific pages the site adds (the flagship's)
    query_examples: ["how:instance-based", ...]   # shown above the table (default: from the records)
    docs: docs                       # hand-written pages and assets of the site (optional)
    articles: explorables            # explorable articles (optional)
    earliest_year: 1940              # the earliest year a record may give (default 1940)
    taxonomy: taxonomy.yaml          # these three are paths relative to the folder,
    venues: venues.yaml              # shown here with their defaults
    works: works
    schema: record.schema.json       # the JSON Schema of a record, as `survey schema` writes it

What each setting may hold is declared once, in its JSON Schema
(survey.records.file_schemas, published as survey/settings.schema.json for editors);
`load_project` checks the file against it, then what a schema cannot say: paths stay inside
the folder, and no two snapshots share a name.

Commands find the project by walking up from the current folder to the first `survey.yml`
(or take `--project DIR`). Where there is none, they work on this repository's own survey,
the flagship, whose `survey.yml` sits at the repository's root.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from survey.records.containment import OutsideProject, resolve_inside
from survey.records.file_schemas import EARLIEST_YEAR, OPTIONAL_PATHS, PATH_DEFAULTS, SETTINGS_SCHEMA
from survey.records.file_schemas import SURVEY_PAGES as SURVEY_PAGES  # named here by site_src
from survey.records.problems import quoted
from survey.records.schema_check import check_against_schema
from survey.records.source import Document, read_document
from survey.records.taxonomy import Snapshot, Taxonomy, read_taxonomy

CONFIG_NAME = "survey.yml"
# The flagship's config: at the root of the repository that holds this package.
FLAGSHIP_ROOT = Path(__file__).resolve().parent.parent.parent


class ProjectError(Exception):
    """survey.yml is missing or malformed; the message holds `path:line:column: message` lines."""


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding survey.yml
    title: str
    description: str
    citation: str  # the survey paper, as readers should cite it
    url: str  # the site's address
    snapshots: tuple[Snapshot, ...]
    earliest_year: int
    taxonomy_path: Path
    venues_path: Path
    works_dir: Path
    schema_path: Path  # the committed JSON Schema that new records point editors to
    subject: str = ""  # what the surveyed works are about, for the site's sentences
    pages: tuple[str, ...] = ()  # survey-specific pages (SURVEY_PAGES) its site adds
    query_examples: tuple[str, ...] = ()  # queries the table page shows as examples
    docs_dir: Path | None = None  # hand-written site pages and assets, if any
    articles_dir: Path | None = None  # explorable articles, if any

    @property
    def taxonomy(self) -> Taxonomy:
        """The vocabulary, with this project's snapshots (cached per file pair)."""
        return read_taxonomy(self.taxonomy_path, self.venues_path, self.snapshots, self.earliest_year)

    @property
    def site_dir(self) -> Path:
        return self.root / "site"


def find_project(start: Path | str | None = None) -> Project:
    """The project of `start` (default: the current folder) or of a folder above it; the
    flagship where none has a survey.yml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return load_project(folder)
    if not (FLAGSHIP_ROOT / CONFIG_NAME).is_file():  # an installed generator has no flagship
        raise ProjectError(
            f"{here}: no {CONFIG_NAME} in this folder or any above it: run "
            "`survey init DIR` to start a survey, or give --project DIR"
        )
    return load_project(FLAGSHIP_ROOT)


def load_project(root: Path | str) -> Project:
    """Read `root/survey.yml`. Raises ProjectError with every problem found."""
    root = Path(root)
    config = root / CONFIG_NAME
    doc = read_document(config, keep_positions=True)
    if not doc.problems:  # a file that cannot be read says so, and only so
        check_against_schema(doc, SETTINGS_SCHEMA)
        _check_snapshot_names(doc)
    if not doc.problems:
        _check_paths(doc, root)
    if doc.problems:
        raise ProjectError("\n".join(str(p) for p in sorted(doc.problems)))
    data = doc.data
    snapshots = tuple(
        Snapshot(
            id=s["id"],
            label=s["label"],
            aliases=tuple(str(a) for a in s.get("aliases") or ()),
            field=s.get("field"),
            short=s.get("short") or "",
            since=s.get("since") or "",
        )
        for s in data.get("snapshots") or ()
    )
    paths = {key: root / str(data.get(key) or default) for key, default in PATH_DEFAULTS.items()}
    optional = {key: root / data[key] if data.get(key) else None for key in OPTIONAL_PATHS}
    return Project(
        root=root,
        title=data["title"],
        description=data.get("description") or "",
        citation=data.get("citation") or "",
        url=data.get("url") or "",
        snapshots=snapshots,
        earliest_year=data.get("earliest_year", EARLIEST_YEAR),
        taxonomy_path=paths["taxonomy"],
        venues_path=paths["venues"],
        works_dir=paths["works"],
        schema_path=paths["schema"],
        subject=data.get("subject") or "",
        pages=tuple(data.get("pages") or ()),
        query_examples=tuple(data.get("query_examples") or ()),
        docs_dir=optional["docs"],
        articles_dir=optional["articles"],
    )


def _check_paths(doc: Document, root: Path) -> None:
    """Every path survey.yml names, or its default, resolves inside the project folder: a
    project handed over by a stranger cannot have its site publish ../../etc or a link to
    /proc/self/environ. Absolute paths are refused outright."""
    for key, default in (*PATH_DEFAULTS.items(), *((key, None) for key in OPTIONAL_PATHS)):
        value = doc.data.get(key) or default
        if value is None:
            continue
        keypath = (key,) if doc.data.get(key) else ()
        if Path(value).is_absolute() or Path(value).drive:
            doc.report(keypath, f"'{key}' must be a path relative to the project folder, not {quoted(value)}")
            continue
        try:
            resolve_inside(root / value, root)
        except OutsideProject as err:
            where = str(err).split(": ", 1)[1]
            doc.report(keypath, f"'{key}: {value}' {where}" if keypath else f"the default '{key}: {value}' {where}")


def _check_snapshot_names(doc: Document) -> None:
    """No two snapshots share a name (an id or alias, in any case): `in:` must know which
    one a reader means. Checked whatever else is wrong, so that one pass finds every problem."""
    names: set[str] = set()
    snapshots = doc.data.get("snapshots") if isinstance(doc.data, dict) else None
    for i, snapshot in enumerate(snapshots if isinstance(snapshots, list) else ()):
        if not isinstance(snapshot, dict):
            continue  # reported by the schema, as is a name that is not text or a number
        aliases = snapshot.get("aliases")
        for name in [snapshot.get("id"), *(aliases if isinstance(aliases, list) else ())]:
            if not isinstance(name, (str, int)) or isinstance(name, bool):
                continue
            if str(name).lower() in names:
                doc.report(("snapshots", i), f"snapshot name {quoted(str(name))} is used twice")
            names.add(str(name).lower())


def load_taxonomy(start: Path | str | None = None) -> Taxonomy:
    """The taxonomy of the project of `start` (default: the current folder), found as
    `find_project` finds it."""
    return find_project(start).taxonomy
