"""iCalendar files: one per upcoming or ongoing event with a date, and one for all.

Events known only by a status ("日期待定") are in no calendar. Nothing depends on the
build time: DTSTAMP comes from the data, UIDs from the event id.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from kit.pages import plan
from kit.data.dataset import Dataset
from kit.data.models import Event

TZ = "Asia/Shanghai"
ALL = "calendar/all.ics"
BYDAY = {"周一": "MO", "周二": "TU", "周三": "WE", "周四": "TH", "周五": "FR", "周六": "SA", "周日": "SU"}
WEEKDAY = {"周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6}


def calendar_path(event_id: str) -> str:
    return f"calendar/{event_id}.ics"


def in_calendar(d: Dataset, event: Event) -> bool:
    return event.start is not None and d.event_status(event) in ("upcoming", "ongoing")


def _time(text: str) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _first_weekday(start: dt.date, weekday: str) -> dt.date:
    return start + dt.timedelta(days=(WEEKDAY[weekday] - start.weekday()) % 7)


def _stamp(event: Event) -> dt.datetime:
    day = event.updated or event.publish or event.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def vevent(d: Dataset, event: Event) -> icalendar.Event:
    base = d.settings.site_url.rstrip("/") + "/"
    url = base + plan.event_url(event.id)
    ev = icalendar.Event()
    ev.add("uid", f"{event.id}@{urlsplit(base).hostname or 'wenming'}")
    ev.add("dtstamp", _stamp(event))
    if event.updated:
        ev.add("last-modified", _stamp(event))
    ev.add("summary", event.title)
    ev.add("location", event.place)
    ev.add("description", f"{event.summary}\n主办：{event.organiser}\n详情：{url}")
    ev.add("url", url)
    ev.add("categories", [event.kind])
    weekly = event.weekly
    if weekly:
        first = _first_weekday(weekly.since or event.start, weekly.weekday)
        begin, finish = _time(weekly.start_time), _time(weekly.end_time)
        if begin:
            zone = ZoneInfo(TZ)
            ev.add("dtstart", dt.datetime.combine(first, begin, zone))
            ev.add("dtend", dt.datetime.combine(first, finish or begin, zone) if finish
                   else dt.datetime.combine(first, begin, zone) + dt.timedelta(hours=1))
        else:
            ev.add("dtstart", first)
            ev.add("dtend", first + dt.timedelta(days=1))
        rule: dict = {"freq": "weekly", "byday": BYDAY[weekly.weekday]}
        if weekly.until:  # UNTIL must match DTSTART's type: a date, or a UTC time
            rule["until"] = (dt.datetime.combine(weekly.until, dt.time(23, 59, 59), ZoneInfo(TZ))
                             .astimezone(dt.timezone.utc) if begin else weekly.until)
        ev.add("rrule", rule)
    else:
        ev.add("dtstart", event.start)
        ev.add("dtend", (event.end or event.start) + dt.timedelta(days=1))  # all-day: end is exclusive
    return ev


def vtimezone() -> icalendar.Timezone:
    """China has kept UTC+8 without daylight saving since 1992: one STANDARD rule."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZ)
    std = icalendar.TimezoneStandard()
    std.add("dtstart", dt.datetime(1992, 1, 1))
    std.add("tzoffsetfrom", dt.timedelta(hours=8))
    std.add("tzoffsetto", dt.timedelta(hours=8))
    std.add("tzname", "CST")
    tz.add_component(std)
    return tz


def calendar(d: Dataset, events: list[Event], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{d.settings.department}//{d.settings.site_name}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZ)
    if any(e.weekly and e.weekly.start_time for e in events):
        cal.add_component(vtimezone())
    for e in sorted(events, key=lambda e: e.id):
        cal.add_component(vevent(d, e))
    return cal.to_ical()


def bodies(d: Dataset) -> dict[str, bytes]:
    events = [e for e in d.events if in_calendar(d, e)]
    out = {ALL: calendar(d, events, f"{d.settings.site_name} · 活动日历")}
    for e in events:
        out[calendar_path(e.id)] = calendar(d, [e], e.title)
    return out
