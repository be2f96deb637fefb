"""Charts on a phone (issue 13, "Small screens"): at 390 px every chart of the explorables
and the trends page fits the article column, a chart of several panels shows them one under
another, its text is at least 11 px and no label is cut off at the chart's edge."""
from __future__ import annotations

import pytest

from tests.site.test_accessibility import open_page

PAGES = {
    "trends": "/trends/",
    "instance-based-analysis": "/explorables/instance-based-analysis/",
    "neurons-in-high-dimensional-space": "/explorables/neurons-in-high-dimensional-space/",
    "attribution": "/explorables/attribution/",
}

# What a reader of each chart would notice, as readable lines: a chart wider than the
# article column, panels side by side (lefts further apart than half the narrowest panel),
# text under 11 px (as drawn: a chart shrunk to fit shrinks it), text reaching past the chart's edge (which the SVG cuts off).
# A concat's panels are Vega groups named concat_<i>_group (nested: concat_<i>_concat_<j>_group).
CHART_PROBLEMS = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const right = Math.min(column.right, document.documentElement.clientWidth);
  const problems = [];
  const rounded = box => `${Math.round(box.left)}..${Math.round(box.right)} x ${Math.round(box.top)}..${Math.round(box.bottom)}`;
  document.querySelectorAll('.vl-chart').forEach(chart => {
    const name = chart.dataset.vlSpec.split('/').pop();
    const svg = chart.querySelector('svg');
    if (!svg) { problems.push(`${name}: no chart drawn`); return; }
    const edge = svg.getBoundingClientRect();
    const scale = edge.width / svg.width.baseVal.value;  // a chart shrunk to fit shrinks its text too
    if (edge.right > right + 1) problems.push(`${name}: ends at ${Math.round(edge.right)} px, the column at ${Math.round(right)} px`);
    const concats = {};
    for (const group of svg.querySelectorAll('g.mark-group.role-scope')) {
      const cell = [...group.classList].find(c => /^(concat_\\d+_)+group$/.test(c));
      if (!cell) continue;
      const parent = cell.replace(/concat_\\d+_group$/, '');
      for (const item of group.children) (concats[parent] = concats[parent] || []).push(item.getBoundingClientRect());
    }
    for (const [parent, panels] of Object.entries(concats)) {
      if (panels.length < 2) continue;
      const lefts = panels.map(p => p.left), narrowest = Math.min(...panels.map(p => p.width));
      if (Math.max(...lefts) - Math.min(...lefts) > narrowest / 2)
        problems.push(`${name}: panels side by side (${parent || 'top'}): ${panels.map(rounded).join(', ')}`);
    }
    for (const label of svg.querySelectorAll('text')) {
      if (!label.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(label).fontSize) * scale, box = label.getBoundingClientRect();
      if (size < 11) problems.push(`${name}: "${label.textContent}" is ${size.toFixed(1)} px`);
      if (box.width && (box.left < edge.left - 1 || box.right > edge.right + 1 || box.top < edge.top - 1 || box.bottom > edge.bottom + 1))
        problems.push(`${name}: "${label.textContent}" at ${rounded(box)} is cut by the chart's edge ${rounded(edge)}`);
    }
  });
  return problems;
}"""


# A page opened on a wide window that then narrows (a phone turned upright, a window
# dragged narrower) is drawn again with its panels stacked; the other pages open narrow.
RESIZED = "neurons-in-high-dimensional-space"  # (Watching training's curves are live now: test_live_training.py)


@pytest.mark.parametrize("kind", PAGES)
def test_narrow_screen_charts_stack_fit_and_stay_readable(watched, site_url, kind):
    watched.page.set_viewport_size({"width": 1280 if kind == RESIZED else 390, "height": 844})
    page = open_page(watched, site_url, PAGES[kind])
    assert page.locator(".vl-chart").count() > 0
    if kind == RESIZED:
        assert any("side by side" in p for p in page.evaluate(CHART_PROBLEMS))  # wide: they are
        page.set_viewport_size({"width": 390, "height": 844})
        for _ in range(50):  # up to 5 s for the charts to be drawn again; the assertion says what is wrong
            if not page.evaluate(CHART_PROBLEMS):
                break
            page.wait_for_timeout(100)
    problems = page.evaluate(CHART_PROBLEMS)
    assert problems == [], "\n".join(problems[:20])
    watched.assert_clean()
