"""Building the generated docs with Material for MkDocs or with Zensical.

Both read mkdocs.yml. The build runs from a copy of it with absolute paths, into a fresh
folder beside the site folder, and the result is swapped into place only when the build
succeeds: an interrupted or failed build leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml

from site_src.pipeline.docs import ROOT, BuildFolder

BUILDERS = ("material", "zensical")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as MkDocs does."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    elif isinstance(node, (yaml.ScalarNode, yaml.MappingNode)):  # construct_scalar refuses a mapping
        names, default = [loader.construct_scalar(node)], None
    else:  # pragma: no cover - a composed node is a scalar, a sequence or a mapping
        raise yaml.constructor.ConstructorError(
            None, None, f"!ENV cannot read a {type(node).__name__}", node.start_mark
        )
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


_ConfigLoader.add_constructor("!ENV", _env)


class ConfigError(Exception):
    """The site configuration cannot be read; the message says where and why."""


def project_config(config_file: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as a mapping; a missing, unreadable or malformed file is a ConfigError."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except OSError as err:
        raise ConfigError(f"{config_file}: cannot read the site configuration: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{config_file}: the site configuration is not UTF-8 text") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f"{config_file}:{mark.line + 1}:{mark.column + 1}" if mark else str(config_file)
        raise ConfigError(f"{where}: {err.problem or err}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{config_file}: {err}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{config_file}:1:1: the site configuration must be a mapping of settings")
    return config


def site_url(config: dict[str, Any]) -> str:
    return config.get("site_url") or DEFAULT_SITE_URL


def builder_config(config: dict[str, Any], builder: str, build: BuildFolder, site_dir: Path, *, site_url: str) -> Path:
    """mkdocs.yml for one builder and one build: absolute paths, written into the build folder
    (so that Zensical keeps its cache there, not in the project)."""
    folder = build.path.resolve()  # Zensical panics on absolute docs_dir and site_dir
    config = dict(
        config,
        docs_dir=os.path.relpath(build.docs.resolve(), folder),
        site_dir=os.path.relpath(site_dir.resolve(), folder),
        site_url=site_url,
    )
    config.pop("watch", None)  # `make serve` watches the sources itself
    theme = dict(config["theme"])
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    if builder == "zensical":
        theme["variant"] = "classic"  # Material's look; Zensical's default is "modern"
    config["theme"] = theme
    config["markdown_extensions"] = [_absolute_nonce(ext, build) for ext in config["markdown_extensions"]]
    path = build.path / f"mkdocs-{builder}.yml"
    build.path.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    if not path.exists() or path.read_text(encoding="utf-8") != text:  # a new config: a full rebuild
        path.write_text(text, encoding="utf-8")
    return path


def _absolute_nonce(extension: Any, build: BuildFolder) -> Any:
    if isinstance(extension, dict) and "site_src.pipeline.rawhtml" in extension:
        return {"site_src.pipeline.rawhtml": {"nonce_file": str(build.nonce_file.resolve())}}
    return extension


def command(builder: str, config_file: Path, *, dirty: bool = False) -> list[str]:
    if builder == "material":
        return [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config_file),
            *(["--dirty"] if dirty else []),
        ]
    if builder == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file)]
    raise ValueError(f"unknown builder {builder!r}: use one of {', '.join(BUILDERS)}")


def run_builder(builder: str, config_file: Path, *, dirty: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path()}
    return subprocess.run(
        command(builder, config_file, dirty=dirty), cwd=config_file.parent, env=env, capture_output=True, text=True
    )


def python_path() -> str:
    """The project first, so that the builder finds site_src.pipeline.rawhtml."""
    return os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))


def build_site(
    builder: str,
    build: BuildFolder,
    site_dir: Path,
    *,
    site_url: str,
    config: dict[str, Any] | None = None,
    finish: Callable[[Path], object] | None = None,
) -> subprocess.CompletedProcess:
    """Build into a fresh folder, then swap it into place as `site_dir`. The fresh folder is
    inside the build folder, since Zensical writes only below its config file's folder.
    `finish` completes the fresh site before the swap (the search index); what it raises
    leaves the previous site in place."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    build.path.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".building-{builder}-", dir=build.path))
    try:
        config_file = builder_config(config or project_config(), builder, build, fresh, site_url=site_url)
        result = run_builder(builder, config_file)
        if result.returncode == 0:
            if finish:
                finish(fresh)
            if fresh.stat().st_dev != site_dir.parent.stat().st_dev:  # renames need one file system
                moved = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
                shutil.copytree(fresh, moved, dirs_exist_ok=True)
                shutil.rmtree(fresh)
                fresh = moved
            make_world_readable(fresh)
            swap_into_place(fresh, site_dir)
        return result
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def make_world_readable(folder: Path) -> None:
    """Folders 0755 and files 0644 at least: the fresh folder comes from mkdtemp (0700), and a
    web server running as another user must read the site. Nothing is made writable by others."""
    folder.chmod(folder.stat().st_mode | 0o755)
    for root, dirs, files in os.walk(folder):
        for names, bits in ((dirs, 0o755), (files, 0o644)):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.islink(path):  # a link is not followed out of the site
                    os.chmod(path, os.stat(path).st_mode | bits)


def swap_into_place(fresh: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `fresh` with two renames: a build killed at any point leaves the
    previous site in place (or, between the renames, beside it as .site.old-PID)."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)
