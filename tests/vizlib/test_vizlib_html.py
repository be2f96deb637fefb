"""standalone_html: a complete page that needs no network."""

from __future__ import annotations

import re

import vizlib

EXTERNAL_REFERENCE = re.compile(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", re.I)


def test_the_page_inlines_everything_and_references_nothing_outside(build):
    page = vizlib.standalone_html(build("how-a-network-learns"), "A <neuron> & songs")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert not EXTERNAL_REFERENCE.search(page)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I), "every script must be inline"
    assert "window.vegaEmbed" in page and 'vegaEmbed("#vis", spec' in page
    assert "<title>A &lt;neuron&gt; &amp; songs</title>" in page


def test_text_in_the_spec_cannot_close_the_script():
    page = vizlib.standalone_html({"title": "</script><script>alert(1)</script>"}, "t")
    assert "</script><script>alert(1)" not in page
