"""`survey init DIR`: a new survey project, empty or imported from SurVis.

The project holds data and settings only: survey.yml, taxonomy.yaml, venues.yaml, works/,
a README with the commands, a CI workflow and a pre-commit configuration. The generator is
a dependency (requirements.txt), never copied in.

Running it again is safe. `.survey-init.json` keeps a hash of every file as init wrote it:
a file still as written is brought up to date (to the same bytes when the input has not
changed), and a file edited since, or made by someone else, is kept and reported unless
`force` is given.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml

from survey.contribute.survis import Import, read_survis
from survey.records.file_schemas import PUBLISHED, schema_text
from survey.records.files import write_bytes
from survey.records.project import CONFIG_NAME, load_project
from survey.records.record_schema import schema_json
from survey.records.schema import Field, record_fields
from survey.records.writer import dump_record

MANIFEST = ".survey-init.json"
GENERATOR = "survey-sitegen"  # this package, as the project's requirements name it
GENERATOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class Requirement:
    """How a new project's requirements.txt names this generator, and what `survey init`
    tells its user about that line."""

    text: str  # the file's text: the requirement, after a comment where it needs one
    said: str


def generator_requirement() -> Requirement:
    """The generator with the extra that builds sites, as something `pip install -r` can
    install on a fresh machine: the repository and commit pip recorded (PEP 610's
    direct_url.json) or, for a local checkout, its origin's; a wheel's or a folder's path
    only where there is nothing else, with a comment saying it is a path on this machine;
    the installed version only where it came from a package index."""
    try:
        dist = metadata.distribution(GENERATOR)
        direct = json.loads(dist.read_text("direct_url.json") or "{}")
        version = dist.version
    except (metadata.PackageNotFoundError, ValueError):
        direct, version = {}, GENERATOR_VERSION
    direct = direct if isinstance(direct, dict) else {}
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and url.startswith("https://"):
        return _from_repository(vcs.get("vcs", "git"), url, vcs["commit_id"], "the repository pip installed it from")
    if url.startswith("file://") and isinstance(direct.get("dir_info"), dict):
        origin = _git_origin(Path(url2pathname(urlsplit(url).path)))
        if origin is not None:
            return _from_repository("git", *origin, "the origin of the checkout it was installed from")
    if url.startswith("file://"):
        what = "wheel" if url.endswith(".whl") else "folder"
        return Requirement(
            f"# The {what} this generator was installed from: a path on this machine only. Elsewhere, "
            f"name its repository\n# (git+https://...@COMMIT) or a wheel built there with `make dist`.\n"
            f"{GENERATOR}[site] @ {url}\n",
            f"requirements.txt names the {what} the generator was installed from ({url}), a path on "
            "this machine only: for CI or another machine, name its repository or a wheel instead",
        )
    return Requirement(
        f"{GENERATOR}[site]=={version}\n", f"requirements.txt names {GENERATOR}[site]=={version}, from a package index"
    )


def _from_repository(vcs: str, url: str, commit: str, where: str) -> Requirement:
    return Requirement(
        f"{GENERATOR}[site] @ {vcs}+{url}@{commit}\n",
        f"requirements.txt installs the generator from {url} at commit {commit[:12]}, {where}",
    )


def _git_origin(folder: Path) -> tuple[str, str] | None:
    """The https URL of a checkout's origin and its current commit, if it has both."""

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    try:
        remote, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (remote, commit) if remote.startswith("https://") and commit else None


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)  # files created or brought up to date
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited since init wrote them: not replaced
    problems: list[str] = field(default_factory=list)  # the import's, `path:line: message`
    summary: list[str] = field(default_factory=list)  # the import's, per file read
    records: int = 0


