"""Escaping for everything a record can put on a page.

Generated pages are Markdown whose bodies are raw HTML blocks: record text goes through
`text()` (element content), `attr()` (attribute values) or `href()` (links), never
straight into the page. JSON never goes inline: it is written to separate files.
"""

from __future__ import annotations

import html
import json
import re
import secrets
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup
from mkdocs.utils.meta import get_data as get_meta_data  # how MkDocs reads a page's front matter

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def text(value: Any) -> str:
    """Escape for HTML element content."""
    return html.escape(str(value), quote=False)


def attr(value: Any) -> str:
    """Escape for a double- or single-quoted HTML attribute value."""
    return html.escape(str(value), quote=True)


def markdown_text(value: Any) -> str:
    """Escape for Markdown inline text (headings): HTML first, then Markdown syntax."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text(value))


def external_url(url: str | None) -> str | None:
    """The URL if it is http or https, else None: no javascript: or data: links."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def link(url: str | None, label: str, *, css: str = "") -> str:
    """An <a> to an external http(s) URL, or the bare label if the URL is unsafe."""
    safe = external_url(url)
    if safe is None:
        return text(label)
    cls = f' class="{attr(css)}"' if css else ""
    return f'<a href="{attr(safe)}"{cls} rel="noopener">{text(label)}</a>'


# The markers around generated HTML carry a nonce: a random token per build folder, never
# published, that record text cannot know. site_src/pipeline/rawhtml.py, a Markdown extension
# both builders run, sets the marked blocks aside before Markdown parses the page.
_raw_nonce = secrets.token_hex(16)


@contextmanager
def raw_nonce(nonce: str) -> Iterator[None]:
    """Mark raw blocks with `nonce` (the build folder's, so that pages stay the same
    from one generate to the next) instead of this process's random one."""
    global _raw_nonce
    previous, _raw_nonce = _raw_nonce, nonce
    try:
        yield
    finally:
        _raw_nonce = previous


def raw_marker_context() -> dict[str, Markup]:
    """`raw_start` and `raw_end` for a template that writes raw blocks: the marker lines,
    made of a fixed text and the hex nonce, so safe as they are."""
    start, end = raw_markers(_raw_nonce)
    return {"raw_start": Markup(start), "raw_end": Markup(end)}


def raw_markers(nonce: str) -> tuple[str, str]:
    """The lines that open and close a raw block: each alone on its line."""
    return f"<!-- dlvis:raw {nonce} -->", f"<!-- /dlvis:raw {nonce} -->"


def raw_block(html_block: str) -> str:
    """A block of generated HTML that reaches the page untouched by Markdown."""
    start, end = raw_markers(_raw_nonce)
    return f"\n\n{start}\n{html_block.strip()}\n{end}\n\n"


class FrontMatterError(ValueError):
    """Front matter that would not read back as it was written: generation stops."""


# Front matter the themes print without escaping: Material's and Zensical's templates insert
# page.meta.title and page.meta.description as they are.
_PRINTED_AS_IS = ("title", "description")


def front_matter(**fields: Any) -> str:
    """YAML front matter, written by PyYAML's emitter (which quotes and escapes what it must)
    and read back here as MkDocs reads it; FrontMatterError if it does not read back as the
    same values, so that no builder ever meets front matter it cannot read (MkDocs would
    print it into the page). Other values (citation data) stay data: the head's template
    escapes each for where it goes. `title` and `description` are HTML-escaped, since the
    themes print them as they are."""
    values = {
        key: attr(value) if key in _PRINTED_AS_IS and isinstance(value, str) else value for key, value in fields.items()
    }
    try:
        emitted = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=float("inf"))
    except yaml.YAMLError as err:
        raise FrontMatterError(f"front matter cannot be written as YAML: {err}") from None
    text = f"---\n{emitted}---\n\n"
    body, read = get_meta_data(text + "body\n")
    if read != values or body != "body\n":
        raise FrontMatterError(f"front matter does not read back as written: {sorted(values)}")
    return text


def to_json(data: Any) -> str:
    """Deterministic, compact JSON for asset files."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
