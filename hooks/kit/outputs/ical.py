"""iCalendar files: one per upcoming or ongoing event with a date, and one for all.

Events known only by a status ("日期待定") are in no calendar. DTSTAMP is when the file
was made (RFC 5545 with METHOD:PUBLISH): the build day, 00:00 UTC, without the time of day
so two builds of one day stay byte-identical (SOURCE_DATE_EPOCH pins the day). UIDs come
from the event id. A weekly event without `until` repeats for a year from the build day,
not forever (the data check asks the editor for an end).
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from kit.data import kinds
from kit.data.dataset import Dataset
from kit.data.model.models import Event

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


def _utc_day(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def open_end(today: dt.date) -> dt.date:
    """Where a weekly event without `until` stops in the calendar: a year after the build."""
    return today + dt.timedelta(days=365)


def vevent(d: Dataset, event: Event) -> icalendar.Event:
    base = d.settings.site_url.rstrip("/") + "/"
    url = base + kinds.url_for(event)
    ev = icalendar.Event()
    ev.add("uid", f"{event.id}@{urlsplit(base).hostname or 'wenming'}")
    ev.add("dtstamp", _utc_day(d.today))
    if event.updated:
        ev.add("last-modified", _utc_day(event.updated))
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
        until = weekly.until or open_end(d.today)
        # UNTIL must match DTSTART's type: a date, or a UTC time
        rule["until"] = (dt.datetime.combine(until, dt.time(23, 59, 59), ZoneInfo(TZ))
                         .astimezone(dt.timezone.utc) if begin else until)
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


def _one_line(text: str) -> str:
    """A title written over several lines (title: |), as the calendar's one-line name."""
    return " ".join(text.split())


def calendar(d: Dataset, events: list[Event], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", _one_line(f"-//{d.settings.department}//{d.settings.site_name}//ZH"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _one_line(name))      # icalendar does not escape line breaks here
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
