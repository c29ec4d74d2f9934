"""Material's search entries of a page, kept between builds while the page is the same.

Material's search plugin parses every page it indexes (an HTML parser in Python) and cuts each
section with jieba, every build: the pages it still indexes are the hand-written ones, the
section pages, the 开放数据 and 网站地图 pages, the largest of the site. Its
`SearchIndex.add_entry_from_context(page)` is replaced for the build (kit/patches.py) by one that
keeps the entries it made for a page under a key of all it reads: the plugin's settings, the
page's URL, title, meta, content and table of contents, and the words added to jieba (the cut
of a sentence depends on them). Material's internals: only behind the version guard (`TESTED`).
"""
from __future__ import annotations

import copy
import json
from typing import Callable

from kit import patches
from kit.speed.outputcache import toc_tokens
from kit.speed.stores import Store, key

NAME = "material.search.add_entry_from_context"


def _dump(value) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def cached(store: Store, words_state: str) -> Callable:
    """The replacement of SearchIndex.add_entry_from_context for this build."""
    original = patches.original(NAME)

    def add_entry_from_context(index, page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        k = key("search", _dump(index.config), page.url, str(page.title), _dump(page.meta), page.content or "",
                _dump(toc_tokens(page.toc)), words_state)
        hit = store.get(k)
        if hit is None:
            before = len(index.entries)
            original(index, page)
            store.put(k, copy.deepcopy(index.entries[before:]))
        else:
            index.entries.extend(copy.deepcopy(hit))
    return add_entry_from_context
