"""The open-data tables: which columns each published list has, and its rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from kit.outputs import ical
from kit.pages import plan
from kit.pages.civic import print_url
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


ID = "id|编号|string|条目编号，决定网址，发布后不变"
URL = "url|网址|string|本条目在网站上的页面地址"
EXAMPLE = "example|示例|boolean|true 表示演示用的示例条目，不是真实信息"
SUMMARY = "summary|简介|string|一句话简介"


def _iso(day) -> str | None:
    return day.isoformat() if day else None


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


def _weekly(e) -> str | None:
    w = e.weekly
    if not w:
        return None
    times = f" {w.start_time}" + (f"—{w.end_time}" if w.end_time else "") if w.start_time else ""
    return f"每{w.weekday}{times}"


def tables(d: Dataset) -> list[Table]:
    base = d.settings.site_url.rstrip("/") + "/"
    t: list[Table] = []

    def add(name: str, title: str, description: str, cols: tuple[str, ...], rows) -> None:
        t.append(Table(name, title, description, _cols(*cols), tuple(rows)))

    add("events", "节庆活动", "已发布的节庆活动和常态化文明实践活动",
        (ID, "title|名称|string|活动名称", "kind|类别|string|节庆活动、文明实践、志愿服务、培训讲座或宣传活动",
         "status|状态|string|即将举办、进行中或已结束（按生成网站当天计算）", "start|开始日期|date|YYYY-MM-DD，日期待定时为空",
         "end|结束日期|date|YYYY-MM-DD，单日活动为空", "date_text|时间说明|string|没有确切日期时的文字说明",
         "weekly|每周安排|string|每周定期举办的活动，如“每周五 15:00—17:00”", "place|地点|string|举办地点",
         "organiser|主办|string|主办或承办单位", SUMMARY, "tags|标签|array|主题标签", URL,
         "calendar|日历文件|string|可导入手机日历的 .ics 文件地址（有日期且未结束的活动才有）", EXAMPLE),
        ({"id": e.id, "title": e.title, "kind": e.kind, "status": status_cn(d.event_status(e)), "start": _iso(e.start), "end": _iso(e.end),
          "date_text": e.date_text or None, "weekly": _weekly(e), "place": e.place, "organiser": e.organiser,
          "summary": e.summary, "tags": list(e.tags), "url": base + plan.event_url(e.id),
          "calendar": base + ical.calendar_path(e.id) if ical.in_calendar(d, e) else None, "example": e.example}
         for e in d.events))

    def honoree(h) -> dict[str, Any]:
        minor = d.is_minor(h)
        photo = h.photo and (not minor or h.photo_consent)
        return {"id": h.id, "name": h.name, "category": h.category, "place": h.place, "summary": h.summary,
                "story": None if minor else (h.story or None),
                "honours": [f"{d.awards[x.award].name}（{x.status}）" for x in d.public_honours(h)],
                "photo": base + h.photo.src if photo else None, "url": base + plan.honoree_url(h.id),
                "example": h.example}

    add("honorees", "身边好人", "已公开的道德模范、“好人”和新时代好少年。未成年人只公开姓名、学校、类别、事迹简介和荣誉",
        (ID, "name|姓名|string|姓名", "category|类别|string|助人为乐、见义勇为、诚实守信等",
         "place|村（社区）、单位或学校|string|所在村（社区）、单位；未成年人为学校",
         "summary|事迹简介|string|一句话事迹", "story|事迹|string|详细事迹（Markdown 格式；未成年人不公开）",
         "honours|荣誉|array|所获荣誉及状态（公示中、入选、授予）", "photo|照片|string|照片地址（未成年人须监护人同意）",
         URL, EXAMPLE),
        (honoree(h) for h in d.honorees))
    add("awards", "荣誉评选", "道德模范、“好人”等评选项目",
        (ID, "name|名称|string|评选名称", "level|级别|string|国家级至乡镇级", "year|年度|integer|评选年度",
         SUMMARY, "honorees|公开人数|integer|本站公开的获评人数"),
        ({"id": a.id, "name": a.name, "level": a.level, "year": a.year, "summary": a.summary or None,
          "honorees": sum(1 for h in d.honorees for x in d.public_honours(h) if x.award == a.id)}
         for a in d.awards.values()))
    add("reading", "阅读品牌", f"{d.reading.title}全民阅读品牌",
        (ID, "name|名称|string|品牌名称", "kind|类型|string|品牌类型", SUMMARY, URL, EXAMPLE),
        ({"id": b.id, "name": b.name, "kind": b.kind, "summary": b.summary, "url": base + plan.brand_url(b.id),
          "example": b.example} for b in d.brands))
    add("pledges", "公约守则", "市民公约、学生守则和行业规范",
        (ID, "title|名称|string|公约名称", "kind|类型|string|市民公约、学生守则或行业规范", SUMMARY,
         "articles|条文|array|逐条内容", URL, EXAMPLE),
        ({"id": p.id, "title": p.title, "kind": p.kind, "summary": p.summary, "articles": list(p.articles),
          "url": base + plan.pledge_url(p.id), "example": p.example} for p in d.pledges.pledges))
    add("villages", "村规民约", "各村（社区）的村规民约和居民公约",
        (ID, "name|村（社区）|string|村或社区名称", "township|乡镇|string|所属乡镇", "kind|类型|string|村规民约或居民公约",
         "adopted|通过日期|date|YYYY-MM-DD", "articles|条文|array|逐条内容", URL, EXAMPLE),
        ({"id": v.id, "name": v.name, "township": v.township, "kind": v.kind, "adopted": _iso(v.adopted),
          "articles": list(v.articles), "url": base + plan.village_url(v.id), "example": v.example}
         for v in d.villages))
    add("heritage", "历史文脉", "历史街区、文物古迹、特色民居、千年古树和红色文化地标",
        (ID, "name|名称|string|名称", "kind|类型|string|历史街区、文物古迹等", SUMMARY, URL, EXAMPLE),
        ({"id": s.id, "name": s.name, "kind": s.kind, "summary": s.summary, "url": base + plan.site_url(s.id),
          "example": s.example} for s in d.sites))
    add("stations", "文明实践阵地", "新时代文明实践中心、所、站、点和基地（场所的公开电话和地址）",
        (ID, "name|名称|string|阵地名称", "kind|类型|string|实践中心、实践所、实践站、实践点或实践基地",
         "town|乡镇（街道）|string|所在乡镇（街道）", SUMMARY, "hours|开放时间|string|开放时间",
         "services|服务项目|array|服务项目", "phone|电话|string|场所的公开电话", "address|地址|string|场所地址",
         URL, EXAMPLE),
        ({"id": s.id, "name": s.name, "kind": s.kind, "town": s.town, "summary": s.summary, "hours": s.hours or None,
          "services": list(s.services), "phone": s.phone or None, "address": s.address or None,
          "url": f"{base}stations/{s.id}/", "example": s.example} for s in d.stations))
    add("ads", "公益广告", "公益广告海报、标语和展板",
        (ID, "title|标题|string|标题", "kind|类型|string|海报、标语或展板", SUMMARY, "slogan|标语|string|标语文字",
         "image|图片|string|图片地址", "print_file|印刷文件|string|供印刷的原始文件地址", "source|来源|string|来源或制作单位",
         URL, EXAMPLE),
        ({"id": a.id, "title": a.title, "kind": a.kind, "summary": a.summary, "slogan": a.slogan or None,
          "image": base + a.image.src if a.image else None,
          "print_file": base + print_url(a) if a.print_file else None, "source": a.source or None,
          "url": f"{base}ads/{a.id}/", "example": a.example} for a in d.ads))
    add("indicators", "创建指标", "“五城共建”创建考核指标（大项、小项）及完成状态",
        ("category_id|大项编号|string|大项编号", "category|大项|string|大项名称", "name|小项|string|小项指标",
         "status|状态|string|已完成、推进中、待加强或未启动", "note|说明|string|补充说明"),
        ({"category_id": c.id, "category": c.name, "name": i.name, "status": i.status, "note": i.note or None}
         for c in d.campaign.categories for i in c.items))
    add("projects", "建设项目", "创建工作的重点建设项目及投资、资金拨付进度",
        ("name|项目|string|项目名称", "status|状态|string|未开工、已开工、建设中或已完工",
         "investment_pct|投资完成比例|integer|百分比（0—100）", "investment_at_least|投资比例为下限|boolean|true 表示“不低于”该比例",
         "funds_pct|资金拨付比例|integer|百分比（0—100）", SUMMARY),
        ({"name": p.name, "status": p.status, "investment_pct": p.investment_pct,
          "investment_at_least": p.investment_at_least, "funds_pct": p.funds_pct, "summary": p.summary or None}
         for p in d.campaign.projects))
    add("figures", "关键数据", "网站各栏目展示的统计数字",
        ("section|栏目|string|数字所在栏目", "subject|对象|string|活动、品牌或项目名称", "label|指标|string|统计指标",
         "value|数值|number|数值（配合数量级和单位）", "scale|数量级|string|如“万”，为空表示个位",
         "unit|单位|string|如“人”“篇”", "approx|约数|boolean|true 表示“余”“多”等约数",
         "text|显示文字|string|网页上的写法", "note|说明|string|补充说明"),
        _figures(d))
    return t
