"""What the site tests share: where the project is, how `make site` builds it, and how
each builder's search is read (the one place that knows where they differ)."""
from __future__ import annotations

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


def site_search(page, query: str) -> list[str]:
    """Type into the site's search; the links of its results. Material has an input in
    the header that listens to key events; Zensical opens a dialog in a shadow root (which
    locators enter) from a button."""
    if page.locator("input.md-search__input").count():
        page.locator("input.md-search__input").first.click()
        page.keyboard.type(query)
        results = "a.md-search-result__link"
    else:
        page.click("button.md-search__button")
        page.locator("dialog input").first.fill(query)
        results = "dialog a"
    page.wait_for_selector(results)
    return page.locator(results).evaluate_all("links => links.map(a => a.href)")


def search_index_texts(site_dir: Path) -> dict[str, str]:
    """Each indexed location's text, from Material's search/search_index.json (`docs`) or
    Zensical's search.json (`items`)."""
    material = site_dir / "search" / "search_index.json"
    index = json.loads((material if material.exists() else site_dir / "search.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for entry in index.get("docs") or index.get("items") or []:
        texts[entry["location"]] = texts.get(entry["location"], "") + " " + entry["text"]
    return texts
