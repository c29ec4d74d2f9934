"""A compact search index for the generated entry pages.

Material's search plugin indexes every section of every page's HTML and segments all of it with
jieba: about 10 KB a page, and a third of the build. Entry pages (honorees, events, villages,
brands, pledges, heritage sites) are kept out of it (page meta `search: {exclude: true}`) and get
one entry each here instead, in Material's own format: the page title, and as text the summary
followed by every other distinct word of the entry once. Chinese is segmented exactly as Material
does it (jieba.cut, tokens surrounded by U+200B, which the configured separator splits on), so the
client's query segmentation and prefix matching find the same pages; segmentations are cached by
content hash (kit/speed/segments.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from kit.data import kinds
from kit.outputs import searchshards
from kit.pages.render import page_url

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MARKUP = re.compile(r"\]\([^)]*\)|[*_#>`\[\]|]")
ZWSP = "\u200b"

EXCLUDE = {"search": {"exclude": True}}


def indexed_here(meta: dict[str, Any]) -> bool:
    return kinds.is_page(meta.get("kind"))


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
    k = kinds.by_page(kind)
    item = context[k.var]
    rest = [_text(getattr(item, f, "")) for f in k.search] + list(extra)
    return _text(getattr(item, "summary", "")), " ".join(rest)


def segment_raw(text: str, cut: Callable[[str], Iterable[str]]) -> str:
    """Han runs cut by the build's jieba cut, each token surrounded by U+200B (Material's
    _segment_chinese)."""
    return HAN.sub(lambda m: ZWSP + ZWSP.join(cut(m.group(0))) + ZWSP, text)


def entry(location: str, title: str, summary: str, rest: str, segment: Callable[[str], str],
          separator: re.Pattern) -> dict:
    """One search entry; `segment` gives a text's segmentation (segment_raw's result)."""
    head = segment(summary)
    seen = {t.lower() for t in separator.split(head) if t}
    words = []
    for t in separator.split(segment(rest)):
        if t and t.lower() not in seen:
            seen.add(t.lower())
            words.append(t)
    return {"location": location, "title": segment(title), "text": head + ZWSP + ZWSP.join(words) + ZWSP}


def write(site_dir: str, entries: list[dict], write_file: Callable[[Path, str], None] = searchshards.write_text) -> None:
    """Add our entries to the index Material wrote, and store it without \\u escapes (half the size);
    a large index is split in shards (kit/outputs/searchshards.py), each written by `write_file`."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    if searchshards.split(site_dir, index, entries, write_file):
        return
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


class Entries:
    """Our search entries, one per generated entry page: raw texts first (while pages are
    planned), segmented at the end of the build (by whatever segmentation the build gives)."""

    def __init__(self) -> None:
        self.raw: list[tuple[str, str, str, str]] = []     # location, title, summary, rest

    def add(self, location: str, kind: str, title: str, context: dict[str, Any], extra: Iterable[str] = ()) -> None:
        summary, rest = raw_text(kind, context, extra)
        self.raw.append((location, title, summary, rest))

    def note(self, spec, data) -> None:
        """A planned page (kit/pages/plan.PageSpec): an entry page gets one entry (and is kept out of
        Material's index), the first page of a long list a short one, any other page none."""
        location = page_url(spec.src_uri)
        if not indexed_here(spec.meta):
            head = list_head(spec.meta, spec.context)
            if head:
                self.raw.append((location, spec.title, *head))
            return
        spec.meta.update(EXCLUDE)
        extra = []
        if spec.meta["kind"] == "honoree":
            extra = [data.awards[h.award].name for h in spec.context["honours"] if h.award in data.awards]
        self.add(location, spec.meta["kind"], spec.title, spec.context, extra)

    def texts(self) -> list[str]:
        """Every distinct text to segment, in a stable order."""
        return list(dict.fromkeys(t for _, title, summary, rest in self.raw for t in (title, summary, rest)))

    def entries(self, segment: Callable[[str], str], separator: re.Pattern) -> list[dict]:
        return [entry(loc, title, summary, rest, segment, separator) for loc, title, summary, rest in self.raw]
