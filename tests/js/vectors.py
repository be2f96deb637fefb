"""The test vectors that the node tests (tests/js/*.test.js) read and that Python writes:
node has no YAML parser, no taxonomy loader and no torch, so what they need is computed here
and committed as JSON; tests/js/test_node.py checks that each committed file is what this
module computes now.

- tests/js/query_site.json: the works of tests/query_vectors.json as the table page holds
  them (works.json, site_src/pages/table.table_data), in the flagship's vocabulary, which the
  vectors are written in. The query twin under node parses and matches on it, as the page does.
- tests/mlp_vectors.json: forward, backward and training steps of small multilayer
  perceptrons, computed by torch in float64, which mlp-engine.js must reproduce to 1e-12.
  One row of MLP_CASES per case; the `optimizer` column names how a step updates the weights
  (OPTIMIZERS), so that another optimizer is a new row and an entry there.

Write both with `python -m tests.js.vectors` (from the repository root).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import survey
from site_src.pages.table import table_data
from survey import Collection, Work

ROOT = Path(__file__).resolve().parents[2]
QUERY_VECTORS = ROOT / "tests" / "query_vectors.json"
QUERY_SITE = ROOT / "tests" / "js" / "query_site.json"
MLP_VECTORS = ROOT / "tests" / "mlp_vectors.json"
QUERY_FACETS = ("why", "who", "what", "how", "when")  # the flagship's facets that carry categories


def query_vectors() -> dict[str, Any]:
    """tests/query_vectors.json: {works, selects, errors}; selects and errors are groups
    {about, cases: {query: ids or phrases}}."""
    vectors: dict[str, Any] = json.loads(QUERY_VECTORS.read_text(encoding="utf-8"))
    return vectors


def query_cases(vectors: dict[str, Any], kind: str) -> dict[str, list[str]]:
    """Every case of `kind` ("selects" or "errors"), its group's note left out."""
    return {query: answer for group in vectors[kind] for query, answer in group["cases"].items()}


def vector_work(record: dict[str, Any]) -> Work:
    """A work of the query vectors, from its record as the vectors write it."""
    record = {"url": f"https://example.org/{record['id']}", **record}
    in_2018 = record.get("in_2018_table", False)
    return Work(
        id=record["id"],
        title=record["title"],
        authors=record["authors"],
        year=record.get("year"),
        venue=record["venue"],
        url=record["url"],
        snapshots=frozenset(record.get("snapshots", [])) | ({"tvcg2018"} if in_2018 else set()),
        tags={f: tuple(record.get(f, ())) for f in QUERY_FACETS},
        author_list=tuple(record.get("author_list", ())),
    )


def vector_collection(vectors: dict[str, Any]) -> Collection:
    """The vectors' works in the flagship's vocabulary, which the vectors are written in."""
    return Collection([vector_work(r) for r in vectors["works"]], survey.load_taxonomy())


def query_site() -> dict[str, Any]:
    """The vectors' works as works.json holds them: the vocabulary and one row per work."""
    return table_data(vector_collection(query_vectors()))


# ---- The MLP engine -----------------------------------------------------------------------

