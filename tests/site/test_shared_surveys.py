"""Every real SurVis survey of ../shared/surveys (its README gives each one's counts and
quirks), as a new user would take it: imported with `survey init --from-survis`, checked
with `survey validate`, its counts compared with the README's, built with both builders,
and its whole output (every page, script, data file and search index, and what the
import, validation and builds said) searched for the flagship survey. The names searched
for are read from the flagship's own project files (survey.yml, its taxonomy, venues and
records), less any that the other survey's own files contain.

Each survey is imported once and built once per builder per session: the category-count
test (test_table_categories.py) serves the same Material builds."""
from __future__ import annotations

import gzip
import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pytest
import yaml

from sitebuild import BUILDERS, ROOT
from tests.support.browser import free_origin
from tests.survey.kb_helpers import SURVEYS

pytestmark = pytest.mark.slow

# The five surveys of shared/surveys/README.md.
SHARED_SURVEYS = ("catvis", "dataphys", "medialog", "surveyrefdata", "survis-sample")


def survey_cli(*args: str, cwd: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """The `survey` command, as a user runs it, in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "survey.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def shared_source(name: str) -> Path:
    """The survey's folder; a missing shared folder skips, except in CI, where it is there."""
    folder = SURVEYS / name
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the shared SurVis surveys are missing: {folder}")
        pytest.skip(f"{folder}: the shared surveys are not here (set SURVEY_SHARED_DIR)")
    return folder


@dataclass
class Imported:
    name: str
    source: Path
    project: Path
    messages: str  # what `survey init --from-survis` and `survey validate` said, and the commands' help


@dataclass
class Built:
    imported: Imported
    builder: str
    project: Path  # a copy of the imported project, built in place
    origin: str  # the origin the site was built for
    messages: str  # what `survey build` said
    site: Path = field(init=False)

    def __post_init__(self) -> None:
        self.site = self.project / "site"


_IMPORTED: dict[str, Imported] = {}
_BUILT: dict[tuple[str, str], Built] = {}


def imported_survey(tmp_path_factory: pytest.TempPathFactory, name: str) -> Imported:
    """`survey init --from-survis` and `survey validate`, once per session."""
    if name not in _IMPORTED:
        source = shared_source(name)
        project = tmp_path_factory.mktemp(f"shared-{name}") / "survey"
        made = survey_cli("init", str(project), "--from-survis", str(source), cwd=ROOT)
        assert made.returncode == 0, f"survey init --from-survis {name} failed:\n{made.stderr}"
        assert "Traceback" not in made.stderr
        checked = survey_cli("--project", str(project), "validate", cwd=ROOT)
        assert checked.returncode == 0, f"survey validate of {name} failed:\n{checked.stdout}\n{checked.stderr}"
        # the help of the commands a user of this project runs, which give its own examples
        helps = [survey_cli("--project", str(project), *command, "--help", cwd=ROOT)
                 for command in (["query"], ["stats"], ["new"], ["export"])]
        assert all(h.returncode == 0 for h in helps), [h.stderr for h in helps]
        messages = "\n".join((made.stdout, made.stderr, checked.stdout, checked.stderr, *(h.stdout for h in helps)))
        _IMPORTED[name] = Imported(name, source, project, messages)
    return _IMPORTED[name]


def built_survey(tmp_path_factory: pytest.TempPathFactory, name: str, builder: str) -> Built:
    """`survey build --builder BUILDER` of a copy of the imported project (each builder
    writes the project's site/ folder), once per survey and builder per session."""
    if (name, builder) not in _BUILT:
        imported = imported_survey(tmp_path_factory, name)
        project = tmp_path_factory.mktemp(f"shared-{name}-{builder}") / "survey"
        shutil.copytree(imported.project, project)
        origin = free_origin()
        result = survey_cli("build", "--builder", builder, cwd=project, site_url=origin + "/")
        assert result.returncode == 0, f"survey build --builder {builder} of {name} failed:\n{result.stdout}\n{result.stderr}"
        _BUILT[name, builder] = Built(imported, builder, project, origin, "\n".join((result.stdout, result.stderr)))
    return _BUILT[name, builder]


# --- what the README says --------------------------------------------------------------

README = SURVEYS / "README.md"


def readme_section(name: str) -> str:
    """The README's bullet on one survey: from "- `name/`:" to the next survey's."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^- `{re.escape(name)}/`:(.*?)(?=^- `[\w-]+/`:|\Z)", text, re.S | re.M)
    assert found, f"{README}: no section for {name}"
    return found.group(1)


def readme_papers(name: str) -> int:
    """The number of papers the README gives: "**Papers:** 128", "60 `@` entries", "holds 1 entry"."""
    found = re.search(r"\*\*Papers:\*\*\D*?(\d+)", readme_section(name))
    assert found, f"{README}: no paper count for {name}"
    return int(found.group(1))


def readme_facets(name: str) -> int | None:
    """The number of facets, where the README gives one for the file that is imported
    ("tagged under 6 facets", "**Facets (8)"); survis-sample's count is for the bib.js
    that is not read, surveyrefdata's is a list of spellings."""
    found = re.search(r"tagged under (\d+) facets|\*\*Facets \((\d+)\)", readme_section(name))
    return int(found.group(1) or found.group(2)) if found else None


SUMMARY = re.compile(r": (\d+) entries seen, (\d+) imported, \d+ repaired, (\d+) left out"
                     r"(?: \((\d+) works: (\d+) entries had the same DOI or title as another\))?")

@pytest.mark.parametrize("name", SHARED_SURVEYS)
def test_imports_every_paper_the_readme_counts(tmp_path_factory, name):
    survey = imported_survey(tmp_path_factory, name)
    summaries = SUMMARY.findall(survey.messages)
    assert len(summaries) == 1, survey.messages  # one bibliography read
    seen, imported, left_out, works, merged = (int(n or 0) for n in summaries[0])
    papers = readme_papers(name)
    assert (seen, imported, left_out) == (papers, papers, 0)
    # one record per work: entries with the DOI or title of another are one work
    assert len(list((survey.project / "works").glob("*.yaml"))) == (works or imported) == imported - merged
    facets = yaml.safe_load((survey.project / "taxonomy.yaml").read_text(encoding="utf-8"))["facets"]
    if readme_facets(name) is not None:
        assert len([f for f in facets if f.get("categories")]) == readme_facets(name)


# --- what of the flagship must not appear -------------------------------------------------


COMBINING_ACCENTS = re.compile("[\u0300-\u036f]")


def folded(text: str) -> str:
    """Text as compared here: LaTeX braces and accent commands dropped, accents folded,
    HTML entities read, spaces collapsed, lowercase; so that a name the other survey writes
    as "Vi{\\'e}gas" and a page shows as "Vi&eacute;gas" are the same."""
    text = html.unescape(text)
    text = re.sub(r"\\[^a-zA-Z\s]|\\[a-zA-Z]+(?=\{)|[{}]", "", text)
    text = COMBINING_ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    return re.sub(r"\s+", " ", text).lower()


@dataclass(frozen=True)
class Trace:
    """One name of the flagship: `text` as found in a page (a word or phrase, matched at
    word boundaries), `why` it is the flagship's. `own`: what, found in another survey's
    files, makes the name that survey's own too (a family name for a full name, which
    BibTeX writes 'Family, Given'; a venue for a venue query); the text itself by default."""
    text: str
    why: str
    own: str = ""

    @cached_property
    def name(self) -> str:
        """The text folded, as the text searched is."""
        return folded(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        return words_of(self.name)

    def found_in(self, searched: Searched) -> int:
        """Where the name occurs in the text as a word or phrase of its own (not inside a
        longer word or a hyphenated name), else -1. A name can only occur where the text
        holds each of its words (below), so most names are ruled out by a set lookup, and
        the rest found by str.find, not by one regular expression per name: the output of a
        site is megabytes."""
        if not self.words <= searched.words:
            return -1
        name, text = self.name, searched.text
        start = text.find(name)
        while start >= 0:
            before = text[start - 1] if start else " "
            after = text[start + len(name)] if start + len(name) < len(text) else " "
            if not (_word_char(name[0]) and _word_char(before)) and not (_word_char(name[-1]) and _word_char(after)):
                return start
            start = text.find(name, start + 1)
        return -1


# A word: a longest run of _word_char's characters (\w is str.isalnum() and "_"). Where a
# name occurs at word boundaries, each of its words is a whole word of the text: the name's
# first and last word end at those boundaries, the others at the name's own spaces or signs.
WORD = re.compile(r"[\w-]+")


def words_of(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text))


@dataclass(frozen=True)
class Searched:
    """A text folded, and its words."""
    text: str
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Searched:
        text = folded(text)
        return cls(text, words_of(text))


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


@cache
def flagship_traces() -> tuple[Trace, ...]:
    """The flagship's names, values and examples, read from its project files."""
    config = yaml.safe_load((ROOT / "survey.yml").read_text(encoding="utf-8"))
    taxonomy = yaml.safe_load((ROOT / config["taxonomy"]).read_text(encoding="utf-8"))
    venues = yaml.safe_load((ROOT / config["venues"]).read_text(encoding="utf-8"))["venues"]
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / config["works"]).glob("*.yaml"))]
    traces = [Trace(config["title"], "its title"), Trace(config["subject"], "its subject")]
    # the survey paper's title and authors, as survey.yml's citation gives them:
    # "Fred Hohman, Minsuk Kahng, ... and Duen Horng Chau. Visual Analytics in ...: An ..."
    citation = re.match(r"(.*?)\. (.*?)\. ", config["citation"])
    assert citation is not None, config["citation"]
    authors, title = citation.groups()
    for author in re.split(r",\s*|\s+and\s+", authors):
        family = author.split()[-1]
        traces += [Trace(author, "an author of its paper", family), Trace(family, "an author of its paper"),
                   Trace(f"author:{family}", "an author of its paper, as a query", family)]
    traces += [Trace(part.strip(), "its paper's title") for part in title.split(":")]
    # bigrams of its title that are not a stopword on either side: "deep learning"
    words = config["title"].split()
    traces += [Trace(f"{a} {b}", "words of its title") for a, b in zip(words, words[1:])
               if a.lower() not in STOPWORDS and b.lower() not in STOPWORDS]
    for snapshot in config.get("snapshots", ()):
        traces += [Trace(snapshot["id"], "its snapshot"), Trace(f"in:{snapshot['id']}", "its snapshot, as a query"),
                   Trace(snapshot["label"], "its snapshot's label")]
        traces += [Trace(f"in:{alias}", "its snapshot, as a query") for alias in snapshot.get("aliases", ())]
        traces += [Trace(snapshot[key], f"its snapshot's {key}") for key in ("field", "short", "since") if snapshot.get(key)]
    for facet in taxonomy["facets"]:
        traces += [Trace(f"{facet['id']}:", "a facet of its taxonomy, as a query"),
                   Trace(facet["question"], "a facet's question")]
        for category in facet.get("categories") or ():
            traces += [Trace(f"{facet['id']}:{category['id']}", "a category of its taxonomy, as a query"),
                       Trace(category["label"], "a category's label")]
            if "-" in category["id"]:  # a plain word ("units", "after") is anyone's
                traces.append(Trace(category["id"], "a category of its taxonomy"))
    traces += [Trace(f"venue:{abbr}", "a venue of its venues.yaml, as a query", abbr) for abbr in venues]
    traces += [Trace(venue["name"], "a venue of its venues.yaml") for venue in venues.values() if len(venue["name"]) > 12]
    # the abbreviations its settings use as examples ("venue:TVCG", "IEEE TVCG 2018"); the
    # others ("VIS", "IDEA", "Web") are words of any text
    settings = (ROOT / "survey.yml").read_text(encoding="utf-8")
    traces += [Trace(abbr, "a venue its survey.yml names") for abbr in venues
               if re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", settings)]
    for record in records:
        traces += [Trace(record["id"], "the id of one of its works"), Trace(record["title"], "a title of its works")]
        system = record["title"].split(":")[0]
        if ":" in record["title"] and " " not in system:  # "ActiVis: Visual Exploration of ..."
            traces.append(Trace(system, "a system of its works"))
        if record.get("doi"):
            traces.append(Trace(record["doi"], "a DOI of its works"))
    # last: where an example is also a name above ("author:kahng"), the name's `own` counts
    traces += [Trace(example, "a query example of its survey.yml") for example in config.get("query_examples", ())]
    first: dict[str, Trace] = {}
    for trace in traces:
        if len(trace.text) > 2:
            first.setdefault(trace.text.lower(), trace)
    return tuple(first.values())


STOPWORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}


