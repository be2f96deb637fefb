"""The `survey` command: validate, query and summarize the records; start new ones.

Exit status: 0 fine, 1 invalid records, 2 a usage error (unknown option, facet or
category). Errors are one line each, never a traceback. A reader that stops reading
(`survey validate | head -1`) does not change the status; output that cannot be written
(standard output closed, a full disk) is reported and turns success into status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from survey.contribute.annotations import github_annotation
from survey.contribute.bibtex import BibtexError
from survey.query.collection import Collection, load
from survey.query.dataset import BINARY_FORMATS, EXPORT_FORMATS, MissingDependency, export_bytes
from survey.query.formats import FORMATS, formatter
from survey.records.problems import InvalidRecords
from survey.records.schema import WORK_KINDS
from survey.query import QueryError
from survey.records.record_schema import schema_json
from survey.contribute.citation import citation_from_bibtex, citation_from_flags, override, read_bibtex_entry
from survey.contribute.scaffold import KnownWorks, NewRecordError, build_record, display_path, write_new_record
from survey.records.files import write_bytes
from survey.records.problems import quoted
from survey.records.project import Project, ProjectError, find_project, load_project
from survey.records.taxonomy import Taxonomy, TaxonomyError
from survey.records.validate import ID_PATTERN, validate_paths

COMMANDS_GROUP = "survey_sitegen.commands"  # entry points that add commands (pyproject.toml)
CITATION_FLAGS = ("title", "authors", "year", "venue", "url", "doi", "arxiv", "kind")


def main(argv: Sequence[str] | None = None) -> int:
    stdout = _GuardedOutput(sys.stdout)
    sys.stdout = stdout
    try:
        status = _main(argv)
    finally:  # also when argparse exits (--help, a usage error)
        stdout.flush()
        sys.stdout = stdout.stream
        if stdout.failure is not None:
            print(f"survey: cannot write to standard output: {stdout.failure}", file=sys.stderr)
    return (status or 1) if stdout.failure is not None else status


class _GuardedOutput:
    """Standard output that never raises. A reader that went away (a broken pipe) ends the
    output quietly; any other failure (stdout closed, a full disk) is kept to be reported.
    Either way the command runs to its end, and its exit status stands."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream  # None when the process started with stdout closed (`>&-`)
        self.broken = False  # the reader went away
        self.failure: str | None = None  # why the output was lost, for the message

    def write(self, text: str) -> int:
        if self.stream is None:
            self.failure = self.failure or "it is closed"
        elif not (self.broken or self.failure):
            self._attempt(self.stream.write, text)
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Binary output (Parquet), through the stream's byte buffer, guarded the same way."""
        if self.stream is None:
            self.failure = self.failure or "it is closed"
        elif not (self.broken or self.failure):
            self._attempt(self.stream.flush)
            buffer = self.stream.buffer
            self._attempt(lambda: (buffer.write(data), buffer.flush()))

    def flush(self) -> None:
        if self.stream is not None and not (self.broken or self.failure):
            self._attempt(self.stream.flush)

    def _attempt(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except BrokenPipeError:
            self.broken = True
            self.release()
        except (OSError, ValueError) as err:  # ValueError: a closed file object
            self.failure = (
                os.strerror(err.errno) if isinstance(err, OSError) and err.errno else str(err)
            ) or "write failed"
            self.release()

    def release(self) -> None:
        """Point the file descriptor at /dev/null, so that the text still buffered cannot
        fail again when Python flushes it at exit."""
        if self.stream is None:
            return
        try:
            fd = self.stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
        except (AttributeError, OSError, ValueError):
            pass  # not a real file (a test's capture): nothing is flushed at exit

    def isatty(self) -> bool:
        try:
            return bool(self.stream and self.stream.isatty())
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `--project DIR` comes before the command; taken off first so that the command's own
    # arguments are read as they are without it
    project = []
    while argv and (argv[0] == "--project" or argv[0].startswith("--project=")):
        project += argv[:1] if "=" in argv[0] else argv[:2]
        argv = argv[1:] if "=" in argv[0] else argv[2:]
    # Help shows examples from the project it is run in; other runs do not read it for that
    parser = _parser(_project_for_help(project) if {"-h", "--help"} & set(argv) else None)
    if argv and argv[0] == "query":
        options, terms = _split_query_args(argv[1:])
        args = parser.parse_args([*project, "query", *options])
        args.terms = terms
    else:
        if argv and argv[0] == "stats":
            argv = [argv[0], *_attach_query_value(argv[1:])]
        args = parser.parse_args([*project, *argv])
    try:
        if args.command != "init":
            args.project = _project(args.project)
        status: int = args.run(args)  # the command's handler (set_defaults(run=...))
        return status
    except ProjectError as err:
        print(err, file=sys.stderr)
        return 2
    except InvalidRecords as err:
        print(err, file=sys.stderr)
        print(f"{len(err.problems)} problem(s): run 'survey validate' after fixing them", file=sys.stderr)
        return 1
    except TaxonomyError as err:
        print(err, file=sys.stderr)
        return 1
    except (QueryError, ValueError) as err:
        print(f"survey: {err}", file=sys.stderr)
        return 2


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


def _project_for_help(project_args: list[str]) -> Project | None:
    """The project whose vocabulary the help's examples come from, or None where there is
    none (or it cannot be read): the help then names no facet, snapshot or venue."""
    given = project_args[-1].split("=", 1)[-1] if project_args else None
    try:
        if given:
            return _project(Path(given))
        here = Path.cwd().resolve()
        # only a project the user is in: outside any, the help names no survey's vocabulary
        # (find_project would fall back to the flagship)
        found = next((f for f in (here, *here.parents) if (f / "survey.yml").is_file()), None)
        return load_project(found) if found else None
    except (ProjectError, TaxonomyError, OSError):
        return None


def _help_text(text: str) -> str:
    return text.replace("%", "%%")  # argparse formats help with %


def _query_description(project: Project | None) -> str:
    """The query syntax, with examples from the project's survey.yml (`query_examples`),
    else from its taxonomy and snapshots; without a project, the syntax alone."""
    syntax = (
        "Terms: facet:category (several of one facet: any of them; facets: all), "
        "facet:a+b (all of them), -term (not), year:FROM..TO, venue:ABBREVIATION, "
        "type:VENUE-TYPE, in:SNAPSHOT (the works of a snapshot named in survey.yml), "
        "author:NAME (any author), words in title/authors."
    )
    paragraphs = [syntax]
    examples: list[str] = []
    try:
        taxonomy = project.taxonomy if project is not None else None
    except (TaxonomyError, OSError):
        taxonomy = None
    if taxonomy is not None and project is not None:  # a taxonomy comes from a project
        if taxonomy.tagged_ids:
            paragraphs.append(f"Facets of this survey: {', '.join(taxonomy.tagged_ids)}.")
        if taxonomy.snapshots:
            paragraphs.append(
                "Snapshots: " + "; ".join(f"in:{s.names[-1]} ({s.label})" for s in taxonomy.snapshots) + "."
            )
        examples = list(project.query_examples) or _query_examples(taxonomy)
    text = "\n\n".join(textwrap.fill(p, 78) for p in paragraphs)
    if examples:  # one a line, unwrapped, so that each can be copied whole
        text += "\n\nExamples:\n" + "\n".join(f"  survey query {e}" for e in examples)
    return _help_text(text)


def _query_examples(taxonomy: Taxonomy) -> list[str]:
    """Queries made from the taxonomy: a category of the first facet, one of the second
    negated, and a snapshot."""
    examples = []
    facets = [f for f in taxonomy.tagged_facets if f.categories]
    if facets:
        examples.append(f"{facets[0].id}:{facets[0].categories[0].id}")
    if len(facets) > 1:
        examples.append(f"-{facets[1].id}:{facets[1].categories[0].id}")
    if taxonomy.snapshots:
        examples.append(f"in:{taxonomy.snapshots[0].names[-1]}")
    return examples


def _parser(project: Project | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="survey", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--project",
        metavar="DIR",
        type=Path,
        help="the survey project (a folder with survey.yml); default: the current folder's or the nearest one above it",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check record files (default: the project's records)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders")
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: path:line:column: message (default); github: GitHub Actions "
        "annotations (::error file=...,line=...,col=...::message)",
    )
    p.set_defaults(run=_validate)

    p = sub.add_parser(
        "query",
        help="list the works matching a query",
        description=_query_description(project),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(run=_query)

    p = sub.add_parser("stats", help="counts per category and per year, or a cross-tabulation")
    facets = _facet_names(project)
    p.add_argument(
        "--cross",
        nargs=2,
        metavar="FACET",
        help="cross-tabulate two facets"
        + (f" ({', '.join(facets)})" if facets else ", or a facet and where (venue) or year"),
    )
    p.add_argument("--query", "-q", default="", help="restrict to the works matching a query")
    p.set_defaults(run=_stats)

    p = sub.add_parser(
        "new",
        help="start a record from a BibTeX entry or from flags",
        description="Create <works folder>/<id>.yaml with the bibliographic fields "
        "filled in and the facets left to choose. The BibTeX "
        "entry comes from --bibtex FILE, from standard input with "
        "--bibtex -, or from piped input when no flags are given; "
        "flags override its fields. Never overwrites a file.",
    )
    p.add_argument("--bibtex", metavar="FILE", help="a BibTeX file, or - for standard input")
    p.add_argument("--key", help="the entry to use when the BibTeX text has several")
    p.add_argument("--title")
    p.add_argument("--authors", help="full names, each 'Given Family', separated by ' and ' or ';'")
    p.add_argument("--year")
    p.add_argument("--venue", help="an abbreviation from the project's venues file, or the venue's name")
    p.add_argument("--url")
    p.add_argument("--doi")
    p.add_argument("--arxiv")
    p.add_argument("--kind", choices=WORK_KINDS, help="what the work is (default: from the BibTeX entry type)")
    p.add_argument("--id", help="the record id (default: proposed as lastnameYEARkeyword)")
    p.add_argument(
        "--works-dir",
        type=Path,
        metavar="FOLDER",
        help="where to write the record (default: the project's works folder)",
    )
    p.set_defaults(run=_new)

    p = sub.add_parser(
        "init",
        help="start a survey project in DIR, empty or from a SurVis survey",
        description="Write survey.yml, taxonomy.yaml, venues.yaml, works/, a README, "
        "a CI workflow and a pre-commit configuration in DIR. With "
        "--from-survis, the taxonomy and records come from a SurVis "
        "survey (bib/references.bib, src/data/tag_categories.js, "
        "src/data/authorized_tags.js); what cannot be imported is "
        "reported as path:line. Running it again keeps files edited "
        "since, unless --force.",
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument(
        "--from-survis",
        type=Path,
        metavar="SURVIS",
        help="a SurVis site's folder (holding bib/, src/, docs/ or data/), or one of "
        "its data files (references.bib, bib.js) to read that file",
    )
    p.add_argument("--force", action="store_true", help="replace files edited since the last init as well")
    p.set_defaults(run=_init)

    p = sub.add_parser("schema", help="print the JSON Schema of a record (survey/record.schema.json)")
    p.set_defaults(run=_schema)

    p = sub.add_parser("export", help="write the whole collection as CSV, JSON, BibTeX or Parquet")
    p.add_argument(
        "--format",
        choices=(*EXPORT_FORMATS, "survis"),
        required=True,
        help="survis: a SurVis folder (bib/references.bib, src/data/*.js, src/properties.js) written into -o DIR",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, - for standard output (the default); a regular file is "
        "replaced only once the whole text is written, anything else (a pipe, "
        "a device) is written through",
    )
    p.set_defaults(run=_export)

    # Commands other packages add: the site's `build` and `serve` (site_src.pipeline.commands),
    # found through their entry points so that this package never imports the site.
    for command in entry_points(group=COMMANDS_GROUP):
        command.load()(sub)
    return parser


def _facet_names(project: Project | None) -> list[str]:
    """What --cross takes in this project: its tagged facets, where (venue) and year."""
    if project is None:
        return []
    try:
        return [*project.taxonomy.tagged_ids, "where", "year"]
    except (TaxonomyError, OSError):
        return []


def _project(given: Path | None) -> Project:
    """The project named by --project, else the one the current folder is in."""
    if given is None:
        return find_project()
    if not (given / "survey.yml").is_file():
        raise ProjectError(
            f"{given}: no survey.yml here (--project names a survey project's folder; `survey init DIR` makes one)"
        )
    return load_project(given)


def _load(project: Project) -> Collection:
    return load(project.works_dir, project.taxonomy)


def _validate(args: argparse.Namespace) -> int:
    project = args.project
    documents, problems = validate_paths(args.paths or [project.works_dir], project.taxonomy)
    for problem in problems:
        print(github_annotation(problem) if args.format == "github" else problem)
    files = len(documents)
    if problems:
        bad = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {bad} of {files} file(s)", file=sys.stderr)
        return 1
    print(f"{files} record(s) valid", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    works = _load(args.project)
    selected = works.query(args.terms)
    if args.format in EXPORT_FORMATS:  # a selection exported says which collection it is from
        sys.stdout.write(
            export_bytes(
                works, args.format, title=args.project.title, selection=selected, query=" ".join(args.terms)
            ).decode("utf-8")
        )
    else:
        sys.stdout.write(formatter(args.format, works.taxonomy)(selected))
    return 0


def _stats(args: argparse.Namespace) -> int:
    works: Collection = _load(args.project).query(args.query)
    if args.cross:
        table = works.crosstab(*args.cross)
        print(table.to_string())
        return 0
    print(f"{len(works)} works")
    counts = works.counts()
    for facet in works.taxonomy.facets:
        print(f"\n{facet.title.upper()}: {facet.question}")
        labels = (
            {c.id: c.label for c in facet.categories}
            if facet.categories
            else {v: works.taxonomy.venues[v].name for v in counts["where"]}
        )
        for key, n in counts[facet.id].items():
            print(f"  {n:>5}  {key:<28} {labels[key]}")
    print("\nYEAR")
    for year, n in works.years().items():
        print(f"  {n:>5}  {year}")
    if works.undated():
        print(f"  {works.undated():>5}  no year")
    return 0


def _new(args: argparse.Namespace) -> int:
    flags = citation_from_flags(**{name: getattr(args, name) for name in CITATION_FLAGS})
    given_flags = any(getattr(args, name) for name in CITATION_FLAGS)
    source = args.bibtex or (None if given_flags or sys.stdin.isatty() else "-")
    if source is None and not given_flags:
        print(
            "survey new: give a BibTeX entry (--bibtex FILE, --bibtex -, or pipe it in) or "
            "the work's --title, --authors and --year",
            file=sys.stderr,
        )
        return 2
    if args.id is not None and not ID_PATTERN.fullmatch(args.id):
        print(
            f"survey new: --id {quoted(args.id)} must be lowercase letters, digits, '-' or '_', "
            "starting with a letter (e.g. lastname2024keyword)",
            file=sys.stderr,
        )
        return 2
    try:
        citation = flags
        if source is not None:
            entry, display = read_bibtex_entry(source, args.key, sys.stdin)
            citation = override(citation_from_bibtex(entry, display), flags)
        works_dir = args.works_dir or args.project.works_dir
        taxonomy = args.project.taxonomy
        known = KnownWorks.read(works_dir)
        new = build_record(citation, taxonomy, known.ids, record_id=args.id)
        path = write_new_record(new, works_dir, known, taxonomy, args.project.schema_path)
    except (BibtexError, NewRecordError) as err:
        print(err, file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"created {shown}")
    for note in new.notes:
        print(f"  {note}")
    todo = [name for name in new.todos if name not in taxonomy.tagged_ids]
    if todo:
        print(f"  to do: {', '.join(todo)} (see the TODO comments in the file)")
    print(f"next: fill in the tags ({', '.join(taxonomy.tagged_ids)}), then run: survey validate {shown}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from survey.contribute.init import generator_requirement, init_project  # only `survey init` needs them

    survis = args.from_survis
    if survis is not None:
        from survey.contribute.survis import SurvisError, locate

        try:
            locate(survis)
        except SurvisError as err:
            print(f"survey init: {err} (--from-survis names a SurVis site's folder, or its data file)", file=sys.stderr)
            return 2
    if args.dir.exists() and not args.dir.is_dir():
        print(f"survey init: {args.dir}: not a folder", file=sys.stderr)
        return 2
    try:
        result = init_project(
            args.dir, survis, force=args.force, survis_shown=str(survis) if survis is not None else None
        )
    except (BibtexError, OSError) as err:
        print(f"survey init: {err}", file=sys.stderr)
        return 1
    for problem in result.problems + result.summary:
        print(problem, file=sys.stderr)
    for name in result.kept:
        print(f"{args.dir / name}: edited since survey init wrote it: kept (--force replaces it)", file=sys.stderr)
    print(
        f"{args.dir}: {result.records} record(s); {len(result.written)} file(s) written, "
        f"{len(result.unchanged)} unchanged, {len(result.kept)} kept"
        + (f"; {len(result.problems)} import problem(s) above" if result.problems else "")
    )
    print(generator_requirement().said)
    print(f"next: cd {args.dir} && survey validate")
    return 0


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json(args.project.taxonomy, args.project.title))
    return 0


def _export(args: argparse.Namespace) -> int:
    works = _load(args.project)
    if args.format == "survis":
        from survey.contribute.survis.export import export_survis

        if args.output in (None, "-"):
            print("survey export: --format survis writes a folder: give it with -o DIR", file=sys.stderr)
            return 2
        try:
            written = export_survis(args.project, list(works), Path(args.output))
        except OSError as err:
            print(f"survey export: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
            return 1
        print(f"{len(works)} works written to {args.output} ({len(written)} files)", file=sys.stderr)
        return 0
    try:
        data = export_bytes(works, args.format, title=args.project.title)
    except MissingDependency as err:
        print(f"survey export: {err}", file=sys.stderr)
        return 1
    if args.output in (None, "-"):
        if args.format in BINARY_FORMATS and isinstance(sys.stdout, _GuardedOutput):
            sys.stdout.write_bytes(data)
        elif args.format in BINARY_FORMATS:
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        return 0
    try:
        write_bytes(args.output, data)
    except OSError as err:
        print(f"survey export: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"{len(works)} works written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
