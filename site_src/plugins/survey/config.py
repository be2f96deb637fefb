"""Typed options of the `dlvis/survey` MkDocs plugin."""
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SurveyConfig(Config):
    works = c.Type(str, default="survey/works")  # record files, relative to mkdocs.yml
    explorables = c.Type(str, default="explorables")  # explorable articles, relative to mkdocs.yml
    demo_cache = c.Type(str, default=".cache/vizlib")  # trained demos, relative to mkdocs.yml
    contributing = c.Type(str, default="CONTRIBUTING.md")  # published as /contributing/
