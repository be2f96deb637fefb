"""Loading and validating N records, against libyaml's CSafeLoader parsing the same files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from benchmarks.figures import Figure, best_of
from survey import load_taxonomy
from survey.records.validate import validate_paths

TAXONOMY = load_taxonomy()  # the flagship's: the synthetic records are written in its vocabulary


def parse_floor(files: list[Path]) -> None:
    for file in files:
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)


def measure(folder: Path, label: str, repeats: int = 3) -> list[Figure]:
    files = sorted(folder.glob("*.yaml"))
    floor = best_of(repeats, lambda: parse_floor(files))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["SURVEY_CACHE_DIR"] = cache
        cold = best_of(repeats, lambda: validate_paths([folder], TAXONOMY, use_cache=False))
        validate_paths([folder], TAXONOMY)  # fills the cache
        warm = best_of(repeats, lambda: validate_paths([folder], TAXONOMY))
    return [
        Figure(f"load+validate {label} (cold)", cold, "s", floor, "CSafeLoader parse", "<= 1.5x", 1.5),
        Figure(f"load+validate {label} (warm)", warm, "s", floor, "CSafeLoader parse", "< 1x", 1.0),
    ]
