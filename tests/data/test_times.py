"""Times of day in weekly events (issue 23, finding 1): what `make check` passes, builds.

`start_time: "9:00"` used to pass the check and then stop the build with
`ValueError: Invalid isoformat string` (no file, no line). Times are now a type: the forms
people type are written HH:MM, anything else is refused at its line with an example."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import run_build
from kit.data import project as check
from kit.data.errors import DataInvalid
from kit.data.model.fields import parse_time

TODAY = dt.date(2024, 1, 1)


@pytest.mark.parametrize("typed, meant", [
    ("9:00", "09:00"), ("09:00", "09:00"), ("9点", "09:00"), ("9点30", "09:30"), ("9点30分", "09:30"),
    ("9点半", "09:30"), ("下午3点", "15:00"), ("下午3:30", "15:30"), ("晚上7点半", "19:30"),
    ("中午12点", "12:00"), ("上午10点", "10:00"), ("15：00", "15:00"), ("１５：００", "15:00"),
    (" 15 : 00 ", "15:00"), ("十点", "10:00"), (dt.time(8, 5), "08:05"), ("", ""),
])
def test_the_times_people_type_are_understood(typed, meant):
    assert parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["9", 9, "9.30", "25:00", "9:75", "上午15点", "15:00:00", "abc", True, [9]])
def test_other_times_are_refused_with_the_form_to_write(typed):
    with pytest.raises(ValueError, match="例如 09:00"):
        parse_time(typed)


def _weekly(root, start: str, end: str) -> None:
    path = root / "data/events/2023.yml"
    text = path.read_text("utf-8")
    assert '      start_time: "15:00"\n      end_time: "17:00"\n' in text
    path.write_text(text.replace('      start_time: "15:00"\n      end_time: "17:00"\n',
                                 f"      start_time: {start}\n      end_time: {end}\n", 1), "utf-8")


def test_9_00_passes_the_check_and_builds_as_meant(project, tmp_path):
    _weekly(project, '"9:00"', "下午5点")
    check.check(project, TODAY, False)          # no DataInvalid
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    (ev,) = icalendar.Calendar.from_ical(result.text("calendar/ink-kids.ics")).walk("VEVENT")
    assert ev.decoded("DTSTART") == dt.datetime(2023, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert ev.decoded("DTEND") == dt.datetime(2023, 3, 1, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert "每周三 09:00—17:00" in result.html("events/ink-kids/").get_text()


@pytest.mark.parametrize("start, end, line, field, words", [
    ('"9.30"', '"17:00"', 63, "start_time", "“9.30”不是可识别的时间"),
    ('"17:00"', "下午3点", 64, "end_time", "结束时间 15:00 不晚于开始时间 17:00"),
    ('""', '"17:00"', 64, "end_time", "没有开始时间"),
])
def test_a_time_that_cannot_be_meant_is_refused_at_its_line(project, start, end, line, field, words):
    _weekly(project, start, end)
    with pytest.raises(DataInvalid) as caught:
        check.check(project, TODAY, False)
    lines = caught.value.report.lines()
    assert any(l.startswith(f"data/events/2023.yml:{line}:") and ": 错误: events[" in l
               and f".weekly.{field}: " in l and words in l for l in lines), lines
