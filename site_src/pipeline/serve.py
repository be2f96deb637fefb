"""`make serve`: the builder's own server on the build folder, a generator that stays in one
process, and a watcher that has it generate again when a record, the taxonomy, an article,
a hand-written page or a generator changes. Generate renders again only the pages whose
inputs changed (the page memo, site_src.pages.memo) and writes only files whose content
changed, so the builder rebuilds (Material with --dirty, Zensical's server incrementally)
and reloads just those pages.

The generator runs in a worker process that keeps pandas, pybtex, Altair and the page code
imported between edits: an edit to a record, an article or a hand-written page is generated
again in that process, in a fraction of a second. An edit to the code (a .py file) or to
what modules keep in memory (the taxonomy, venues, survey.yml) starts a fresh worker, so
that edited generators are the ones that run.

Site search: once the server is up, and again after a change once nothing has changed for
a few seconds, the worker fetches the served pages, indexes them with Pagefind
(site_src.pipeline.search) and generates once more with the index under pagefind/, which the
builder serves as it serves any file of the docs. The search page works while editing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urljoin
from urllib.request import urlopen

from site_src.pipeline.builders import builder_config, python_path
from site_src.pipeline.docs import ROOT, BuildFolder

# Besides the records and articles being served: the taxonomy and venues, the generators,
# the hand-written pages and the demos' code.
WATCHED = ["survey", "site_src/pages", "site_src/docs", "vizlib", "CONTRIBUTING.md"]
# How often the sources are looked at: every 0.1 s, or less often where one look takes long
# (a stat per file: 2 ms at 45 works), so that watching never takes more than a sixth of a core.
POLL_SECONDS = 0.1
POLL_SHARE = 5  # the pause is at least this many times one look
# Search is indexed again once the sources have not changed for this long: an index takes
# a few seconds of CPU, which should not compete with the reloads of someone editing.
INDEX_IDLE_SECONDS = 3.0
# What a worker keeps in memory between edits: modules, and the taxonomy and project files
# that functools caches hold. A change to anything else is generated in the same worker.
RESTART_SUFFIXES = (".py",)
SEARCH_INDEX = "serve-search"  # in the build folder: the index the served site gets as pagefind/


def snapshot(paths: list[Path]) -> dict[Path, int]:
    """Modification times of every file under `paths`: a few thousand stat calls."""
    times: dict[Path, int] = {}
    for top in paths:
        files = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                times[path] = path.stat().st_mtime_ns
    return times


def changed_files(before: dict[Path, int], now: dict[Path, int]) -> set[Path]:
    return {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}


def needs_fresh_worker(changed: set[Path], data_folders: list[Path]) -> bool:
    """Whether a change reaches what a worker keeps in memory: code, or a file outside the
    folders of records, articles and hand-written pages (the taxonomy, venues, survey.yml)."""
    folders = [f.resolve() for f in data_folders]
    for path in changed:
        path = path.resolve()
        if path.suffix in RESTART_SUFFIXES:
            return True
        if not any(path == folder or folder in path.parents for folder in folders):
            return True
    return False


class Generator:
    """The worker process that generates the docs, kept between edits."""

    def __init__(self, generate_args: list[str], quiet: bool = False):
        self.generate_args = generate_args
        self.quiet = quiet  # the benchmark's: what generating prints is dropped
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": python_path()}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_src.pipeline.serve", "--worker", *self.generate_args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            stderr=subprocess.DEVNULL if self.quiet else None,
        )

    def ask(self, command: str) -> bool:
        """Send one command ('generate', or 'index URL') and wait for its answer; True when it
        succeeded. A worker that died is started again for the next command."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        assert self.process and self.process.stdin and self.process.stdout
        try:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        return answer.strip() == "ok"

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            if self.process.stdin is not None:  # a pipe: started with stdin=PIPE
                self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def serve(
    builder: str,
    build: BuildFolder,
    config: dict,
    generate_args: list[str],
    sources: list[Path],
    dev_addr: str = "127.0.0.1:8000",
    data_folders: list[Path] | None = None,
) -> int:
    """Serve the site at `dev_addr`, generating again on every change of `sources` and of
    the project's own code. `data_folders`: where an edit is generated in the running
    worker (records, articles, hand-written pages); a change elsewhere starts a fresh one."""
    generate_args = [*generate_args, "--search-index", str(build.path / SEARCH_INDEX)]
    generator = Generator(generate_args)
    if not generator.ask("generate"):
        generator.stop()
        return 1
    site_dir = build.path / f"serve-{builder}"
    # Not strict: `mkdocs serve --dirty` warns that navigation may be stale, which it may.
    config_file = builder_config(dict(config, strict=False), builder, build, site_dir, site_url=f"http://{dev_addr}/")
    server = (
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file)]
        if builder == "material"
        else [sys.executable, "-m", "zensical", "serve", "-f", str(config_file)]
    ) + ["-a", dev_addr]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path()}
    child = subprocess.Popen(server, cwd=config_file.parent, env=env)
    watched = [ROOT / p for p in WATCHED] + sources
    data = data_folders if data_folders is not None else sources
    data = [*data, ROOT / "site_src" / "docs", ROOT / "CONTRIBUTING.md", ROOT / "benchmarks" / "results.json"]
    before = snapshot(watched)
    last_change = time.monotonic()
    index_due = True  # once at start, once the server answers
    pause = POLL_SECONDS
    try:
        while child.poll() is None:
            time.sleep(pause)
            looked = time.perf_counter()
            now = snapshot(watched)
            pause = max(POLL_SECONDS, POLL_SHARE * (time.perf_counter() - looked))
            if now != before:
                changed = changed_files(before, now)
                before, last_change, index_due = now, time.monotonic(), True
                if needs_fresh_worker(changed, data):
                    print("serve: code or settings changed, starting a fresh generator", flush=True)
                    generator.restart()
                print("serve: sources changed, generating", flush=True)
                generator.ask("generate")  # a failure is printed; the last good pages stay
            elif index_due and time.monotonic() - last_change >= INDEX_IDLE_SECONDS and _answers(f"http://{dev_addr}/"):
                index_due = False
                print("serve: indexing the site for search", flush=True)
                generator.ask(f"index http://{dev_addr}/")
        return child.returncode
    except KeyboardInterrupt:
        child.terminate()
        return child.wait()
    finally:
        generator.stop()


