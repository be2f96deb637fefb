"""What the site tests share: where the project is and how `make site` builds it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_site(config: Path, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into `out`, as `make site` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