# One case a row. inputs: raw input columns (when no features); features: ids of
# mlp-engine.js FEATURES computed from (x1, x2); hidden: hidden layer widths ([] is a
# logistic regression: one linear layer); rows: the batch size; l2, l1: the penalties on the
# weights (not the biases), as the engine's step adds them: l2/2 * sum w^2 + l1 * sum |w|.
MLP_CASES: list[dict[str, Any]] = [
    {
        "name": "one row, tanh",
        "seed": 1,
        "inputs": 2,
        "features": [],
        "hidden": [3],
        "activation": "tanh",
        "rows": 1,
        "l2": 0.0,
        "l1": 0.0,
        "learning_rate": 0.1,
        "steps": 1,
        "optimizer": "sgd",
    },
    {
        "name": "relu, two layers, L2",
        "seed": 2,
        "inputs": 2,
        "features": [],
        "hidden": [4, 3],
        "activation": "relu",
        "rows": 5,
        "l2": 0.01,
        "l1": 0.0,
        "learning_rate": 0.3,
        "steps": 3,
        "optimizer": "sgd",
    },
    {
        "name": "sigmoid, three inputs, L1",
        "seed": 3,
        "inputs": 3,
        "features": [],
        "hidden": [5],
        "activation": "sigmoid",
        "rows": 16,
        "l2": 0.0,
        "l1": 0.001,
        "learning_rate": 0.5,
        "steps": 2,
        "optimizer": "sgd",
    },
    {
        "name": "every feature, tanh, L1 and L2",
        "seed": 4,
        "inputs": 0,
        "features": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"],
        "hidden": [6, 4],
        "activation": "tanh",
        "rows": 64,
        "l2": 0.001,
        "l1": 0.001,
        "learning_rate": 0.03,
        "steps": 5,
        "optimizer": "sgd",
    },
    {
        "name": "no hidden layer (linear logit), squares",
        "seed": 5,
        "inputs": 0,
        "features": ["x1sq", "x2sq"],
        "hidden": [],
        "activation": "tanh",
        "rows": 16,
        "l2": 0.01,
        "l1": 0.0,
        "learning_rate": 0.01,
        "steps": 3,
        "optimizer": "sgd",
    },
    {
        "name": "relu on sines and product, L1 and L2",
        "seed": 6,
        "inputs": 0,
        "features": ["sinx1", "sinx2", "x1x2"],
        "hidden": [8],
        "activation": "relu",
        "rows": 16,
        "l2": 0.01,
        "l1": 0.01,
        "learning_rate": 0.1,
        "steps": 3,
        "optimizer": "sgd",
    },
    {
        "name": "sigmoid, three hidden layers",
        "seed": 7,
        "inputs": 2,
        "features": [],
        "hidden": [4, 4, 4],
        "activation": "sigmoid",
        "rows": 8,
        "l2": 0.0,
        "l1": 0.0,
        "learning_rate": 1.0,
        "steps": 2,
        "optimizer": "sgd",
    },
    {
        "name": "sgd with momentum, sigmoid",
        "seed": 8,
        "inputs": 2,
        "features": [],
        "hidden": [4],
        "activation": "sigmoid",
        "rows": 8,
        "l2": 0.0,
        "l1": 0.0,
        "learning_rate": 0.3,
        "steps": 4,
        "optimizer": "sgd",
        "momentum": 0.9,
    },
    {
        "name": "adam, relu, L1 and L2",
        "seed": 9,
        "inputs": 2,
        "features": [],
        "hidden": [5, 3],
        "activation": "relu",
        "rows": 16,
        "l2": 0.01,
        "l1": 0.001,
        "learning_rate": 0.05,
        "steps": 4,
        "optimizer": "adam",
    },
    {
        "name": "adam on a feature cross, tanh",
        "seed": 10,
        "inputs": 0,
        "features": ["x1", "x2", "x1x2"],
        "hidden": [4],
        "activation": "tanh",
        "rows": 32,
        "l2": 0.0,
        "l1": 0.0,
        "learning_rate": 0.01,
        "steps": 5,
        "optimizer": "adam",
    },
]

EXTENT = 6.0  # points in [-EXTENT, EXTENT]^2, as the engine's datasets


def _torch() -> Any:
    import torch  # the demos' dependency: imported only where vectors are computed

    return torch


def _features(torch: Any) -> dict[str, Callable[[Any, Any], Any]]:
    """mlp-engine.js FEATURES (and vizlib.live.FEATURES): id -> value of (x1, x2)."""
    return {
        "x1": lambda a, b: a,
        "x2": lambda a, b: b,
        "x1sq": lambda a, b: a * a,
        "x2sq": lambda a, b: b * b,
        "x1x2": lambda a, b: a * b,
        "sinx1": lambda a, b: torch.sin(a),
        "sinx2": lambda a, b: torch.sin(b),
    }


def _activations(torch: Any) -> dict[str, Callable[[Any], Any]]:
    return {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}


