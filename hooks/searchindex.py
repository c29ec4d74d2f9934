"""A compact search index for the generated entry pages.

Material's search plugin indexes every section of every page's HTML and segments all of it with
jieba: about 10 KB a page, and a third of the build. Entry pages (honorees, events, villages,
brands, pledges, heritage sites) are kept out of it (page meta `search: {exclude: true}`) and get
one entry each here instead, in Material's own format: the page title, and as text the summary
followed by every other distinct word of the entry once. Chinese is segmented exactly as Material
does it (jieba.cut, tokens surrounded by U+200B, which the configured separator splits on), so the
client's query segmentation and prefix matching find the same pages; segmentations are cached by
content hash.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

import jiebacut
from cache import Store, key

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MARKUP = re.compile(r"\]\([^)]*\)|[*_#>`\[\]|]")
ZWSP = "\u200b"

# which fields of each kind of entry the page shows, in the order they matter for search
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "event": ("event", ("title", "kind", "place", "organiser", "body", "tags")),
    "honoree": ("h", ("name", "category", "place", "story")),
    "brand": ("brand", ("name", "kind", "body")),
    "pledge": ("pledge", ("title", "kind", "articles")),
    "village": ("village", ("name", "kind", "township", "articles")),
    "site": ("site", ("name", "kind", "body")),
}
EXCLUDE = {"search": {"exclude": True}}


def indexed_here(meta: dict[str, Any]) -> bool:
    return meta.get("kind") in FIELDS


def list_head(meta: dict[str, Any], context: dict[str, Any]) -> tuple[str, str] | None:
    """(summary, rest) of the first page of a long list (an award's honorees, a year's events):
    its title and the award's summary, so `2023 好人` finds the list of 2023's 好人. The other
    pages and the cards are left out: they only repeat the entries' own titles and summaries."""
    lp = context.get("lp")
    if meta.get("kind") != "list" or lp is None or lp.number != 1:
        return None
    award = lp.head.get("award")
    return _text(getattr(award, "summary", "")), ""


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value)
    return MARKUP.sub(" ", str(value or ""))


def raw_text(kind: str, context: dict[str, Any], extra: Iterable[str] = ()) -> tuple[str, str]:
    """(summary, rest) of an entry: the words its page shows."""
    name, fields = FIELDS[kind]
    item = context[name]
    rest = [_text(getattr(item, f, "")) for f in fields] + list(extra)
    return _text(getattr(item, "summary", "")), " ".join(rest)


def segment_raw(text: str) -> str:
    """Han runs cut by jieba, each token surrounded by U+200B (Material's _segment_chinese)."""
    return HAN.sub(lambda m: ZWSP + ZWSP.join(jiebacut.TOKENIZER.cut(m.group(0))) + ZWSP, text)


class Segmenter:
    """Segmentations by text, from the cache or jieba, resolved in one batch (in the render
    worker when there is one)."""

    def __init__(self, store: Store, words: Iterable[str]) -> None:
        self.store = store
        self.words = set(words)
        # names by their first two characters (every name has at least two): a text is looked
        # up once per position instead of once per position and name length
        self.by_prefix: dict[str, list[str]] = {}
        for w in sorted(self.words):
            self.by_prefix.setdefault(w[:2], []).append(w)
        self.known: dict[str, str] = {}

    def _present(self, text: str) -> list[str]:
        """Names taught to jieba that occur in the text: the only ones that can change its cut."""
        found = set()
        get = self.by_prefix.get
        for i in range(len(text) - 1):
            names = get(text[i:i + 2])
            if names:
                found.update(w for w in names if text.startswith(w, i))
        return sorted(found)

    def _key(self, text: str) -> str:
        # jieba's cut depends on the text, the added words inside it and the dictionary total
        return key(text, *self._present(text), jiebacut.TOKENIZER.state())

    def resolve(self, texts: list[str]) -> list[tuple[str, str]]:
        """(cache key, segmentation) of every text, from the cache or jieba: the whole job, so
        it can run in the render worker (hooks/parallel.py) and the build only learns the result."""
        out = []
        for text in texts:
            k = self._key(text)
            hit = self.store.get(k)
            out.append((k, hit if hit is not None else segment_raw(text)))
        return out

    def learn_resolved(self, texts: list[str], resolved: list[tuple[str, str]]) -> None:
        for text, (k, seg) in zip(texts, resolved):
            self.known[text] = seg
            self.store.put(k, seg)

    def segment(self, text: str) -> str:
        if text not in self.known:
            self.learn_resolved([text], self.resolve([text]))
        return self.known[text]


def entry(location: str, title: str, summary: str, rest: str, seg: Segmenter, separator: re.Pattern) -> dict:
    head = seg.segment(summary)
    seen = {t.lower() for t in separator.split(head) if t}
    words = []
    for t in separator.split(seg.segment(rest)):
        if t and t.lower() not in seen:
            seen.add(t.lower())
            words.append(t)
    return {"location": location, "title": seg.segment(title), "text": head + ZWSP + ZWSP.join(words) + ZWSP}


def write(site_dir: str, entries: list[dict]) -> None:
    """Add our entries to the index Material wrote, and store it without \\u escapes (half the size)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
