"""The search index of a large site in shards, fetched as a query needs them.

A site of 10,000 entries has a 6 MB search index; Material's client fetched all of it on the first
search. Past `threshold()` bytes, searchindex.write splits it by page: a page's documents
(Material's page and its sections, or one of our entries) make a unit, and

- `search/search_index.json` keeps Material's config and, in `config.wm`, how the units are
  split; it holds no documents;
- `search/terms/<k>.json`: every word of the units (lowercased, split on the search separator,
  as lunr indexes them) whose first character's code point is k modulo TERM_SHARDS, with its
  postings: unit numbers in order, each as the step from the previous one times 2, plus 1 where
  the word is in a title;
- `search/docs/<j>.json`: the units, CHUNK at a time in order (lists of documents in Material's
  format: location, title, text).

The search worker (searchworker.js) fetches the term shards of the query's characters, segments
the query with their words, picks the TOP units holding the most query words (in a title first),
fetches their documents and lets Material's lunr search them. A small site keeps one file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from kit.data import kitconfig

TERM_SHARDS = 256
CHUNK = 2
TOP = 60
TAG = re.compile(r"<[^>]+>")


def threshold() -> int:
    """Index size in bytes above which it is sharded (WENMING_SEARCH_SHARD_KB, default 400)."""
    return kitconfig.current().search_shard_kb * 1024


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def terms(doc: dict, separator: re.Pattern) -> dict[str, int]:
    """The words lunr indexes for a document: word -> 1 if it is in the title, else 0."""
    text, title = doc.get("text") or "", doc.get("title") or ""
    out = dict.fromkeys(separator.split(TAG.sub(" ", text).lower() if "<" in text else text.lower()), 0)
    out.update(dict.fromkeys(separator.split(TAG.sub(" ", title).lower() if "<" in title else title.lower()), 1))
    out.pop("", None)
    return out


def shard_of(term: str) -> int:
    return ord(term[0]) % TERM_SHARDS


def units(docs: list[dict]) -> list[list[dict]]:
    """Documents grouped by page (a section's location is its page's and an anchor), in order."""
    pages: dict[str, list[dict]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    return list(pages.values())


def unit_terms(unit: list[dict], separator: re.Pattern) -> dict[str, int]:
    """The words of a unit (a page's documents): word -> 1 if it is in a title of the unit, else 0."""
    found = terms(unit[0], separator)
    for doc in unit[1:]:
        for term, title in terms(doc, separator).items():
            found[term] = found.get(term, 0) | title
    return found


def encode(values: list[int]) -> list[int]:
    """Postings as stored: unit numbers * 2 + title, in order -> steps * 2 + title."""
    prev, coded = -1, []
    for value in values:
        coded.append(((value >> 1) - prev) * 2 + (value & 1))
        prev = value >> 1
    return coded


def decode(coded: list[int]) -> list[int]:
    prev, values = -1, []
    for step in coded:
        prev += step >> 1
        values.append(prev * 2 + (step & 1))
    return values


def postings(grouped: list[list[dict]], separator: re.Pattern) -> list[dict[str, list[int]]]:
    """Per term shard: word -> encoded postings (see the module's docstring)."""
    raw: dict[str, list[int]] = {}        # term -> number * 2 + title, in order (no tuples: 600,000 at 10,000)
    for number, unit in enumerate(grouped):
        for term, title in unit_terms(unit, separator).items():
            coded = raw.get(term)
            if coded is None:
                raw[term] = [number * 2 + title]
            else:
                coded.append(number * 2 + title)
    shards: list[dict[str, list[int]]] = [{} for _ in range(TERM_SHARDS)]
    for term in sorted(raw):
        shards[shard_of(term)][term] = encode(raw.pop(term))
    return shards


def write_text(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


def split(site_dir: str, index: dict, entries: list[dict], write: Callable[[Path, str], None] = write_text) -> bool:
    """Write the index in shards if it is large; False (nothing written) if it is not. `write`
    writes one file (the build's may move back an unchanged file of the last build instead)."""
    grouped = units(index["docs"] + entries)
    if len(dumps(grouped).encode("utf-8")) <= threshold():
        return False
    separator = re.compile(index["config"]["separator"])
    shards = [dumps(shard) if shard else None for shard in postings(grouped, separator)]
    write_files(site_dir, index, shards, [dumps(unit) for unit in grouped], write)
    return True


def write_files(site_dir: str, index: dict, shards: list[str | None], unit_texts: list[str],
                write: Callable[[Path, str], None]) -> None:
    """The sharded index: the term shards' texts (None: an empty shard, no file), the units' JSON."""
    folder = Path(site_dir) / "search"
    for sub in ("terms", "docs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for k, text in enumerate(shards):
        if text is not None:
            write(folder / "terms" / f"{k}.json", text)
    for j in range(0, len(unit_texts), CHUNK):    # a list's JSON is its members' joined by ","
        write(folder / "docs" / f"{j // CHUNK}.json", "[" + ",".join(unit_texts[j:j + CHUNK]) + "]")
    config = dict(index["config"], wm={"terms": TERM_SHARDS, "chunk": CHUNK, "top": TOP, "units": len(unit_texts)})
    write(folder / "search_index.json", dumps({**index, "config": config, "docs": []}))


def load_docs(site: Path) -> tuple[dict, list[dict]]:
    """(config, every document) of a built site's index, sharded or not (for tests and scripts)."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    docs = list(index["docs"])
    wm = index["config"].get("wm")
    if wm:
        for j in range((wm["units"] + wm["chunk"] - 1) // wm["chunk"]):
            for unit in json.loads((site / "search" / "docs" / f"{j}.json").read_text("utf-8")):
                docs += unit
    return index["config"], docs
