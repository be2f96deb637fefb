"""The public API the site depends on: names, options, errors, and a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import vizlib
from vizlib_test_support import DEMO_NAMES, REPO


def test_list_demos_names_every_demo_with_title_description_and_options():
    demos = vizlib.list_demos()
    assert [demo.name for demo in demos] == DEMO_NAMES
    for demo in demos:
        assert demo.title and demo.description.endswith(".")
        for option in demo.options.values():
            assert option.default in option.values


def test_unknown_demo_is_a_demo_error_listing_the_demos(cache_dir):
    with pytest.raises(vizlib.DemoError, match="unknown demo 'moons'.*decision-boundaries"):
        vizlib.build_spec("moons", cache_dir=cache_dir)


def test_unknown_option_and_bad_value_list_what_is_allowed(cache_dir):
    with pytest.raises(vizlib.DemoError, match="has no option 'colour'; its options are: dataset"):
        vizlib.build_spec("decision-boundaries", cache_dir=cache_dir, colour="red")
    with pytest.raises(vizlib.DemoError, match="dataset='moons' is not allowed.*'circles', 'xor'"):
        vizlib.build_spec("decision-boundaries", cache_dir=cache_dir, dataset="moons")


def test_a_demo_that_fails_to_train_names_the_demo_and_the_cause(cache_dir, monkeypatch):
    from vizlib import training

    def broken_train(*args, **kwargs):
        raise RuntimeError("loss is NaN")

    monkeypatch.setattr(training, "train", broken_train)
    with pytest.raises(vizlib.DemoError, match="demo 'attribution' failed to build: RuntimeError: loss is NaN"):
        vizlib.build_spec("attribution", cache_dir=cache_dir / "fresh")


def test_importing_vizlib_and_parsing_directives_loads_neither_torch_nor_altair():
    code = (
        "import sys, vizlib\n"
        "from vizlib.directives import parse_directive\n"
        "parse_directive('{{ demo(\"attribution\") }}')\n"
        "print(sorted({'torch', 'altair', 'sklearn'} & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_registry_names_each_demo_as_its_module_does():
    from vizlib import registry

    assert list(registry.DEMO_MODULES) == [info.name for info in vizlib.list_demos()]


def test_a_cache_hit_imports_no_demo_module(tmp_path):
    """Building the site with every demo cached must not pay for importing torch."""
    vizlib.build_spec("how-a-network-learns", cache_dir=tmp_path)
    code = (
        "import sys, vizlib; from pathlib import Path; "
        f"vizlib.build_spec('how-a-network-learns', cache_dir=Path({str(tmp_path)!r})); "
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
