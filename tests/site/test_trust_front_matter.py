"""Front matter is data, never page text (issue 20).

MkDocs swallows a front-matter YAML error and hands the whole file to Markdown, which printed
a work page's citation data (kept unescaped for the head's template) into the page as raw
HTML: a U+FFFE in a publisher ran its <img onerror>. Here a page with unreadable front matter
is forged straight into the docs folder, past the validator and the generator, and built
with both builders: the build stops, and no page carries the payload."""
from __future__ import annotations


import pytest

from site_src.build import builders
from site_src.build.docs import ROOT, BuildFolder
from site_src.pages.html import FrontMatterError, front_matter

PAYLOAD = "<img src=x onerror=pwned()>"


def minimal_config() -> dict:
    """The flagship's theme, overrides and Markdown extensions, and two pages."""
    base = builders.project_config(ROOT / "mkdocs.yml")
    return {"site_name": "Forged", "theme": base["theme"], "markdown_extensions": base["markdown_extensions"],
            "nav": [{"Home": "index.md"}, {"Forged": "forged.md"}]}


@pytest.mark.parametrize("builder", builders.BUILDERS)
def test_unreadable_front_matter_never_becomes_page_text(tmp_path, builder):
    build = BuildFolder(tmp_path / "build")
    build.docs.mkdir(parents=True)
    build.nonce()
    (build.docs / "index.md").write_text("# Home\n", encoding="utf-8")
    # A raw U+FFFE: PyYAML's reader (MkDocs) refuses the stream; it reaches no generated page.
    (build.docs / "forged.md").write_text(
        f"---\ntitle: Forged\ncitation_meta: [[citation_publisher, \"{PAYLOAD} \ufffe\"]]\n---\n\n# Forged\n",
        encoding="utf-8")
    site = tmp_path / "site"
    result = builders.build_site(builder, build, site, site_url="http://127.0.0.1:8000/", config=minimal_config())
    printed = [p for p in site.rglob("*.html") if PAYLOAD in p.read_text(encoding="utf-8", errors="replace")] \
        if site.exists() else []
    assert printed == [], f"{builder} printed the front matter as page text"
    if result.returncode == 0:  # a builder that reads it (or refuses it) without printing it
        assert site.exists()
    else:
        assert "front matter" in result.stderr + result.stdout or builder == "zensical", result.stderr


def test_a_page_built_from_valid_front_matter_keeps_its_head(tmp_path):
    """The guard does not stop ordinary pages: their front matter is read, not printed."""
    build = BuildFolder(tmp_path / "build")
    build.docs.mkdir(parents=True)
    build.nonce()
    (build.docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (build.docs / "forged.md").write_text(front_matter(title="Fine", description=PAYLOAD) + "# Fine\n",
                                          encoding="utf-8")
    site = tmp_path / "site"
    result = builders.build_site("material", build, site, site_url="http://127.0.0.1:8000/", config=minimal_config())
    assert result.returncode == 0, result.stderr
    page = (site / "forged" / "index.html").read_text(encoding="utf-8")
    assert PAYLOAD not in page and "&lt;img src=x onerror=pwned()&gt;" in page


@pytest.mark.parametrize("value", [
    "<img src=x onerror=pwned()> \ufffe", "a\u2028b", "tab\there", "quote \" and ' and \\",
    "---\nfake: front matter\n---", "😀 \U0001F600", "&amp; &lt;", "{{ config }}", "- [x]: y",
])
def test_front_matter_is_emitted_by_yaml_and_reads_back_as_written(value):
    text = front_matter(title="T", citation_meta=[["citation_publisher", value]], json_ld={"name": value})
    assert text.startswith("---\n") and text.endswith("---\n\n")
    from mkdocs.utils.meta import get_data
    body, meta = get_data(text + "body\n")
    assert body == "body\n"
    assert meta["citation_meta"] == [["citation_publisher", value]] and meta["json_ld"] == {"name": value}


def test_front_matter_that_would_not_read_back_stops_generation():
    # PyYAML writes U+0085 (NEL, a line break to YAML) where it reads back as a space;
    # validation refuses it in a record's one-line fields, and this check everywhere else.
    with pytest.raises(FrontMatterError, match="does not read back as written"):
        front_matter(title="T", json_ld={"name": "\x85next"})

    class Opaque:  # a value YAML cannot write as plain data
        pass

    with pytest.raises(FrontMatterError, match="front matter"):
        front_matter(title="T", json_ld={"name": Opaque()})
