"""Command line: list the demos, or build one into an offline HTML page.

    python -m vizlib list
    python -m vizlib run NAME [--option key=value ...] -o FILE.html

`run` always trains from scratch (no cache), so it doubles as a check that a build
reproduces: running it twice gives byte-identical files. Bad input prints one line
to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn
from pathlib import Path

from vizlib import registry
from vizlib.errors import DemoBuildFailed, DemoError
from vizlib.html import standalone_html

USAGE_ERROR = 2
BUILD_FAILED = 1


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print the whole usage first
        self.exit(USAGE_ERROR, f"vizlib: error: {message} (see python -m vizlib --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="python -m vizlib", description="Build the explorable demos.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    commands.add_parser("list", help="name the demos")
    run = commands.add_parser("run", help="train a demo and write an offline HTML page")
    run.add_argument("name", help="a demo name, as `list` gives it")
    run.add_argument("--option", action="append", default=[], metavar="KEY=VALUE", help="a demo option")
    run.add_argument("-o", "--output", required=True, type=Path, help="the HTML file to write")
    return parser


def _list() -> int:
    for info in registry.list_demos():
        print(f"{info.name:36} {info.title}")
        for key, option in info.options.items():
            values = "|".join(map(str, option.values))
            print(f"{'':38}--option {key}={values} (default {option.default}): {option.help}")
    return 0


def _run(name: str, option_texts: list[str], output: Path) -> int:
    info = registry.demo_info(name)
    options = {}
    for text in option_texts:
        key, equals, value = text.partition("=")
        if not equals:
            raise DemoError(f"option {text!r} must be written key=value")
        options[key] = registry.option_from_text(name, key, value)
    registry.resolve_options(info, options)  # reject bad options before any training
    if not output.parent.is_dir():
        raise DemoError(f"cannot write {output}: folder {output.parent} does not exist")
    spec = registry.render_spec(name, options, progress=lambda message: print(message, file=sys.stderr))
    output.write_text(standalone_html(spec, info.title), encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "list":
            return _list()
        return _run(arguments.name, arguments.option, arguments.output)
    except DemoError as error:
        print(f"vizlib: error: {error}", file=sys.stderr)
        return BUILD_FAILED if isinstance(error, DemoBuildFailed) else USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
