"""/data/: the published dataset at stable URLs, each file the same bytes as `survey export`,
listed on a page in the site's navigation, and downloadable from a browser."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT

FILES = {"csv": "works.csv", "json": "works.json", "bibtex": "works.bib", "parquet": "works.parquet"}


def _export(fmt: str) -> bytes:
    return subprocess.run([sys.executable, "-m", "survey.cli", "export", "--format", fmt],
                          cwd=ROOT, capture_output=True, check=True).stdout


@pytest.mark.parametrize("fmt", FILES)
def test_each_data_file_is_byte_identical_to_the_export(site_dir: Path, fmt):
    assert (site_dir / "data" / FILES[fmt]).read_bytes() == _export(fmt)


def test_the_data_page_lists_every_file_and_is_in_the_navigation(site_dir: Path):
    html = (site_dir / "data" / "index.html").read_text(encoding="utf-8")
    for name in FILES.values():
        assert f'<a href="{name}" download>{name}</a>' in html
    version = _export("bibtex").decode().split("\n", 1)[0].split(": ", 1)[1].rstrip("}")
    assert f"This version: <strong>{version}</strong>" in html
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\./)?data/"', home)  # Material writes data/, Zensical ./data/


def test_works_bib_downloads_in_the_browser(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name="works.bib").click()
    assert download.value.suggested_filename == "works.bib"
    assert Path(download.value.path()).read_bytes() == _export("bibtex")
    watched.assert_clean()
