"""Unchanged entry pages kept out of MkDocs' `_populate_page` and `_build_page` in a rebuild.

After one changed line nearly every entry page (generated, kept out of the nav) is a hit in the
output cache: on_page_content has found its stored page, and the page is put into the site
straight from the cache (moved back from the last build's folder when untouched, by the build or
the render worker; kit/speed/theme.py). MkDocs still takes each through `_build_page`: the
template context, the search and blog plugins' on_page_context, an empty template, our
on_post_page (which only writes the stored page and empties the output) and a log line it drops;
most of a rebuild of a large site. The replaced `_build_page` does for such a page only what
that path leaves behind: the stored page written (Renderer.writes_page), kept in the cache and
noted as written (OutputCache.skip), the page's content let go.

`_populate_page` (read the source, the Markdown events, an empty render, on_page_content, where
the output cache's key is computed from the page's final HTML) is passed over as well when the
last build noted which stored page the same inputs gave: the note's key holds everything that
page's HTML, title, meta and table of contents are made from: the site signature, the preview's
errors (their banner heads every page), the page's URL, its meta (the build hands it, no front
matter), its page date (publishing.with_updated) and its packed body, for a body the passthrough
takes past Markdown (finished HTML: no table of contents). Such a page gets the attributes the
pipeline leaves (`passthrough.render_blank`) and the hit on_page_content would have found.

This holds only while every handler of the per-page events does nothing else for these pages:
the kit's own hooks, Material's search plugin (it skips pages with `search: exclude`, as entry
pages have, and strips attributes from an empty content) and its blog plugin (it skips pages
that are not its posts or views). A county hook or another plugin on a page event
turns the skip off for the build. MkDocs' internals: only behind the version guard
(`TESTED`); kit/patches.py checks the signature.
"""
from __future__ import annotations

import copy
import json
import os
from typing import Callable

from kit import patches
from kit.pages.passthrough import render_blank
from kit.speed import fork
from kit.speed.stores import Store, key

POPULATE = "mkdocs.commands.build._populate_page"
BUILD = "mkdocs.commands.build._build_page"
HOOKS = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", "..", "wenming.py"))   # the kit's hook module
EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")


def known_handlers_only(config, events: tuple[str, ...] = EVENTS) -> bool:
    """True if every handler of these events (by default the per-page ones) is the kit's hook
    module (not a county's hook chained to it) or Material's search or blog plugin."""
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.search.plugin import SearchPlugin
    for event in events:
        for handler in config.plugins.events.get(event, []):
            if isinstance(getattr(handler, "__self__", None), (SearchPlugin, BlogPlugin)):
                continue
            code = getattr(handler, "__code__", None)
            if code is None or os.path.realpath(code.co_filename) != HOOKS:
                return False
    return True


PLAIN = (str, int, float, bool, type(None))


def fresh(value):
    """copy.deepcopy of a page's meta (dicts and lists of plain values; anything else deep-copied)."""
    kind = type(value)
    if kind is dict:
        return {k: fresh(v) for k, v in value.items()}
    if kind is list:
        return [fresh(v) for v in value]
    return value if kind in PLAIN else copy.deepcopy(value)


class PageSkip:
    """The replaced `_populate_page` and `_build_page` for one build."""

    def __init__(self, output, renderer, cacheable: Callable, store: Store, ghosts=None) -> None:
        self.output = output            # OutputCache: hits found in on_page_content
        self.renderer = renderer        # theme.Renderer: which stored pages go into the site
        self.cacheable = cacheable
        self.store = store              # the inputs of a page -> the key of its stored page
        self.meta: dict[str, tuple[dict, str]] = {}    # source path -> the meta the build hands the page
        self.errors = ""
        self.on: bool | None = None     # known once the first page is read
        self.skipped = 0
        self.populated = 0
        self.ghosts = ghosts            # ghosts.Ghosts: the next build may leave the page out of MkDocs' page work

    def page(self, src_uri: str, meta: dict, errors: list[str]) -> None:
        """A generated page and the meta the build will hand it; `errors`: the preview's banner."""
        self.meta[src_uri] = (meta, json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False))
        self.errors = "\n".join(errors)

    def _inputs(self, page, config) -> str | None:
        meta = self.meta.get(page.file.src_uri)
        content = getattr(page.file, "_content", None)   # the packed body (bodies.PackedFile)
        if meta is None or not isinstance(content, bytes) or not self.output.site:
            return None
        day = (config.extra.get("wenming_updated") or {}).get(page.url)
        return key("page", self.output.site, self.errors, page.url, meta[1], str(day), content)

    def note(self, page, config) -> None:
        """At the end of on_page_content: which stored page these inputs give (a body the
        passthrough took: its Markdown left empty)."""
        k = self.output.hits.get(page.url) or self.output.keys.get(page.url)
        inputs = self._inputs(page, config) if k and page.markdown == "" and self.cacheable(page) else None
        if inputs is not None:
            self.store.put(inputs, k)
            self._ghost(page, config, k)

    def _ghost(self, page, config, k: str) -> None:
        meta = self.meta[page.file.src_uri]
        if self.ghosts is not None and (meta[0].get("search") or {}).get("exclude"):
            self.ghosts.record(page, config, k, meta[1], self.errors)

    def _known(self, page, config) -> bool:
        if self.on is None:
            self.on = known_handlers_only(config)
        if not (self.on and self.cacheable(page)):
            return False
        inputs = self._inputs(page, config)
        k = self.store.get(inputs) if inputs is not None else None
        stored = self.output.store
        if k is None or k not in stored.old or k in stored.new or stored.reader is None:
            return False
        meta = self.meta[page.file.src_uri][0]
        if not (meta.get("search") or {}).get("exclude"):
            return False
        page.meta = fresh(meta)         # as page_markdown's deepcopy, a fifth of its time
        page.markdown = ""              # as our page_markdown leaves a body the passthrough takes
        render_blank(page, config, None)
        self.output.hits[page.url] = k  # as OutputCache.check leaves a hit
        page.meta["template"] = self.output.TEMPLATE
        self._ghost(page, config, k)
        return True

    def report(self, ghosts: int) -> None:
        """The log line of a rebuild: pages put into the site from the cache (ghosts: ghosts.py)."""
        if self.skipped or ghosts:
            also = f"，其中 {ghosts} 个不再交给 MkDocs 逐页处理" if ghosts else ""
            fork.log.info("页面：%d 个没变的条目页面从缓存直接放进网站（%d 个不再读取%s）。",
                          self.skipped + ghosts, self.populated + ghosts, also)

    def replacements(self) -> dict[str, Callable]:
        populate, build = patches.original(POPULATE), patches.original(BUILD)

        def _populate_page(page, config, files, dirty: bool = False) -> None:
            if not self._known(page, config):
                return populate(page, config, files, dirty)
            self.populated += 1

        def _build_page(page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
            if not (self.on and page.url in self.output.hits and page.url in self.renderer.writes and not excluded
                    and self.cacheable(page) and (page.meta.get("search") or {}).get("exclude")):
                return build(page, config, doc_files, nav, env, dirty, excluded)
            self.renderer.writes_page(page)
            self.output.skip(page)
            page.content = None         # as Fast.post_page leaves a written entry page
            fork.freed()
            self.skipped += 1
        return {POPULATE: _populate_page, BUILD: _build_page}
