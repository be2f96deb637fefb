"""Site builds with each builder, against a bare build of as many one-line pages with the
same builder: cold build (generate + build), the generate step alone, and edit-to-reload
(one record changed, then generate in `make serve`'s generator process, which keeps its
modules imported between edits, and the builder's incremental rebuild, as `make serve`
does). Times are CPU seconds of the child processes (see _run). Site search is indexed
after the builder and measured on its own (benchmarks/search.py)."""

from __future__ import annotations

import html
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

from benchmarks.figures import Figure
from site_src.pipeline import builders
from site_src.pipeline.docs import BuildFolder
from site_src.pipeline.serve import Generator

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "http://127.0.0.1:8000/"


def _run(command: list[str]) -> float:
    """CPU seconds (user + system) of a command in a child process, raising with its output
    if it fails. CPU time, not wall time: on a machine shared with other work, wall time
    measures the neighbours; both builders and their floors are measured the same way."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": builders.python_path()}
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None  # stdout=PIPE
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own resources
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command)} failed:\n{output.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


def generate(works: Path, build: Path, demo_cache: Path) -> float:
    """The generate step. A fresh build folder gets the Vega bundle the priming run made, as
    the project's build/ keeps it: like the demos, it depends on no record."""
    primed = demo_cache.parent / "bench-prime" / "vendor-cache"
    if primed.exists() and not (build / "vendor-cache").exists():
        shutil.copytree(primed, build / "vendor-cache")
    return _run(
        [
            sys.executable,
            "-m",
            "site_src.pipeline",
            "generate",
            "--build",
            str(build),
            "--works",
            str(works),
            "--demo-cache",
            str(demo_cache),
            "--site-url",
            SITE_URL,
        ]
    )


class ServeGenerator:
    """`make serve`'s generator process on a build folder: started and run once when the
    server starts (untimed), then timed for each generate after an edit, in CPU seconds of
    that process, as _run counts a child's."""

    def __init__(self, works: Path, build: Path, demo_cache: Path):
        self.generator = Generator(
            ["--build", str(build), "--works", str(works), "--demo-cache", str(demo_cache), "--site-url", SITE_URL],
            quiet=True,
        )
        if not self.generator.ask("generate"):
            raise RuntimeError(f"make serve's generator failed on {works}")

    def generate(self) -> float:
        assert self.generator.process is not None  # started in __init__
        pid = self.generator.process.pid
        before = _cpu_seconds(pid)
        if not self.generator.ask("generate"):
            raise RuntimeError("make serve's generator failed after the edit")
        return _cpu_seconds(pid) - before

    def stop(self) -> None:
        self.generator.stop()


def build_docs(builder: str, build: Path, site: Path, *, dirty: bool = False, config: dict | None = None) -> float:
    """The builder alone, on docs already generated into `build`/docs."""
    folder = BuildFolder(build)
    config_file = builders.builder_config(config or builders.project_config(), builder, folder, site, site_url=SITE_URL)
    return _run(builders.command(builder, config_file, dirty=dirty))


def bare_build(builder: str, folder: Path, pages: int, config: dict | None = None) -> float:
    """The floor: a site of `pages` one-paragraph pages, the theme and the plugins of `config`,
    nothing else."""
    build = folder / f"bare-{builder}"
    docs = build / "docs"
    (docs / "works").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Bare site\n\nA floor for the build benchmark.\n")
    for i in range(pages):
        (docs / "works" / f"w{i:05d}.md").write_text(
            f"# Work {i}\n\nA plain page with a paragraph of text, number {i}.\n"
        )
    config = dict(config or builders.project_config())
    config.update(nav=["index.md"], extra_css=[], extra_javascript=[], markdown_extensions=[], not_in_nav="/works/")
    config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    (build / "raw-nonce").write_text("0" * 64)
    return build_docs(builder, build, build / "site", config=config)


def edit_one_record(works: Path) -> tuple[str, str]:
    """Change the title of the middle record; its id and new title."""
    record = sorted(works.glob("*.yaml"))[len(list(works.glob("*.yaml"))) // 2]
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["title"] = data["title"] + " (edited)"
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data["id"], data["title"]


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system, all threads) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _settled(pid: int, ready: Path, text: str, timeout: float = 600) -> float:
    """Wait until `ready` holds `text` and the process has stopped using CPU; its CPU seconds.
    Quiet means 3 s without a tick of CPU: on a loaded machine a busy process still gets some
    CPU every few tenths of a second."""
    deadline = time.monotonic() + timeout
    last, quiet = -1.0, 0
    while time.monotonic() < deadline:
        time.sleep(0.5)
        used = _cpu_seconds(pid)
        done = ready.exists() and text in ready.read_text(encoding="utf-8", errors="replace")
        quiet = quiet + 1 if done and used - last < 0.005 else 0
        last = used
        if quiet >= 6:
            return used
    raise RuntimeError(f"the server never settled with {text!r} in {ready}")


