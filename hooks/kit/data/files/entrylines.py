"""Which lines of which data file hold each entry: for the dates of an entry's own edits
(最近更新 from the history of its lines, kit/outputs/updated.py), not its whole file's."""
from __future__ import annotations

from collections import defaultdict
from itertools import chain

from kit.data.files.yamlnodes import Doc


def ranges(docs: dict[str, Doc], entries: dict[str, list]) -> dict[str, tuple[str, int, int]]:
    """"folder/id" -> (file, first line, last line) of every entry of a kind with pages.

    An entry runs from its own first line to the line before the next entry of its list; the
    last one of a list to the line before whatever follows the list in the file, or the file's
    end (so a trailing comment belongs to the entry above it)."""
    lists: dict[tuple[str, tuple], list[tuple[int, str]]] = defaultdict(list)
    for folder, items in entries.items():     # the URL folder of a kind's pages -> its entries
        for e in items:
            doc = docs.get(e.file)
            if doc is not None and tuple(e.path) in doc.values:
                lists[(e.file, tuple(e.path[:-1]))].append((doc.values[tuple(e.path)][0], f"{folder}/{e.item.id}"))
    out: dict[str, tuple[str, int, int]] = {}
    for (file, list_path), starts in lists.items():
        doc = docs[file]
        starts.sort()
        last_start = starts[-1][0]
        after = [line for path, (line, _) in chain(doc.values.items(), doc.keys.items())
                 if line > last_start and tuple(path[:len(list_path)]) != list_path]
        end = min(after) - 1 if after else len(doc.lines)
        for i, (first, key) in enumerate(starts):
            out[key] = (file, first, starts[i + 1][0] - 1 if i + 1 < len(starts) else end)
    return out
