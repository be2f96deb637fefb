"""The one cache of trained demos for the whole test suite: the project's build/demo-cache,
which `make site` and the site tests' builds use too (site_src/pipeline: --demo-cache).

A fresh clone used to train each demo into three caches during `make test` (the site
build's, a temporary one for tests/vizlib and tests/browser/test_vizlib_standalone.py, and
vizlib's default .cache/vizlib for the live-widget browser tests): minutes of CPU. The key
hashes every vizlib source, the libraries' versions and the options, so a hit is what
training would give; test_a_fresh_build_is_byte_identical_and_reports_progress still trains
each demo anew, and vizlib's lock per key makes concurrent test workers train a demo once."""

from __future__ import annotations

from pathlib import Path

DEMO_CACHE = Path(__file__).resolve().parents[2] / "build" / "demo-cache"
