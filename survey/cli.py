"""The `survey` command: validate, query and summarize the records.

Exit status: 0 fine, 1 invalid records, 2 a usage error (unknown option, facet or
category). Errors are one line each, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from survey.collection import Collection, load
from survey.formats import FORMATS, formatter
from survey.problems import InvalidRecords
from survey.query import QueryError
from survey.record_schema import schema_json
from survey.validate import validate_paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "query":
        options, terms = _split_query_args(argv[1:])
        args = parser.parse_args(["query", *options])
        args.terms = terms
    else:
        if argv and argv[0] == "stats":
            argv = [argv[0], *_attach_query_value(argv[1:])]
        args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InvalidRecords as err:
        print(err, file=sys.stderr)
        print(f"{len(err.problems)} problem(s): run 'survey validate' after fixing them",
              file=sys.stderr)
        return 1
    except (QueryError, ValueError) as err:
        print(f"survey: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `survey query | head`
        return 0


def _split_query_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """Query terms may start with '-' (negation), which argparse would take for options:
    only --format (with its value), -h and --help are options; the rest are terms."""
    options, terms = [], []
    rest = iter(argv)
    for arg in rest:
        if arg in ("-h", "--help") or arg.startswith("--format="):
            options.append(arg)
        elif arg == "--format":
            options += [arg, next(rest, "")]
        elif arg.startswith("--"):
            options.append(arg)  # argparse reports it as unrecognized
        else:
            terms.append(arg)
    return options, terms


def _attach_query_value(argv: list[str]) -> list[str]:
    """`stats -q -how:node-link`: argparse would read the negated term as an option, so the
    value is attached to its option (`--query=-how:node-link`)."""
    out, rest = [], iter(argv)
    for arg in rest:
        if arg in ("-q", "--query"):
            value = next(rest, None)
            out.append(arg if value is None else f"--query={value}")
        else:
            out.append(arg)
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="survey", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check record files (default: the project's records)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders")
    p.set_defaults(run=_validate)

    p = sub.add_parser("query", help="list the works matching a query",
                       description="Terms: facet:category (OR within a facet, AND across), "
                                   "-term (not), year:2016..2018, venue:TVCG, type:workshop, "
                                   "in:2018 (the 2018 paper's table), words in title/authors.")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(run=_query)

    p = sub.add_parser("stats", help="counts per category and per year, or a cross-tabulation")
    p.add_argument("--cross", nargs=2, metavar="FACET",
                   help="cross-tabulate two facets (why, who, what, how, when, where, year)")
    p.add_argument("--query", "-q", default="", help="restrict to the works matching a query")
    p.set_defaults(run=_stats)

    p = sub.add_parser("schema", help="print the JSON Schema of a record (survey/record.schema.json)")
    p.set_defaults(run=_schema)
    return parser


def _validate(args: argparse.Namespace) -> int:
    documents, problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    files = len(documents)
    if problems:
        bad = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {bad} of {files} file(s)", file=sys.stderr)
        return 1
    print(f"{files} record(s) valid", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    works = load()
    selected = works.query(args.terms)
    sys.stdout.write(formatter(args.format, works.taxonomy)(selected))
    return 0


def _stats(args: argparse.Namespace) -> int:
    works: Collection = load().query(args.query)
    if args.cross:
        table = works.crosstab(*args.cross)
        print(table.to_string())
        return 0
    print(f"{len(works)} works")
    counts = works.counts()
    for facet in works.taxonomy.facets:
        print(f"\n{facet.id.upper()}: {facet.question}")
        labels = ({c.id: c.label for c in facet.categories} if facet.categories else
                  {v: works.taxonomy.venues[v].name for v in counts["where"]})
        for key, n in counts[facet.id].items():
            print(f"  {n:>5}  {key:<28} {labels[key]}")
    print("\nYEAR")
    for year, n in works.years().items():
        print(f"  {n:>5}  {year}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
