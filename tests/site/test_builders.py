"""Material and Zensical give the same site; the generate step writes only what changed and
keeps hand-written pages; a failed or killed build leaves the previous site in place."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

from sitebuild import BUILDERS, ROOT, build_site
from site_src.pipeline.docs import GenerateError, write_tree

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Theme chrome that differs between the builders and is not page content.
ZENSICAL_SKIP_LINK = '<a id="__skip" tabindex="-1"></a>'


def page_bodies(site: Path) -> dict[str, str]:
    bodies = {}
    for path in sorted(site.rglob("*.html")):
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        body = match.group(1).replace(ZENSICAL_SKIP_LINK, "") if match else ""
        bodies[path.relative_to(site).as_posix()] = re.sub(r"\s+", " ", body).strip()
    return bodies


def test_both_builders_give_the_same_pages_with_the_same_bodies(site_builds):
    material, zensical = (page_bodies(site_builds(b)) for b in BUILDERS)
    assert sorted(material) == sorted(zensical)
    assert len(material) > 80
    assert [p for p in material if material[p] != zensical[p]] == []
    assert "<table" in material["table/index.html"]


def generate(build: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "site_src.pipeline", "generate", "--build", str(build),
                           *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_links_start_at_the_deploy_path_of_site_url(tmp_path):
    result = generate(tmp_path / "build", "--site-url", "https://example.org/survey/")
    assert result.returncode == 0, result.stderr
    table = (tmp_path / "build" / "docs" / "table.md").read_text(encoding="utf-8")
    assert 'href="/survey/works/kahng2018activis/"' in table
    assert 'data-works="/survey/assets/data/works.json"' in table
    assert not re.search(r'href="\.\.?/', table)


def test_generate_writes_only_changed_files_and_removes_stale_ones(tmp_path):
    folder = tmp_path / "docs"
    first = write_tree({"a.md": b"A", "sub/b.md": b"B", "sub/c.md": b"C"}, folder)
    assert first.written == ["a.md", "sub/b.md", "sub/c.md"]
    mtime = (folder / "a.md").stat().st_mtime_ns
    second = write_tree({"a.md": b"A", "sub/b.md": b"B2"}, folder)
    assert (second.written, second.removed) == (["sub/b.md"], ["sub/c.md"])
    assert (folder / "a.md").stat().st_mtime_ns == mtime
    third = write_tree({"a.md": b"A"}, folder)
    assert third.removed == ["sub/b.md"] and not (folder / "sub").exists()


def test_a_generated_page_never_replaces_a_hand_written_one(tmp_path, monkeypatch):
    from site_src.pipeline import docs

    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "table.md").write_text("# Mine\n", encoding="utf-8")
    monkeypatch.setattr(docs, "generate", lambda site: {"table.md": "# Generated\n"})
    with pytest.raises(GenerateError, match=r"table\.md: a generated page would replace"):
        # generate is replaced above: the site input is never read
        docs.generate_docs(None, docs.BuildFolder(tmp_path / "build"), hand_written_docs=hand,  # type: ignore[arg-type]
                           site_url="http://127.0.0.1:8000/")
    assert not (tmp_path / "build" / "docs" / "table.md").exists()


def test_a_killed_build_leaves_the_previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    build = tmp_path / "build"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen([sys.executable, "-m", "site_src.pipeline", "site", "--build", str(build),
                              "--site-dir", str(site)], cwd=ROOT, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(build.glob(".building-*/*")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the builder has started writing
    assert child.poll() is None, "the build ended before it could be interrupted"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    works = tmp_path / "works"
    works.mkdir()
    (works / "bad.yaml").write_text("id: bad\ntitle: [unclosed\n", encoding="utf-8")
    result = build_site(ROOT / "mkdocs.yml", site, works=works)
    assert result.returncode != 0 and "bad.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


NONCE = "ab" * 32


def render(source: str, tmp_path: Path) -> str:
    (tmp_path / "nonce").write_text(NONCE, encoding="ascii")
    return markdown.markdown(source, extensions=["site_src.pipeline.rawhtml"],
                             extension_configs={"site_src.pipeline.rawhtml": {"nonce_file": str(tmp_path / "nonce")}})


def test_marked_blocks_pass_markdown_untouched(tmp_path):
    html = render(f"# T\n\n<!-- dlvis:raw {NONCE} -->\n<div>*kept* [x](y)\n\n<p>p</p></div>\n"
                  f"<!-- /dlvis:raw {NONCE} -->\n\nafter *this*\n", tmp_path)
    assert "<div>*kept* [x](y)\n\n<p>p</p></div>" in html
    assert "<em>this</em>" in html and "dlvis:raw" not in html


@pytest.mark.parametrize("text", [
    "<!-- dlvis:raw 0000 -->\n<img src=x onerror=pwned()>\n<!-- /dlvis:raw 0000 -->",  # wrong nonce
    "DLVISRAW0", "\x02wzxhzdk:0\x03", "x\n\n\x02wzxhzdk:0\x03\n\ny",  # old and stash placeholders
])
def test_text_without_the_nonce_cannot_form_a_block(tmp_path, text):
    escaped = text.replace("<", "&lt;")  # as generated pages escape record text
    html = render(f"<!-- dlvis:raw {NONCE} -->\n<b>secret</b>\n<!-- /dlvis:raw {NONCE} -->\n\n"
                  f"{escaped}\n", tmp_path)
    assert "<img" not in html and html.count("<b>secret</b>") == 1


GOOD_FRONT = "---\ntitle: T\ndescription: D.\nhow: [line]\n---\n\nText.\n"


@pytest.mark.parametrize("name, content, line, message", [
    ("latin1.md", GOOD_FRONT.encode() + "caf\xe9\n".encode("latin-1"), 8, "not UTF-8"),
    ("list.md", b"---\n- a\n- b\n---\n\nText.\n", 2, "'key: value' lines"),
    ("number.md", b"---\ntitle: T\ndescription: D.\nhow: 5\n---\n\nText.\n", 4, "list of category ids"),
    ("nodemo.md", GOOD_FRONT.encode() + b"\n{{ demo() }}\n", 9, "one demo name"),
    ("numdemo.md", GOOD_FRONT.encode() + b"\n{{ demo(5) }}\n", 9, "one demo name"),
    ("numworks.md", GOOD_FRONT.encode() + b"\n{{ works(5) }}\n", 9, "one query"),
    ("folder.md", None, 1, "not a folder"),
])
def test_a_faulty_explorable_fails_generate_with_its_line(tmp_path, name, content, line, message):
    explorables = tmp_path / "explorables"
    explorables.mkdir()
    article = explorables / name
    if content is None:
        article.mkdir()
    else:
        article.write_bytes(content)
    result = generate(tmp_path / "build", "--explorables", str(explorables))
    assert result.returncode == 1
    assert f"{article}:{line}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content, where, message", [
    (None, "", "cannot read the site configuration"),
    (b"site_name: [unclosed\n", ":2:1: ", "expected"),
    (b"- a list\n", ":1:1: ", "must be a mapping"),
    (b"\xff\xfe", "", "not UTF-8"),
])
def test_an_unreadable_site_configuration_is_one_message(tmp_path, content, where, message):
    config = tmp_path / "mkdocs.yml"
    if content is not None:
        config.write_bytes(content)
    result = generate(tmp_path / "build", "--config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{config}{where}") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    from urllib.error import URLError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (URLError, OSError):
        return ""


@pytest.mark.parametrize("builder", BUILDERS)
def test_serve_regenerates_and_serves_an_edited_record(tmp_path, builder):
    works = tmp_path / "works"
    works.mkdir()
    for name in ("kahng2018activis.yaml", "liu2018aevis.yaml", "smilkov2016embedding.yaml"):
        (works / name).write_bytes((ROOT / "survey" / "works" / name).read_bytes())
    (tmp_path / "explorables").mkdir()
    address = f"127.0.0.1:{_free_port()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen([sys.executable, "-m", "site_src.pipeline", "serve", "--builder", builder,
                              "--build", str(tmp_path / "build"), "--works", str(works),
                              "--explorables", str(tmp_path / "explorables"), "--dev-addr", address],
                             cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    url = f"http://{address}/works/kahng2018activis/"
    try:
        def wait_for(text: str) -> bool:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and child.poll() is None:
                if text in _get(url):
                    return True
                time.sleep(0.5)
            return False

        assert wait_for("ActiVis: Visual Exploration"), "the page was never served"
        record = works / "kahng2018activis.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace(
            "ActiVis: Visual Exploration", "ActiVis EDITED: Visual Exploration"), encoding="utf-8")
        assert wait_for("ActiVis EDITED: Visual Exploration"), "the edit never reached the page"
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)
