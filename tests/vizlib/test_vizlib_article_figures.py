"""Every figure an article states is computed from the demo it describes.

Articles write figures inline as {{ figure("name") }} (vizlib/figures.py) and the site
build fills them in. These tests pin each figure against the demo's data (or, for a live
demo's preset link, torch's run of it), computed here independently; check that the
percentages are rounded as the charts round them; and change a preset's seed to see the
article's text, and its link, follow.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pytest

from tests.support.demo_cache import DEMO_CACHE
from vizlib import figures, live
from vizlib.errors import DemoError
from vizlib_test_support import EXPLORABLES

ARTICLES = sorted(EXPLORABLES.glob("*.md"))


def filled(build, article: str) -> str:
    """The article's prose with its figures filled in, on one line per paragraph."""
    text = (EXPLORABLES / f"{article}.md").read_text(encoding="utf-8")
    return " ".join(figures.fill(line, build, DEMO_CACHE) for line in text.splitlines()).replace("  ", " ")


def flat(text: str) -> str:
    return " ".join(text.split())


def half_up_percent(share: float) -> str:  # as d3's format(x, '.0%') in the chart beside the text
    return f"{int(share * 100 + 0.5 + 1e-9)} %"


def _slow_learning_rate(build, preset=None) -> tuple:
    """What the live network shows from the slow preset link: its accuracy before and after."""
    preset = preset or figures.SLOW_PRESET
    run = live.train_plain(preset, figures.PRESET_STEPS)
    good = live.train_plain(figures.GOOD_PRESET, figures.PRESET_STEPS)
    return (
        figures.PRESET_STEPS,
        half_up_percent(run["train_accuracy"][0]),
        half_up_percent(run["train_accuracy"][-1]),
        half_up_percent(good["train_accuracy"][-1]),
    )


def _songs(build) -> tuple:
    exported = live.song_export(live.SONG_PRESETS["four-songs"], seed=live.SONG_SEED)
    reference = live.train_torch(exported, live.SONG_AUTOPLAY_STEPS)
    return (f"{reference.train_loss[-1]:.2f}",)


def _capacity(build) -> tuple:  # the live widget's widest network, as torch trains it
    widest = live.TRAINING_EXPERIMENTS["capacity"].values[-1]
    run = live.history_torch(
        live.digits_export(live.training_settings("capacity", widest)), live.TRAINING_STEPS, live.RECORD_EVERY
    )
    return (half_up_percent(max(run["train_accuracy"])),)


def _attack_flips(build) -> tuple:
    flips = [row["flips_at"] for row in build("attribution")["datasets"]["originals"]]
    return len(flips), f"{min(flips):g}", f"{max(flips):g}", half_up_percent(min(flips)), half_up_percent(max(flips))


def _units_that_fire(build) -> tuple:
    units = [row for row in build("feature-visualization")["datasets"]["images"] if row["kind"] == "hidden unit"]
    firing = sum(row["reached"] > 0 for row in units)
    return firing, len(units), len(units) - firing


def _parity(build) -> tuple:
    return len(live.PARITY_RUNS), live.PARITY_STEPS


def _instances(build) -> tuple:
    instances = build("instance-based-analysis")["datasets"]["instances"]
    return len(instances[0]["act"]), len(instances)


def _projection(build) -> tuple:
    spec = build("neurons-in-high-dimensional-space")
    titles = re.findall(r"layer (\d), (\d+) neurons", str(spec))
    return dict(titles)["1"], dict(titles)["2"]


def _projection_epochs(build) -> tuple:
    spec = build("neurons-in-high-dimensional-space")
    return (max(int(v) for p in spec["params"] if p.get("name") == "epoch" for v in p["bind"]["options"]),)


WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def _datasets(build) -> tuple:
    return (WORDS[len(live.DATASETS)],)


def _starting_points(build) -> tuple:
    """The links that set the live network: the page reads each key of the address."""
    return (
        "?data=circles&layers=4&activation=tanh&lr=0.3&seed=1",
        "?data=xor&layers=4&activation=tanh&lr=0.3&seed=1",
        "?data=spiral&layers=6-6-6&activation=tanh&lr=0.3&seed=1",
    )


def _chaotic(build) -> tuple:
    preset = figures.CHAOTIC_PRESET
    return (f"{preset.learning_rate:g}", preset.activation, WORDS[len(preset.hidden)], preset.hidden[0])


def _strong_l2(build) -> tuple:
    return (f"{figures.STRONG_L2_PRESET.l2:g}", "?data=spiral&layers=6-6-6&activation=tanh&lr=0.3&seed=1&l2=0.1")


