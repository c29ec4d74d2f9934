"""节庆活动: events, one folder of yearly files (data/events/2024.yml), a page per event."""
from __future__ import annotations

import datetime as dt

from kit.data.kinds import Checking, Kind, Section, Table
from kit.data.model.models import Event

COLUMNS = (
    "id|编号|string|条目编号，决定网址，发布后不变", "title|名称|string|活动名称",
    "kind|类别|string|节庆活动、文明实践、志愿服务、培训讲座或宣传活动",
    "status|状态|string|即将举办、进行中或已结束（按生成网站当天计算）", "start|开始日期|date|YYYY-MM-DD，日期待定时为空",
    "end|结束日期|date|YYYY-MM-DD，单日活动为空", "date_text|时间说明|string|没有确切日期时的文字说明",
    "weekly|每周安排|string|每周定期举办的活动，如“每周五 15:00—17:00”", "place|地点|string|举办地点",
    "organiser|主办|string|主办或承办单位", "summary|简介|string|一句话简介", "tags|标签|array|主题标签",
    "url|网址|string|本条目在网站上的页面地址",
    "calendar|日历文件|string|可导入手机日历的 .ics 文件地址（有日期且未结束的活动才有）",
    "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


def _weekly(e) -> str | None:
    w = e.weekly
    if not w:
        return None
    times = f" {w.start_time}" + (f"—{w.end_time}" if w.end_time else "") if w.start_time else ""
    return f"每{w.weekday}{times}"


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def row(e, d, h) -> dict:
    return {"id": e.id, "title": e.title, "kind": e.kind, "status": h.status(d.event_status(e)),
            "start": _iso(e.start), "end": _iso(e.end), "date_text": e.date_text or None, "weekly": _weekly(e),
            "place": e.place, "organiser": e.organiser, "summary": e.summary, "tags": list(e.tags),
            "url": h.url(e), "calendar": h.calendar(e), "example": e.example}


def check(c: Checking) -> None:
    for e in c.of("events"):
        ev = e.item
        if ev.start is None and ev.status is None:
            entry = c.loaded.where(e.file, e.path)                 # `status:` or `start:` written empty: there
            field = next((f for f in ("status", "start") if c.loaded.where(e.file, e.path + (f,)) != entry), "start")
            c.add(e.file, e.path + (field,), "活动没有开始日期时，必须用 status 写明状态（upcoming 即将举办 / ongoing 进行中 / "
                  "past 已结束）。" + ("示例：status: upcoming" if field == "status" else "示例：start: 2023-07-01"), at=e.path)
        if ev.start and ev.end and ev.end < ev.start:
            c.add(e.file, e.path + ("end",), f"结束日期 {ev.end} 早于开始日期 {ev.start}。示例：start: 2023-07-01 和 "
                  "end: 2023-07-03")


def notes(c: Checking) -> list[str]:
    """A weekly event needs an end, or calendars repeat it forever."""
    shown = {e.id for e in c.parts["events"]}
    return [c.note(e.file, e.path + ("weekly",), f"“{e.item.id}”每周举办，但没有写结束日期 until，手机日历里只排到一年后。"
                   f"知道结束日期时请写上，例如 until: {c.today.year}-12-31")
            for e in c.of("events") if e.item.weekly and not e.item.weekly.until and e.item.id in shown]


KIND = Kind(
    name="events", label="节庆活动", singular="活动", model=Event, folder="events", order=100,
    tally="{n} 个活动",
    url="events", page="event", var="event", layout="event.html",
    context=lambda e, d: {"status": d.event_status(e)},
    sections=(Section("events/index.md", "section-events.html", "节庆活动", context="past_years", order=2),),
    search=("title", "kind", "place", "organiser", "body", "tags"),
    sort=lambda e: (e.start or dt.date.max, e.id), reverse=True, check=check, notes=notes,
    tables=(Table("events", "节庆活动", "已发布的节庆活动和常态化文明实践活动", COLUMNS, row, order=1),),
)