def zensical_serve_reload(works: Path, build: Path, generator: ServeGenerator, config: dict) -> float:
    """Edit-to-reload under `zensical serve`, as `make serve BUILDER=zensical` runs it: the
    generate step's CPU plus the server's own CPU from the edit until the page is rebuilt and
    the server is idle. (`zensical build` renders every page's template again even when its
    cache holds the Markdown; the server re-renders only what changed.)"""
    folder = BuildFolder(build)
    site = build / "serve-site"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    config_file = builders.builder_config(
        dict(config, strict=False), "zensical", folder, site, site_url=f"http://{address}/"
    )
    env = {**os.environ, "PYTHONPATH": builders.python_path()}
    server = subprocess.Popen(
        [sys.executable, "-m", "zensical", "serve", "-f", str(config_file), "-a", address],
        cwd=config_file.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        before = _settled(server.pid, site / "index.html", "</html>")
        work_id, title = edit_one_record(works)
        generation = generator.generate()
        page = site / "works" / work_id / "index.html"
        return generation + _settled(server.pid, page, html.escape(title)) - before
    finally:
        server.terminate()
        server.wait(timeout=60)


def prime_demo_cache(tmp: Path, demo_cache: Path) -> None:
    """Train any demo missing from the cache, untimed: the figures measure builds."""
    shutil.rmtree(demo_cache.parent / "bench-prime", ignore_errors=True)
    generate(ROOT / "survey" / "works", demo_cache.parent / "bench-prime", demo_cache)


def memory(tmp: Path, works: Path, demo_cache: Path) -> tuple[Path, float, int]:
    """Generate and build a site with Material: its folder, wall seconds, the builder's
    peak RSS (KiB, from wait4: that child's own)."""
    build = tmp / "memory-build"
    seconds = generate(works, build, demo_cache)
    config_file = builders.builder_config(
        builders.project_config(), "material", BuildFolder(build), build / "site", site_url=SITE_URL
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": builders.python_path()}
    start = time.perf_counter()
    child = subprocess.Popen(
        builders.command("material", config_file), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert child.stdout is not None  # stdout=PIPE
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"build failed:\n{output.decode(errors='replace')}")
    return build / "site", seconds + time.perf_counter() - start, usage.ru_maxrss


def measure(tmp: Path, works: Path, n: int, demo_cache: Path, *, edit: bool) -> list[Figure]:
    """Figures for one site size with each builder. Demos come from `demo_cache`, which the
    caller has filled: training them is measured by benchmarks/demos.py. The edits change
    `works`: the caller passes a copy it can spare."""
    config = builders.project_config()
    figures = []
    for builder in builders.BUILDERS:
        folder = tmp / f"{builder}-{n}"
        floor = bare_build(builder, folder, n, config)
        site = folder / "build" / "site"  # Zensical writes only below its config's folder
        generation = generate(works, folder / "build", demo_cache)
        building = build_docs(builder, folder / "build", site, config=config)
        cold = generation + building
        figures += [
            Figure(
                f"{builder}: cold build, {n} works",
                cold,
                "s",
                floor,
                f"bare {builder} build of {n} pages",
                "<= 1.2x",
                1.2,
            ),
            Figure(
                f"{builder}: generate step, {n} works",
                generation,
                "s",
                building,
                f"{builder} building the generated docs",
                "<= 0.3x",
                0.3,
            ),
        ]
        if edit:
            generator = ServeGenerator(works, folder / "build", demo_cache)
            try:
                if builder == "material":  # `mkdocs serve --dirty` rebuilds as `mkdocs build --dirty` does
                    edit_one_record(works)
                    reload = generator.generate() + build_docs(
                        builder, folder / "build", site, dirty=True, config=config
                    )
                else:
                    reload = zensical_serve_reload(works, folder / "build", generator, config)
            finally:
                generator.stop()
            figures.append(
                Figure(
                    f"{builder}: edit one record to reload, {n} works",
                    reload,
                    "s",
                    cold,
                    f"cold {builder} build",
                    "<= 0.25x",
                    0.25,
                )
            )
    return figures