def _answers(url: str) -> bool:
    try:
        with urlopen(url, timeout=2) as response:
            return response.status == 200
    except (URLError, OSError):
        return False


# -- the worker ------------------------------------------------------------------------------


def worker(generate_args: list[str]) -> int:
    """Read commands from standard input, one a line, and answer each with 'ok' or 'failed'
    on standard output; what generating prints goes to standard error."""
    from site_src.pipeline.__main__ import main as build_main

    answers = sys.stdout
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(sys.stderr):
            try:
                if command == "generate":
                    ok = build_main(["generate", *generate_args]) == 0
                elif command == "index":
                    ok = index_served_site(argument, generate_args) and build_main(["generate", *generate_args]) == 0
                else:
                    ok = False
            except Exception as err:  # the server keeps running on the last good pages
                print(f"serve: {type(err).__name__}: {err}", file=sys.stderr)
                ok = False
        print(
            f"serve: {command} took {time.perf_counter() - wall:.2f} s ({time.process_time() - cpu:.2f} s CPU)",
            file=sys.stderr,
            flush=True,
        )
        answers.write("ok\n" if ok else "failed\n")
        answers.flush()
    return 0


def _option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


def index_served_site(url: str, generate_args: list[str]) -> bool:
    """Fetch every page the served site has (but the work pages, indexed from their records,
    as `make site` indexes them), index them with Pagefind and keep the index in the build
    folder, where the next generate takes it into the docs as pagefind/."""
    from site_src.pipeline import search
    from survey import load
    from survey.records.project import load_project

    index_dir = Path(_option(generate_args, "--search-index") or "")
    project = _option(generate_args, "--project")
    if project:
        from site_src.pipeline.project import build_folder

        found = load_project(project)
        works, docs = load([found.works_dir], found.taxonomy), build_folder(found).docs
    else:
        works = load([_option(generate_args, "--works") or ROOT / "survey" / "works"])
        docs = Path(_option(generate_args, "--build") or ROOT / "build") / "docs"
    with tempfile.TemporaryDirectory(prefix=".serve-crawl-", dir=index_dir.parent) as folder:
        site = Path(folder) / "site"
        for page in _page_paths(docs):
            if page.split("/", 1)[0] in ("works", "assets", search.FOLDER, "search"):
                continue
            try:
                with urlopen(urljoin(url, page), timeout=30) as response:
                    html = response.read()
            except (URLError, OSError):
                continue  # a page the builder has not written yet: indexed next time
            target = site / page / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        try:
            search.write_index(site, works, url)
        except search.SearchIndexError as err:
            print(f"serve: {err}", file=sys.stderr)
            return False
        fresh = Path(folder) / "index"
        shutil.copytree(site / search.FOLDER, fresh)
        shutil.rmtree(index_dir, ignore_errors=True)
        os.replace(fresh, index_dir)
    return True


def _page_paths(docs: Path) -> list[str]:
    """The URL paths (without the leading '/') of the Markdown pages in `docs`, as the
    builders write them with directory URLs: a/b.md and a/b/index.md are a/b/."""
    paths = set()
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        rel = rel.removesuffix("index").rstrip("/") if rel == "index" or rel.endswith("/index") else rel
        paths.add(rel + "/" if rel else "")
    return sorted(paths)


def search_index_files(index_dir: Path | None) -> dict[str, bytes]:
    """The search index `make serve` made, as docs files under pagefind/; {} when none."""
    if index_dir is None or not index_dir.is_dir():
        return {}
    from site_src.pipeline.search import FOLDER

    return {
        f"{FOLDER}/{path.relative_to(index_dir).as_posix()}": path.read_bytes()
        for path in sorted(index_dir.rglob("*"))
        if path.is_file()
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        sys.exit(worker(sys.argv[2:]))
    sys.exit("python -m site_src.pipeline.serve --worker GENERATE-ARGS: the generator of `make serve`")
