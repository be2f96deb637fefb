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

Commands find the project by walking up from the current folder to the first `survey.yml`
(or take `--project DIR`). Where there is none, they work on this repository's own survey,
the flagship, whose `survey.yml` sits at the repository's root.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from survey.records.containment import OutsideProject, resolve_inside
from survey.records.problems import quoted
from survey.records.source import Document, read_document
from survey.records.taxonomy import Snapshot, Taxonomy, load_taxonomy

CONFIG_NAME = "survey.yml"
# The flagship's config: at the root of the repository that holds this package.
FLAGSHIP_ROOT = Path(__file__).resolve().parent.parent.parent
SNAPSHOT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# The site's address becomes MkDocs' site_url, which the themes print into links and the
# sitemap: an http(s) URL without spaces, quotes, angle brackets or backslashes.
_SITE_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.IGNORECASE)
_TEXT_KEYS = ("title", "description", "citation", "url", "subject")
# Survey-specific generated pages a project may declare; a new survey has none of them.
SURVEY_PAGES = ("takeaways",)
_PATH_DEFAULTS = {"taxonomy": "taxonomy.yaml", "venues": "venues.yaml", "works": "works",
                  "schema": "record.schema.json"}
_OPTIONAL_PATHS = ("docs", "articles")


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
        return load_taxonomy(self.taxonomy_path, self.venues_path, self.snapshots, self.earliest_year)

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
        raise ProjectError(f"{here}: no {CONFIG_NAME} in this folder or any above it: run "
                           "`survey init DIR` to start a survey, or give --project DIR")
    return load_project(FLAGSHIP_ROOT)


def load_project(root: Path | str) -> Project:
    """Read `root/survey.yml`. Raises ProjectError with every problem found."""
    root = Path(root)
    config = root / CONFIG_NAME
    doc = read_document(config, keep_positions=True)
    if not doc.problems:
        _check_config(doc)
    if not doc.problems:
        _check_paths(doc, root)
    if doc.problems:
        raise ProjectError("\n".join(str(p) for p in sorted(doc.problems)))
    data = doc.data
    snapshots = tuple(
        Snapshot(id=s["id"], label=s["label"], aliases=tuple(str(a) for a in s.get("aliases") or ()),
                 field=s.get("field"), short=s.get("short") or "", since=s.get("since") or "")
        for s in data.get("snapshots") or ())
    paths = {key: root / str(data.get(key) or default) for key, default in _PATH_DEFAULTS.items()}
    optional = {key: root / data[key] if data.get(key) else None for key in _OPTIONAL_PATHS}
    return Project(root=root, title=data["title"], description=data.get("description") or "",
                   citation=data.get("citation") or "", url=data.get("url") or "",
                   snapshots=snapshots, earliest_year=data.get("earliest_year", 1940),
                   taxonomy_path=paths["taxonomy"],
                   venues_path=paths["venues"], works_dir=paths["works"], schema_path=paths["schema"],
                   subject=data.get("subject") or "", pages=tuple(data.get("pages") or ()),
                   query_examples=tuple(data.get("query_examples") or ()),
                   docs_dir=optional["docs"], articles_dir=optional["articles"])


def _check_paths(doc: Document, root: Path) -> None:
    """Every path survey.yml names, or its default, resolves inside the project folder: a
    project handed over by a stranger cannot have its site publish ../../etc or a link to
    /proc/self/environ. Absolute paths are refused outright."""
    for key, default in (*_PATH_DEFAULTS.items(), *((key, None) for key in _OPTIONAL_PATHS)):
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
            doc.report(keypath, f"'{key}: {value}' {where}" if keypath else
                       f"the default '{key}: {value}' {where}")


def _check_config(doc: Document) -> None:
    data = doc.data
    if not isinstance(data, dict):
        doc.report((), f"{CONFIG_NAME} must be a mapping (title:, description:, snapshots:, ...)")
        return
    known = {*_TEXT_KEYS, "snapshots", "earliest_year", "pages", "query_examples", *_PATH_DEFAULTS, *_OPTIONAL_PATHS}
    for key in data:
        if key not in known:
            doc.report_key(key, f"unknown setting {quoted(str(key))}; known: {', '.join(sorted(known))}")
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        doc.report(("title",) if "title" in data else (), "'title' must be non-empty text")
    pages = data.get("pages")
    if pages is not None and not (isinstance(pages, list) and all(p in SURVEY_PAGES for p in pages)):
        doc.report(("pages",), f"'pages' must be a list of survey-specific pages from: {', '.join(SURVEY_PAGES)}")
    examples = data.get("query_examples")
    if examples is not None and not (isinstance(examples, list) and all(isinstance(q, str) for q in examples)):
        doc.report(("query_examples",), "'query_examples' must be a list of queries")
    for key in (*_TEXT_KEYS[1:], *_PATH_DEFAULTS, *_OPTIONAL_PATHS):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            doc.report((key,), f"'{key}' must be text")
    url = data.get("url")
    if isinstance(url, str) and url and not _SITE_URL.fullmatch(url):
        doc.report(("url",), f"'url' must be the site's http(s) address, such as https://example.org/survey/, "
                             f"not {quoted(url)}")
    earliest = data.get("earliest_year", 1940)
    if not isinstance(earliest, int) or isinstance(earliest, bool) or not 0 < earliest < 10000:
        doc.report(("earliest_year",), "'earliest_year' must be a year such as 1940")
    snapshots = data.get("snapshots")
    if snapshots is None:
        return
    if not isinstance(snapshots, list):
        doc.report(("snapshots",), "'snapshots' must be a list of {id, label}")
        return
    names: set[str] = set()
    for i, snapshot in enumerate(snapshots):
        if not isinstance(snapshot, dict):
            doc.report(("snapshots", i), "a snapshot must be a mapping with 'id' and 'label'")
            continue
        sid = snapshot.get("id")
        if not isinstance(sid, str) or not SNAPSHOT_ID.fullmatch(sid):
            doc.report(("snapshots", i, "id") if "id" in snapshot else ("snapshots", i),
                       "a snapshot's 'id' must be lowercase letters, digits, '-' or '_' (e.g. tvcg2018)")
        if not isinstance(snapshot.get("label"), str) or not snapshot["label"].strip():
            doc.report(("snapshots", i), "a snapshot needs a 'label': what its works are")
        aliases = snapshot.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
            doc.report(("snapshots", i, "aliases"), "'aliases' must be a list of names")
            aliases = []
        for key in ("short", "since"):
            if snapshot.get(key) is not None and not isinstance(snapshot[key], str):
                doc.report(("snapshots", i, key), f"'{key}' must be text")
        field = snapshot.get("field")
        if field is not None and not (isinstance(field, str) and SNAPSHOT_ID.fullmatch(field)):
            doc.report(("snapshots", i, "field"), "'field' must be a record field name, e.g. in_2018_table")
        for name in [sid, *aliases]:
            if isinstance(name, (str, int)) and str(name).lower() in names:
                doc.report(("snapshots", i), f"snapshot name {quoted(str(name))} is used twice")
            names.add(str(name).lower())


