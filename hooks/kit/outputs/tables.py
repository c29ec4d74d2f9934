"""The open-data tables: which columns each published list has, and its rows."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator

from kit.outputs import ical
from kit.data import kinds
from kit.data.dataset import Dataset
from kit.pages.text import status_cn

DIR = "opendata"
TYPE_NAMES = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否",
              "date": "日期", "array": "列表"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str  # string, integer, number, boolean, date (ISO text), array (of text)
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]

    def file(self, ext: str) -> str:
        return f"{DIR}/{self.name}.{ext}"


def _cols(*specs: str) -> tuple[Column, ...]:
    return tuple(Column(*s.split("|")) for s in specs)


class Helpers:
    """What a kind's open-data row may ask of the outputs: absolute URLs, the status in words,
    the calendar file of an event."""

    def __init__(self, d: Dataset) -> None:
        self.d = d
        self.base = d.settings.site_url.rstrip("/") + "/"

    @cached_property
    def _honours(self) -> Counter[str]:
        return Counter(y.award for x in self.d.honorees for y in self.d.public_honours(x))

    def honoured(self, award_id: str) -> int:
        """How many public honours of this award the published honorees hold (counted once for all awards)."""
        return self._honours[award_id]

    def url(self, item) -> str:
        return self.base + kinds.url_for(item)

    def status(self, value: str) -> str:
        return status_cn(value)

    def calendar(self, event) -> str | None:
        return self.base + ical.calendar_path(event.id) if ical.in_calendar(self.d, event) else None


def _figures(d: Dataset) -> Iterator[dict[str, Any]]:
    groups = [("书香", d.reading.title, d.reading.figures)]
    groups += [("文明实践", p.title, p.figures) for p in d.practice.programmes]
    groups += [("公约承诺", d.pledges.integrity.title, d.pledges.integrity.figures)]
    groups += [("节庆活动", e.title, e.figures) for e in d.events]
    groups += [("书香", b.name, b.figures) for b in d.brands]
    groups += [("身边好人", a.name, a.figures) for a in d.awards.values()]
    for section, subject, figures in groups:
        for f in figures:
            yield {"section": section, "subject": subject, "label": f.label, "value": int(f.value) if f.value == f.value.to_integral_value() else float(f.value),
                   "scale": f.scale, "unit": f.unit, "approx": f.approx, "text": f.display, "note": f.note}


_LAST: list[tuple[Dataset, list[Table]]] = []    # the last dataset's tables: asked for three times a build


def tables(d: Dataset) -> list[Table]:
    """One table per open-data table of the registry of kinds, then the figures of every section."""
    if _LAST and _LAST[0][0] is d:
        return _LAST[0][1]
    _LAST[:] = [(d, _tables(d))]
    return _LAST[0][1]


def _tables(d: Dataset) -> list[Table]:
    h = Helpers(d)
    out: list[Table] = []
    for kind, t in kinds.tables():
        items = t.rows(d) if t.rows else d.entries(kind)
        description = t.description(d) if callable(t.description) else t.description
        out.append(Table(t.name, t.title, description, _cols(*t.columns), tuple(t.row(x, d, h) for x in items)))
    out.append(Table("figures", "关键数据", "网站各栏目展示的统计数字", _cols(
        "section|栏目|string|数字所在栏目", "subject|对象|string|活动、品牌或项目名称", "label|指标|string|统计指标",
        "value|数值|number|数值（配合数量级和单位）", "scale|数量级|string|如“万”，为空表示个位",
        "unit|单位|string|如“人”“篇”", "approx|约数|boolean|true 表示“余”“多”等约数",
        "text|显示文字|string|网页上的写法", "note|说明|string|补充说明"), tuple(_figures(d))))
    return out
