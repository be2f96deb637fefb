"""Every explorable of the built site on a 390 px phone (issue 22): no element wider than the
screen outside a box that scrolls sideways, and in each live widget no text cut off by its
box and no two texts on top of each other; on Decision boundaries, Play and the boundary
on screen together. (The build-time charts: test_narrow_screens.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.test_accessibility import open_page
from tests.support.phone_layout import LAYOUT_PROBLEMS

ARTICLES = sorted(path.stem for path in (Path(__file__).resolve().parents[2] / "explorables").glob("*.md"))
LIVE = (".live-classifier", ".live-neuron", ".live-digits", ".live-instances", ".live-training")

WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const scrolls = n => { for (let p = n.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  for (const n of document.querySelectorAll('.md-content *')) {
    const b = n.getBoundingClientRect();
    if (b.width && (b.right > width + 1 || b.left < -1) && !scrolls(n))
      out.push(`${n.tagName.toLowerCase()}.${n.className.baseVal ?? n.className} spans ${Math.round(b.left)}..${Math.round(b.right)} px`);
  }
  return out;
}"""


@pytest.mark.parametrize("article", ARTICLES)
def test_an_explorable_fits_a_phone(watched, site_url, article):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(watched, site_url, f"/explorables/{article}/")
    live = [selector for selector in LIVE if page.locator(selector).count()]
    for selector in live:
        page.wait_for_selector(f"{selector}.lc-mounted .lc-toolbar")
    page.wait_for_timeout(300)
    problems = page.evaluate(WIDER_THAN_THE_SCREEN)
    for selector in live:
        problems += page.evaluate(LAYOUT_PROBLEMS, selector)
    assert problems == [], "\n".join(problems[:25])
    if article == "decision-boundaries":
        play = page.get_by_role("button", name="Play: train continuously")
        play.scroll_into_view_if_needed()
        for locator in (play, page.locator(".lc-plane")):
            box = locator.bounding_box()
            assert 0 <= box["y"] and box["y"] + box["height"] <= 844, "Play and the boundary on one screen"
    watched.assert_clean()
