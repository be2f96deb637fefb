"""`make site` writes a site a web server running as another user can read: folders 0755
and files 0644 at least (the fresh folder came from mkdtemp, 0700), whatever the umask."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from site_src.build import builders
from site_src.build.docs import BuildFolder


def test_the_built_site_is_world_readable(tmp_path):
    build = BuildFolder(tmp_path / "build")
    build.docs.mkdir(parents=True)
    (build.docs / "index.md").write_text("# A page\n", encoding="utf-8")
    (build.docs / "sub").mkdir()
    (build.docs / "sub" / "page.md").write_text("# Another\n", encoding="utf-8")
    config = {"site_name": "Test", "theme": {"name": "mkdocs"}, "markdown_extensions": []}
    before = os.umask(0o077)  # the strictest umask: files the builder writes are 0600
    try:
        result = builders.build_site("material", build, tmp_path / "site", site_url="http://x.test/",
                                     config=config)
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in [site, *site.rglob("*")]}
    assert (site / "sub" / "page" / "index.html") in modes
    assert {p: oct(m) for p, m in modes.items() if p.is_dir() and m & 0o755 != 0o755} == {}
    assert {p: oct(m) for p, m in modes.items() if p.is_file() and m & 0o644 != 0o644} == {}
    assert not any(m & 0o022 for m in modes.values())  # readable, not writable, by others


def test_a_link_in_the_site_is_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    outside.chmod(0o600)
    site = tmp_path / "site"
    site.mkdir(mode=0o700)
    os.symlink(outside, site / "link")
    builders.make_world_readable(site)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(site).stat().st_mode) == 0o755