@cache
def input_text(name: str) -> Searched:
    """Every text file of the shared survey's folder, folded."""
    texts = []
    for path in sorted(shared_source(name).rglob("*")):
        if path.is_file():
            texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return Searched.of("\n".join(texts))


def forbidden(project: Path, name: str) -> list[Trace]:
    """The flagship's names that this survey's output may not carry: those its own files do
    not contain (a survey of AutoML may well cite a work of the flagship's), and facet ids
    only where its taxonomy has no facet of that id."""
    own_facets = {f["id"] for f in yaml.safe_load((project / "taxonomy.yaml").read_text(encoding="utf-8"))["facets"]}
    source = input_text(name)
    return [t for t in flagship_traces()
            if Trace(t.own or t.text, t.why).found_in(source) < 0 and t.text.split(":")[0] not in own_facets]


# Every file a site holds but its images, fonts, Parquet and Pagefind's WebAssembly: pages,
# scripts (and their source maps), styles, data, feeds, and the search indexes (Material's
# search.json; Pagefind's fragments, metadata and word index, gzip-compressed; its word
# index is CBOR, whose strings are UTF-8 as they are).
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".map", ".json", ".xml", ".txt", ".csv", ".bib", ".yml", ".yaml", ".md",
                 ".svg", ".cff", ".css", ".ris", ".webmanifest", ".gz", ".pf_fragment", ".pf_meta", ".pf_index"}


