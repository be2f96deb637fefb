"""The flagship's sites, built once per test run and served by the process that runs pytest.

`make test` runs the suite on several pytest-xdist workers. Each used to build the flagship
with both builders and serve the builds itself: four workers made four copies of the same two
sites, about 40 CPU-s more than one copy, all of it at the start of the run. Now:

- The main process (xdist's controller, or the only process without xdist) makes one folder
  for the run and serves each build's subfolder, `site-<builder>`, at an origin of its own, from
  before the first test until the last one ends. The folders need not exist yet: a request for
  a file not built gets a 404, and no test asks before its build is there.
- Each worker learns the folder and the origins (xdist's `workerinput`), and builds a site the
  first time one of its tests needs it, under a lock that the other workers wait on: the first
  worker builds, the others find the build done (`built`).

Each build is made for the origin it is served at: Material's instant navigation only follows
links whose port is the one in the sitemap.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.browser import serve_directory


def site_folder(root: Path, name: str) -> Path:
    return root / f"site-{name}"


@dataclass(frozen=True)
class ServedSites:
    """The run's sites: where they are built, and where each is served."""

    root: Path  # site-<name> for each site, and what building them shares
    origins: dict[str, str]  # name: the origin its folder is served at

    def built(self, name: str, build: Callable[[Path], None]) -> Path:
        """The site's folder, made by `build(folder)` if no worker has made it yet. Builds of
        all the sites take one lock: they share a generated docs folder (the second build finds
        every page up to date). A build that fails leaves no folder, so the next test that
        needs it builds it again and fails with the builder's message too."""
        folder = site_folder(self.root, name)
        with open(self.root / "build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not folder.is_dir():
                partial = folder.with_name(folder.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                build(partial)
                partial.rename(folder)
        return folder


_SERVED = pytest.StashKey[ServedSites]()
_SERVERS = pytest.StashKey[contextlib.ExitStack]()
_WORKERINPUT = "served_sites"


def start(config: pytest.Config, names: tuple[str, ...]) -> None:
    """In the main process: a folder for the run and a server for each named site. In a worker:
    what the main process handed it."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        handed = workerinput[_WORKERINPUT]
        config.stash[_SERVED] = ServedSites(Path(handed["root"]), dict(handed["origins"]))
        return
    servers = contextlib.ExitStack()
    root = Path(tempfile.mkdtemp(prefix="served-sites-"))
    servers.callback(shutil.rmtree, root, ignore_errors=True)
    origins = {name: servers.enter_context(serve_directory(site_folder(root, name))) for name in names}
    config.stash[_SERVERS] = servers
    config.stash[_SERVED] = ServedSites(root, origins)


def hand_to_worker(config: pytest.Config, workerinput: dict) -> None:
    """What a worker needs to find and reach the sites: only plain values cross to it."""
    served = config.stash[_SERVED]
    workerinput[_WORKERINPUT] = {"root": str(served.root), "origins": served.origins}


def served(config: pytest.Config) -> ServedSites:
    return config.stash[_SERVED]


def stop(config: pytest.Config) -> None:
    """In the main process, after the last test: the servers stop and the folder goes."""
    servers = config.stash.get(_SERVERS, None)
    if servers is not None:
        servers.close()
