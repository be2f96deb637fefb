"""`survey new` given 1,200 random and mutated BibTeX inputs, in-process: each ends in a
record file or one clear message, never a traceback or a hang. Fixed seeds: the same inputs
every run."""

from __future__ import annotations

import io
import random
import re
import time

import pytest
import yaml

from survey.cli import main

SEEDS = [
    r"""@article{hohman2019summit,
  title = {{Summit}: Scaling Deep Learning Interpretability by Visualizing Activation and Attribution Summarizations},
  author = {Hohman, Fred and Park, Haekyu and Robinson, Caleb and Chau, Duen Horng},
  journal = {IEEE Transactions on Visualization and Computer Graphics},
  year = {2019}, month = apr, doi = {10.5555/example.summit},
  url = {https://fredhohman.com/summit/}, eprint = {1904.02323v2}, archivePrefix = {arXiv},
}""",
    r"""@string{tvcg = "IEEE Transactions on " # "Visualization and Computer Graphics"}
@comment{jabref-meta: databaseType:bibtex;}
@inproceedings(steele2020alpha, author = "Steele, Jr., Guy L. and Jean de La Fontaine and M{\"u}ller, J.",
  title = "{\em LSTMVis} and $\alpha$-Divergences: 50\% {GAN}s \& $x_1^2$", booktitle = tvcg, year = 2020)""",
    r"""@misc{olah2015, author = {Christopher Olah}, title = {Understanding {LSTM} Networks},
  howpublished = {\url{https://colah.github.io/posts/2015-08-Understanding-LSTMs/}}, year = {2015}}""",
    r"""@mastersthesis{b2014, author = {Bruckner, Daniel}, title = {{ML-o-scope}}, school = {UC Berkeley},
  year = {2014}, note = {A "quoted" word and {\'E}cole}}""",
]
ALPHABET = '@{}()",=#%\\$~^_&\n \t' + "abcdefghijklmnopqrstuvwxyzAEIOU0123456789.-:;/" + "éüßŁ王\u00a0\u200b"
MESSAGE = re.compile(r"^(<stdin>:\d+: |survey new: ).+")
CASES = 1_200


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        action = rng.random()
        at = rng.randrange(len(chars) + 1)
        if action < 0.35:
            chars.insert(at, rng.choice(ALPHABET))
        elif action < 0.6 and chars:
            del chars[min(at, len(chars) - 1)]
        elif action < 0.8 and chars:
            chars[min(at, len(chars) - 1)] = rng.choice(ALPHABET)
        elif action < 0.9:
            chars = chars[:at]  # truncated
        else:
            start = rng.randrange(len(chars) + 1)
            chars[at:at] = chars[start : start + rng.randint(1, 40)]  # a piece repeated
    return "".join(chars)


def _inputs() -> list[bytes]:
    rng = random.Random(20181)
    inputs = []
    for i in range(CASES):
        if i % 6 == 5:  # random text
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 300)))
        else:
            text = _mutate(rng.choice(SEEDS), rng)
        data = text.encode("utf-8")
        if i % 50 == 7:  # bytes that are not UTF-8
            data = data[: rng.randrange(len(data) + 1)] + bytes([rng.randrange(128, 256)]) + data[:20]
        inputs.append(data)
    return inputs


def test_random_and_mutated_bibtex_gives_a_record_or_a_message(tmp_path, monkeypatch, capsys):
    outcomes = {"created": 0, "message": 0}
    slowest = 0.0
    for index, data in enumerate(_inputs()):
        works = tmp_path / f"w{index}"
        works.mkdir()
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        started = time.process_time()
        try:
            status = main(["new", "--works-dir", str(works)])
        except Exception as err:  # a traceback: the test names the input that caused it
            pytest.fail(f"input {index} raised {err!r}: {data[:300]!r}")
        slowest = max(slowest, time.process_time() - started)
        out, errors = capsys.readouterr()
        assert "Traceback" not in out + errors
        if status == 0:
            outcomes["created"] += 1
            [path] = works.iterdir()
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert record["id"] == path.stem and record["author_list"], index
            assert all("others" not in a for a in record["author_list"])
        else:
            outcomes["message"] += 1
            assert status == 1 and list(works.iterdir()) == [], index
            lines = errors.splitlines()
            assert len(lines) == 1 and MESSAGE.match(lines[0]), (index, errors)
    assert outcomes["created"] >= 100 and outcomes["message"] >= 100, outcomes
    assert slowest < 10, f"an input took {slowest:.1f} s"  # bounded inputs: a hang shows here
