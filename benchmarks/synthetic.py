"""N synthetic but valid records, to measure the knowledge base at the scale of living
reviews in other fields (thousands of works). Deterministic: the same N gives the same files."""

from __future__ import annotations

import random
from pathlib import Path

from survey import load_taxonomy
from survey.records.writer import dump_record

WORDS = (
    "visual",
    "analytics",
    "neural",
    "network",
    "deep",
    "learning",
    "interactive",
    "exploration",
    "attention",
    "embedding",
    "saliency",
    "training",
    "model",
    "layer",
    "recurrent",
    "convolutional",
    "graph",
    "debugging",
    "comparison",
    "explanation",
    "activation",
    "gradient",
    "feature",
    "representation",
    "adversarial",
    "robust",
)
SURNAMES = (
    "Kahng",
    "Hohman",
    "Strobelt",
    "Smilkov",
    "Liu",
    "Wang",
    "Zhang",
    "Ming",
    "Olah",
    "Pezzotti",
    "Rauber",
    "Bau",
    "Zeiler",
    "Karpathy",
    "Müller",
    "Ødegaard",
    "Nguyễn",
)


def synthetic_records(n: int, seed: int = 2018) -> list[dict]:
    rng = random.Random(seed)
    taxonomy = load_taxonomy()
    venues = sorted(taxonomy.venues)
    records = []
    for i in range(n):
        year = rng.randint(2005, 2026)
        surname = rng.choice(SURNAMES)
        words = rng.sample(WORDS, 5)
        record = {
            "id": f"synthetic{year}w{i:05d}",
            "title": f"{words[0].capitalize()} {' '.join(words[1:])} number {i}",
            "authors": f"{surname}, et al.",
            "author_list": [f"Ann {surname}", "Bo Roe", "Cy Poe"],
            "kind": "article",
            "year": year,
            "venue": rng.choice(venues),
            "url": f"https://example.org/papers/{i}",
            "doi": f"10.5555/synthetic.{i}",
            "sources": [f"https://example.org/papers/{i}"],
        }
        for facet in taxonomy.tagged_facets:
            ids = [c.id for c in facet.categories]
            record[facet.id] = sorted(rng.sample(ids, rng.randint(1, min(3, len(ids)))), key=ids.index)
        record["in_2018_table"] = False
        # a work outside the snapshot says, per tagged facet, where its tags come from
        record["rationale"] = {
            facet.id: f"Abstract: synthetic {facet.id} tags of record {i}" for facet in taxonomy.tagged_facets
        }
        record["notes"] = "Synthetic record generated for the benchmark."
        records.append(record)
    return records


def write_records(folder: Path, n: int, seed: int = 2018) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    fields = load_taxonomy().fields  # the flagship's vocabulary, as above; read once, not per record
    for record in synthetic_records(n, seed):
        (folder / f"{record['id']}.yaml").write_text(dump_record(record, fields=fields), encoding="utf-8")
    return folder
