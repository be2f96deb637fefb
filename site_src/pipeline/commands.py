"""The site's commands of the `survey` CLI, `survey build` and `survey serve`.

The site registers them through the entry point group `survey_sitegen.commands`
(pyproject.toml), so that the knowledge base (survey/) never imports the site: `survey`
finds whatever commands are installed. This module imports only argparse; the builders
are imported when a command runs, and a missing site extra is one line saying how to get it.
"""

from __future__ import annotations

import argparse
import sys

BUILDERS = ("material", "zensical")  # site_src.pipeline.builders.BUILDERS, without importing MkDocs


def register(sub: argparse._SubParsersAction) -> None:  # argparse names no public type for it
    """Add `build` and `serve` to the `survey` command's subcommands."""
    p = sub.add_parser(
        "build",
        help="build the project's site into DIR/site/",
        description="Generate every page of the survey's site from its records "
        "and survey.yml, then build it with Material for MkDocs (or "
        "Zensical) into the project's site/ folder. A failed build "
        "leaves the previous site in place.",
    )
    p.add_argument("--builder", choices=BUILDERS, default="material", help="material (default) or zensical")
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="serve the project's site, rebuilding pages on every edit")
    p.add_argument("--builder", choices=BUILDERS, default="material", help="material (default) or zensical")
    p.add_argument(
        "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve (default 127.0.0.1:8000)"
    )
    p.set_defaults(run=_serve)


def _site_project():  # the web layer, imported only when a site command runs
    try:
        from site_src.pipeline import project
    except ImportError as err:
        print(
            f"survey: building a site needs the site extra ({(err.name or 'a package').split('.')[0]} is not installed): "
            "pip install 'survey-sitegen[site]'",
            file=sys.stderr,
        )
        return None
    return project


def _build(args: argparse.Namespace) -> int:
    site = _site_project()
    return 2 if site is None else site.build(args.project, args.builder)


def _serve(args: argparse.Namespace) -> int:
    site = _site_project()
    return 2 if site is None else site.serve(args.project, args.builder, args.dev_addr)
