"""An imported sheet as changes to the data files: a row whose id is already in data/<kind>/
updates that entry where it lives (only its changed values, kit/editing/yamledit.py); a new id
is appended to the file in its 所在文件 column, else to INTO, else to this year's file. Nothing is
written here: `plan` returns the new text of every file that changes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kit.editing import append, cells, yamledit
from kit.editing.excelread import Sheet, check


@dataclass
class Plan:
    texts: dict[Path, str] = field(default_factory=dict)    # file -> its new text
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    files: set[str] = field(default_factory=set)            # "honorees/2024.yml" of every file that changes


def kind_files(data: Path, kind: str) -> list[Path]:
    return sorted((data / kind).rglob("*.yml")) if (data / kind).is_dir() else []


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def located(data: Path, kind: str) -> dict[str, yamledit.Located]:
    """Every entry of the kind in data/<kind>/, by id (the first, should an id be doubled)."""
    out: dict[str, yamledit.Located] = {}
    for path in kind_files(data, kind):
        for node, entry in yamledit.entries(read_text(path), kind):
            if isinstance(entry.get("id"), str):
                out.setdefault(entry["id"], yamledit.Located(path.relative_to(data).as_posix(), node, entry))
    return out


def plan(root: Path, sheet: Sheet, into: str) -> Plan:
    """The changes the sheet asks for; problems go to `sheet.problems` (then nothing is to be written)."""
    data, kind = root / "data", sheet.kind
    try:
        here = located(data, kind)
    except yaml.YAMLError as exc:
        sheet.add(None, None, "", f"data/{kind}/ 里有文件不是正确的 YAML，请先运行 make check 改好：{exc}")
        return Plan()
    elsewhere = append.existing_ids(data)
    present = list(sheet.cols.values())
    out = Plan()
    updates: dict[str, list[tuple[yamledit.Located, dict[str, Any]]]] = {}
    new: dict[str, list[dict[str, Any]]] = {}
    for row in sheet.entries:
        id_, r = row["id"], sheet.rows[row["id"]]
        file = sheet.files.get(id_, "")
        if id_ in here:
            where = here[id_]
            if file and f"{kind}/{file}" != where.rel:
                sheet.add(r, sheet.file_col, "所在文件", f"编号“{id_}”在 data/{where.rel} 里，这一行的所在文件却是“{file}”。"
                          f"导入不会移动条目：请把所在文件改回 {where.rel.split('/', 1)[1]}，或者不填。")
                continue
            entry = cells.overlay(kind, present, where.entry, row)
            if check(sheet, entry):
                if entry == where.entry:
                    out.unchanged += 1
                else:
                    updates.setdefault(where.rel, []).append((where, entry))
        elif id_ in elsewhere:
            sheet.add(r, None, "编号（网址）", f"编号“{id_}”已在 {elsewhere[id_]} 里使用（那不是{_what(kind)}），"
                      "这一行没有导入。这是另一个条目时，请换一个编号。")
        elif check(sheet, row):
            new.setdefault(f"{kind}/{file or into}", []).append(row)
    if sheet.problems:
        return Plan()
    for rel in sorted(set(updates) | set(new)):
        path = data / rel
        text = read_text(path) if path.exists() else ""
        # from the last entry up: an entry's new text never moves the places of the ones above it
        for where, entry in sorted(updates.get(rel, []), key=lambda u: -u[0].node.start_mark.index):
            text = yamledit.update(text, where.node, where.entry, entry)
        if rel in new:
            text = append.appended(text, kind, new[rel])
        out.texts[path] = text
        out.files.add(rel)
        out.updated += len(updates.get(rel, []))
        out.added += len(new.get(rel, []))
    return out


def _what(kind: str) -> str:
    from kit.data.model.labels import SINGULAR
    return SINGULAR[kind]
