"""The sharded search index of a large site, remade in a rebuild from the units that changed.

A sharded index (kit/outputs/searchshards.py) is a pure function of its units' JSON texts in
order (a unit: a page's documents) and the search separator: the document chunks are the units'
texts joined, the term shards their words' postings. At 10,000 entries, making it anew from every
entry took about a second of a rebuild: every entry segmented and written out, every unit's words
split, 600,000 postings gathered, sorted and written.

Here the last build's units, their keys and the term shards' texts are kept (one state in
.cache/wenming/shards.pickle). A unit that is one of our entries alone is keyed by everything its
text is made of: location, title, summary, rest and what the segmentation depends on (the
segmenter's `everything`: jieba's state and every added name; kit/speed/segments.py); an unchanged
key gives the last text without segmenting or writing anything. Material's own units are written
out each time (a few hundred). When the units are as many as last time, the term shards are patched:
for each unit whose text differs, the words it lost, gained or moved into or out of a title
change that unit number's posting in the words' shards, and only those shards are decoded and
encoded again. Otherwise (units added, removed or moved, many changed, another separator) the
postings are made anew from every unit, as searchshards.split does. tests/speed/test_shards.py
checks both against a cold build, byte for byte.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Callable

from kit.outputs import searchindex, searchshards
from kit.speed.stores import Store, key

log = logging.getLogger("mkdocs.plugins.wenming")
STATE = "state"
MOST_CHANGED = 200    # more changed units than this: the postings are made anew


class ShardCache:
    def __init__(self, store: Store) -> None:
        self.store = store

    def write(self, site_dir: str, raw: list[tuple[str, str, str, str]], segment: Callable[[str], str],
              separator: re.Pattern, everything: str, write: Callable[[Path, str], None]) -> None:
        """As searchindex.write with the entries of `raw` (searchindex.Entries.raw) segmented by `segment`."""
        path = Path(site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text("utf-8"))
        sep = index["config"]["separator"]
        old = self.store.old.get(STATE)
        if old is not None and old[0] != sep:
            old = None
        last = dict(zip(old[1], old[2])) if old else {}

        def made(i: int) -> dict:
            return searchindex.entry(*raw[i], segment, separator)
        pages: dict[str, list] = {}     # as searchshards.units: Material's documents, then ours, by page
        for doc in index["docs"]:
            pages.setdefault(doc["location"].split("#")[0], []).append(doc)
        for i, entry in enumerate(raw):
            pages.setdefault(entry[0].split("#")[0], []).append(i)
        keys, texts, docs = [], [], []
        for unit in pages.values():
            k, text, made_docs = "", None, None
            if len(unit) == 1 and type(unit[0]) is int:
                k = key("unit", everything, *raw[unit[0]])
                text = last.get(k)
            if text is None:
                made_docs = [d if isinstance(d, dict) else made(d) for d in unit]
                text = searchshards.dumps(made_docs)
            keys.append(k)
            texts.append(text)
            docs.append(made_docs)
        if len(("[" + ",".join(texts) + "]").encode("utf-8")) <= searchshards.threshold():
            searchindex.write(site_dir, [made(i) for i in range(len(raw))], write)   # one file: not kept
            return
        pattern = re.compile(sep)
        shards = None
        if old is not None and len(old[2]) == len(texts):
            changed = [i for i, (a, b) in enumerate(zip(old[2], texts)) if a != b]
            if len(changed) <= MOST_CHANGED:
                shards = patched(list(old[3]), old[2], texts, changed, pattern)
                if changed:
                    log.info("搜索索引：%d 个页面单元里 %d 个变了，只改它们的词分片。", len(texts),
                             len(changed))
        if shards is None:
            grouped = [d if d is not None else json.loads(t) for d, t in zip(docs, texts)]
            shards = [searchshards.dumps(s) if s else None for s in searchshards.postings(grouped, pattern)]
        searchshards.write_files(site_dir, index, shards, texts, write)
        state = (sep, keys, texts, shards)
        self.store.put(STATE, old if old is not None and state == old else state)


def patched(shards: list[str | None], old_texts: list[str], texts: list[str], changed: list[int],
            separator: re.Pattern) -> list[str | None]:
    """The last build's term shards with the postings of the changed units made anew."""
    moves: dict[int, dict[str, dict[int, int | None]]] = {}    # shard -> word -> unit -> title (None: gone)
    for i in changed:
        before = searchshards.unit_terms(json.loads(old_texts[i]), separator)
        after = searchshards.unit_terms(json.loads(texts[i]), separator)
        for term in before.keys() | after.keys():
            if before.get(term) != after.get(term):
                moves.setdefault(searchshards.shard_of(term), {}).setdefault(term, {})[i] = after.get(term)
    for k, words in moves.items():
        table = json.loads(shards[k]) if shards[k] is not None else {}
        for term, units in words.items():
            values = {v >> 1: v & 1 for v in searchshards.decode(table.get(term, []))}
            for number, title in units.items():
                if title is None:
                    values.pop(number, None)
                else:
                    values[number] = title
            if values:
                table[term] = searchshards.encode([n * 2 + t for n, t in sorted(values.items())])
            else:
                table.pop(term, None)
        shards[k] = searchshards.dumps({t: table[t] for t in sorted(table)}) if table else None
    return shards
