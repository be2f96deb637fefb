"""`make serve` (python -m site_src.build serve): the generator stays in one process between
edits of records (no fresh interpreter re-importing pandas, pybtex and Altair per edit), the
edit reaches the served page, and site search works while editing: the index is built once
the server is up and again after a change, so the search page lists results instead of
"Search is unavailable"."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from site_src.build.serve import _page_paths, needs_fresh_worker
from tests.support.browser import launch, require_browser

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> str:
    try:
        with urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (URLError, OSError):
        return ""


def _wait(check, timeout: float = 300, step: float = 0.05) -> float | None:
    """Seconds until check() is true, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(step)
    return None


def _workers(session: int) -> list[int]:
    """The generator workers among the processes of the server's session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != session:
                continue
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ProcessLookupError):
            continue
        if b"site_src.build.serve" in command and b"--worker" in command:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`serve` with Material on a copy of the project's 45 records: (address, works folder, pid)."""
    tmp = tmp_path_factory.mktemp("serve")
    works = tmp / "works"
    shutil.copytree(ROOT / "survey" / "works", works)
    (tmp / "explorables").mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen([sys.executable, "-m", "site_src.build", "serve", "--builder", "material",
                              "--build", str(tmp / "build"), "--works", str(works),
                              "--explorables", str(tmp / "explorables"), "--dev-addr", address],
                             cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        page = f"http://{address}/works/kahng2018activis/"
        assert _wait(lambda: "ActiVis: Visual Exploration" in _get(page), 400) is not None, "never served"
        yield address, works, child.pid
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)


def test_record_edits_are_generated_in_one_process(served):
    address, works, pid = served
    page = f"http://{address}/works/kahng2018activis/"
    workers = _workers(pid)
    assert len(workers) == 1
    record = works / "kahng2018activis.yaml"
    seconds = []
    for n in range(2):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"title: 'ActiVis[^:]*:", f"title: 'ActiVis EDIT{n}:", text), encoding="utf-8")
        took = _wait(lambda: f"ActiVis EDIT{n}: Visual Exploration" in _get(page), 120)
        assert took is not None, "the edit never reached the page"
        seconds.append(took)
        time.sleep(1)
    assert _workers(pid) == workers  # the same generator process: no interpreter per edit
    # Under 1 s on an idle machine; CI machines are shared, so only a gross regression fails
    print(f"edit-to-reload: {', '.join(f'{s:.2f} s' for s in seconds)}")
    assert min(seconds) < 10


def test_search_works_under_serve(served):
    address, _, _ = served
    entry = f"http://{address}/pagefind/pagefind-entry.json"
    assert _wait(lambda: '"languages"' in _get(entry), 180) is not None, "no search index is served"
    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, executable)
        page = browser.new_page()
        page.goto(f"http://{address}/search/?q=ActiVis")
        page.wait_for_function("() => document.querySelectorAll('.site-search__results a').length > 0",
                               timeout=30_000)
        links = page.locator(".site-search__results a").evaluate_all("links => links.map(a => a.href)")
        status = page.locator(".site-search__status").inner_text()
        browser.close()
    assert f"http://{address}/works/kahng2018activis/" in links
    assert "unavailable" not in status.lower()


def test_what_starts_a_fresh_generator(tmp_path):
    works, docs = tmp_path / "works", tmp_path / "docs"
    assert not needs_fresh_worker({works / "a.yaml", docs / "guide" / "x.md"}, [works, docs])
    assert needs_fresh_worker({works / "a.yaml", ROOT / "site_src" / "pages" / "table.py"}, [works, docs])
    assert needs_fresh_worker({tmp_path / "taxonomy.yaml"}, [works, docs])  # kept in a cache


def test_page_paths_are_the_builders_directory_urls(tmp_path):
    for rel in ("index.md", "table.md", "works/a/index.md", "guide/b.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert _page_paths(tmp_path) == ["", "guide/b/", "table/", "works/a/"]
