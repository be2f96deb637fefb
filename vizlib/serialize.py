"""Turn specs into stable JSON text.

Two builds from the same inputs must give byte-identical files, and the embedded data
must stay small. Both come from the same two rules: keys are sorted, and every float is
rounded to a few significant digits (the last bits of a float differ between runs of a
float32 computation far less often than they differ in print, and nobody reads them).
"""

from __future__ import annotations

import json
import math
from typing import Any

SIGNIFICANT_DIGITS = 4


def rounded(value: Any, digits: int = SIGNIFICANT_DIGITS) -> Any:
    """`value` with every float rounded to `digits` significant digits, recursively.

    NaN and infinities become None (JSON has no spelling for them; Vega reads null as
    missing). NumPy scalars and arrays become plain Python numbers and lists.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(key): rounded(item, digits) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(item, digits) for item in value]
    if hasattr(value, "tolist"):  # a NumPy array or scalar, without importing NumPy
        return rounded(value.tolist(), digits)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return float(f"{value:.{digits}g}")
    raise TypeError(f"cannot serialize {type(value).__name__}: {value!r}")


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON of `value` with rounded floats: the same input, the same bytes."""
    return json.dumps(rounded(value), sort_keys=True, separators=(",", ":"), allow_nan=False)


def inline_data_bytes(spec: dict) -> int:
    """How many bytes of JSON the data inlined in a Vega-Lite spec takes.

    Altair gathers inline data under the top-level "datasets"; inline "values" written
    elsewhere in the spec are counted too.
    """
    total = len(dumps(spec.get("datasets", {})))

    def visit(node: Any) -> None:
        nonlocal total
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "values" and isinstance(item, list):
                    total += len(dumps(item))
                elif key != "datasets":
                    visit(item)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit({key: item for key, item in spec.items() if key != "datasets"})
    return total
