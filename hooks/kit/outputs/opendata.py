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
    try:
        return _blocks(_pieces(doc))
    except _Slow:    # a value of another type: json's own encoder, which knows them all
        return _blocks(json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc))


def _blocks(pieces) -> bytes:
    out = []
    while block := "".join(itertools.islice(pieces, 4096)):
        out.append(block.encode("utf-8"))
    out.append(b"\n")
    return b"".join(out)


class _Slow(Exception):
    pass


_STRING = json.encoder.encode_basestring     # the escaping json.dumps(…, ensure_ascii=False) uses
_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def _plain(o, pad: str) -> str:
    """json.dumps(o, ensure_ascii=False, indent=2) of a value at the indent `pad`, for dicts with
    string keys, lists, strings, numbers, booleans and None: one call a value, where json's
    encoder (pure Python with an indent) makes a generator and a piece for every key, value and
    comma; the open-data records at 10,000 entries in a third of the time. Other types: _Slow."""
    kind = type(o)
    if kind is str:
        return _STRING(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if kind is int:
        return int.__repr__(o)
    if kind is float:
        return _FLOATS.get(o, "NaN") if o != o or o in _FLOATS else float.__repr__(o)
    inner = pad + "  "
    if kind is list or kind is tuple:
        if not o:
            return "[]"
        return "[\n" + inner + (",\n" + inner).join([_plain(v, inner) for v in o]) + "\n" + pad + "]"
    if kind is dict:
        if not o:
            return "{}"
        parts = []
        for k, v in o.items():
            head = _KEYS.get(k) if type(k) is str else None
            if head is None:
                if type(k) is not str:
                    raise _Slow
                head = _STRING(k) + ": "
                if len(_KEYS) < 1000:
                    _KEYS[k] = head
            value = type(v)     # the common cases inline: a call less a value
            parts.append(head + (_STRING(v) if value is str else "null" if v is None else int.__repr__(v)
                                 if value is int else _plain(v, inner)))
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + pad + "}"
    raise _Slow


_KEYS: dict[str, str] = {}     # a key's JSON and ": " (the same few keys in every record)


def _pieces(doc: Any):
    """The pieces of _plain(doc, ""), a member of a top-level dict's lists at a time (the blocks)."""
    if type(doc) is not dict or not doc or not all(type(k) is str for k in doc):
        yield _plain(doc, "")
        return
    yield "{"
    for i, (k, v) in enumerate(doc.items()):
        yield ("," if i else "") + "\n  " + _STRING(k) + ": "
        if type(v) is list and v:
            yield "["
            for j, member in enumerate(v):
                yield ("," if j else "") + "\n    " + _plain(member, "    ")
            yield "\n  ]"
        else:
            yield _plain(v, "  ")
    yield "\n}"


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
    keys = [c.key for c in t.columns]
    writer.writerows([v if type(v) is str else _cell(v) for v in map(row.__getitem__, keys)] for row in t.rows)
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
