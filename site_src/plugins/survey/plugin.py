"""A thin adapter: the pages come from site_src.pages.generate, which knows nothing of
MkDocs; this adds them as files and passes their marked HTML blocks around Markdown."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_src.pages import SiteInput, generate
from site_src.pages.explorables import ArticleError
from site_src.pages.html import RAW_END, RAW_START
from site_src.plugins.survey.config import SurveyConfig
from survey import InvalidRecords, load


# Generated HTML between the markers skips Markdown: it is set aside as a placeholder
# paragraph before Markdown runs and put back after. At 1,000 works this saves about a
# quarter of the build, which Python-Markdown would spend re-parsing HTML it cannot change.
_RAW = re.compile(re.escape(RAW_START) + r"\n(.*?)\n" + re.escape(RAW_END), re.S)
_PLACEHOLDER = re.compile(r"<p>DLVISRAW(\d+)</p>")


class SurveyPlugin(BasePlugin[SurveyConfig]):
    def __init__(self):
        self._raw: dict[str, list[str]] = {}  # page source -> the HTML blocks set aside

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        blocks: list[str] = []

        def set_aside(match: re.Match) -> str:
            blocks.append(match.group(1))
            return f"DLVISRAW{len(blocks) - 1}"

        markdown = _RAW.sub(set_aside, markdown)
        if blocks:
            self._raw[page.file.src_uri] = blocks
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        blocks = self._raw.pop(page.file.src_uri, None)
        return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html) if blocks else html

    def on_files(self, files: Files, *, config) -> Files:
        root = Path(config.config_file_path).parent
        try:
            works = load([root / self.config.works])
            generated = generate(SiteInput(works=works,
                                           explorables_dir=root / self.config.explorables,
                                           demo_cache=root / self.config.demo_cache,
                                           contributing=root / self.config.contributing))
        except InvalidRecords as err:
            raise PluginError(f"invalid records:\n{err}") from None
        except ArticleError as err:
            raise PluginError(str(err)) from None
        for path, content in sorted(generated.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"generated page {path} would replace a file in docs/")
            files.append(File.generated(config, path, content=content))
        return files
