"""The explorables' script loader (assets/js/explorables/loader.js), the one explorable
script every site page includes: a page without a live demo loads nothing more, a page
with one loads the engine, the shared helpers and that demo's script only, and the demo
mounts, both on a plain page (Zensical) and from Material's document$ on instant navigation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_src.pages.explorables import LIVE_DEMOS, _live
from tests.support.browser import WatchedPage, serve_directory

ASSETS = Path(__file__).resolve().parents[2] / "site_src" / "docs" / "assets"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="assets/css/explorables.css"></head>
<body><main><h1>{title}</h1>{markup}</main>{document_subject}
<script src="assets/js/explorables/loader.js"></script></body></html>"""
# Material's document$ replays the current document to each new subscriber and emits again
# after each instant navigation; this stand-in does the same.
DOCUMENT_SUBJECT = """<script>
window.document$ = {subscribers: [], subscribe(f) { this.subscribers.push(f); f(document); },
                    next() { this.subscribers.forEach(f => f(document)); }};
</script>"""


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    folder = tmp_path_factory.mktemp("loader")
    shutil.copytree(ASSETS, folder / "assets")
    for subject, suffix in (("", "plain"), (DOCUMENT_SUBJECT, "material")):
        for name, markup in (("text", "<p>No demo here.</p>"), ("neuron", _live("how-a-network-learns"))):
            (folder / f"{name}-{suffix}.html").write_text(
                PAGE.format(title=name, markup=markup, document_subject=subject), encoding="utf-8"
            )
    with serve_directory(folder) as served:
        yield served


def scripts_loaded(page) -> list[str]:
    return page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.js')).map(e => e.name.split('/').pop())""")


@pytest.fixture
def reader(browser, origin):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = WatchedPage(page, origin)
    yield watched
    watched.assert_clean()
    context.close()


@pytest.mark.parametrize("builder", ["plain", "material"])
def test_a_page_without_a_live_demo_loads_no_explorable_script(reader, origin, builder):
    page = reader.page
    page.goto(f"{origin}/text-{builder}.html")
    page.wait_for_timeout(300)
    assert scripts_loaded(page) == ["loader.js"]


@pytest.mark.parametrize("builder", ["plain", "material"])
def test_a_page_with_a_live_demo_loads_only_what_it_needs_and_mounts(reader, origin, builder):
    page = reader.page
    page.goto(f"{origin}/neuron-{builder}.html")
    page.wait_for_selector(".live-neuron.lc-mounted .lc-toolbar")
    assert scripts_loaded(page) == ["loader.js", "mlp-engine.js", "live-common.js", "live-neuron.js"]


def test_an_instant_navigation_to_a_demo_page_mounts_it(reader, origin):
    """Material swaps the page's content and emits document$ again; scripts already run are not reloaded."""
    page = reader.page
    page.goto(f"{origin}/text-material.html")
    page.wait_for_timeout(200)
    page.evaluate(
        """(markup) => { document.querySelector('main').innerHTML = markup; window.document$.next(); }""",
        _live("how-a-network-learns"),
    )
    page.wait_for_selector(".live-neuron.lc-mounted .lc-toolbar")
    page.evaluate(
        """(markup) => { document.querySelector('main').innerHTML = markup; window.document$.next(); }""",
        _live("how-a-network-learns"),
    )
    page.wait_for_selector(".live-neuron.lc-mounted .lc-toolbar")
    assert sorted(scripts_loaded(page)) == sorted(["loader.js", "mlp-engine.js", "live-common.js", "live-neuron.js"])


def test_the_loader_knows_every_live_demo():
    loader = (ASSETS / "js" / "explorables" / "loader.js").read_text(encoding="utf-8")
    for css_class, _ in LIVE_DEMOS.values():
        # a demo's own script, last of the scripts it needs when it needs several
        assert re.search(rf'"{css_class}": (\[[^\]]*)?"{css_class}\.js"', loader), css_class
        assert (ASSETS / "js" / "explorables" / f"{css_class}.js").exists()
