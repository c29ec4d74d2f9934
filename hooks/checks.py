"""Checks across entries and files: unique ids, references, minors."""
from __future__ import annotations

import datetime as dt

from errors import Report
from loader import Loaded
from yamlread import dotted


def cross_checks(loaded: Loaded, entries: dict[str, list], awards: list, today: dt.date, report: Report) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for kind, items in list(entries.items()) + [("awards", awards)]:
        for e in items:
            line, col = loaded.where(e.file, e.path + ("id",))
            key = e.item.id
            if key in seen:
                other = seen[key]
                report.add(e.file, line, col, dotted(e.path + ("id",)),
                           f"编号“{key}”已被 {other[0]} 第 {other[1]} 行使用。每个条目的编号必须唯一（它决定网址），"
                           f"请改成另一个编号，例如 {key}-2。")
            else:
                seen[key] = (e.file, line)

    award_ids = {a.item.id for a in awards}
    event_ids = {e.item.id for e in entries["events"]}
    for e in entries["honorees"]:
        h = e.item
        for i, honour in enumerate(h.honours):
            if honour.award not in award_ids:
                path = e.path + ("honours", i, "award")
                report.add(e.file, *loaded.where(e.file, path), dotted(path),
                           f"找不到荣誉“{honour.award}”。请使用 data/awards.yml 里已有的编号："
                           f"{'、'.join(sorted(award_ids))}。")
            if honour.status == "公示中" and not (honour.notice_start and honour.notice_end):
                path = e.path + ("honours", i)
                report.add(e.file, *loaded.where(e.file, path), dotted(path + ("notice_end",)),
                           "公示中的荣誉必须写明公示期。示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07")
        if h.event and h.event not in event_ids:
            path = e.path + ("event",)
            report.add(e.file, *loaded.where(e.file, path), dotted(path),
                       f"找不到活动“{h.event}”。请填写 data/events/ 里已有的活动编号。")
    for e in entries["events"]:
        ev = e.item
        if ev.start is None and ev.status is None:
            report.add(e.file, *loaded.where(e.file, e.path), dotted(e.path + ("start",)),
                       "活动没有开始日期时，必须用 status 写明状态（upcoming 即将举办 / ongoing 进行中 / past 已结束）。"
                       "示例：start: 2023-07-01")
        if ev.start and ev.end and ev.end < ev.start:
            path = e.path + ("end",)
            report.add(e.file, *loaded.where(e.file, path), dotted(path),
                       f"结束日期 {ev.end} 早于开始日期 {ev.start}。")
