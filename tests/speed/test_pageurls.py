"""MkDocs' Page._set_canonical_url, replaced while a build runs with speed on
(hooks/kit/speed/pageurls.py), gives every page the same canonical_url and abs_url as MkDocs' own,
for plain URLs (joined without urllib) and for every other kind (handed to MkDocs)."""
from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from kit import patches
from kit.speed import pageurls

BASES = ["https://example.org/", "https://example.org", "https://example.org/site/", "http://a.b:8080/x/y",
         "https://example.org/a/../", "https://example.org/a/./b/", "https://example.org//a/", "https://h/?q=1",
         "https://h/#top", "https://h/a;p/", "HTTPS://h/", "ftp://h/", "mailto:someone@h", "file:///srv/site/",
         "https://h/%E4%B8%AD/", "https://h/中文/", " https://h/", "https://user@h/", "//h/a/", "/a/", "", None]
URLS = ["", "honorees/2023-sample-sun/", "index.html", "a/b/c", "events/2023/", "中文/页面/", "a%20b/", "a b/",
        "a\tb/", "../x/", "./x/", "a/../b/", "a/./b/", "a//b/", "/abs/", "//host/x/", "x:y/", "mailto:x", "a?b=1",
        "a#frag", "a;p", "...", ".../", "..", ".", "a/..", "a/.", ".hidden/", "a.b/", "a\\b/", "404.html",
        "a\n", "\x01a/"]


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, canonical_url="unset", abs_url="unset")


@pytest.mark.parametrize("base", BASES)
def test_the_replacement_gives_what_mkdocs_gives(base):
    own = patches.original(pageurls.NAME)
    replaced = pageurls.replacement()
    for url in URLS:
        expected, found = _page(url), _page(url)
        own(expected, base)
        replaced(found, base)
        assert (found.canonical_url, found.abs_url) == (expected.canonical_url, expected.abs_url), (base, url)


def test_the_plain_cases_are_joined_without_urllib():
    assert pageurls.base_path("https://example.org/site/") == "/site/"
    assert pageurls.base_path("https://example.org/") == "/"
    for base in ("https://h/a/../", "https://h//a/", "https://h/?q=1", "HTTPS://h/", "mailto:x@h/", "file:///srv/"):
        assert pageurls.base_path(base) is None, base
    plain = ["", "honorees/2023-sample-sun/", "index.html", "a/b/c", "events/2023/", "中文/页面/", "a%20b/", "...",
             ".../", ".hidden/", "a.b/", "404.html"]
    assert [u for u in URLS if pageurls.PLAIN.fullmatch(u)] == plain
    for a, b in itertools.product(["x/", ".../", "./", "../"], ["y", "..", ".", "y/"]):   # a dot segment anywhere
        assert bool(pageurls.PLAIN.fullmatch(a + b)) == (a in ("x/", ".../") and b not in ("..", ".")), a + b
