"""What the site tests share: where the project is, how `make site` builds it, and how
the site's search is used and read."""
from __future__ import annotations

import gzip
import json
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
    command = [sys.executable, "-m", "site_src.pipeline", "site", "--builder", builder,
               "--config", str(config), "--site-dir", str(out),
               "--build", str(build or out.with_name(out.name + "-build"))]
    if site_url:
        command += ["--site-url", site_url]
    if works:
        command += ["--works", str(works)]
    if explorables:
        command += ["--explorables", str(explorables)]
    return _run(command)


def generate(works: Path, build: Path) -> subprocess.CompletedProcess:
    """`make generate` of the records in `works` into the build folder `build`."""
    return _run([sys.executable, "-m", "site_src.pipeline", "generate", "--works", str(works),
                 "--build", str(build)])


def _run(command: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def site_search(page, query: str) -> list[str]:
    """Type into the search field of the site's header and press Enter; the links of the
    results on /search/. The same in both builders (site-search.js, Pagefind's index)."""
    page.locator("input.site-search-header__input").click()
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_function("q => document.querySelector('.site-search__status')?.textContent.includes(q)",
                           arg=query)
    return page.locator(".site-search__results a").evaluate_all("links => links.map(a => a.href)")


def search_index_texts(site_dir: Path) -> dict[str, dict]:
    """What site search holds for each URL: {"content": text, "meta": {...}}, read from the
    Pagefind index's fragments (gzip files of "pagefind_dcd" and a JSON object)."""
    entries: dict[str, dict] = {}
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        entries[data["url"]] = {"content": data["content"], "meta": data["meta"]}
    return entries
