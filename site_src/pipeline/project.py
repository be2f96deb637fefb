"""`survey build` and `survey serve` for a survey project (survey.records.project).

The flagship (this repository's survey) builds as `make site` does: its mkdocs.yml, its
hand-written docs (site_src/docs), its build/ folder. Any other project gets a site of the
generic pages, with the flagship's theme, overrides, Markdown extensions and assets, and
its identity from survey.yml:
- the generate step writes DIR/build/docs (the generator's assets, the project's own
  `docs:` folder if it names one, every generated page);
- DIR/build/mkdocs.yml is the MkDocs configuration made from survey.yml, for reading and
  for running MkDocs by hand; the builders run from their own copies (builders.builder_config);
- the site goes to DIR/site/.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from site_src.pipeline import builders, search
from site_src.pipeline.docs import ROOT, BuildFolder, Changes, generate_docs, hand_written
from survey.records.project import Project

if TYPE_CHECKING:
    from survey import Collection

GENERATOR_ASSETS = ROOT / "site_src" / "docs" / "assets"  # the table's, charts' and pages' CSS and JS
SEARCH_PAGE = ROOT / "site_src" / "docs" / "search.md"  # site search (site_src/pipeline/search.py)
# The flagship's mkdocs.yml, whose theme, overrides and Markdown extensions every survey's
# site shares: reached through a link beside this module, which a wheel carries as a file.
FLAGSHIP_CONFIG = Path(__file__).resolve().parent / "mkdocs-base.yml"
# The flagship's scripts and styles that only its explorables use.
_EXPLORABLES_ONLY = ("assets/css/explorables.css", "assets/js/explorables/")


def is_flagship(project: Project) -> bool:
    return project.root.resolve() == ROOT.resolve()


def build_folder(project: Project) -> BuildFolder:
    return BuildFolder(project.root / "build")


def site_url(project: Project, config: dict[str, Any]) -> str:
    """SITE_URL for a deployment; else the flagship's mkdocs.yml, or the project's `url:`."""
    if is_flagship(project):
        return builders.site_url(config)
    return os.environ.get("SITE_URL") or project.url or builders.DEFAULT_SITE_URL


# An ampersand that cannot start a character reference: HTML reads it as itself.
_PLAIN_AMPERSAND = re.compile(r"&amp;(?![A-Za-z0-9#])")


def theme_text(value: str) -> str:
    """A project setting (its title, its description) as the themes print it.

    Material's and Zensical's templates print `config.site_name` and `site_description`
    unescaped (the header, <title>, aria-label, the meta description) and in one place, the
    logo's title attribute, through Jinja's `e`. So the value is HTML-escaped here (the
    standard library's html.escape), except an ampersand that cannot start a character
    reference, which both contexts read as itself: "PV & PVA Collection" shows as written in
    every place, and markup shows as text (doubly escaped only in that one tooltip)."""
    return _PLAIN_AMPERSAND.sub("&", html.escape(value, quote=True))


def site_config(project: Project) -> dict[str, Any]:
    """The MkDocs configuration of the project's site (raises builders.ConfigError)."""
    base = builders.project_config(FLAGSHIP_CONFIG)
    if is_flagship(project):
        return base
    facets = project.taxonomy.tagged_facets
    # Settings are values, not markup: escaped for where the themes print them.
    config = dict(
        base,
        site_name=theme_text(project.title),
        site_description=theme_text(project.description or project.title),
        site_url=project.url or builders.DEFAULT_SITE_URL,
        docs_dir="docs",
        site_dir=os.path.relpath(project.site_dir, build_folder(project).path),
    )
    config["extra_css"] = [p for p in base.get("extra_css", []) if not p.startswith(_EXPLORABLES_ONLY)]
    config["extra_javascript"] = [p for p in base.get("extra_javascript", []) if not p.startswith(_EXPLORABLES_ONLY)]
    config["not_in_nav"] = "/table/\n/works/\n/taxonomy/\n/search.md\n"
    config["nav"] = [
        {"Home": "index.md"},
        {"Table": "table.md"},
        {"Trends": "trends.md"},
        {"Taxonomy": ["taxonomy/index.md", *({f.title: f"taxonomy/{f.id}/index.md"} for f in facets)]},
        {"Changelog": "changelog.md"},
        {"Data": "data/index.md"},
        {"Contributing": "contributing.md"},
    ]
    config["theme"] = dict(base["theme"], custom_dir=str((ROOT / base["theme"]["custom_dir"]).resolve()))
    # Paths relative to DIR/build, where this configuration is written: MkDocs runs from there.
    config["markdown_extensions"] = [
        {"site_src.pipeline.rawhtml": {"nonce_file": "raw-nonce"}}
        if isinstance(ext, dict) and "site_src.pipeline.rawhtml" in ext
        else ext
        for ext in base["markdown_extensions"]
    ]
    return config


def write_config(project: Project, config: dict[str, Any]) -> Path:
    """DIR/build/mkdocs.yml: the configuration the site is built with, for reading."""
    build = build_folder(project)
    build.path.mkdir(parents=True, exist_ok=True)
    path = build.path / "mkdocs.yml"
    path.write_text(
        "# Written by `survey build` from survey.yml: edits are replaced.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


def generate(project: Project, url: str, extra: dict[str, bytes] | None = None) -> tuple[Collection, Changes]:
    """The generate step for the project: every page into DIR/build/docs. Also the records
    it read, for the search index built after the builder. `extra`: more files for the
    docs (`make serve`'s search index)."""
    from site_src.pages import SiteInput
    from site_src.pages.identity import SiteIdentity
    from survey import load

    build = build_folder(project)
    contributing = project.root / "CONTRIBUTING.md"
    site = SiteInput(
        works=load([project.works_dir], project.taxonomy),
        explorables_dir=project.articles_dir,
        demo_cache=build.path / "demo-cache",
        vendor_cache=build.path / "vendor-cache",
        page_memo=build.path / "page-memo.sqlite",
        contributing=contributing if contributing.is_file() else None,
        identity=SiteIdentity.of(project),
        root=project.root,
    )
    own_docs = project.docs_dir or project.root / "docs"
    shared = {**({} if is_flagship(project) else shared_assets()), **(extra or {})}
    return site.works, generate_docs(site, build, hand_written_docs=own_docs, site_url=url, shared=shared or None)


def shared_assets() -> dict[str, bytes]:
    """The generator's assets a generic site uses (not the flagship's explorables'), and its
    search page, which every site's header field opens."""
    files = {f"assets/{rel}": content for rel, content in hand_written(GENERATOR_ASSETS).items()}
    files[SEARCH_PAGE.name] = SEARCH_PAGE.read_bytes()
    return {path: content for path, content in files.items() if not path.startswith(_EXPLORABLES_ONLY)}


def generate_reported(project: Project, url: str, extra: dict[str, bytes] | None = None) -> Collection | None:
    """Generate the project's docs; the records they came from, or None after a message."""
    return report_generate(lambda: generate(project, url, extra), build_folder(project))


def report_generate(make: Callable[[], tuple[Collection, Changes]], build: BuildFolder) -> Collection | None:
    """Run a generate step, saying what it wrote or, as path:line messages, why it could not;
    the records it generated from, or None."""
    from site_src.pipeline.docs import GenerateError
    from site_src.pages.explorables import ArticleError
    from site_src.pages.html import FrontMatterError
    from site_src.pages.performance import BenchmarkResultsError
    from survey import InvalidRecords
    from survey.records.containment import OutsideProject
    from survey.records.taxonomy import TaxonomyError

    try:
        works, changes = make()
    except InvalidRecords as err:
        print(f"invalid records:\n{err}", file=sys.stderr)
        return None
    except (ArticleError, BenchmarkResultsError, FrontMatterError, GenerateError, OutsideProject, TaxonomyError) as err:
        print(err, file=sys.stderr)
        return None
    print(
        f"generate: {len(changes.written)} files written, {len(changes.removed)} removed in {build.docs}",
        file=sys.stderr,
    )
    return works


def build(project: Project, builder: str = "material") -> int:
    """Generate, then build the site into DIR/site/; 0 on success, messages on stderr."""
    try:
        config = site_config(project)
    except builders.ConfigError as err:
        print(err, file=sys.stderr)
        return 1
    url = site_url(project, config)
    if not is_flagship(project):
        write_config(project, config)
    works = generate_reported(project, url)
    if works is None:
        return 1
    if not build_searchable_site("build", builder, build_folder(project), project.site_dir, url, config, works):
        return 1
    print(f"build: {project.site_dir}", file=sys.stderr)
    return 0


def build_searchable_site(
    verb: str, builder: str, build: BuildFolder, site_dir: Path, url: str, config: dict[str, Any], works: Collection
) -> bool:
    """Build the generated docs with `builder`, index the result for site search and swap it
    into `site_dir`; False after a message (prefixed with `verb`) that leaves `site_dir` as it was."""
    try:
        result = builders.build_site(
            builder,
            build,
            site_dir,
            site_url=url,
            config=config,
            finish=lambda site: search.write_index(site, works, url),
        )
    except search.SearchIndexError as err:
        print(f"{verb}: {err}; {site_dir} is unchanged", file=sys.stderr)
        return False
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode:
        print(f"{verb}: the {builder} build failed; {site_dir} is unchanged", file=sys.stderr)
        return False
    return True


def serve(project: Project, builder: str = "material", dev_addr: str = "127.0.0.1:8000") -> int:
    """Serve the site, regenerating when the project's files change."""
    from site_src.pipeline.serve import serve as serve_site

    try:
        config = site_config(project)
    except builders.ConfigError as err:
        print(err, file=sys.stderr)
        return 1
    sources = [
        project.works_dir,
        project.taxonomy_path,
        project.venues_path,
        project.root / "survey.yml",
        *(p for p in (project.docs_dir, project.articles_dir) if p is not None),
    ]
    generate_args = ["--project", str(project.root.resolve()), "--site-url", f"http://{dev_addr}/"]
    data = [project.works_dir, *(p for p in (project.docs_dir, project.articles_dir) if p is not None)]
    return serve_site(builder, build_folder(project), config, generate_args, sources, dev_addr, data_folders=data)
