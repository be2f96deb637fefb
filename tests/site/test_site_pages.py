"""The built site, checked as files: every page exists, links resolve, nothing loads from
outside the site, record text is escaped, and builds are deterministic."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

import survey
from sitebuild import ROOT, build_site

WORKS = survey.load()


def page(site_dir: Path, url: str) -> str:
    return (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_page_exists(site_dir):
    urls = ["/", "/table/", "/trends/", "/takeaways/", "/about/", "/taxonomy/", "/explorables/",
            *(f"/works/{w.id}/" for w in WORKS),
            *(f"/taxonomy/{f.id}/" for f in WORKS.taxonomy.facets),
            *(f"/taxonomy/{c.facet}/{c.id}/" for c in WORKS.taxonomy.categories)]
    missing = [u for u in urls if not (site_dir / u.strip("/") / "index.html").exists()]
    assert missing == []
    assert len(WORKS.taxonomy.categories) == 20


def test_table_is_complete_without_javascript(site_dir):
    html = page(site_dir, "/table/")
    rows = re.findall(r'<tr data-id="([^"]+)"', html)
    assert rows == [w.id for w in WORKS]
    assert re.search(rf"<strong data-result-count>{len(WORKS)}</strong>", html)
    for facet in ("Why", "Who", "What", "How", "When"):
        assert f">{facet}</th>" in html
    # Each row links to the work's page and to the paper.
    assert 'href="/works/kahng2018activis/"' in html
    assert 'href="http://minsuk.com/research/activis/"' in html


def test_takeaways_are_computed_from_the_records(site_dir):
    html = page(site_dir, "/takeaways/")
    assert "33 of 38 works in the 2018 table (87%) use instance-based analysis." in html
    assert "36 of 38 works in the 2018 table (95%) support interpretability." in html
    assert "30 works target model developers and 11 target non-experts: 2.7x as many" in html
    assert len(re.findall(r"<h2[^>]*>\d\. ", html)) == 8


def test_work_page_has_tags_bibtex_and_related_works(site_dir):
    html = page(site_dir, "/works/kahng2018activis/")
    assert 'href="/taxonomy/how/instance-based/"' in html
    assert "@article{kahng2018activis," in re.sub(r"<[^>]+>", "", html)  # code is highlighted
    assert 'class="related"' in html and "shared tags" in html


def test_category_page_lists_its_works_and_trend(site_dir):
    html = page(site_dir, "/taxonomy/how/instance-based/")
    tagged = len(WORKS.query("how:instance-based"))
    assert f"<strong>{tagged}</strong> of {len(WORKS)} works (33 of 38 in the 2018 table)" in html
    assert html.count('class="meta"') >= tagged
    assert 'data-vl-spec="/assets/charts/category-how-instance-based.json"' in html


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") in ("canonical", "alternate"):
            return  # names the page's public address; loads nothing
        for name, value in attrs:
            if name in ("href", "src", "data-vl-spec", "data-works", "data-export") and value:
                self.refs.append((tag, name, value))


def all_refs(site_dir: Path):
    for html_file in sorted(site_dir.rglob("*.html")):
        parser = _Refs()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for tag, name, value in parser.refs:
            yield html_file, tag, name, value


def test_nothing_loads_from_outside_the_site(site_dir):
    outside = [(f.relative_to(site_dir), tag, value) for f, tag, name, value in all_refs(site_dir)
               if (tag in ("script", "link", "img", "iframe") or name != "href")
               and urlsplit(value).scheme in ("http", "https", "")
               and (urlsplit(value).netloc or value.startswith("//"))]
    assert outside == []
    css = "".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("*.css"))
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), "a stylesheet loads a remote resource"


def test_internal_links_resolve(site_dir):
    broken = []
    for html_file, tag, name, value in all_refs(site_dir):
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or value.startswith("#"):
            continue
        base = site_dir if parts.path.startswith("/") else html_file.parent  # 404.html is absolute
        target = (base / unquote(parts.path).lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{html_file.relative_to(site_dir)}: {value}")
    assert broken == []


def test_links_to_papers_are_http_or_https_only(site_dir):
    schemes = {urlsplit(v).scheme for _, _, name, v in all_refs(site_dir) if name == "href"}
    assert schemes <= {"", "http", "https"}


HOSTILE_TITLE = '<script>alert("t")</script> & <img src=x onerror=alert(1)> "quoted" `tick` [x](javascript:y)'


def hostile_site(tmp_path: Path) -> dict:
    """Build inputs with one hostile record (and no explorables), for `build_site`."""
    works = tmp_path / "works"
    works.mkdir()
    record = {
        "id": "evil2018record", "title": HOSTILE_TITLE, "authors": '"><svg onload=alert(2)>, et al.',
        "year": 2018, "venue": "TVCG", "url": "https://example.org/?a=1&b=\"><script>alert(3)</script>",
        "why": ["interpretability"], "who": [], "what": [], "how": ["line"], "when": ["after"],
        "notes": "</div><script>alert(4)</script>", "rationale": {f: "Abstract: <b onmouseover=alert(5)>x</b>" for f in ("why", "how", "when")},
        "author_list": ['"><svg onload=alert(6)> Doe'], "kind": "article",
        "sources": ['https://example.org/?s="><script>alert(7)</script>'],
    }
    (works / "evil2018record.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    (tmp_path / "explorables").mkdir()
    return {"works": works, "explorables": tmp_path / "explorables"}


def test_record_text_cannot_inject_markup(tmp_path):
    out = tmp_path / "site"
    result = build_site(ROOT / "mkdocs.yml", out, **hostile_site(tmp_path))
    assert result.returncode == 0, result.stderr
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    for path, html in pages.items():
        assert "<script>alert" not in html, path
        assert "<svg onload" not in html, path
        assert "<img src=x" not in html, path
        assert "<b onmouseover" not in html, path
    work_page = pages[out / "works" / "evil2018record" / "index.html"]
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in work_page or \
           "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in work_page
    # JSON data files hold the text as data, and the page never inlines it.
    data = (out / "assets" / "data" / "works.json").read_text(encoding="utf-8")
    assert HOSTILE_TITLE.replace('"', '\\"') in data


def test_builds_are_deterministic(site_dir, site_origin, builder, tmp_path):
    """A second build, from a build folder of its own (another raw-HTML nonce), is the same."""
    again = tmp_path / "again"
    assert build_site(ROOT / "mkdocs.yml", again, site_url=site_origin + "/",
                      builder=builder).returncode == 0
    def files(root):
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.name != "sitemap.xml.gz"}  # gzip stores a timestamp
    first, second = files(site_dir), files(again)
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


ARTICLES = sorted(p.stem for p in (ROOT / "explorables").glob("*.md"))


def test_every_how_category_links_to_an_explorable_and_back(site_dir):
    assert len(ARTICLES) >= 6
    for category in WORKS.taxonomy.facet("how").categories:
        html = page(site_dir, f"/taxonomy/how/{category.id}/")
        linked = re.findall(r'href="/explorables/([^/"]+)/"', html)
        assert linked, f"/taxonomy/how/{category.id}/ links to no explorable"
        for slug in linked:
            article = page(site_dir, f"/explorables/{slug}/")
            assert f'href="/taxonomy/how/{category.id}/"' in article


def test_explorables_and_the_works_using_their_technique_link_both_ways(site_dir):
    html = page(site_dir, "/explorables/instance-based-analysis/")
    assert 'class="vl-chart"' in html
    for work in WORKS.query("how:instance-based"):
        assert f'href="/works/{work.id}/"' in html
        assert 'href="/explorables/instance-based-analysis/"' in page(site_dir, f"/works/{work.id}/")


@pytest.mark.parametrize("line, message", [
    ('{{ demo("no-such-demo") }}', "no-such-demo"),
    ('{{ demo("decision-boundaries", dataset="moons") }}', "moons"),
    ('{{ works("how:nodelink") }}', "unknown 'how' category"),
    ("{{ demo(name) }}", "literal"),
])
def test_a_broken_explorable_fails_the_build_with_its_line(tmp_path, line, message):
    inputs = hostile_site(tmp_path)
    article = tmp_path / "explorables" / "broken.md"
    article.write_text(f"---\ntitle: Broken\ndescription: A test.\nhow: [line]\n---\n\nText.\n\n{line}\n",
                       encoding="utf-8")
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "site", **inputs)
    assert result.returncode != 0
    assert f"{article}:9:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