def _smallest_batch(build) -> tuple:
    return (sorted(live.BATCH_SIZES)[1],)


def _four_songs(build) -> tuple:
    labels = live.SONG_PRESETS["four-songs"]
    return WORDS[len(labels) - labels.count("-")], WORDS[labels.count("L")]


def _four_songs_wrong(build) -> tuple:
    """After the autoplay: the heard songs the neuron answers wrong (the page's run, in plain Python)."""
    labels = live.SONG_PRESETS["four-songs"]
    heard = len(labels) - labels.count("-")
    exported = live.song_export(labels, seed=live.SONG_SEED)
    settings = live.Settings(**{**exported["settings"], "hidden": (), "features": ()})
    run = live.train_plain(settings, live.SONG_AUTOPLAY_STEPS, data=exported["data"])
    return WORDS[round(heard * (1 - run["train_accuracy"][-1]))], WORDS[heard]


def _song_kinds(build) -> tuple:
    return (WORDS[len(live.SONGS)],)


def _rnn(build) -> tuple:
    (model,) = build("reading-a-recurrent-networks-memory")["datasets"]["model"]
    return model["hidden"], model["chorales"]["training"], model["chorales"]["held_out"]


def _rnn_accuracy(build) -> tuple:
    (model,) = build("reading-a-recurrent-networks-memory")["datasets"]["model"]
    return (half_up_percent(model["held_out_accuracy"]),)


def _projection_panels(build) -> tuple:
    keys = [
        key
        for key in build("neurons-in-high-dimensional-space")["datasets"]["points"][0]
        if key.startswith(("PCA ", "t-SNE "))
    ]
    return WORDS[len({key.split(" ", 1)[1] for key in keys})], WORDS[len(keys)]


def _instance_layers(build) -> tuple:
    layers = build("instance-based-analysis")["datasets"]["model"]
    return (f"{WORDS[len(layers) - 1]} hidden layer{'' if len(layers) == 2 else 's'}", len(layers[0]["w"]))


SENTENCES: list[tuple[str, str, Callable]] = [
    ("decision-boundaries", "Pick one of {} datasets", _datasets),
    (
        "decision-boundaries",
        "[Circles]({}#train-it-yourself) [...] [Exclusive or]({}#train-it-yourself) [...] "
        "[Two spirals]({}#train-it-yourself)",
        _starting_points,
    ),
    ("decision-boundaries", "a large learning rate, say {}, with {} and {} hidden layers of {}", _chaotic),
    (
        "decision-boundaries",
        "[add L2 regularization with a rate of {} on the spiral]({}#train-it-yourself)",
        _strong_l2,
    ),
    (
        "decision-boundaries",
        "Set the batch size to {}, the smallest: every step looks at so few points",
        _smallest_batch,
    ),
    ("how-a-network-learns", "The listener has heard {} songs and liked {} of them", _four_songs),
    ("how-a-network-learns", "{} of the {} on the wrong side of it by a hair", _four_songs_wrong),
    ("how-a-network-learns", "Now the listener has rated all {} possible kinds of song", _song_kinds),
    (
        "reading-a-recurrent-networks-memory",
        "one layer of {} LSTM units [...] on the soprano lines of {} of Bach's "
        "four-part chorales, each moved into C major or C minor; {} more",
        _rnn,
    ),
    ("reading-a-recurrent-networks-memory", "the note Bach wrote {} of the time", _rnn_accuracy),
    (
        "neurons-in-high-dimensional-space",
        "are shown {} times: [...] ring that one image in all {} panels",
        _projection_panels,
    ),
    ("instance-based-analysis", "a small digit classifier with {} of {} neurons", _instance_layers),
    (
        "decision-boundaries",
        "After {} steps the training accuracy has only gone from {} to {}; [at 0.3](?data=circles&"
        "layers=4&activation=tanh&lr=0.3&seed=1&stop=300#train-it-yourself) it reaches {} in as many steps",
        _slow_learning_rate,
    ),
    (
        "decision-boundaries",
        "in {} settings, and over the first {} steps every loss agrees to a relative 10⁻¹²",
        _parity,
    ),
    ("how-a-network-learns", "goes flat at about {}", _songs),
    ("watching-training", "the training accuracy reaches {}", _capacity),
    (
        "attribution",
        "For the {} digits below the answer flips at an ε between {} and {}, that is, with every pixel "
        "moved by {} to {} of full ink",
        _attack_flips,
    ),
    (
        "attribution",
        "For {} of the {} hidden units the optimized image makes the unit fire; for the other {} the",
        _units_that_fire,
    ),
    ("instance-based-analysis", "one hidden layer of {} neurons", _instances),
    (
        "neurons-in-high-dimensional-space",
        "the first hidden layer ({} neurons) and of the second ({} neurons)",
        _projection,
    ),
    ("neurons-in-high-dimensional-space", "and after {} epochs both hidden layers", _projection_epochs),
]


