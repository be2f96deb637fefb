"""A Python-Markdown extension that passes generated HTML blocks through untouched.

Generated pages wrap their HTML in marker comments (site_src.pages.html.raw_block) that
carry a per-build nonce: a random token kept beside the build folder and never published.
Before Markdown parses a page, each marked block is moved into Python-Markdown's own
HTML stash; the stash puts it back after parsing. Both Material (MkDocs) and Zensical run
the extensions listed in `markdown_extensions`, so the two builders get the same pages.

Why record text cannot reach this channel:
- a marker needs the nonce, which record text never sees (and `<`, which escaping removes);
- the stash's placeholders are framed by the STX/ETX control characters, which
  Python-Markdown strips from every source before this extension runs.
Blocks are also skipped by Markdown, which saves re-parsing thousands of generated pages.

A page whose front matter the builder could not read reaches Markdown with it: MkDocs
swallows the YAML error and hands over the whole file, front matter included, which Markdown
would print into the page as text and HTML. Such a page stops the build instead
(UnreadFrontMatter): front matter is data, never page text.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from site_src.pages.html import raw_markers

# Python-Markdown's "normalize_whitespace" (priority 30) removes STX/ETX; "html_block" (20)
# parses raw HTML. Set the blocks aside between the two.
_PRIORITY = 25


class UnreadFrontMatter(ValueError):
    """A page still begins with its front matter when Markdown gets it."""


class _SetAside(Preprocessor):
    def __init__(self, md, nonce: str):
        super().__init__(md)
        self.start, self.end = raw_markers(nonce)

    def run(self, lines: list[str]) -> list[str]:
        if lines and lines[0].rstrip() == "---" and any(line.rstrip() in ("---", "...") for line in lines[1:]):
            raise UnreadFrontMatter(
                "a page's front matter could not be read by the builder, which would print it into "
                f"the page as text (it begins {lines[1][:60]!r}): the build stops here; the generated "
                "front matter is checked when it is written, so a hand-written page's is at fault"
            )
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == self.start:
                    block = []
                else:
                    out.append(line)
            elif line == self.end:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no end marker: not a generated block, leave it to Markdown
            out += [self.start] + block
        return out


class RawHtmlExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "nonce_file": ["build/raw-nonce", "file holding the build's nonce (written by the generate step)"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        nonce = Path(self.getConfig("nonce_file")).read_text(encoding="ascii").strip()
        if len(nonce) < 32:
            raise ValueError(f"{self.getConfig('nonce_file')}: the raw-HTML nonce is too short")
        md.preprocessors.register(_SetAside(md, nonce), "dlvis_raw_html", _PRIORITY)


def makeExtension(**kwargs) -> RawHtmlExtension:  # the name Python-Markdown looks up
    return RawHtmlExtension(**kwargs)
