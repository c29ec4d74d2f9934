"""Checks across entries and files: unique ids (= unique URLs), references,
dates that must be in order, honours under public notice, minors' consent.

They run on every file that is valid on its own, so an editor sees these
problems in the same run as the per-file ones. A reference into a file that
has problems of its own is not checked (it would only add noise).
"""
from __future__ import annotations

import datetime as dt

from kit.data.errors import Report
from kit.data.mdphotos import photos_of
from kit.data.loader import Loaded
from kit.data.yamlread import dotted

SCHOOL_WORDS = ("学", "校", "幼儿园")


def is_minor(honoree, youth_awards: set[str], today: dt.date) -> bool:
    """新时代好少年 (an award with youth: true), minor: true, or under 18 on the day it is published."""
    if honoree.minor:
        return True
    published = honoree.publish if honoree.publish and honoree.publish > today else today
    if honoree.birth_year is not None and published.year - honoree.birth_year < 18:
        return True
    return any(h.award in youth_awards for h in honoree.honours)


def unique_ids(loaded: Loaded, entries: dict[str, list], report: Report) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for items in entries.values():
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


def _honoree_checks(loaded: Loaded, e, award_ids: set[str] | None, event_ids: set[str] | None,
                    youth: set[str], today: dt.date, report: Report) -> None:
    h = e.item

    def add(path: tuple, message: str, at: tuple | None = None) -> None:
        report.add(e.file, *loaded.where(e.file, at if at is not None else path), dotted(path), message)

    for i, honour in enumerate(h.honours):
        path = e.path + ("honours", i)
        if award_ids is not None and honour.award not in award_ids:
            add(path + ("award",), f"找不到荣誉“{honour.award}”。请使用 data/awards.yml 里已有的编号："
                                   f"{'、'.join(sorted(award_ids))}。")
        if honour.status == "公示中" and not (honour.notice_start and honour.notice_end):
            field = "notice_start" if not honour.notice_start else "notice_end"
            add(path + (field,), "“公示中”的荣誉必须写明公示期的开始和结束日期，公示期和异议联系方式会显示在网页上。"
                                 "示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07", at=path)
        if honour.notice_start and honour.notice_end and honour.notice_end < honour.notice_start:
            add(path + ("notice_end",), f"公示结束日期 {honour.notice_end} 早于开始日期 {honour.notice_start}。"
                                        f"示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07")
    if event_ids is not None and h.event and h.event not in event_ids:
        add(e.path + ("event",), f"找不到活动“{h.event}”。请填写 data/events/ 里已有的活动编号，"
                                 f"例如：{'、'.join(sorted(event_ids)[:3])}。")
    if is_minor(h, youth, today) and not any(w in h.place for w in SCHOOL_WORDS):
        add(e.path + ("place",), f"未成年人的 place 只写学校名称（网页上显示为“学校”），不写家庭所在的村（社区），"
                                 f"实际是“{h.place}”。示例：place: X县第一中学")
    if is_minor(h, youth, today) and not h.guardian_consent:
        add(e.path + ("guardian_consent",), "这是未成年人（minor: true、新时代好少年或未满 18 岁），发布前必须取得监护人书面同意，"
                                            "并写上 guardian_consent: true。没有同意书请先设为 draft: true。", at=e.path)
    if is_minor(h, youth, today) and not h.photo_consent and photos_of(h.story):
        add(e.path + ("story",), "未成年人的事迹里有照片，但没有写 photo_consent: true（监护人同意发布照片）。"
                                 "请取得同意后写上 photo_consent: true，或从 story 里删除照片。")


def cross_checks(loaded: Loaded, entries: dict[str, list], awards: list, today: dt.date,
                 report: Report, data_prefix: str = "data/") -> None:
    unique_ids(loaded, {**entries, "awards": awards}, report)
    award_ids = {a.item.id for a in awards} if loaded.complete(data_prefix + "awards.yml") else None
    youth = {a.item.id for a in awards if a.item.youth}
    event_ids = ({e.item.id for e in entries["events"]} if loaded.complete(data_prefix + "events/") else None)
    for e in entries["honorees"]:
        _honoree_checks(loaded, e, award_ids, event_ids, youth, today, report)
    for e in entries["events"]:
        ev = e.item
        if ev.start is None and ev.status is None:
            report.add(e.file, *loaded.where(e.file, e.path), dotted(e.path + ("start",)),
                       "活动没有开始日期时，必须用 status 写明状态（upcoming 即将举办 / ongoing 进行中 / past 已结束）。"
                       "示例：start: 2023-07-01")
        if ev.start and ev.end and ev.end < ev.start:
            path = e.path + ("end",)
            report.add(e.file, *loaded.where(e.file, path), dotted(path),
                       f"结束日期 {ev.end} 早于开始日期 {ev.start}。示例：start: 2023-07-01 和 end: 2023-07-03")
