"""What the site tests share: where the project is and how `make site` builds it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Both builders build every site test's site; Material is the default of `make site`.
BUILDERS = ("material", "zensical")


def build_site(config: Path, out: Path, site_url: str | None = None, *, builder: str = "material",
               works: Path | None = None, explorables: Path | None = None,
               build: Path | None = None) -> subprocess.CompletedProcess:
    """`make site` into `out`: generate from `works` and `explorables` (the project's by
    default) into the build folder `build` (a fresh one beside `out` by default), then
    build with `builder` using `config` (the project's mkdocs.yml)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "site_src.build", "site", "--builder", builder,
               "--config", str(config), "--site-dir", str(out),
               "--build", str(build or out.with_name(out.name + "-build"))]
    if site_url:
        command += ["--site-url", site_url]
    if works:
        command += ["--works", str(works)]
    if explorables:
        command += ["--explorables", str(explorables)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
