"""Guide → Performance (/guide/performance/): the figures of the latest `make bench` run, read
from benchmarks/results.json on every build, so that no benchmark figure is typed into prose
and goes stale. The page's words are in templates/guide/performance.md."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from site_src.pages.html import front_matter, raw_marker_context
from site_src.pages.templating import render

PAGE = "guide/performance.md"


class BenchmarkResultsError(ValueError):
    """results.json cannot be read as `make bench` writes it; the message is `path:line:column: ...`."""


@dataclass(frozen=True)
class FigureRow:
    name: str
    measured: str
    floor: str
    ratio: str
    goal: str


def files(results: Path | None) -> dict[str, str]:
    """The Performance page from `results` (benchmarks/results.json); none when `results` is None
    (a survey project's site has no benchmarks)."""
    if results is None:
        return {}
    return {PAGE: page(results, read_results(results))}


def read_results(results: Path) -> dict[str, Any]:
    try:
        text = results.read_text(encoding="utf-8")
    except OSError as err:
        raise BenchmarkResultsError(f"{results}:1:1: cannot be read ({err.strerror}); `make bench` writes it") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BenchmarkResultsError(f"{results}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("figures"), list)
        or not isinstance(data.get("machine"), dict)
    ):
        raise BenchmarkResultsError(f"{results}:1:1: expected an object with 'machine' and a list of 'figures'")
    for number, figure in enumerate(data["figures"], 1):
        if not (
            isinstance(figure, dict)
            and isinstance(figure.get("name"), str)
            and isinstance(figure.get("value"), (int, float))
            and isinstance(figure.get("unit"), str)
            and all(isinstance(figure.get(k), (int, float, type(None))) for k in ("floor", "ratio"))
            and figure.get("met") in (True, False, None)
        ):
            raise BenchmarkResultsError(
                f"{results}:{_line_of(text, figure)}:1: figure {number} needs a "
                "'name', a numeric 'value' and a 'unit' (a 'floor' and 'ratio' are "
                "numbers or null, 'met' true, false or null)"
            )
    return data


def _line_of(text: str, figure: object) -> int:
    """The line of the file where `figure`'s name stands, or 1 when it has none to search by."""
    name = figure.get("name") if isinstance(figure, dict) else None
    if isinstance(name, str):
        at = text.find(json.dumps(name))
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 1


def amount(value: float, unit: str) -> str:
    """A measurement as a reader takes it in: three significant digits, seconds under one
    as milliseconds, thousands grouped."""
    if unit == "s" and 0 < abs(value) < 1:
        value, unit = value * 1000, "ms"
    digits = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{digits} {unit}"


def rows(figures: list[dict[str, Any]]) -> list[FigureRow]:
    out = []
    for figure in figures:
        unit = figure["unit"]
        floor = figure.get("floor")
        ratio = figure.get("ratio")
        verdict = {True: " ✔", False: " ✘", None: ""}[figure.get("met")]
        out.append(
            FigureRow(
                name=figure["name"],
                measured=amount(figure["value"], unit),
                floor=(
                    f"{figure.get('floor_name') or 'floor'}: {amount(floor, unit)}"
                    if isinstance(floor, (int, float))
                    else ""
                ),
                ratio=f"{ratio:.2f}x" if isinstance(ratio, (int, float)) else "",
                goal=f"{figure.get('goal') or ''}{verdict}".strip(),
            )
        )
    return out


def page(results: Path, data: dict[str, Any]) -> str:
    machine = data["machine"]
    return render(
        "guide/performance.md",
        **raw_marker_context(),
        front_matter=Markup(
            front_matter(
                title="Performance",
                description="What make bench measures, against floors measured in the "
                "same run, and the figures of its latest run.",
            )
        ),
        machine=machine,
        rows=rows(data["figures"]),
        results_name=f"benchmarks/{results.name}",
    )
