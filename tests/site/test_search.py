"""Site search in the browser, with either builder: the header field on every page leads to
/search/, which lists works (title, authors, year) and pages; table queries are sent to the
table; no page loads an index until its search field is used (focused), and the header
field answers as you type."""
from __future__ import annotations

import pagefind_bin
import pytest

from site_src.pipeline import search
from sitebuild import ROOT, search_index_texts, site_search
from survey import load

WORKS = load([ROOT / "survey" / "works"])


def test_a_page_loads_no_search_index_until_a_query(watched, site_url):
    requests = []
    watched.page.on("request", lambda r: requests.append(r.url))
    watched.page.goto(f"{site_url}/works/kahng2018activis/")
    watched.page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u or "search_index" in u or u.endswith("search.json")]
    site_search(watched.page, "ActiVis")
    assert any("/pagefind/" in u for u in requests)
    watched.assert_clean()


def test_search_lists_a_work_with_its_authors_and_year_and_an_explorable(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/")
    links = site_search(page, "ActiVis")
    assert links[0] == f"{site_url}/works/kahng2018activis/"
    first = page.locator(".site-search__result").first
    assert first.locator("a").inner_text().startswith("ActiVis")
    assert "Minsuk Kahng" in first.inner_text() and "2018" in first.inner_text()
    page.goto(f"{site_url}/")
    assert f"{site_url}/explorables/decision-boundaries/" in site_search(page, "decision boundary")
    watched.assert_clean()


def test_a_table_query_is_offered_as_a_link_to_the_table(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/search/")
    page.fill("[data-site-search] input[name=q]", "how:line")
    link = page.locator(".site-search__table a")
    link.wait_for()
    assert link.get_attribute("href").endswith("/table/?q=how%3Aline")
    link.click()
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.input_value("#survey-q") == "how:line"
    watched.assert_clean()


def test_header_search_works_after_instant_navigation(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/")
    page.click(".md-tabs a[href$='/trends/']")  # Material navigates without reloading
    page.wait_for_url("**/trends/")
    assert page.locator("input.site-search-header__input").count() == 1
    assert f"{site_url}/works/kahng2018ganlab/" in site_search(page, "GAN Lab")
    watched.assert_clean()


def test_the_index_holds_works_from_their_records_and_no_work_page(site_dir):
    entries = search_index_texts(site_dir)
    activis = entries["/works/kahng2018activis/"]
    assert activis["meta"]["title"].startswith("ActiVis") and activis["meta"]["year"] == "2018"
    work = WORKS.get("kahng2018activis")
    assert work is not None
    labels = [WORKS.taxonomy.category(f.id, c).label for f in WORKS.taxonomy.tagged_facets for c in work.tags[f.id]]
    assert labels and all(label in activis["content"] for label in labels)
    assert "Related works" not in activis["content"]  # the record, not the page
    assert "/table/" in entries and "/explorables/attribution/" in entries


def test_an_index_that_cannot_be_built_is_one_message(tmp_path, monkeypatch):
    """A missing or broken Pagefind binary stops the build with a sentence, not a traceback;
    build_site then leaves the previous site in place (it swaps only after `finish`)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><article><h1>Home</h1></article></body></html>")
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: tmp_path / "no-such-pagefind")
    with pytest.raises(search.SearchIndexError, match="cannot run pagefind"):
        search.write_index(tmp_path / "site", WORKS, "http://127.0.0.1:8000/")


# Type a query into the header's field (Pagefind warmed up by the field's focus, as when a
# reader clicks it) and time the last keystroke to the first results under the field.
HEADER_RESULTS = """async query => {
  const form = document.querySelector('.site-search-header'), input = form.querySelector('input');
  input.focus();
  for (let i = 0; i < 600 && form.dataset.searchReady !== 'true'; i++) await new Promise(r => setTimeout(r, 50));
  input.value = query;
  const started = performance.now();
  input.dispatchEvent(new Event('input', {bubbles: true}));
  while (form.dataset.shown !== query) {
    if (performance.now() - started > 10000) return {ms: null};
    await new Promise(r => requestAnimationFrame(r));
  }
  const panel = form.querySelector('.site-search-header__results');
  return {ms: performance.now() - started, visible: !panel.hidden && panel.getBoundingClientRect().height > 0,
          links: [...panel.querySelectorAll('li a')].map(a => a.href)};
}"""


def header_results(page, query: str) -> dict:
    """{ms, visible, links}: what the header field shows under it for `query`, and how soon."""
    return page.evaluate(HEADER_RESULTS, query)


def test_header_search_answers_as_you_type_and_enter_opens_the_search_page(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/trends/")
    shown = header_results(page, "ActiVis")
    assert shown["visible"] and shown["links"][0] == f"{site_url}/works/kahng2018activis/", shown
    # How soon (the 300 ms goal) is a speed goal: `make bench` measures it (benchmarks/search.py);
    # asserted here, it failed whenever another test worker or another user loaded the machine.
    # Arrow Down enters the list; Escape closes it.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == f"{site_url}/works/kahng2018activis/"
    page.keyboard.press("Escape")
    assert page.is_hidden(".site-search-header__results")
    # Enter still opens /search/ with every result.
    page.focus("input.site-search-header__input")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.site-search__status')?.textContent.includes('ActiVis')")
    assert page.url == f"{site_url}/search/?q=ActiVis"
    watched.assert_clean()
