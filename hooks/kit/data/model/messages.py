"""Turn pydantic validation errors into Chinese lines for editors."""
from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from kit.data.model.schema import EXAMPLES, EXAMPLES_IN


def _unwrap(annotation: Any) -> Any:
    """The model class inside list[...] / Optional[...], or None."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model


def example_for(field: str, loc: tuple = ()) -> str:
    """The example line for a field; a few names (kind, answer...) differ by the list they are in."""
    names = [p for p in loc if isinstance(p, str)]
    for parent in reversed(names[:-1]):
        if (parent, field) in EXAMPLES_IN:
            return EXAMPLES_IN[(parent, field)]
    return EXAMPLES.get(field, "")


def suggest(root: type[BaseModel], loc: tuple) -> str | None:
    """The known field nearest to an unknown key, if any is near enough."""
    known = list((model_at(root, loc[:-1]) or BaseModel).model_fields)
    near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
    return near[0] if near else None


def covered_missing(errors: list[dict], root: type[BaseModel]) -> set[tuple]:
    """Missing fields an unknown key's suggestion already explains: one line, not two."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    covered = set()
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "extra_forbidden":
            near = suggest(root, loc)
            if near and loc[:-1] + (near,) in missing:
                covered.add(loc[:-1] + (near,))
    return covered


def describe(error: dict, root: type[BaseModel], missing: frozenset[tuple] = frozenset()) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    found = error.get("input")
    ctx = error.get("ctx") or {}
    example = example_for(field, loc)
    tail = f"示例：{example}" if example else ""

    if kind == "missing":
        return f"缺少必填字段“{field}”。请补上这个字段。{tail}".rstrip()
    if kind == "extra_forbidden":
        near = suggest(root, loc)
        known = list((model_at(root, loc[:-1]) or BaseModel).model_fields)
        hint = f"您是否想写 {near}？" if near else f"可用的字段有：{'、'.join(known)}。"
        if near and loc[:-1] + (near,) in missing:
            hint += f"（{near} 是必填字段，目前缺少）"
        return f"未知字段“{field}”。{hint}"
    if kind == "literal_error":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"“{found}”不是可选的值。应为以下之一：{allowed}。{tail}".rstrip()
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])) + "。"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"这里应是一组“字段: 内容”，实际是{_kind(found)}。请检查缩进和冒号。{tail}".rstrip()
    if kind == "list_type":
        return f"这里应是列表（每项以“- ”开头），实际是{_kind(found)}。{tail}".rstrip()
    if kind in ("string_type",):
        return f"这里应是文字，实际是{_kind(found)}。{tail}".rstrip()
    if kind in ("string_too_short",):
        return f"“{field}”不能为空。{tail}".rstrip()
    if kind == "too_short":
        return f"“{field}”至少要有 {ctx.get('min_length', 1)} 项。{tail}".rstrip()
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"应是整数，实际是“{_short(found)}”。只写阿拉伯数字，不加单位。{tail}".rstrip()
    if kind in ("decimal_parsing", "decimal_type", "float_parsing"):
        return f"应是数字，实际是“{_short(found)}”。只写阿拉伯数字，单位写在 unit 字段，“万”写在 scale 字段。{tail}".rstrip()
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ""))
        upper = ctx.get("le", ctx.get("lt", ""))
        return f"“{found}”超出范围，应在 {bound} 到 {upper} 之间。{tail}".rstrip()
    if kind == "bool_parsing":
        return f"“{found}”不是是非值。请写 true（是）或 false（否）。"
    return f"{error['msg']}（实际内容：“{_short(found)}”）。{tail}".rstrip()


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return "一组字段（" + "、".join(map(str, value)) + "）"
    if isinstance(value, list):
        return f"一个有 {len(value)} 项的列表"
    text = "空" if value is None else str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, (list, dict)):
        return _short(value)
    return f"“{_short(value)}”"
