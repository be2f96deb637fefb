"""What demos exist, what options they take, and how one is built into a spec.

Each demo is a module in vizlib/demos/ with two names: `INFO`, a DemoInfo saying what
it is and which options it takes, and `build(options, progress)`, which trains and
returns an Altair chart. Demo modules import torch, so they are imported only when a
demo is listed or built, never by `import vizlib`.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

from vizlib import cache, serialize
from vizlib.errors import DemoBuildFailed, DemoError

Progress = Callable[[str], None]

# One module per demo, in the order `list_demos` gives them (the order of the articles).
# Named here, not only in each module's INFO, so that a cache hit needs no import (a
# demo module imports torch: over a second). A test checks the names agree.
DEMO_MODULES = {
    "how-a-network-learns": "vizlib.demos.how_a_network_learns",
    "decision-boundaries": "vizlib.demos.decision_boundaries",
    "watching-training": "vizlib.demos.watching_training",
    "neurons-in-high-dimensional-space": "vizlib.demos.neurons_in_high_dimensional_space",
    "instance-based-analysis": "vizlib.demos.instance_based_analysis",
    "attribution": "vizlib.demos.attribution",
    "feature-visualization": "vizlib.demos.feature_visualization",
    "reading-a-recurrent-networks-memory": "vizlib.demos.reading_a_recurrent_networks_memory",
}

DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "vizlib"


@dataclass(frozen=True)
class Option:
    values: tuple  # the allowed values, in the order a menu would list them
    default: Any  # the value used when the option is not given
    help: str  # one line saying what the option changes


@dataclass(frozen=True)
class DemoInfo:
    name: str  # the id used in directives and on the command line, e.g. "decision-boundaries"
    title: str  # a human title
    description: str  # one sentence saying what the reader can do with it
    options: dict[str, Option]  # build-time options: name -> allowed values and default


def list_demos() -> list[DemoInfo]:
    """Every demo vizlib can build, in article order."""
    return [_demo_module(name).INFO for name in DEMO_MODULES]


def _module_path(name: str) -> str:
    if name not in DEMO_MODULES:
        raise DemoError(f"unknown demo {name!r}; the demos are: {', '.join(DEMO_MODULES)}")
    return DEMO_MODULES[name]


def _demo_module(name: str) -> ModuleType:
    return importlib.import_module(_module_path(name))


def demo_info(name: str) -> DemoInfo:
    """The DemoInfo of demo `name`; DemoError naming the demos if there is none."""
    return _demo_module(name).INFO


def resolve_options(info: DemoInfo, given: dict[str, Any]) -> dict[str, Any]:
    """All of a demo's options: the given ones, checked, and defaults for the rest."""
    for key, value in given.items():
        if key not in info.options:
            allowed = ", ".join(info.options) or "none"
            raise DemoError(f"demo {info.name!r} has no option {key!r}; its options are: {allowed}")
        if value not in info.options[key].values:
            allowed = ", ".join(map(repr, info.options[key].values))
            raise DemoError(f"demo {info.name!r}: option {key}={value!r} is not allowed; choose one of {allowed}")
    return {key: given.get(key, option.default) for key, option in info.options.items()}


def option_from_text(name: str, key: str, text: str) -> Any:
    """The allowed value of option `key` whose text is `text` (for command-line input)."""
    info = demo_info(name)
    if key not in info.options:
        resolve_options(info, {key: text})  # raises the "no such option" error
    for value in info.options[key].values:
        if str(value) == text:
            return value
    return text  # not allowed: resolve_options will say so, with the allowed values


@contextmanager
def _single_threaded_torch() -> Iterator[None]:
    """One CPU thread while training: the budget is per core, and it keeps results stable."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def render_spec(name: str, options: dict[str, Any], progress: Progress | None = None) -> dict:
    """Train demo `name` from scratch and return its Vega-Lite spec (no cache involved).

    The spec goes through the same rounding as a cached one, so a fresh build and a
    cache hit are equal.
    """
    module = _demo_module(name)
    resolved = resolve_options(module.INFO, options)
    report = progress or (lambda message: None)
    started = time.perf_counter()
    try:
        with _single_threaded_torch():
            chart = module.build(resolved, report)
        spec = chart.to_dict()
    except DemoError:
        raise
    except Exception as error:
        raise DemoBuildFailed(f"demo {name!r} failed to build: {type(error).__name__}: {error}") from error
    report(f"{name}: built in {time.perf_counter() - started:.1f} s")
    return serialize.rounded(spec)


def build_spec(
    name: str,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> dict:
    """The Vega-Lite spec of demo `name` with `options`, trained once and then cached.

    The cache key is a hash of the demo's source files and its options as given, so a
    rebuild with nothing changed trains nothing and imports no demo module (only options
    that were once checked and built are ever in the cache). Raises DemoError for an
    unknown demo or option or a demo that fails to build.
    """
    module_spec = importlib.util.find_spec(_module_path(name))  # found, not imported
    if module_spec is None or module_spec.origin is None:  # pragma: no cover - DEMO_MODULES names vizlib's
        raise DemoError(f"demo {name!r}: its module {_module_path(name)} is missing")
    source = Path(module_spec.origin)
    directory = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE_DIR
    key = cache.key(name, source, options)
    cached = cache.read(directory, key)
    if cached is not None:
        if progress:
            progress(f"{name}: up to date (cache)")
        return cached
    with cache.locked(directory, key):
        cached = cache.read(directory, key)  # built by another process while this one waited
        if cached is not None:
            if progress:
                progress(f"{name}: up to date (cache)")
            return cached
        spec = render_spec(name, options, progress)
        cache.write(directory, key, spec)
    return spec
