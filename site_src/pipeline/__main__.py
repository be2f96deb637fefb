"""python -m site_src.pipeline generate | site [--builder zensical] | serve [--builder zensical]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from site_src.pipeline import builders
from site_src.pipeline.docs import ROOT, BuildFolder, Changes, generate_docs

if TYPE_CHECKING:
    from survey import Collection


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_src.pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in [
        ("generate", "write the site's docs into BUILD/docs"),
        ("site", "generate, then build the site with one builder"),
        ("serve", "serve the site, regenerating on every edit"),
    ]:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml")
        cmd.add_argument("--build", type=Path, default=ROOT / "build", help="build folder (build/)")
        cmd.add_argument("--works", type=Path, default=ROOT / "survey" / "works", help="record files")
        cmd.add_argument("--explorables", type=Path, default=ROOT / "explorables", help="explorable articles")
        cmd.add_argument(
            "--demo-cache",
            type=Path,
            default=ROOT / "build" / "demo-cache",
            help="trained demos (outside every folder a builder cleans)",
        )
        cmd.add_argument("--site-url", help="public address (default: mkdocs.yml's site_url)")
        if name != "generate":
            cmd.add_argument("--builder", choices=builders.BUILDERS, default="material")
        else:  # what `survey serve` runs on each edit of a survey project
            cmd.add_argument("--project", type=Path, help="generate this survey project's docs instead")
            cmd.add_argument("--search-index", type=Path, help=argparse.SUPPRESS)  # `make serve`'s pagefind/
        if name == "site":
            cmd.add_argument("--site-dir", type=Path, default=ROOT / "site")
        if name == "serve":
            cmd.add_argument("--dev-addr", default="127.0.0.1:8000", help="where to serve")
    args = parser.parse_args(argv)
    if getattr(args, "project", None) is not None:
        return _generate_project(args.project, args.site_url, getattr(args, "search_index", None))
    try:
        config = builders.project_config(args.config)
    except builders.ConfigError as err:
        print(err, file=sys.stderr)
        return 1
    url = args.site_url or builders.site_url(config)
    build = BuildFolder(args.build)
    if args.command == "serve":
        from site_src.pipeline.serve import serve

        return serve(
            args.builder,
            build,
            config,
            _generate_args(args) + ["--site-url", f"http://{args.dev_addr}/"],
            [args.works, args.explorables],
            args.dev_addr,
            data_folders=[args.works, args.explorables],
        )
    works = _generate(args, build, url)
    if works is None:
        return 1
    if args.command == "site":
        from site_src.pipeline.project import build_searchable_site

        if not build_searchable_site("site", args.builder, build, args.site_dir, url, config, works):
            return 1
    return 0


def _generate(args: argparse.Namespace, build: BuildFolder, url: str) -> Collection | None:
    """Generate the docs; the records they were generated from, or None after a message."""
    from site_src.pipeline.project import report_generate
    from site_src.pipeline.serve import search_index_files
    from site_src.pages import SiteInput
    from survey import load

    def make() -> tuple[Collection, Changes]:
        site = SiteInput(
            works=load([args.works]),
            explorables_dir=args.explorables,
            demo_cache=args.demo_cache,
            contributing=ROOT / "CONTRIBUTING.md",
            benchmark_results=ROOT / "benchmarks" / "results.json",
            vendor_cache=args.build / "vendor-cache",
            page_memo=args.build / "page-memo.sqlite",
        )
        index = search_index_files(getattr(args, "search_index", None))  # under `make serve` only
        return site.works, generate_docs(
            site, build, hand_written_docs=ROOT / "site_src" / "docs", site_url=url, shared=index or None
        )

    return report_generate(make, build)


def _generate_project(folder: Path, url: str | None, search_index: Path | None = None) -> int:
    from site_src.pipeline import project as survey_project
    from survey.records.project import ProjectError, load_project

    try:
        project = load_project(folder)
    except ProjectError as err:
        print(err, file=sys.stderr)
        return 1
    from site_src.pipeline.serve import search_index_files

    works = survey_project.generate_reported(
        project, url or survey_project.site_url(project, {}), extra=search_index_files(search_index)
    )
    return 0 if works is not None else 1


def _generate_args(args: argparse.Namespace) -> list[str]:
    """The options `serve` passes on to each `generate` it runs."""
    out = [
        "--config",
        str(args.config),
        "--build",
        str(args.build),
        "--works",
        str(args.works),
        "--explorables",
        str(args.explorables),
        "--demo-cache",
        str(args.demo_cache),
    ]
    return out + (["--site-url", args.site_url] if args.site_url else [])


if __name__ == "__main__":
    sys.exit(main())
