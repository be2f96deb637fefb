"""`make serve`: the builder's own server on the build folder, and a watcher that reruns
the generate step when a record, the taxonomy, an article, a hand-written page or a
generator changes. Generate renders again only the pages whose inputs changed (the page
memo, site_src.pages.memo) and writes only files whose content changed, so the builder
rebuilds (Material with --dirty, Zensical's server incrementally) and reloads just those pages."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from site_src.build.builders import builder_config, python_path
from site_src.build.docs import ROOT, BuildFolder

# Besides the records and articles being served: the taxonomy and venues, the generators,
# the hand-written pages and the demos' code.
WATCHED = ["survey", "site_src/pages", "site_src/docs", "vizlib", "CONTRIBUTING.md"]
POLL_SECONDS = 0.5


def snapshot(paths: list[Path]) -> dict[Path, int]:
    """Modification times of every file under `paths`: a few thousand stat calls."""
    times: dict[Path, int] = {}
    for top in paths:
        files = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                times[path] = path.stat().st_mtime_ns
    return times


def generate(extra: list[str]) -> bool:
    """Generate in a fresh interpreter, so that edited generators are the ones that run."""
    env = {**os.environ, "PYTHONPATH": python_path()}
    return subprocess.run([sys.executable, "-m", "site_src.build", "generate", *extra],
                          cwd=ROOT, env=env).returncode == 0


def serve(builder: str, build: BuildFolder, config: dict, generate_args: list[str],
          sources: list[Path], dev_addr: str = "127.0.0.1:8000") -> int:
    if not generate(generate_args):
        return 1
    site_dir = build.path / f"serve-{builder}"
    # Not strict: `mkdocs serve --dirty` warns that navigation may be stale, which it may.
    config_file = builder_config(dict(config, strict=False), builder, build, site_dir,
                                 site_url=f"http://{dev_addr}/")
    server = ([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file)]
              if builder == "material" else
              [sys.executable, "-m", "zensical", "serve", "-f", str(config_file)]) + ["-a", dev_addr]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path()}
    child = subprocess.Popen(server, cwd=config_file.parent, env=env)
    watched = [ROOT / p for p in WATCHED] + sources
    before = snapshot(watched)
    try:
        while child.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(watched)
            if now != before:
                before = now
                print("serve: sources changed, generating", flush=True)
                generate(generate_args)  # a failure is printed; the last good pages stay
        return child.returncode
    except KeyboardInterrupt:
        child.terminate()
        return child.wait()
