"""python -m site_src.build generate | site [--builder zensical] | serve [--builder zensical]"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_src.build import builders
from site_src.build.docs import ROOT, BuildFolder, GenerateError, generate_docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_src.build", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in [("generate", "write the site's docs into BUILD/docs"),
                            ("site", "generate, then build the site with one builder"),
                            ("serve", "serve the site, regenerating on every edit")]:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml")
        cmd.add_argument("--build", type=Path, default=ROOT / "build", help="build folder (build/)")
        cmd.add_argument("--works", type=Path, default=ROOT / "survey" / "works", help="record files")
        cmd.add_argument("--explorables", type=Path, default=ROOT / "explorables",
                         help="explorable articles")
        cmd.add_argument("--demo-cache", type=Path, default=ROOT / "build" / "demo-cache",
                         help="trained demos (outside every folder a builder cleans)")
        cmd.add_argument("--site-url", help="public address (default: mkdocs.yml's site_url)")
        if name != "generate":
            cmd.add_argument("--builder", choices=builders.BUILDERS, default="material")
        if name == "site":
            cmd.add_argument("--site-dir", type=Path, default=ROOT / "site")
        if name == "serve":
            cmd.add_argument("--dev-addr", default="127.0.0.1:8000", help="where to serve")
    args = parser.parse_args(argv)
    try:
        config = builders.project_config(args.config)
    except builders.ConfigError as err:
        print(err, file=sys.stderr)
        return 1
    url = args.site_url or builders.site_url(config)
    build = BuildFolder(args.build)
    if args.command == "serve":
        from site_src.build.serve import serve
        return serve(args.builder, build, config, _generate_args(args) + ["--site-url", f"http://{args.dev_addr}/"],
                     [args.works, args.explorables], args.dev_addr)
    if not _generate(args, build, url):
        return 1
    if args.command == "site":
        result = builders.build_site(args.builder, build, args.site_dir, site_url=url, config=config)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.returncode:
            print(f"site: the {args.builder} build failed; {args.site_dir} is unchanged", file=sys.stderr)
            return 1
    return 0


def _generate(args: argparse.Namespace, build: BuildFolder, url: str) -> bool:
    from site_src.pages import SiteInput
    from site_src.pages.explorables import ArticleError
    from survey import InvalidRecords, load
    from survey.records.taxonomy import TaxonomyError

    try:
        site = SiteInput(works=load([args.works]), explorables_dir=args.explorables,
                         demo_cache=args.demo_cache, contributing=ROOT / "CONTRIBUTING.md",
                         vendor_cache=args.build / "vendor-cache", page_memo=args.build / "page-memo.sqlite")
        changes = generate_docs(site, build, hand_written_docs=ROOT / "site_src" / "docs", site_url=url)
    except InvalidRecords as err:
        print(f"invalid records:\n{err}", file=sys.stderr)
        return False
    except (ArticleError, GenerateError, TaxonomyError) as err:
        print(err, file=sys.stderr)
        return False
    print(f"generate: {len(changes.written)} files written, {len(changes.removed)} removed "
          f"in {build.docs}", file=sys.stderr)
    return True


def _generate_args(args: argparse.Namespace) -> list[str]:
    """The options `serve` passes on to each `generate` it runs."""
    out = ["--config", str(args.config), "--build", str(args.build), "--works", str(args.works), "--explorables",
           str(args.explorables), "--demo-cache", str(args.demo_cache)]
    return out + (["--site-url", args.site_url] if args.site_url else [])


if __name__ == "__main__":
    sys.exit(main())
