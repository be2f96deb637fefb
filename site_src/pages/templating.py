"""Generated HTML comes from Jinja2 templates in site_src/pages/templates/, with autoescape on.

Every value a template prints is escaped unless the code marked it safe, and code marks a
value safe (`markupsafe.Markup`) only where it built it from escaped parts. Record and
project text therefore reaches a page as text, whichever generator puts it there. A name a
template uses but the caller did not pass is an error (StrictUndefined), not an empty string.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_environment = Environment(
    loader=PackageLoader("site_src.pages", "templates"),
    autoescape=True,  # every template, whatever its file name ends with
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(template: str, **context: Any) -> str:
    """The template at site_src/pages/templates/`template`, filled with `context`."""
    return _environment.get_template(template).render(**context)
