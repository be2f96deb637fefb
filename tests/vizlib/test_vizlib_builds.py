"""Building demos: determinism, the cache, and the data budget. (Training time is a
speed goal: `make bench` measures it, against the 20 s budget.)"""

from __future__ import annotations

import pytest

import vizlib
from vizlib_test_support import DEMO_NAMES
from vizlib import cache, registry, serialize

DATA_BUDGET_BYTES = 300_000


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_a_fresh_build_is_byte_identical_and_reports_progress(build, name):
    messages: list[str] = []
    fresh = registry.render_spec(name, {}, progress=messages.append)
    assert serialize.dumps(fresh) == serialize.dumps(build(name))
    assert any("training" in message for message in messages), "training reports no progress"


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_each_demo_embeds_less_than_the_data_budget(build, name):
    assert serialize.inline_data_bytes(build(name)) < DATA_BUDGET_BYTES


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_specs_leave_background_and_theme_to_the_page(build, name):
    spec = build(name)
    assert "background" not in spec
    assert set(spec.get("config", {})) <= {"view"}


def test_a_rebuild_with_nothing_changed_trains_nothing(build, cache_dir, monkeypatch):
    built = build("how-a-network-learns")
    from vizlib import training

    calls = []
    monkeypatch.setattr(training, "train", lambda *args, **kwargs: calls.append(args))
    messages: list[str] = []
    again = vizlib.build_spec("how-a-network-learns", cache_dir=cache_dir, progress=messages.append)
    assert calls == []
    assert messages == ["how-a-network-learns: up to date (cache)"]
    assert serialize.dumps(again) == serialize.dumps(built)


def test_the_cache_key_follows_options_and_source(tmp_path):
    source = tmp_path / "demo.py"
    source.write_text("STEPS = 100\n")
    key = cache.key("demo", source, {"dataset": "xor"})
    assert cache.key("demo", source, {"dataset": "xor"}) == key
    assert cache.key("demo", source, {"dataset": "spiral"}) != key
    source.write_text("STEPS = 101\n")
    assert cache.key("demo", source, {"dataset": "xor"}) != key