def init_project(
    root: Path, survis: Path | None = None, force: bool = False, survis_shown: str | None = None
) -> InitResult:
    """Write the project's files in `root` (made if missing). Raises BibtexError when the
    SurVis bibliography cannot be read at all, ProjectError or TaxonomyError when a kept
    (edited) survey.yml or taxonomy no longer reads."""
    result = InitResult()
    if survis is not None:
        imported = read_survis(survis, survis_shown or str(survis))
        result.problems, result.summary = imported.problems, imported.summary
        # properties.js's title, as SurVis shows it; the folder's name where there is none
        title = imported.title or f"{imported.site_name} (imported from SurVis)"
    else:
        imported = _example()
        title = "A new survey"
    files = _project_files(title, imported)
    for record in imported.records:
        files[f"works/{record['id']}.yaml"] = dump_record(
            record, header="yaml-language-server: $schema=../record.schema.json", fields=_fields(imported)
        )
    result.records = len(imported.records)
    root.mkdir(parents=True, exist_ok=True)
    manifest_path = root / MANIFEST
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    for name, text in files.items():
        _write(root, name, text, manifest, force, result)
    # The JSON Schema of the project's records, from its taxonomy as it now is (edited or not),
    # for editors; `survey schema` writes the same.
    project = load_project(root)
    _write(root, "record.schema.json", schema_json(project.taxonomy, project.title), manifest, force, result)
    write_bytes(str(manifest_path), (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    return result


def _write(root: Path, name: str, text: str, manifest: dict[str, str], force: bool, result: InitResult) -> None:
    """Write one file unless it holds the same bytes, or was edited since init wrote it."""
    path = root / name
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    if path.exists():
        current = hashlib.sha256(path.read_bytes()).hexdigest()
        if current == digest:
            result.unchanged.append(name)
            manifest[name] = digest
            return
        if manifest.get(name) != current and not force:
            result.kept.append(name)
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(str(path), data)
    manifest[name] = digest
    result.written.append(name)


def _fields(imported: Import) -> tuple[Field, ...]:
    """The new project's record fields (its facets; no snapshots yet), for the field order."""
    return record_fields(tuple(f["id"] for f in imported.facets), (), False)


# The example record's made-up facts: names and a link reserved for examples (RFC 2606's
# example.org), so that nobody takes it for a real work.
EXAMPLE_VENUE = "EXJ"
EXAMPLE_URL = "https://example.org/"


def _example() -> Import:
    """The example a new survey starts from: two facets, a venue and one record, to edit."""
    example = Import()
    example.facets = [
        {
            "id": "task",
            "question": "What task does the work support?",
            "color": "#1b9e77",
            "categories": [
                {
                    "id": "exploration",
                    "label": "Exploration",
                    "short": "Explore",
                    "description": "Open-ended browsing of data to find what is there.",
                },
                {
                    "id": "comparison",
                    "label": "Comparison",
                    "short": "Compare",
                    "description": "Setting items side by side to see how they differ.",
                },
            ],
        },
        {
            "id": "data",
            "question": "What data does it show?",
            "color": "#d95f02",
            "categories": [
                {
                    "id": "tabular",
                    "label": "Tabular data",
                    "short": "Tables",
                    "description": "Rows of items with attributes.",
                },
                {
                    "id": "network",
                    "label": "Networks",
                    "short": "Networks",
                    "description": "Items and the links between them.",
                },
            ],
        },
    ]
    example.venues = {
        EXAMPLE_VENUE: {"name": "Example Journal (replace it with your survey's venues)", "type": "journal"}
    }
    example.venue_types = {"journal": "Journals", "conference": "Conferences"}
    example.records = [example_record(example.facets)]
    return example


def example_record(facets: list[dict[str, Any]]) -> dict[str, Any]:
    """A record that shows every required field, tagged with the first category of each of
    the project's facets; its text says that it is an example and how to add real works."""
    return {
        "id": "doe2024example",
        "title": "An Example Work: Replace It with the Works of Your Survey",
        "authors": "Doe & Roe",
        "author_list": ["Jane Doe", "Richard Roe"],
        "kind": "article",
        "year": 2024,
        "venue": EXAMPLE_VENUE,
        "url": EXAMPLE_URL,
        "sources": [EXAMPLE_URL],
        **{f["id"]: [f["categories"][0]["id"]] for f in facets},
        "notes": "An example record, with made-up facts: delete it once your survey has works of "
        "its own. `survey new --bibtex FILE` starts a record from a BibTeX entry.",
    }


def dump(data: object) -> str:
    """YAML as the project's files are written: keys in their order, Unicode kept."""
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text


def _project_files(title: str, imported: Import) -> dict[str, str]:
    config = {
        "title": title,
        "description": imported.description or "A survey knowledge base: its works, classified, as a site and data.",
        "citation": imported.citation,
        "url": "http://127.0.0.1:8000/",
        "snapshots": [],
        # the oldest work's year, so that every record's year is in range
        "earliest_year": min([r["year"] for r in imported.records if "year" in r] + [1940]),
        "taxonomy": "taxonomy.yaml",
        "venues": "venues.yaml",
        "works": "works",
    }

    # Each settings file names its JSON Schema, written beside it, for editors (as records do).
    def schema_line(name: str) -> str:
        return f"# yaml-language-server: $schema={name}\n"

    return {
        CONFIG_NAME: schema_line("settings.schema.json")
        + "# The survey project's settings (see `survey --help`).\n"
        + dump(config),
        "taxonomy.yaml": schema_line("taxonomy.schema.json")
        + "# The facets and their categories; records list category ids per facet.\n"
        + dump({"facets": imported.facets}),
        "venues.yaml": schema_line("venues.schema.json")
        + "# Where the works appeared: records name a venue by its key.\n"
        + dump({"types": imported.venue_types, "venues": imported.venues}),
        **{name: schema_text(schema) for name, schema in PUBLISHED.items()},
        "requirements.txt": generator_requirement().text,
        "README.md": _README.format(title=title),
        ".github/workflows/survey.yml": _WORKFLOW,
        ".pre-commit-config.yaml": _PRE_COMMIT,
        ".gitignore": "site/\nbuild/\n",
    }


_README = """# {title}

A survey knowledge base made with the `survey` generator: one YAML record per work in
`works/`, classified by the facets of `taxonomy.yaml`.

```sh
pip install -r requirements.txt     # the generator
survey serve                        # the site at http://127.0.0.1:8000/, rebuilt on every edit
```

`survey build` writes the site into `site/` (`--builder zensical` for Zensical), and
`survey validate` checks every record. `survey query FACET:CATEGORY`, `survey stats` and
`survey export --format csv` read the collection; `survey new --bibtex FILE` starts a record.
"""

_WORKFLOW = """name: survey
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt
      - run: survey validate --format github
      - run: survey build
"""

_PRE_COMMIT = """repos:
  - repo: local
    hooks:
      - id: survey-validate
        name: survey validate
        entry: survey validate
        language: system
        files: ^works/.*\\.yaml$
        pass_filenames: true
"""
