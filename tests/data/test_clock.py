"""'Today' is the date in Beijing (Asia/Shanghai) whatever the build machine's zone: publish
dates, embargoes and 公示 windows turn at Chinese midnight."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import types

import pytest

from kit.data import clock
from conftest import ROOT

UTC = dt.timezone.utc


def fake_now(monkeypatch, when: dt.datetime) -> None:
    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return when.astimezone(tz) if tz else when.astimezone(UTC).replace(tzinfo=None)
    monkeypatch.setattr(clock, "dt", types.SimpleNamespace(datetime=Frozen, timezone=dt.timezone,
                                                          timedelta=dt.timedelta, date=dt.date))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("utc, beijing_day", [
    (dt.datetime(2024, 3, 4, 23, 10, tzinfo=UTC), dt.date(2024, 3, 5)),   # 07:10 in Beijing
    (dt.datetime(2024, 3, 4, 15, 59, tzinfo=UTC), dt.date(2024, 3, 4)),   # 23:59 in Beijing
    (dt.datetime(2024, 3, 4, 16, 0, tzinfo=UTC), dt.date(2024, 3, 5)),    # Beijing midnight
])
def test_build_date_is_the_beijing_date_of_the_moment(monkeypatch, utc, beijing_day):
    fake_now(monkeypatch, utc)
    assert clock.build_date() == beijing_day
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(utc.timestamp())))
    assert clock.build_date() == beijing_day


def check(project, epoch: dt.datetime, tz: str) -> str:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(epoch.timestamp())), "TZ": tz}
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(project)], env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai", "America/Los_Angeles"])
def test_an_entry_dated_today_in_beijing_is_published_on_a_machine_in_any_zone(project, tz):
    (project / "data/events/2030.yml").write_text(
        "events:\n  - id: spring-fair-2030\n    publish: 2030-03-05\n    title: 春季集市\n    kind: 宣传活动\n"
        "    summary: 定时发布。\n    status: upcoming\n    place: 青禾县\n    organiser: 青禾县文明办\n", "utf-8")
    before = check(project, dt.datetime(2030, 3, 4, 15, 59, tzinfo=UTC), tz)   # 23:59 on 4 March in Beijing
    assert "“spring-fair-2030”未发布：定时发布，2030-03-05 起公开" in before
    after = check(project, dt.datetime(2030, 3, 4, 23, 10, tzinfo=UTC), tz)    # 07:10 on 5 March in Beijing
    assert "spring-fair-2030" not in after
