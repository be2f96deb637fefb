"""Building demos: determinism, the cache, and the budgets."""
from __future__ import annotations

import pytest

import vizlib
from vizlib_test_support import DEMO_NAMES
from vizlib import cache, registry, serialize

DATA_BUDGET_BYTES = 300_000
TRAINING_BUDGET_SECONDS = 20


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_two_builds_give_byte_identical_json(build, name):
    first = serialize.dumps(build(name).spec)
    second = serialize.dumps(registry.render_spec(name, {}))
    assert first == second


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_each_demo_meets_its_data_and_training_budgets(build, name):
    built = build(name)
    assert serialize.inline_data_bytes(built.spec) < DATA_BUDGET_BYTES
    assert built.seconds < TRAINING_BUDGET_SECONDS
    assert any("training" in message for message in built.messages), "long training reports no progress"


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_specs_leave_background_and_theme_to_the_page(build, name):
    spec = build(name).spec
    assert "background" not in spec
    assert set(spec.get("config", {})) <= {"view"}


def test_a_rebuild_with_nothing_changed_trains_nothing(build, cache_dir, monkeypatch):
    built = build("how-a-network-learns")
    from vizlib import training

    calls = []
    monkeypatch.setattr(training, "train", lambda *args, **kwargs: calls.append(args))
    messages = []
    again = vizlib.build_spec("how-a-network-learns", cache_dir=cache_dir, progress=messages.append)
    assert calls == []
    assert messages == ["how-a-network-learns: up to date (cache)"]
    assert serialize.dumps(again) == serialize.dumps(built.spec)


def test_the_cache_key_follows_options_and_source(tmp_path):
    source = tmp_path / "demo.py"
    source.write_text("STEPS = 100\n")
    key = cache.key("demo", source, {"dataset": "xor"})
    assert cache.key("demo", source, {"dataset": "xor"}) == key
    assert cache.key("demo", source, {"dataset": "spiral"}) != key
    source.write_text("STEPS = 101\n")
    assert cache.key("demo", source, {"dataset": "xor"}) != key
