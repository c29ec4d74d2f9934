"""The whole check of a project: the data's schema, every data file, then every news post and its
links to entries, then the 错敏 check of both (kit/data/rules/wording.py).

One function for `make check` (hooks/check.py), the build (kit/build.py), the county's checks
and the golden tests, so they cannot drift apart: every problem of every file, in one report.
The 错敏 check's 提示 lines (慎用词) go with the data's other notes (`Dataset.withheld`), which
`make check` prints and the build logs; its 错误 lines stop both like any data error.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from kit.data import dataset
from kit.data.errors import DataInvalid, Report
from kit.data.files import posts
from kit.data.files.yamlread import load_file
from kit.data.rules import postlinks, privacy, wording
from kit.migrate import MARKER, SCHEMA, MigrationError, schema_of


def schema_problems(root: Path, report: Report) -> None:
    """Data of another schema than this kit reads (kit files copied or merged without `make
    upgrade`) would fail with misleading field errors: one clear line instead."""
    where = f"data/{MARKER}"
    marker = root / "data" / MARKER
    text = marker.read_text("utf-8", errors="replace") if marker.is_file() else ""
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("schema")), 1)
    try:
        found = schema_of(root / "data")
    except MigrationError as exc:
        report.add(where, line, 1, "schema", str(exc))
        return
    if found < SCHEMA:
        report.add(where, line, 1, "schema", f"本县的数据是格式 {found}，这个版本的套件读取格式 {SCHEMA}。"
                   "请用 make upgrade 升级套件（它会把数据迁移到新格式），不要只复制或合并套件的文件。")
    elif found > SCHEMA:
        report.add(where, line, 1, "schema", f"本县的数据是格式 {found}，比这个版本的套件（读取格式 {SCHEMA}）新。"
                   "请用新版套件（make upgrade），不要退回旧版本。")


def check(root: Path, today: dt.date, production: bool,
          read: Callable | None = None) -> tuple[dataset.Dataset, posts.Posts]:
    """The site's data and its news posts; DataInvalid lists every problem of both."""
    report, data = Report(), None
    schema_problems(root, report)
    if report:
        raise DataInvalid(report)
    docs: dict = {}
    base = read or load_file

    def reading(raw: bytes, name: str, rep: Report):
        doc = base(raw, name, rep)
        if doc is not None:
            docs[name] = doc      # kept for the 错敏 check of every text value
        return doc
    try:
        data = dataset.build(root / "data", root, today, production, read=reading)
    except DataInvalid as exc:
        report.extend(exc.report)
    news = posts.check(root, today, report, privacy.numbers_of(root / "data"))
    if data is not None:
        postlinks.check_links(news, data, report)
    hints = wording_check(root, docs, news, report)
    if report:
        raise DataInvalid(report)
    assert data is not None
    data.withheld += hints
    return data, news


def wording_check(root: Path, docs: dict, news: posts.Posts, report: Report) -> list[str]:
    """错敏 hits of the data's values and the posts' lines: errors into report, hints returned."""
    hints: list[str] = []
    words = wording.load(root / "data", root, report)
    wording.scan_docs(docs, words, report, hints)
    for post in news.posts:
        wording.scan_lines(post.name, post.lines, words, report, hints)
    return hints