def _optimizer(name: str, params: list[Any], case: dict[str, Any]) -> Any:
    """The torch optimizer a case's `optimizer` column names (a new optimizer: a new entry)."""
    torch = _torch()
    if name == "sgd":
        return torch.optim.SGD(params, lr=case["learning_rate"], momentum=case.get("momentum", 0.0))
    if name == "adam":  # torch's defaults, which mlp-engine.js's ADAM copies
        return torch.optim.Adam(params, lr=case["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    raise ValueError(f"MLP case {case['name']!r}: unknown optimizer {name!r}; known: sgd, adam")


def _plain(tensor: Any) -> list[Any]:
    """A float64 tensor as nested lists of Python floats (JSON writes them exactly)."""
    values: list[Any] = tensor.detach().tolist()
    return values


def mlp_case(case: dict[str, Any]) -> dict[str, Any]:
    """The case and what torch computes for it, in float64: each layer's outputs, the loss,
    the weight gradients, d(sum of logits)/d(inputs), and the loss and weights after each
    training step on the same rows."""
    torch = _torch()
    dtype = torch.float64
    generator = torch.Generator().manual_seed(case["seed"])
    n, features = case["rows"], case["features"]
    raw = (torch.rand(n, 2 if features else case["inputs"], generator=generator, dtype=dtype) * 2 - 1) * EXTENT
    labels = torch.randint(0, 2, (n,), generator=generator).to(dtype)
    if features:
        functions = _features(torch)
        x = torch.stack([functions[f](raw[:, 0], raw[:, 1]) for f in features], dim=1)
    else:
        x = raw
    sizes = [x.shape[1], *case["hidden"], 1]
    weights = [
        (
            torch.randn(fan_out, fan_in, generator=generator, dtype=dtype) * 0.7,
            torch.randn(fan_out, generator=generator, dtype=dtype) * 0.5,
        )
        for fan_in, fan_out in zip(sizes, sizes[1:])
    ]
    activation = _activations(torch)[case["activation"]]

    def forward(inputs: Any, params: list[tuple[Any, Any]]) -> list[Any]:
        outputs, a = [], inputs
        for layer, (w, b) in enumerate(params):
            z = a @ w.T + b
            a = z if layer == len(params) - 1 else activation(z)
            outputs.append(a)
        return outputs

    def data_loss(logits: Any) -> Any:
        return torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], labels)

    params = [(w.clone().requires_grad_(True), b.clone().requires_grad_(True)) for w, b in weights]
    outputs = forward(x, params)
    loss = data_loss(outputs[-1])
    loss.backward()
    gradients = [{"w": _plain(w.grad), "b": _plain(b.grad)} for w, b in params]

    inputs = x.clone().requires_grad_(True)
    forward(inputs, [(w.detach(), b.detach()) for w, b in weights])[-1].sum().backward()

    trained = [(w.clone().requires_grad_(True), b.clone().requires_grad_(True)) for w, b in weights]
    optimizer = _optimizer(case["optimizer"], [p for pair in trained for p in pair], case)
    steps = []
    for _ in range(case["steps"]):
        optimizer.zero_grad()
        before = data_loss(forward(x, trained)[-1])
        penalty = sum(case["l2"] / 2 * (w * w).sum() + case["l1"] * w.abs().sum() for w, _ in trained)
        (before + penalty).backward()
        optimizer.step()
        steps.append({"loss": before.item(), "weights": [{"w": _plain(w), "b": _plain(b)} for w, b in trained]})

    rows = torch.cat([raw, labels[:, None]], dim=1)
    return {
        **case,
        "sizes": sizes,
        "data": _plain(rows),
        "weights": [{"w": _plain(w), "b": _plain(b)} for w, b in weights],
        "outputs": [_plain(a) for a in outputs],
        "loss": loss.item(),
        "gradients": gradients,
        "input_gradient": _plain(inputs.grad),
        "steps_after": steps,
    }


def mlp_vectors() -> dict[str, Any]:
    return {
        "about": "Written by `python -m tests.js.vectors` from torch (float64); read by "
        "tests/js/mlp.test.js (mlp-engine.js, to 1e-12) and checked by tests/js/test_node.py.",
        "cases": [mlp_case(case) for case in MLP_CASES],
    }


def differences(expected: Any, actual: Any, tolerance: float, where: str = "") -> list[str]:
    """Where two JSON values differ: numbers by more than tolerance x max(1, |expected|),
    anything else at all."""
    if isinstance(expected, bool) or isinstance(actual, bool) or not isinstance(expected, (int, float)):
        if isinstance(expected, dict) and isinstance(actual, dict):
            if expected.keys() != actual.keys():
                return [f"{where or '.'}: keys {sorted(expected)} != {sorted(actual)}"]
            return [d for k in expected for d in differences(expected[k], actual[k], tolerance, f"{where}.{k}")]
        if isinstance(expected, list) and isinstance(actual, list):
            if len(expected) != len(actual):
                return [f"{where}: {len(expected)} items != {len(actual)}"]
            return [
                d
                for i, (e, a) in enumerate(zip(expected, actual))
                for d in differences(e, a, tolerance, f"{where}[{i}]")
            ]
        return [] if expected == actual else [f"{where}: {expected!r} != {actual!r}"]
    if not isinstance(actual, (int, float)) or isinstance(actual, bool):
        return [f"{where}: {expected!r} != {actual!r}"]
    if math.isclose(expected, actual, rel_tol=0, abs_tol=tolerance * max(1.0, abs(expected))):
        return []
    return [f"{where}: {expected!r} != {actual!r}"]


def write_json(path: Path, value: Any) -> None:
    """Pretty-printed JSON, except that a list under "cases" has one case a line."""
    if isinstance(value, dict) and isinstance(value.get("cases"), list):
        head = {k: v for k, v in value.items() if k != "cases"}
        text = (
            json.dumps(head, ensure_ascii=False, indent=1)[:-2]
            + ',\n "cases": [\n'
            + ",\n".join("  " + json.dumps(case, ensure_ascii=False) for case in value["cases"])
            + "\n ]\n}"
        )
    else:
        text = json.dumps(value, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    write_json(QUERY_SITE, query_site())
    write_json(MLP_VECTORS, mlp_vectors())
    print(f"wrote {QUERY_SITE.relative_to(ROOT)} and {MLP_VECTORS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
