"""Work pages as citations: Highwire `citation_*` tags and a JSON-LD ScholarlyArticle in the
head (read back as reference managers read them, and by extruct), the full author list and
the Cite block in the text, sources, corrections and the marks on unverified facts; and a
hostile record that cannot break out of any of it."""
from __future__ import annotations

import json
from typing import Any
from html.parser import HTMLParser
from pathlib import Path

import extruct
import pytest
import yaml

import survey
from survey import Work
from sitebuild import ROOT, build_site, search_index_texts, site_search
from survey.query.citation_style import apa
from tests.support.axe import run_axe
from test_site_pages import hostile_site

WORKS = survey.load()


def _recorded(work_id: str) -> Work:
    """The project's work with this id, which its records have."""
    work = WORKS.get(work_id)
    assert work is not None, work_id
    return work


class _Head(HTMLParser):
    """The citation metadata of a page, as a reader of the HTML sees it."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: list[tuple[str, str]] = []  # (name, content) of <meta name=citation_*>
        self.json_ld: list[str] = []  # the text of each ld+json script
        self.scripts_in_body_text: list[str] = []
        self._in_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or "").startswith("citation_"):
            self.meta.append((attrs["name"], attrs.get("content")))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if self._in_ld:
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def values(self, name: str) -> list[str]:
        return [content for n, content in self.meta if n == name]


def work_html(site: Path, work_id: str) -> str:
    return (site / "works" / work_id / "index.html").read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []
        skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style", "head")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style", "head")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)
    parser = Text()
    parser.parts = []
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.mark.parametrize("work", WORKS, ids=lambda w: w.id)
def test_citation_tags_and_json_ld_carry_the_record(site_dir, work):
    head = _Head(work_html(site_dir, work.id))
    assert head.values("citation_author") == list(work.author_list)
    assert head.values("citation_title") == [work.published.get("title") or work.title]
    assert head.values("citation_doi") == ([work.doi] if work.doi else [])
    assert head.values("citation_arxiv_id") == ([work.arxiv] if work.arxiv else [])
    assert head.values("citation_publication_date")[0].startswith(str(work.citation_year))
    (document,) = head.json_ld
    data = json.loads(document)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == (work.published.get("title") or work.title)
    assert [a["name"] for a in data["author"]] == list(work.author_list)
    dois = [i["value"] for i in data.get("identifier", []) if i["propertyID"] == "DOI"]
    assert dois == ([work.doi] if work.doi else [])


def test_the_journal_version_is_described_in_full(site_dir):
    head = _Head(work_html(site_dir, "strobelt2017lstmvis"))
    names = ("citation_journal_title", "citation_volume", "citation_issue", "citation_firstpage",
             "citation_lastpage", "citation_publication_date")
    assert [(name, head.values(name)) for name in names] == [("citation_journal_title", ["IEEE Transactions on Visualization and Computer Graphics"]),
          ("citation_volume", ["24"]), ("citation_issue", ["1"]), ("citation_firstpage", ["667"]),
          ("citation_lastpage", ["676"]), ("citation_publication_date", ["2018/01"])]
    conference = _Head(work_html(site_dir, "hohman2017shapeshop"))
    assert conference.values("citation_conference_title") == [
        "CHI '17 Extended Abstracts on Human Factors in Computing Systems (CHI EA 2017)"]


def test_extruct_reads_title_authors_and_doi(site_dir, site_url):
    work = _recorded("kahng2018ganlab")
    html = work_html(site_dir, work.id)
    (article,) = extruct.extract(html, base_url=f"{site_url}/works/{work.id}/", syntaxes=["json-ld"])["json-ld"]
    assert article["name"] == work.title
    assert [a["name"] for a in article["author"]] == list(work.author_list)
    assert "Duen Horng (Polo) Chau" in [a["name"] for a in article["author"]]
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi} in article["identifier"]


def test_the_page_shows_authors_cite_block_versions_sources_and_corrections(site_dir):
    work = _recorded("strobelt2017lstmvis")
    text = visible_text(work_html(site_dir, work.id))
    assert "Authors: Hendrik Strobelt, Sebastian Gehrmann, Hanspeter Pfister, Alexander M. Rush" in text
    assert "In the 2018 table: 2017 · TVCG" in text
    assert ("Published: IEEE Transactions on Visualization and Computer Graphics, 24(1), pp. 667–676, "
            "January 2018 · IEEE. (the 2018 table gives 2017; cite 2018)") in text
    venue = WORKS.taxonomy.venues[work.venue].name
    assert f"APA style: {apa(work, venue)}" in text
    assert "@article{strobelt2017lstmvis," in text
    for source in work.sources:
        assert source in text
    for correction in work.corrections:
        assert " ".join(correction.split()) in text


def test_every_co_author_is_in_the_page_text_for_site_search(site_dir):
    missing = [(w.id, name) for w in WORKS for name in w.author_list
               if name not in visible_text(work_html(site_dir, w.id))]
    assert missing == []
    # Site search indexes a work from its record: every co-author is in its entry.
    activis = search_index_texts(site_dir)["/works/kahng2018activis/"]
    assert "Duen Horng (Polo) Chau" in activis["content"]
    assert "Duen Horng (Polo) Chau" in activis["meta"]["authors"]


def test_unverified_facts_are_marked_with_a_tooltip_and_a_legend(site_dir):
    work = _recorded("kahng2018ganlab")
    assert "month" in work.unverified
    html = work_html(site_dir, work.id)
    assert '<abbr class="unverified" title="Not confirmed in a source yet">?</abbr>' in html
    assert "Unverified: the month could not be confirmed in any source yet" in visible_text(html)
    checked = _recorded("strobelt2017lstmvis")
    assert not checked.unverified and 'class="unverified"' not in work_html(site_dir, checked.id)


def test_a_work_without_a_known_author_list_says_so(site_dir):
    work = _recorded("webster2017teachable")  # rong2016visual's authors were found (issue 25)
    assert not work.author_list and "author_list" in work.unverified
    html = work_html(site_dir, work.id)
    assert _Head(html).values("citation_author") == []
    text = visible_text(html)
    assert "Authors: Webster, et al. ?" in text
    assert "Unverified: the full author list" in text


HOSTILE = '"><script>alert(1)</script> & </script><!-- \' <b>'


def test_a_hostile_record_cannot_break_out_of_the_head(tmp_path):
    inputs = hostile_site(tmp_path)
    record: dict[str, Any] = {
        "id": "evil2018record", "title": f"Title {HOSTILE}", "authors": "Evil, et al.",
        "author_list": [f"Ada {HOSTILE}", "Bob </script><script>alert(2)</script>"],
        "kind": "article", "year": 2018, "venue": "TVCG", "url": "https://example.org/?a=1&b=\"<x>",
        "doi": "10.1234/evil", "published": {"journal": f"Journal {HOSTILE}", "pages": "1--2",
                                             "volume": '1"><b>', "publisher": "</script>"},
        "sources": ["https://example.org/src?q=</script>"],
        "corrections": [f"Correction {HOSTILE}"],
        "why": ["interpretability"], "who": [], "what": [], "how": ["line"], "when": ["after"],
        "rationale": {f: f"Abstract: {HOSTILE}" for f in ("why", "how", "when")},
    }
    (tmp_path / "works" / "evil2018record.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "site", **inputs)
    assert result.returncode == 0, result.stderr
    html = work_html(tmp_path / "site", "evil2018record")
    head = _Head(html)
    # Every value reads back exactly: nothing ended an attribute or the script early.
    assert head.values("citation_author") == record["author_list"]
    assert head.values("citation_title") == [record["title"]]
    assert head.values("citation_journal_title") == [record["published"]["journal"]]
    (document,) = head.json_ld
    data = json.loads(document)
    assert [a["name"] for a in data["author"]] == record["author_list"]
    assert data["publisher"]["name"] == "</script>"
    assert "<" not in document and ">" not in document and "&" not in document
    assert "<script>alert" not in html and "<b>" not in html


@pytest.mark.parametrize("path", ["/works/kahng2018ganlab/", "/works/rong2016visual/", "/data/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_citation_and_data_pages_pass_axe(watched, site_url, path, scheme):
    """WCAG 2 A/AA on the content these pages add (the theme's code highlighting colours are
    checked site-wide elsewhere, not here)."""
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{path}")
    found = run_axe(page, context={"include": [[".md-content"]], "exclude": [[".highlight"]]},
                    tags=("wcag2a", "wcag2aa"), impacts=None)
    violations = [(v["id"], [n["html"][:80] for n in v["nodes"]]) for v in found]
    assert violations == []
    watched.assert_clean()


def test_site_search_finds_a_work_by_a_co_author(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")
    links = site_search(page, "Thorat")  # second author of GAN Lab, in no title
    assert any("/works/kahng2018ganlab/" in link for link in links)
    watched.assert_clean()
