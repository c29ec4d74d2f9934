"""What a sheet cell holds for a value of a data file (for `make export`), and a sheet row laid
over an existing entry (for an import that updates by id).

The rule that keeps export -> import lossless: a cell that reads back the same as what the
export writes for the entry's current value is *unchanged*, and the entry keeps that value as it
is in the file (text, quoting, the trailing newline of a block, a list item that itself contains
“；”). Only a cell the editor really changed is written, and a field without a column in the sheet
(an old sheet, a deleted column, nested lists such as an event's figures) is never touched."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kit.data.model.fields import parse_bool, parse_date
from kit.editing.excelread import _value
from kit.editing.sheets import SEPARATOR, Column, kind_fields

UNREADABLE = object()


def to_cell(col: Column, raw: Any) -> Any:
    """The cell for a value as the data file has it (text, or a list of texts)."""
    if raw is None or raw == "" or raw == []:
        return None
    kind = col.field.kind
    try:
        if kind == "date":
            return parse_date(raw)
        if kind == "bool":
            return "是" if parse_bool(raw) else "否"
        if kind in ("int", "number") and re.fullmatch(r"-?\d+(\.\d+)?", str(raw).strip()):
            text = str(raw).strip()
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        pass
    if isinstance(raw, list):
        return SEPARATOR.join(str(x) for x in raw)
    if isinstance(raw, dict):
        return str(raw)
    return str(raw)


def readback(col: Column, raw: Any) -> Any:
    """What the import reads from the exported cell of this value."""
    cell = to_cell(col, raw)
    if cell is None or str(cell).strip() == "":
        return None
    if isinstance(cell, dt.date) and not isinstance(cell, dt.datetime):
        cell = dt.datetime(cell.year, cell.month, cell.day)      # as openpyxl reads a date cell back
    try:
        return _value(col, cell)
    except ValueError:
        return UNREADABLE


def _lay(cols: list[Column], old: dict[str, Any] | None, row: dict[str, Any]) -> dict[str, Any]:
    """One mapping (an entry, a honour or a photo): each column's cell over the old value."""
    out = dict(old or {})
    for col in cols:
        name = col.path[-1]
        was = out.get(name)
        if readback(col, was) == row.get(name):
            continue                      # unchanged: the file's own text stays
        if row.get(name) is None:
            out.pop(name, None)
        else:
            out[name] = row[name]
    return out


def _order(kind: str, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Old keys in their order; a key the entry did not have goes after the field before it in the model."""
    model = [ff.name for ff in kind_fields(kind)]
    keys = [k for k in old if k in new]
    for k in new:
        if k in keys:
            continue
        before = [i for i, have in enumerate(keys) if have in model and k in model
                  and model.index(have) < model.index(k)]
        keys.insert(before[-1] + 1 if before else min(1, len(keys)), k)
    return {k: new[k] for k in keys}


def overlay(kind: str, cols: list[Column], old: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The entry `old` with the sheet's columns `cols` (those present in the sheet) from `row`."""
    tops = [c for c in cols if len(c.path) == 1]
    new = _lay(tops, old, row)
    for group in {c.path[0] for c in cols if len(c.path) == 2}:
        inner = [Column(c.path[1:], c.label, c.field) for c in cols if c.path[0] == group]
        if group == "honours":
            new_list = _honours(inner, old.get("honours"), row.get("honours") or [])
            if new_list is None:
                continue
            if new_list:
                new["honours"] = new_list
            else:
                new.pop("honours", None)
        else:
            was = old.get(group) if isinstance(old.get(group), dict) else None
            if was is None and group in old:
                continue                  # not a mapping: the sheet cannot show it, keep it
            laid = _lay(inner, was, row.get(group) or {})
            if laid == (was or {}):
                continue
            if any(laid.get(c.path[-1]) is not None for c in inner) or set(laid) - {c.path[-1] for c in inner}:
                new[group] = laid
            else:
                new.pop(group, None)
    return _order(kind, old, new)


def _honours(cols: list[Column], old: Any, rows: list[dict[str, Any]]) -> list | None:
    """One honour per sheet row, each laid over the honour at the same place; None: unchanged."""
    if old is not None and not isinstance(old, list):
        return None
    old = old or []
    shown = [{c.path[-1]: readback(c, h.get(c.path[-1])) for c in cols} if isinstance(h, dict) else h for h in old]
    rows = [{c.path[-1]: r.get(c.path[-1]) for c in cols} for r in rows]
    if shown == rows:
        return None
    return [_lay(cols, old[i] if i < len(old) and isinstance(old[i], dict) else None, r) for i, r in enumerate(rows)]
