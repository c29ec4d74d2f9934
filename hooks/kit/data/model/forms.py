"""The models as forms: each field with its Chinese label, hint, whether it is required, and
what kind of input it needs. The web forms (kit/outputs/cms.py) and the Excel sheets
(scripts/excel_io.py) are both made from this, so neither can drift from the models."""
from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kit.data.model import fields as f
from kit.data.model.labels import label

# one-line text gets a line, these get a box
LONG = {"body", "story", "intro", "text", "stations_intro", "items_note", "note", "accessibility",
        "site_description", "Campaign.summary", "Category.summary", "Project.summary", "Award.summary"}

Kind = Literal["text", "longtext", "slug", "date", "bool", "int", "number", "choice",
               "textlist", "datelist", "object", "objectlist", "photo", "photolist"]


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    hint: str
    required: bool
    kind: Kind
    options: tuple[str, ...] = ()
    default: Any = None
    min_items: int = 0
    children: tuple[FormField, ...] = field(default=())
    bounds: tuple[int | None, int | None] = (None, None)
    rule: str = ""       # a shape rule of kit/data/model/patterns.py the type checks: time, url, site_url


# the field types that check a shape, and the name of that shape's pattern (patterns.PATTERNS)
SHAPES = {f.parse_time: "time", f.check_url: "url", f.check_site_url: "site_url"}


def _parts(annotation: Any) -> tuple[Any, bool, list]:
    """The type inside Optional/Annotated, whether None is allowed, and the Annotated metadata."""
    optional, meta = False, []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            meta += extra
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional, meta


def _validators(meta: list) -> set:
    return {getattr(m, "func", None) for m in meta}


def _scalar(annotation: Any, meta: list, name: str, model: str) -> Kind:
    if typing.get_origin(annotation) is Literal:
        return "choice"
    funcs = _validators(meta)
    if annotation is dt.date or f.parse_date in funcs:
        return "date"
    if annotation is bool or f.parse_bool in funcs:
        return "bool"
    if f.check_slug in funcs:
        return "slug"
    if annotation is int:
        return "int"
    if annotation in (Decimal, float):
        return "number"
    return "longtext" if name in LONG or f"{model}.{name}" in LONG else "text"


# the publishing switches every entry with a page has (models.Publishable, less its id)
PUBLISHING = ("draft", "example", "publish", "updated", "old_ids")


def entry_order(fields: tuple[FormField, ...]) -> list[FormField]:
    """An entry's own fields first (after its id), the publishing switches (草稿, 示例, 定时发布,
    最近更新, 曾用编号) last: in the forms and the sheets 姓名 comes right after 编号."""
    return sorted(fields, key=lambda c: c.name in PUBLISHING)


def form(model: type[BaseModel]) -> tuple[FormField, ...]:
    return tuple(_field(model.__name__, name, info) for name, info in model.model_fields.items())


def _field(model: str, name: str, info: FieldInfo) -> FormField:
    text, hint = label(model, name)
    annotation, optional, meta = _parts(info.rebuild_annotation())
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    bounds = (None, None)
    for m in list(info.metadata) + meta:
        bounds = (getattr(m, "ge", bounds[0]), getattr(m, "le", bounds[1]))
    common = dict(name=name, label=text, hint=hint, required=required and not optional, default=default)
    min_items = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), 0)
    if typing.get_origin(annotation) is list:
        inner, _, inner_meta = _parts(typing.get_args(annotation)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            kind = "photolist" if inner is f.Photo else "objectlist"
            return FormField(kind=kind, children=form(inner), min_items=min_items, **common)
        kind = "datelist" if _scalar(inner, inner_meta, name, model) == "date" else "textlist"
        return FormField(kind=kind, min_items=min_items, **common)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        kind = "photo" if annotation is f.Photo else "object"
        return FormField(kind=kind, children=form(annotation), **common)
    kind = _scalar(annotation, meta, name, model)
    options = tuple(typing.get_args(annotation)) if kind == "choice" else ()
    if kind in ("date", "number") and default is not None:
        default = str(default)
    rule = next((SHAPES[v] for v in _validators(meta) if v in SHAPES), "")
    return FormField(kind=kind, options=options, bounds=bounds, rule=rule, **common)
