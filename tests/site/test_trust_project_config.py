"""Project settings are values, not markup (issue 20): survey.yml's title and description go
into the builders' configuration escaped for where Material's and Zensical's templates print
them (unescaped in the header, <title> and meta description; through `e` in the logo's
title attribute). The built pages are checked in test_hostile.py."""
from __future__ import annotations

import pytest
import yaml

from site_src.build.project import site_config, theme_text
from survey.records.project import load_project
from tests.survey.test_projects import make_project


@pytest.mark.parametrize("title,written", [
    ("PV & PVA Collection", "PV & PVA Collection"),  # an ampersand that starts no reference: as written
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ('A "quoted" & \'single\' title', "A &quot;quoted&quot; & &#x27;single&#x27; title"),
    ("Tom &amp; Jerry &#38; &lt;", "Tom &amp;amp; Jerry &amp;#38; &amp;lt;"),  # shown as typed, not decoded
])
def test_settings_are_escaped_for_the_themes(title, written):
    assert theme_text(title) == written


def test_site_config_carries_the_escaped_title_and_description(tmp_path):
    root = make_project(tmp_path / "s", 1)
    config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    config.update(title="PV & PVA <b>Collection</b>", description='Say "hi" <script>')
    (root / "survey.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = site_config(load_project(root))
    assert built["site_name"] == "PV & PVA &lt;b&gt;Collection&lt;/b&gt;"
    assert built["site_description"] == "Say &quot;hi&quot; &lt;script&gt;"
