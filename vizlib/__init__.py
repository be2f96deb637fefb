"""vizlib: declare, train and emit small interactive model demos.

    list_demos()                    the demos, their titles and options
    build_spec(name, **options)     train (or reuse the cache) and return a Vega-Lite spec
    standalone_html(spec, title)    an offline HTML page for a spec
    directives.parse_directive(l)   read a {{ demo(...) }} line of an article

Importing vizlib is light: torch, Altair and the demos load only when a demo is listed
or built.
"""

from vizlib.errors import DemoError
from vizlib.html import standalone_html
from vizlib.registry import DemoInfo, Option, build_spec, list_demos

__all__ = ["DemoError", "DemoInfo", "Option", "build_spec", "list_demos", "standalone_html"]
