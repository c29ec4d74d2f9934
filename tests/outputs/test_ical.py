"""Calendars parsed back with icalendar: one file per upcoming/ongoing dated event and
one for all; the weekly class recurs every Friday in Asia/Shanghai; DTSTAMP is the build
day."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

from conftest import run_build


def events(built, rel: str) -> list:
    cal = icalendar.Calendar.from_ical(built.text(rel))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return cal.walk("VEVENT")


def test_weekly_class_recurs_every_wednesday_afternoon(built):
    (ev,) = events(built, "calendar/ink-kids.ics")
    assert str(ev["SUMMARY"]) == "墨香少年"
    assert str(ev["UID"]) == "ink-kids@wenming.qinghe.example.cn"
    start = ev.decoded("DTSTART")
    assert start == dt.datetime(2023, 3, 1, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert ev.decoded("DTEND") - start == dt.timedelta(hours=2)
    rule = ev["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["WE"]
    following = rrulestr(rule.to_ical().decode(), dtstart=start)
    nxt = following.after(dt.datetime(2024, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert nxt.weekday() == 2 and (nxt.hour, nxt.minute) == (15, 0)
    assert "青禾县新时代文明实践中心" in str(ev["LOCATION"])
    assert str(ev["URL"]).endswith("/events/ink-kids/")


def test_calendar_declares_its_time_zone(built):
    cal = icalendar.Calendar.from_ical(built.text("calendar/all.ics"))
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Shanghai"
    assert "TZID=Asia/Shanghai" in built.text("calendar/ink-kids.ics")


def test_all_calendar_holds_exactly_the_dated_upcoming_and_ongoing_events(built):
    uids = {str(e["UID"]).split("@")[0] for e in events(built, "calendar/all.ics")}
    files = {p.stem for p in (built.site / "calendar").glob("*.ics")} - {"all"}
    assert uids == files
    # 日期待定 festivals and the past tea festival are in no calendar
    assert not {"bamboo-weaving-week", "chestnut-food-festival", "yunwu-tea-fair", "heart-talk"} & uids
    assert "ink-kids" in uids


def test_event_page_links_its_calendar_only_when_there_is_one(built):
    link = built.html("events/ink-kids/").select_one(".wm-ics a")
    assert link["href"] == "../../calendar/ink-kids.ics"
    assert built.html("events/chestnut-food-festival/").select_one(".wm-ics") is None


def test_dated_all_day_event_and_stable_stamp(project, tmp_path):
    events_file = project / "data/events/2023.yml"
    events_file.write_text(events_file.read_text("utf-8") + """
  - id: test-fair
    title: 测试集市
    kind: 宣传活动
    summary: 两天的活动。
    start: 2999-05-01
    end: 2999-05-02
    updated: 2999-04-01
    place: 青禾县广场
    organiser: 青禾县文明办
""", "utf-8")
    # 2024-01-01 12:00 UTC: DTSTAMP is the day the file is made, without the time of day
    result = run_build(project, tmp_path / "site", {"SOURCE_DATE_EPOCH": "1704110400"})
    assert result.returncode == 0, result.log
    (ev,) = icalendar.Calendar.from_ical(result.text("calendar/test-fair.ics")).walk("VEVENT")
    assert ev.decoded("DTSTART") == dt.date(2999, 5, 1)
    assert ev.decoded("DTEND") == dt.date(2999, 5, 3)  # all-day: the end is exclusive
    assert ev.decoded("DTSTAMP") == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert ev.decoded("LAST-MODIFIED") == dt.datetime(2999, 4, 1, tzinfo=dt.timezone.utc)
    assert "test-fair" in {str(e["UID"]).split("@")[0]
                           for e in icalendar.Calendar.from_ical(result.text("calendar/all.ics")).walk("VEVENT")}
