"""A thin adapter: the pages come from site_src.pages.generate, which knows nothing of MkDocs."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_src.pages import SiteInput, generate
from site_src.pages.explorables import ArticleError
from site_src.plugins.survey.config import SurveyConfig
from survey import InvalidRecords, load


class SurveyPlugin(BasePlugin[SurveyConfig]):
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
