"""Unchanged entry pages kept out of MkDocs' `_build_page` in a rebuild.

After one changed line nearly every entry page (generated, kept out of the nav) is a hit in the
output cache: on_page_content has found its stored page, and the page is put into the site
straight from the cache (moved back from the last build's folder when untouched, by the build or
the render worker; kit/speed/theme.py). MkDocs still takes each through `_build_page`: the
template context, the search and blog plugins' on_page_context, an empty template, our
on_post_page (which only writes the stored page and empties the output) and a log line it drops;
most of a rebuild of a large site. The replaced `_build_page` does for such a page only what
that path leaves behind: the stored page written (Renderer.writes_page), kept in the cache and
noted as written (OutputCache.skip), the page's content let go.

This holds only while every handler of the events `_build_page` runs does nothing else for
these pages: the kit's own hooks, Material's search plugin (it skips pages with `search:
exclude`, as entry pages have, and strips attributes from an empty content) and its blog plugin
(it skips pages that are not its views). A county hook or another plugin on page_context or
post_page turns the skip off for the build. MkDocs' internals: only behind the version guard
(`TESTED`); kit/patches.py checks the signature.
"""
from __future__ import annotations

from typing import Callable

from kit import patches
from kit.speed import fork

BUILD = "mkdocs.commands.build._build_page"
EVENTS = ("page_context", "post_page")


def known_handlers_only(config) -> bool:
    """True if every handler of the events `_build_page` runs is the kit's hook module (not a
    county's hook chained to it) or Material's search or blog plugin."""
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.search.plugin import SearchPlugin
    for event in EVENTS:
        for handler in config.plugins.events.get(event, []):
            if isinstance(getattr(handler, "__self__", None), (SearchPlugin, BlogPlugin)):
                continue
            code = getattr(handler, "__code__", None)
            if code is None or code.co_filename.rsplit("/", 1)[-1] != "wenming.py":
                return False
    return True


class PageSkip:
    """The replaced `_build_page` for one build: `ready` says once the theme is about to render."""

    def __init__(self, output, renderer, cacheable: Callable) -> None:
        self.output = output            # OutputCache: hits found in on_page_content
        self.renderer = renderer        # theme.Renderer: which stored pages go into the site
        self.cacheable = cacheable
        self.on = False
        self.skipped = 0

    def ready(self, config) -> None:
        self.on = known_handlers_only(config)

    def replacements(self) -> dict[str, Callable]:
        build = patches.original(BUILD)

        def _build_page(page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
            if not (self.on and page.url in self.output.hits and page.url in self.renderer.writes and not excluded
                    and self.cacheable(page) and (page.meta.get("search") or {}).get("exclude")):
                return build(page, config, doc_files, nav, env, dirty, excluded)
            self.renderer.writes_page(page)
            self.output.skip(page)
            page.content = None         # as Fast.post_page leaves a written entry page
            fork.freed()
            self.skipped += 1
        return {BUILD: _build_page}
