"""The whole check of a project: every data file, then every news post and its links to entries.

One function for `make check` (hooks/check.py), the build (kit/build.py), the county's checks
and the golden tests, so they cannot drift apart: every problem of every file, in one report.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from kit.data import dataset
from kit.data.rules import postlinks, privacy
from kit.data.files import posts
from kit.data.errors import DataInvalid, Report


def check(root: Path, today: dt.date, production: bool,
          read: Callable | None = None) -> tuple[dataset.Dataset, posts.Posts]:
    """The site's data and its news posts; DataInvalid lists every problem of both."""
    report, data = Report(), None
    try:
        data = dataset.build(root / "data", root, today, production, read=read)
    except DataInvalid as exc:
        report.extend(exc.report)
    news = posts.check(root, today, report, privacy.numbers_of(root / "data"))
    if data is not None:
        postlinks.check_links(news, data, report)
    if report:
        raise DataInvalid(report)
    assert data is not None
    return data, news