def site_texts(site: Path) -> dict[str, str]:
    """Every text file of a site, decompressed where it is gzip."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def flagship_hits(texts: dict[str, str], traces: list[Trace]) -> list[str]:
    """'where: name (why): ...context...' for each text that carries one of the names."""
    found = []
    for where, text in texts.items():
        searched = Searched.of(text)
        for trace in traces:
            at = trace.found_in(searched)
            if at >= 0:
                context = searched.text[max(0, at - 60):at + len(trace.text) + 60].replace("\n", " ")
                found.append(f"{where}: {trace.text!r} ({trace.why}): ...{context}...")
    return found


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("name", SHARED_SURVEYS)
def test_builds_and_nothing_of_the_flagship_appears(tmp_path_factory, name, builder):
    built = built_survey(tmp_path_factory, name, builder)
    assert (built.site / "index.html").is_file() and (built.site / "table" / "index.html").is_file()
    traces = forbidden(built.project, name)
    assert any(t.text == "tvcg2018" for t in traces) and len(traces) > 100  # the list is read, not empty
    texts = {"messages": built.imported.messages + "\n" + built.messages, **site_texts(built.site)}
    assert any(where.endswith(".pf_fragment") for where in texts)  # the search index (Pagefind), read
    found = flagship_hits(texts, traces)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", SHARED_SURVEYS)
def test_the_imported_project_carries_nothing_of_the_flagship(tmp_path_factory, name):
    """What `survey init --from-survis` writes (settings, taxonomy, venues, records, the
    record schema, README, CI workflow) is the survey's own and generic."""
    survey = imported_survey(tmp_path_factory, name)
    texts = {path.relative_to(survey.project).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(survey.project.rglob("*")) if path.is_file()}
    assert {"survey.yml", "taxonomy.yaml", "record.schema.json", "README.md"} <= set(texts)
    found = flagship_hits(texts, forbidden(survey.project, name))
    assert not found, "\n".join(found)


def test_the_scan_finds_each_name_wherever_a_word_boundary_allows_it():
    """The scan can fail, and its word lookup rules out no real occurrence: each flagship
    name, written into a page at and off word boundaries, is found exactly where a plain
    regular expression finds it, and flagship_hits reports it."""
    contexts = ("{}", "see {}.", "<p>({})</p>", "x{}", "{}y", "-{} ", " {}_", "\u00e9{}", "{}2")
    for trace in flagship_traces():
        left = r"(?<![\w-])" if _word_char(trace.name[0]) else ""
        right = r"(?![\w-])" if _word_char(trace.name[-1]) else ""
        boundaries = re.compile(left + re.escape(trace.name) + right)
        for context in contexts:
            page = Searched.of(context.format(trace.text))
            assert (trace.found_in(page) >= 0) == bool(boundaries.search(page.text)), (trace.text, context)
    tvcg = next(t for t in flagship_traces() if t.text == "tvcg2018")
    assert flagship_hits({"index.html": "<p>In TVCG2018, as the survey says</p>"}, [tvcg]) == [
        "index.html: 'tvcg2018' (its snapshot): ...<p>in tvcg2018, as the survey says</p>..."]
