"""The data as the import sheets (`make export`): one workbook per kind, the template's columns,
说明 sheet, dropdowns and date cells, one row per entry of every file of the kind (a honoree with
several honours: one row per honour) and its file in 所在文件, so that importing the workbook
unchanged changes nothing. Drafts, examples and withheld entries are exported as they are: the
workbooks are for the department's own staff, not for the public."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.editing import cells, update, yamledit
from kit.editing.sheets import ROWS, Column, columns, workbook


def rows(data: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(file under data/<kind>/, entry) of every entry of the kind, file by file in file order."""
    out = []
    for path in update.kind_files(data, kind):
        rel = path.relative_to(data / kind).as_posix()
        out += [(rel, entry) for _, entry in yamledit.entries(update.read_text(path), kind)]
    return out


def _lines(cols: list[Column], entry: dict[str, Any]) -> list[list[Any]]:
    honours = entry.get("honours") if isinstance(entry.get("honours"), list) else []
    out = []
    for honour in honours or [None]:
        line = []
        for c in cols:
            if c.path[0] == "honours":
                value = honour.get(c.path[1]) if isinstance(honour, dict) else None
            elif len(c.path) == 2:
                inner = entry.get(c.path[0])
                value = inner.get(c.path[1]) if isinstance(inner, dict) else None
            else:
                value = entry.get(c.path[0])
            line.append(cells.to_cell(c, value))
        out.append(line)
    return out


def export(data: Path, kind: str, path: Path) -> int:
    """Write the workbook; the number of entries in it."""
    found = rows(data, kind)
    cols = columns(kind)
    lines = [(rel, line) for rel, entry in found for line in _lines(cols, entry)]
    wb = workbook(kind, max(ROWS, len(lines) + 1))
    ws = wb.worksheets[0]
    for r, (rel, line) in enumerate(lines, start=2):
        for i, value in enumerate(line + [rel], start=1):
            cell = ws.cell(r, i)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"          # text, not a formula
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(found)


def file_name(kind: str) -> str:
    """好人名单.xlsx: the template's name, so a template and an export are told apart only by folder."""
    from kit.data.model.labels import SINGULAR
    return f"{SINGULAR[kind].replace('（社区）', '')}名单.xlsx"
