"""New entries added to a data file as text at its end: what is already there (entries, comments,
formatting) is never rewritten. The whole data check then runs; if it fails, every file written
is put back as it was, byte for byte, and every problem is shown."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kit.data import dataset
from kit.data.clock import build_date, production
from kit.data.errors import DataInvalid


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # a list inside an entry indented under its key (`honours:` then `  - award:`), as the
        # kit's files and the web forms write it, not PyYAML's flush-left default
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n" if style else value, style=style)


_Dumper.add_representer(str, _text)


def entry_yaml(entry: dict[str, Any], indent: str = "  ") -> str:
    """One list item, indented as the file's items are (`  - id: …` in the kit's files)."""
    text = yaml.dump([entry], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def _indent(text: str, key: str) -> str:
    m = re.search(r"^( *)- ", text[text.find(f"{key}:"):], re.M) if f"{key}:" in text else None
    return m.group(1) if m else "  "


def existing_ids(data_dir: Path) -> dict[str, str]:
    """Every entry id in data/, with the file that has it (read leniently: ids only)."""
    out: dict[str, str] = {}
    for path in sorted(data_dir.rglob("*.yml")):
        try:
            doc = yaml.load(path.read_text("utf-8-sig"), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        stack = [doc]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    out.setdefault(node["id"], path.relative_to(data_dir.parent).as_posix())
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return out


def appended(text: str, key: str, entries: list[dict[str, Any]]) -> str:
    """A file's text (`""` for a new file) with the entries added at its end."""
    old = bool(text)
    text = text or f"{key}:\n"
    text = re.sub(rf"^{key}:[ \t]*\[\][ \t]*$", f"{key}:", text, count=1, flags=re.M)   # `honorees: []`
    if not text.endswith("\n"):
        text += "\n"
    indent = _indent(text, key)
    return text + ("\n" if old else "") + "".join(entry_yaml(e, indent) for e in entries)


def write_checked(root: Path, texts: dict[Path, str]) -> list[str]:
    """Write the files, then the data check: [] when it passes, else its problems, with every file
    put back as it was (a new one removed). A file keeps its BOM and its CRLF line ends."""
    before = {path: path.read_bytes() if path.exists() else None for path in texts}
    for path, text in texts.items():
        old = before[path] or b""
        if b"\r\n" in old and b"\n" not in old.replace(b"\r\n", b""):
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8"))
    try:
        dataset.build(root / "data", root, build_date(), production())
    except DataInvalid as exc:
        _restore(before)
        return exc.report.lines()
    except BaseException:
        _restore(before)
        raise
    return []


def _restore(before: dict[Path, bytes | None]) -> None:
    for path, old in before.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old)
