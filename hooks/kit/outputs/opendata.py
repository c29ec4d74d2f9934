"""Open data: every published list as JSON and CSV, with a JSON Schema per table.

Rows come from the Dataset, which holds published entries only, and follow the pages'
rules: honours in their public states, minors shown minimally (no story, no photo
without consent). Absolute URLs point back to each entry's page.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Any

from kit.data.dataset import Dataset
from kit.outputs.tables import Table, tables

TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
         "date": "string", "array": "array"}


def to_json(t: Table, d: Dataset) -> bytes:
    doc = {"name": t.name, "title": t.title, "description": t.description,
           "publisher": d.settings.department, "count": len(t.rows),
           "fields": [c.key for c in t.columns], "records": list(t.rows)}
    return indented_json(doc)


def indented_json(doc: Any) -> bytes:
    """(json.dumps(doc, ensure_ascii=False, indent=2) + "\n") in UTF-8, the same bytes, made a block of
    pieces at a time: with an indent, json.dumps lists every piece (each key, value and separator) before
    joining them, half a million small strings for the largest table at 10,000 entries (the build's peak
    of memory then)."""
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc)
    out = []
    while block := "".join(itertools.islice(pieces, 4096)):
        out.append(block.encode("utf-8"))
    out.append(b"\n")
    return b"".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return str(value)


def to_csv(t: Table) -> bytes:
    """UTF-8 with a BOM, so Excel on Windows opens the Chinese text correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label for c in t.columns])
    for row in t.rows:
        writer.writerow([_cell(row[c.key]) for c in t.columns])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def to_schema(t: Table, base: str) -> bytes:
    props = {}
    for c in t.columns:
        prop: dict[str, Any] = {"title": c.label, "description": c.meaning, "type": [TYPES[c.type], "null"]}
        if c.type == "date":
            prop["format"] = "date"
        if c.type == "array":
            prop["items"] = {"type": "string"}
        props[c.key] = prop
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base + t.file("schema.json"), "title": t.title, "description": t.description,
        "type": "object", "required": ["name", "count", "fields", "records"],
        "properties": {
            "name": {"const": t.name}, "title": {"type": "string"}, "description": {"type": "string"},
            "publisher": {"type": "string"}, "count": {"type": "integer"},
            "fields": {"type": "array", "items": {"type": "string"}},
            "records": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                   "required": [c.key for c in t.columns], "properties": props}},
        },
    }
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def bodies(d: Dataset) -> dict[str, bytes]:
    base = d.settings.site_url.rstrip("/") + "/"
    out: dict[str, bytes] = {}
    for t in tables(d):
        out[t.file("json")] = to_json(t, d)
        out[t.file("csv")] = to_csv(t)
        out[t.file("schema.json")] = to_schema(t, base)
    return out
