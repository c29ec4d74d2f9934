"""MkDocs hooks: the build's events, each handed to the one build object (hooks/kit/build.py).

The kit is the package hooks/kit/, in the order a build runs:
  kit/data/     read the data files strictly, type and check them (no MkDocs in here)
  kit/pages/    which pages the data makes and their bodies (templates in overrides/content/)
  kit/outputs/  what else a build publishes: feeds, calendars, open data, sitemap, search entries
  kit/speed/    caches and worker processes, behind one door that only kit/build.py opens
  kit/patches.py  the library functions a build replaces while it runs
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from kit import county, engine, session
from kit.build import Build, current


def on_startup(command: str, dirty: bool) -> None:
    engine.refuse()       # MkDocs 2 or Material 10: a line in Chinese, nothing built (kit/engine.py)
    Build.startup(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    county.configure(config)      # the county's own templates and CSS (kit/county.py)
    return Build.start(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return current(config).files(files)


@event_priority(-100)  # after the blog plugin has attached its posts
def on_nav(nav, config: MkDocsConfig, files: Files):
    return current(config).nav(nav, files)


@event_priority(-100)  # last: the render worker forks with the environment every plugin made
def on_env(env, config: MkDocsConfig, files: Files):
    return current(config).theme(env, files)


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    return current(config).page_markdown(markdown, page, files)


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    return current(config).page_content(html, page)


@event_priority(100)  # first: the page's content is whole again before a plugin reads it
def on_page_context(context, page, config: MkDocsConfig, nav):
    current(config).page_context(page)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return current(config).post_page(output, page)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return current(config).post_template(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    current(config).finish()


def on_build_error(error: Exception) -> None:
    Build.abort()


@event_priority(-100)  # last: a `mkdocs build` that went well ends its process here (kit/speed/quickexit.py)
def on_shutdown() -> None:
    session.end(on_shutdown)     # the handler MkDocs registered (the county's, if any, chained before ours)


# the county's own hooks (hooks/county/*.py) run after ours, event by event
county.add_hooks(globals(), Path(__file__).resolve().parent / county.HOOKS)
