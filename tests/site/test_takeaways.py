"""/takeaways/: every number a figure links to is what the link shows, the robustness
takeaway counts a curated list instead of matching words, venues and works are counted
apart, and no page says "1 works"."""
from __future__ import annotations

import re

import pytest

import survey
from site_src.pages import urls
from site_src.pages.takeaways import TAKEAWAYS, load_curated, unknown_ids

WORKS = survey.load()
# Every (query, number) a takeaway links to, from the page's own generator.
COUNTS = sorted({(c.query, c.n) for t in TAKEAWAYS for f in t.figures(WORKS) for c in f.counts})


def takeaway_links(watched, site_url) -> list[dict]:
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    return page.locator("ul.figures a[data-count]").evaluate_all("""links => links.map(a => ({
        href: a.href, count: a.dataset.count, label: a.textContent,
        sentence: a.closest('li').querySelector('.figure').textContent}))""")


def test_every_count_appears_in_its_sentence(watched, site_url):
    links = takeaway_links(watched, site_url)
    assert len(links) >= 15
    for link in links:
        assert re.search(rf"\b{link['count']}\b", link["sentence"]), link


@pytest.mark.parametrize("query, n", COUNTS, ids=[q for q, _ in COUNTS])
def test_each_takeaway_link_shows_its_number(watched, site_url, query, n):
    """Follows the page's link and counts the table's result. The link of 'both attribution
    and experimentation' uses the all-of form how:a+b from branch `table`: it fails until then."""
    links = {(link["href"], link["count"]) for link in takeaway_links(watched, site_url)}
    href = f"{site_url}/{urls.table_query(urls.TAKEAWAYS, query).lstrip('/')}"
    assert (href, str(n)) in links
    page = watched.page
    page.goto(href)
    page.wait_for_selector("[data-survey-table][data-mounted=true]")
    assert page.text_content("[data-result-count]") == str(n)
    watched.assert_clean()


def test_robustness_counts_the_curated_list_not_words(watched, site_url):
    curated = load_curated()["adversarial"]
    assert "wang2018ganviz" not in curated.ids  # a GAN: "adversarial" in its title, not robustness
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    item = page.locator("ul.figures li", has_text="robustness to them")
    sentence = item.locator(".figure").text_content()
    assert sentence.startswith(f"{len(curated.ids)} of {len(WORKS)} works")
    hrefs = item.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [f"{site_url}/works/{i}/" for i in curated.ids]
    assert "GAN" in item.locator(".meta").text_content()  # the criterion says why GANs are out
    watched.assert_clean()


def test_every_curated_id_is_a_work_of_the_project():
    assert unknown_ids(WORKS) == []


def test_an_unknown_id_in_a_curated_list_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "takeaways.yaml"
    bad.write_text("adversarial:\n  criterion: x\n  ids:\n    - liu2018aevis\n    - nosuchwork\n")
    assert unknown_ids(WORKS, bad) == [f"{bad}:5:7: no work has the id 'nosuchwork' (list 'adversarial')"]


def test_venues_and_works_are_counted_in_separate_figures(watched, site_url):
    page = watched.page
    page.goto(f"{site_url}/takeaways/")
    venues = page.locator("ul.figures li", has_text="venues of")
    kinds = {WORKS.taxonomy.venues[w.venue].type for w in WORKS}
    assert venues.locator(".figure").text_content() == (
        f"The works appeared in {len({w.venue for w in WORKS})} venues of {len(kinds)} kinds.")
    assert venues.locator("a").count() == 0  # no work counts in the venue figure
    by_kind = page.locator("ul.figures li", has_text="Works by kind of venue")
    assert by_kind.locator("a[data-count]").count() == len(kinds)


def test_no_page_says_1_works(site_dir):
    offenders = []
    for html in site_dir.rglob("*.html"):
        body = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
        if re.search(r"(?<![\d,.])1 works\b", body):
            offenders.append(str(html.relative_to(site_dir)))
    assert offenders == []
