"""The day a build or check counts as 'today'. Tiny on purpose: check.py imports it
without pulling in MkDocs."""
from __future__ import annotations

import datetime as dt
import os

from kit.data import kitconfig

# China Standard Time: UTC+8 all year (no daylight saving since 1991), so a fixed offset is
# exact and needs no time-zone database (Windows has none without the tzdata package)
CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def now() -> dt.datetime:
    """SOURCE_DATE_EPOCH pins the moment for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def build_date() -> dt.date:
    """Today in Beijing time, whatever the build machine's zone: publish dates, embargoes and
    公示 windows are Chinese calendar days (a UTC runner at 07:10 Beijing time is still on
    yesterday's UTC date, yet an entry dated today must go out)."""
    return now().astimezone(CHINA).date()


def production() -> bool:
    """The build that goes public (kit setting `production`, WENMING_PRODUCTION=1): example entries
    are withheld."""
    return kitconfig.current().production
