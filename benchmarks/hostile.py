"""Validating a 1 MB hostile record: every line a problem. Checking must stay linear in the
size of the file however many problems it holds (each file reports its first 50)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from benchmarks.figures import Figure, best_of
from survey import load_taxonomy
from survey.records.validate import validate_paths

TAXONOMY = load_taxonomy()  # the flagship's: the synthetic records are written in its vocabulary

SIZE = 1_000_000  # bytes

_VALID = (
    "id: hostile\ntitle: A Hostile Record\nauthors: Doe, et al.\nyear: 2018\nvenue: TVCG\n"
    "url: https://example.org/hostile\nwhy: [interpretability]\nwho: [model-developers]\n"
    "what: [units]\nwhen: [after]\n"
)


def hostile_records() -> dict[str, str]:
    """Each about SIZE bytes: a valid record and one field (or the whole mapping) made of
    tens of thousands of bad values."""
    items = SIZE // len("  - not-a-category\n")
    keys = SIZE // len("unknown_field_000000: 1\n")
    return {
        "unknown categories": _VALID + "how:\n" + "  - not-a-category\n" * items,
        "unknown fields": _VALID + "how: []\n" + "".join(f"unknown_field_{i:06}: 1\n" for i in range(keys)),
        "duplicate keys": _VALID + "how: []\n" + "notes: x\n" * (SIZE // len("notes: x\n")),
    }


def measure(repeats: int = 3) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for label, text in hostile_records().items():
            path = Path(folder) / "hostile.yaml"
            path.write_text(text, encoding="utf-8")
            floor = best_of(repeats, lambda: yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
            seconds = best_of(repeats, lambda: validate_paths([path], TAXONOMY, use_cache=False))
            name = f"validate a 1 MB record of {label}"
            figures += [
                Figure(name, seconds, "s", floor, "CSafeLoader parse", "<= 1.5x", 1.5),
                Figure(f"{name}: time", seconds, "s", None, "", "< 1 s", 1.0),
            ]
    return figures


if __name__ == "__main__":  # python -m benchmarks.hostile: these figures alone
    from benchmarks.figures import report

    print(report(measure()))
