"""Reading a recurrent network's memory: the melodies, the budget, the units the build
names (recomputed from the weights the page ships), the article's figures and claims, and
the browser engine's parity with torch (rnn-engine.js run under Node)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from vizlib_test_support import EXPLORABLES, REPO

from vizlib import DemoError, serialize
from vizlib.demos import reading_a_recurrent_networks_memory as rnn
from tests.support.node import node_executable

NAME = rnn.INFO.name
ENGINE = REPO / "site_src" / "docs" / "assets" / "js" / "explorables" / "rnn-engine.js"
LIVE_SCRIPT = REPO / "site_src" / "docs" / "assets" / "js" / "explorables" / "live-rnn.js"
ARTICLE = EXPLORABLES / f"{NAME}.md"


@pytest.fixture(scope="module")
def spec(build):
    return build(NAME)


@pytest.fixture(scope="module")
def payload(spec):
    return rnn.model_payload(spec)


def test_the_melodies_are_bach_chorales_in_4_4_with_the_tonic_on_c():
    melodies = rnn.chorales()
    assert len(melodies) > 150
    for chorale in melodies:
        assert re.fullmatch(r"bwv\d+[\w.-]*", chorale.name) and chorale.mode in ("major", "minor")
        assert all(1 <= note.beat < 5 and note.length in rnn.LENGTH_NAMES for note in chorale.notes)
        # moved to C by at most a tritone: the soprano stays in a singer's range
        assert all(50 <= note.pitch <= 90 for note in chorale.notes)
    tonic_share = sum(n.pitch % 12 == 0 for c in melodies for n in c.notes) / sum(len(c.notes) for c in melodies)
    assert tonic_share > 1 / 12, "C should be commoner than an average pitch class"


def test_an_edited_melody_file_stops_the_build_with_the_new_hash(monkeypatch):
    from vizlib.demos import chorale_melodies

    monkeypatch.setattr(chorale_melodies, "MELODIES", chorale_melodies.MELODIES + "bwv0 major 60,1,1,0\n")
    with pytest.raises(DemoError, match=r"chorale_melodies.py changed \(sha256 [0-9a-f]{64}\); set MELODIES_SHA256"):
        rnn.chorales()


def test_every_token_switches_on_its_pitch_and_its_length():
    vocabulary = rnn.Vocabulary.of(rnn.chorales())
    rows = vocabulary.token_inputs()
    assert rows[0] == [0] and len(rows) == vocabulary.size
    for (pitch, length), inputs in zip(vocabulary.notes, rows[1:]):
        assert vocabulary.pitches[inputs[0] - 1] == pitch
        assert vocabulary.lengths[inputs[1] - 1 - len(vocabulary.pitches)] == length


def test_the_network_and_its_weights_are_within_budget(spec, payload):
    assert serialize.inline_data_bytes(spec) < 300_000
    assert len(json.dumps(payload, separators=(",", ":"))) < 300_000
    weights = payload["weights"]
    assert len(weights["w_hh"]) == 4 * rnn.HIDDEN and len(weights["w_hh"][0]) == rnn.HIDDEN
    assert len(weights["w_out"]) == len(payload["names"])


def test_the_units_the_page_names_follow_their_property_on_the_shipped_weights(spec, payload):
    """The findings are recomputed from the weights the browser gets, not read back."""
    melodies = rnn.chorales()
    vocabulary = rnn.Vocabulary.of(melodies)
    _, held_out = rnn.split(melodies)
    correlations = rnn.unit_correlations(payload["weights"], vocabulary, held_out)
    found = payload["findings"]
    assert len(found) >= 2
    for finding in found:
        best = correlations[finding["property"]][0]
        assert best["unit"] == finding["unit"]
        assert abs(best["r"]) >= rnn.FINDING_THRESHOLD
        assert best["r"] == pytest.approx(finding["r"], abs=1e-3)
        assert best["notes"] == finding["notes"]
    # the chart draws the same units it names
    titles = {row["finding"] for row in spec["datasets"]["strip"]}
    units = [re.match(r"unit (\d+):", title) for title in titles]
    assert all(units), titles
    assert {int(m.group(1)) for m in units if m} == {f["unit"] for f in found}
    assert all(f"unit {f['unit']} follows" in spec["description"] for f in found)


def test_the_article_says_what_the_build_found(payload):
    """The article's claims about the trained network, checked against it: which properties
    have a unit of their own, and which have none."""
    found = {f["property"] for f in payload["findings"]}
    melodies = rnn.chorales()
    _, held_out = rnn.split(melodies)
    correlations = rnn.unit_correlations(payload["weights"], rnn.Vocabulary.of(melodies), held_out)
    text = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    assert "The register is easy" in text and "height" in found
    assert "Whether a note falls between two beats is harder" in text and "offbeat" in found
    assert "where the bar begins or whether the melody has just risen" in text
    for name in ("downbeat", "rose"):
        assert abs(correlations[name][0]["r"]) < rnn.FINDING_THRESHOLD, f"{name} has a unit of its own now"


def test_the_figures_the_article_states_come_from_the_build(build, payload):
    from vizlib import figures

    article = ARTICLE.read_text(encoding="utf-8")
    text = " ".join(" ".join(figures.fill(line, build) for line in article.splitlines()).split())
    chorales = payload["chorales"]
    declared = re.search(r"var AROUND = (\d+);", LIVE_SCRIPT.read_text(encoding="utf-8"))
    assert declared, f"{LIVE_SCRIPT} declares no AROUND"
    around = declared.group(1)
    expected = [
        f"one layer of {payload['hidden']} LSTM units",
        f"the soprano lines of {chorales['training']} of Bach's",
        f"{chorales['held_out']} more chorales are held out",
        f"the note Bach wrote {payload['held_out_accuracy']:.0%} of the time".replace("%", " %"),
        f"when the size of its correlation reaches {rnn.FINDING_THRESHOLD:g}",
        f"off at the {({3: 'three'})[int(around)]} notes either side",
    ]
    for sentence in expected:
        assert sentence in text, f"the article should say: {sentence!r}"


def _node() -> str:
    return node_executable("the RNN engine's parity test")


NODE_RUN = """
const engine = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const net = new engine.LSTM(input.weights, input.token_inputs);
const run = net.run(input.tokens);
const made = net.generate(run.state, input.count, 0, Math.random, 0);
process.stdout.write(JSON.stringify({h: run.h, c: run.c, p: run.p, generated: made.tokens}));
"""


def test_the_browser_engine_agrees_with_torch_to_1e_12(payload):
    """rnn-engine.js, run by Node on the shipped weights, against torch's float64 nn.LSTM:
    every hidden and cell value and every next-note probability, and the temperature-0
    continuation."""
    tokens = [0, *payload["presets"][0]["tokens"], *payload["presets"][-1]["tokens"]]
    result = subprocess.run(
        [_node(), "-e", NODE_RUN, str(ENGINE)],
        check=True,
        capture_output=True,
        text=True,
        input=json.dumps(
            {"weights": payload["weights"], "token_inputs": payload["token_inputs"], "tokens": tokens, "count": 32}
        ),
        timeout=60,
    )
    browser = json.loads(result.stdout)
    reference = rnn.torch_run(payload["weights"], payload["token_inputs"], tokens)
    for key in ("h", "c", "p"):
        assert len(browser[key]) == len(tokens)
        worst = max(abs(a - b) for row, ref in zip(browser[key], reference[key]) for a, b in zip(row, ref))
        assert worst < 1e-12, f"{key} differs from torch by {worst:g}"
    assert browser["generated"] == rnn.torch_generate(payload["weights"], payload["token_inputs"], tokens, 32)
    assert browser["generated"], "the continuation should not be empty"


RNN_WORKS = ["karpathy2015visualizing", "strobelt2017lstmvis", "cashman2017rnnbow", "strobelt2018seq2seq"]


def test_the_article_lists_the_recurrent_works_and_their_pages_link_back():
    import survey
    from site_src.pages import explorables, urls, work_pages
    from vizlib.directives import parse_directive

    works = survey.load()
    articles = explorables.load_articles(EXPLORABLES, facets=[f.id for f in works.taxonomy.tagged_facets])
    page = urls.explorable_page(NAME)
    queries = [
        args[0]
        for name, args, _ in filter(None, map(parse_directive, ARTICLE.read_text(encoding="utf-8").splitlines()))
        if name == "works"
    ]
    listed = "".join(explorables._works(page, query, works) for query in queries)
    for work_id in RNN_WORKS:
        assert f'href="/works/{work_id}/"' in listed, f"the article does not list {work_id}"
    pages = work_pages.files(works, articles)
    for work_id in RNN_WORKS:
        text = pages[urls.work_page(work_id)]
        assert f'href="/explorables/{NAME}/">Reading a recurrent network' in text, f"{work_id} does not link back"
