"""Page URLs: MkDocs' `Page._set_canonical_url` without urllib when the result is plain to see.

MkDocs gives every page object, when it makes them, a `canonical_url` (urljoin of site_url and
the page's URL) and an `abs_url` (that URL's path): with 10,000 pages, urljoin and urlsplit took
about a third of a second of every build, most of MkDocs' making of the nav. For a site_url of
the plain form `scheme://host/path/` (what urlsplit reads back as it is: no query, fragment or
parameters, no empty, `.` or `..` segment) and a page URL of path segments only (no `/` first,
no empty, `.` or `..` segment, no `?`, `#`, `;`, `:`, backslash, space or control character,
which urllib would read or drop), urljoin removes nothing and resolves nothing: the canonical URL
is the two joined and its path the site_url's path joined with the page's URL. Every other
case goes to MkDocs' own method. tests/speed/test_pageurls.py compares the two. MkDocs' internals:
only behind the version guard (`TESTED`); kit/patches.py checks the signature.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit, urlunsplit, uses_netloc, uses_relative

from kit import patches

NAME = "mkdocs.structure.pages.Page._set_canonical_url"
_CHAR = r"[^/?#;:\\\x00-\x20\x7f]"
PLAIN = re.compile(rf"(?:(?!\.\.?/){_CHAR}+/)*(?!\.\.?$){_CHAR}*")


@functools.lru_cache(maxsize=16)
def base_path(base: str) -> str | None:
    """The path of a plain site_url (ending in "/"), or None."""
    parts = urlsplit(base)
    if not parts.scheme or parts.scheme not in uses_relative or parts.scheme not in uses_netloc:
        return None
    if not parts.netloc or parts.query or parts.fragment or ";" in base or urlunsplit(parts) != base:
        return None
    segments = parts.path.split("/")
    if len(segments) < 2 or segments[0] or segments[-1] or any(s in ("", ".", "..") for s in segments[1:-1]):
        return None
    return parts.path


def replacement():
    own = patches.original(NAME)

    def _set_canonical_url(self, base: str | None) -> None:
        if base:
            if not base.endswith("/"):
                base += "/"
            path = base_path(base)
            if path is not None and PLAIN.fullmatch(self.url):
                self.canonical_url = base + self.url
                self.abs_url = path + self.url
                return
        own(self, base)
    return _set_canonical_url
