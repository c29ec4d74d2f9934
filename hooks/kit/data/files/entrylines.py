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
    end (so a trailing comment belongs to the entry above it). Kept with the parsed file (its
    `found`, FOUND): a file the YAML cache gives back unchanged is not walked again."""
    per_file: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for folder, items in entries.items():     # the URL folder of a kind's pages -> its entries
        for e in items:
            per_file[e.file].append((tuple(e.path), f"{folder}/{e.item.id}"))
    out: dict[str, tuple[str, int, int]] = {}
    for file, wanted in per_file.items():
        doc = docs.get(file)
        if doc is None:
            continue
        signature = tuple(wanted)
        hit = doc.found.get(FOUND)
        if hit is None or hit[0] != signature:
            hit = doc.found[FOUND] = (signature, _file_ranges(doc, file, wanted))
        out.update(hit[1])
    return out


def _file_ranges(doc: Doc, file: str, wanted: list[tuple[tuple, str]]) -> dict[str, tuple[str, int, int]]:
    lists: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for path, key in wanted:
        if path in doc.values:
            lists[path[:-1]].append((doc.values[path][0], key))
    out: dict[str, tuple[str, int, int]] = {}
    for list_path, starts in lists.items():
        starts.sort()
        last_start = starts[-1][0]
        after = [line for path, (line, _) in chain(doc.values.items(), doc.keys.items())
                 if line > last_start and tuple(path[:len(list_path)]) != list_path]
        end = min(after) - 1 if after else len(doc.lines)
        for i, (first, key) in enumerate(starts):
            out[key] = (file, first, starts[i + 1][0] - 1 if i + 1 < len(starts) else end)
    return out


FOUND = "entry-lines"