@pytest.mark.parametrize("article, sentence, compute", SENTENCES, ids=[f"{a}:{s[:30]}" for a, s, _ in SENTENCES])
def test_the_figures_an_article_states_come_from_its_demo(build, article, sentence, compute):
    expected = sentence.format(*compute(build))
    text = flat(filled(build, article))
    # "[...]" stands for any text between the parts, in order
    pattern = ".*?".join(re.escape(part.strip()) for part in expected.split("[...]"))
    assert re.search(pattern, text), f"{article}.md should say: {expected!r}"


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_figure_an_article_uses_exists_and_is_filled(build, path):
    text = path.read_text(encoding="utf-8")
    assert set(figures.names_in(text)) <= set(figures.FIGURES)
    assert "{{ figure" not in filled(build, path.stem)


def test_the_text_rounds_percentages_as_the_chart_beside_it_does():
    # d3's '.0%' (the replay's summary line) rounds 62.5 % up; Python's format rounds it to even
    assert figures.percent(0.625) == "63 %" and figures.percent(0.825) == "83 %"
    assert figures.percent(0.135) == "14 %" and figures.percent(0.1) == "10 %"


def test_an_unknown_figure_is_refused_with_the_names_there_are():
    with pytest.raises(DemoError, match="unknown figure 'nope'; the figures are: .*boundary-slow-end"):
        figures.fill('it reaches {{ figure("nope") }}', lambda *a, **k: {})


def test_with_another_seed_the_text_follows(monkeypatch, build):
    """The preset the article links to, from another seed: its figures, and the link, follow."""
    from dataclasses import replace

    before = _slow_learning_rate(build)
    reseeded = replace(figures.SLOW_PRESET, seed=7)
    monkeypatch.setattr(figures, "SLOW_PRESET", reseeded)
    after = _slow_learning_rate(build, reseeded)
    assert after[1:3] != before[1:3], "seed 7 should start from other points and weights than seed 1"
    text = flat(filled(build, "decision-boundaries"))
    sentence = "After {} steps the training accuracy has only gone from {} to {};"
    assert sentence.format(*after[:3]) in text
    assert sentence.format(*before[:3]) not in text
    assert "&seed=7&stop=300#train-it-yourself" in text, "the link sets the seed the text describes"


def test_with_another_song_seed_the_text_follows(monkeypatch, build):
    """The four songs end near the line; which of them fall on the wrong side, by a hair,
    depends on the starting weights: from another seed the article says so."""
    sentence = "{} of the {} on the wrong side of it by a hair"
    before = sentence.format(*_four_songs_wrong(build))
    monkeypatch.setattr(live, "SONG_SEED", 3)
    figures._song_run.cache_clear()
    try:
        after = sentence.format(*_four_songs_wrong(build))
        assert after != before, "seed 3 should leave another number of songs on the wrong side than seed 1"
        text = flat(filled(build, "how-a-network-learns"))
        assert after in text and before not in text
    finally:
        figures._song_run.cache_clear()


def test_the_plain_python_run_the_text_quotes_is_torchs_run():
    settings = figures.SLOW_PRESET
    plain = live.train_plain(settings, 40)
    reference = live.train_torch(live.export(settings), 40)
    np.testing.assert_allclose(plain["train_loss"], reference.train_loss, rtol=1e-12)
    np.testing.assert_allclose(plain["test_loss"], reference.test_loss, rtol=1e-12)


def test_an_unknown_figure_in_an_article_is_named_with_its_line_and_column(tmp_path):
    import survey
    from site_src.pages import explorables

    folder = tmp_path / "explorables"
    folder.mkdir()
    (folder / "broken.md").write_text(
        "---\ntitle: Broken\ndescription: A test.\nhow: [line]\n---\n\nText.\n\n"
        'It reaches {{ figure("no-such-figure") }} in a step.\n',
        encoding="utf-8",
    )
    with pytest.raises(explorables.ArticleError) as raised:
        works = survey.load()
        articles = explorables.load_articles(folder, facets=[f.id for f in works.taxonomy.tagged_facets])
        explorables.files(articles, works, tmp_path / "cache")
    assert str(raised.value).startswith(f"{folder / 'broken.md'}:9:12: unknown figure 'no-such-figure'")
