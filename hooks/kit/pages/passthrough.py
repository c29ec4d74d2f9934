"""Generated page bodies through MkDocs' Markdown step: they are finished HTML already."""
from __future__ import annotations

import logging
import types

from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # the logger whose level Page.render consults


class Passthrough:
    """Generated page bodies are finished HTML: Markdown would hand them back unchanged (a raw
    HTML block, no headings for the table of contents) after parsing every tag. So MkDocs gets
    an empty page to convert, and on_page_content puts the body back.
    """

    def __init__(self) -> None:
        self.pending: dict[str, str] = {}

    def before(self, src_uri: str, markdown: str, page=None) -> str:
        if not markdown.lstrip().startswith("<") or "markdown=" in markdown:
            return markdown
        self.pending[src_uri] = markdown
        if page is not None:
            # an empty page needs no Markdown instance: MkDocs builds one per page with every
            # extension (a tenth of a cold build); render_blank sets what converting "" sets
            page.render = types.MethodType(render_blank, page)
        return ""

    def after(self, src_uri: str, html: str) -> str:
        return self.pending.pop(src_uri, html)


def render_blank(page, config, files) -> None:
    """Page.render for an empty Markdown source: exactly the attributes converting "" leaves."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}
