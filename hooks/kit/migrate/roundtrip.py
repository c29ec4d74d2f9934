"""A data file read and written back by round trip (ruamel.yaml), for migrations: comments, key
order, quotes, block or flow style and the file's own list indentation kept; a byte-order mark
and CRLF line ends too. A file a migration does not change is not written."""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Callable

LIST_ITEM = re.compile(r"(?m)^([^\S\n]*)[\w.-]+:[^\S\n]*(?:#.*)?\n(?:[^\S\n]*#.*\n|[^\S\n]*\n)*([^\S\n]*)- ")


def _yaml(text: str):
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000                      # never fold a long line
    m = LIST_ITEM.search(text)                # "key:\n  - item": the dash's offset from the key
    offset = max(len(m.group(2)) - len(m.group(1)), 0) if m else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def load(path: Path) -> tuple[Any, Callable[[Any], None]]:
    """The file's data (ruamel's commented maps and lists) and a function writing it back."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    yaml = _yaml(text)
    data = yaml.load(text)

    def save(value: Any) -> None:
        out = io.StringIO()
        yaml.dump(value, out)
        new = out.getvalue()
        if text.startswith("---") and not new.startswith("---"):
            new = "---\n" + new
        if crlf:
            new = new.replace("\n", "\r\n")
        if new != (text.replace("\n", "\r\n") if crlf else text):
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8"))
    return data, save


def edit(path: Path, change: Callable[[Any], bool]) -> bool:
    """Apply `change` to the file's data; written back only when it says it changed something."""
    data, save = load(path)
    if data is None or not change(data):
        return False
    save(data)
    return True


def rename_key(mapping: Any, old: str, new: str) -> bool:
    """`old: value` becomes `new: value` at the same place, with its comments."""
    if not hasattr(mapping, "insert") or old not in mapping or new in mapping:
        return False
    keys = list(mapping.keys())
    value = mapping[old]
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(keys.index(old), new, value)
    if comment is not None:
        mapping.ca.items[new] = comment
    return True


def entries(data: Any, key: str) -> list:
    """The list under `key` of a file like `events: [...]`, or [] when there is none."""
    items = data.get(key) if hasattr(data, "get") else None
    return list(items) if isinstance(items, list) else []
