"""The work page in the browser, with both builders (issue 24): the copy buttons copy the
BibTeX, the APA line and the page's link and say so in a live region that screen readers
announce, also after Material's instant navigation; the BibTeX block, which scrolls sideways
on a phone, can be reached and scrolled by keyboard (axe: scrollable-region-focusable)."""
from __future__ import annotations

import pytest

from tests.support.axe import _axe_source

WORK = "/works/abadi2016tensorflow/"  # the longest BibTeX author line


def axe_rules(page, rules: list[str], selector: str = ".md-content") -> list[tuple[str, list[str]]]:
    page.add_script_tag(content=_axe_source())
    results = page.evaluate("([sel, rules]) => axe.run(document.querySelector(sel), "
                            "{runOnly: {type: 'rule', values: rules}})", [selector, rules])
    return [(v["id"], [n["html"][:100] for n in v["nodes"]]) for v in results["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_bibtex_block_is_reachable_by_keyboard_at_390_px(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + WORK)
    block = page.locator("#cite-bibtex")
    assert block.evaluate("el => el.scrollWidth > el.clientWidth"), "the test needs a block that scrolls"
    assert axe_rules(page, ["scrollable-region-focusable", "label-content-name-mismatch", "aria-allowed-attr"]) == []
    block.focus()
    assert page.evaluate("document.activeElement.id") == "cite-bibtex"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.wait_for_function("document.getElementById('cite-bibtex').scrollLeft > 0")
    context.close()


def test_copy_buttons_copy_and_announce(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + WORK)
    status = page.locator(".cite-copy__status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    expected = {
        "Copy BibTeX": ("BibTeX copied", lambda text: text.startswith("@misc{abadi2016tensorflow,") and text.endswith("}\n")),
        "Copy APA citation": ("APA citation copied", lambda text: text.startswith("Abadi, M., Agarwal, A.")),
        "Copy link to this page": ("Link to this page copied",
                                   lambda text: text.endswith("/works/abadi2016tensorflow/") and text.startswith("http")),
    }
    for name, (said, check) in expected.items():
        page.get_by_role("button", name=name).click()
        page.wait_for_function("s => document.querySelector('.cite-copy__status').textContent.startsWith(s)", arg=said)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert check(copied), (name, copied[:120])
    # Another work page reached by a link (Material: instant navigation) gets working buttons too.
    page.locator("ul.related a").first.click()
    page.wait_for_url("**/works/**")
    page.wait_for_function("() => !document.querySelector('.cite-copy button[data-copy=bibtex]').hidden")
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("() => document.querySelector('.cite-copy__status').textContent.startsWith('BibTeX')")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@")
    assert errors == []
    context.close()


def test_the_script_is_loaded_on_work_pages_only(site_dir):
    pages = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site_dir.rglob("index.html")}
    with_script = sorted(path for path, html in pages.items() if "work-page.js" in html)
    assert with_script and all(path.startswith("works/") for path in with_script)
    assert len(with_script) == len([p for p in pages if p.startswith("works/")])
