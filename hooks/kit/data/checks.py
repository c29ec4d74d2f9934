"""Checks across entries and files: unique ids (= unique URLs), references,
dates that must be in order, honours under public notice, minors' consent.

They run on every file that is valid on its own, so an editor sees these
problems in the same run as the per-file ones. A reference into a file that
has problems of its own is not checked (it would only add noise).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kit.data import history
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


def _withheld(item, today: dt.date, production: bool) -> bool:
    return bool(getattr(item, "draft", False) or (getattr(item, "publish", None) and item.publish > today)
                or (production and getattr(item, "example", False)))


def _newer(root: Path | None, a: tuple, b: tuple, today: dt.date, production: bool) -> bool:
    """Whether copy b (file, line, item) of an id is the one not yet published: the withheld one, else the
    one written later in git, else the later one in file order."""
    held_a, held_b = _withheld(a[2], today, production), _withheld(b[2], today, production)
    if held_a != held_b:
        return held_b
    if root is not None:
        times = [history.line_time(root, c[0], c[1]) for c in (a, b)]
        if None not in times and times[0] != times[1]:
            return times[1] > times[0]
    return True


def unique_ids(loaded: Loaded, entries: dict[str, list], report: Report, today: dt.date = dt.date.max,
               production: bool = False, root: Path | None = None) -> None:
    seen: dict[str, tuple[str, int, object, tuple]] = {}
    for items in entries.values():
        for e in items:
            line, col = loaded.where(e.file, e.path + ("id",))
            key, here = e.item.id, (e.file, line, e.item, e.path, col)
            if key not in seen:
                seen[key] = here
                continue
            live, new = (seen[key], here) if _newer(root, seen[key], here, today, production) else (here, seen[key])
            seen[key] = live
            keep = ("" if _withheld(live[2], today, production) else
                    "那个条目已经发布（或先写），它的网址和海报上的二维码都在用，请不要改它。")
            report.add(new[0], new[1], new[4], dotted(new[3] + ("id",)),
                       f"编号“{key}”已被 {live[0]} 第 {live[1]} 行的条目使用。{keep}每个条目的编号必须唯一"
                       f"（它决定网址），请给这个条目换一个编号，例如 {key}-2。")


def old_ids(loaded: Loaded, entries: dict[str, list], report: Report) -> None:
    """An old id keeps its URL for the entry that had it: it may be no entry's id and nobody else's old id."""
    ids = {e.item.id: e for items in entries.values() for e in items}
    taken: dict[str, str] = {}
    for items in entries.values():
        for e in items:
            for i, old in enumerate(getattr(e.item, "old_ids", [])):
                path = e.path + ("old_ids", i)
                other = ids.get(old)
                if other is not None or old in taken:
                    where = (f"{other.file} 里条目的编号" if other is not None else f"{taken[old]} 的旧编号")
                    report.add(e.file, *loaded.where(e.file, path), dotted(path),
                               f"旧编号“{old}”已是 {where}，一个网址只能通向一个条目。请删除这一项。")
                taken.setdefault(old, e.file)


def _honoree_checks(loaded: Loaded, e, award_ids: set[str] | None, event_ids: set[str] | None,
                    youth: set[str], today: dt.date, report: Report, renames: dict[str, str]) -> None:
    h = e.item

    def add(path: tuple, message: str, at: tuple | None = None) -> None:
        here = loaded.where(e.file, path)        # the key's own line when it is written (left empty)
        if at is not None and here == loaded.where(e.file, path[:-1]):
            here = loaded.where(e.file, at)      # else `at` (the entry)
        report.add(e.file, *here, dotted(path), message)

    for i, honour in enumerate(h.honours):
        path = e.path + ("honours", i)
        if award_ids is not None and honour.award not in award_ids:
            known = (f"请使用 data/awards.yml 里已有的编号：{'、'.join(sorted(award_ids))}。" if award_ids else
                     "data/awards.yml 里还没有任何评选项目：请先在那里写上这项评选（编号、名称、级别、年份），再引用它的编号。")
            add(path + ("award",), f"找不到荣誉“{honour.award}”。{known}")
        if honour.status == "公示中" and not (honour.notice_start and honour.notice_end):
            field = "notice_start" if not honour.notice_start else "notice_end"
            add(path + (field,), "“公示中”的荣誉必须写明公示期的开始和结束日期，公示期和异议联系方式会显示在网页上。"
                                 "示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07")   # written empty: there; else the honour
        if honour.notice_start and honour.notice_end and honour.notice_end < honour.notice_start:
            add(path + ("notice_end",), f"公示结束日期 {honour.notice_end} 早于开始日期 {honour.notice_start}。"
                                        f"示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07")
    if event_ids is not None and h.event and h.event not in event_ids:
        new = renames.get(h.event)
        add(e.path + ("event",), f"活动“{h.event}”已改编号为“{new}”，请改成 event: {new}。" if new else
            f"找不到活动“{h.event}”。请填写 data/events/ 里已有的活动编号，例如：{'、'.join(sorted(event_ids)[:3])}。")
    if is_minor(h, youth, today) and not any(w in h.place for w in SCHOOL_WORDS):
        add(e.path + ("place",), f"未成年人的 place 只写学校名称（网页上显示为“学校”），不写家庭所在的村（社区），"
                                 f"实际是“{h.place}”。示例：place: 某县第一中学")
    if is_minor(h, youth, today) and not h.guardian_consent:
        add(e.path + ("guardian_consent",), "这是未成年人（minor: true、新时代好少年或未满 18 岁），发布前必须取得监护人书面同意，"
                                            "并写上 guardian_consent: true。没有同意书请先设为 draft: true。", at=e.path)
    if is_minor(h, youth, today) and not h.photo_consent and photos_of(h.story):
        add(e.path + ("story",), "未成年人的事迹里有照片，但没有写 photo_consent: true（监护人同意发布照片）。"
                                 "请取得同意后写上 photo_consent: true，或从 story 里删除照片。")


def cross_checks(loaded: Loaded, entries: dict[str, list], awards: list, today: dt.date,
                 report: Report, data_prefix: str = "data/", production: bool = False,
                 root: Path | None = None) -> None:
    unique_ids(loaded, {**entries, "awards": awards}, report, today, production, root)
    old_ids(loaded, entries, report)
    award_ids = {a.item.id for a in awards} if loaded.complete(data_prefix + "awards.yml") else None
    youth = {a.item.id for a in awards if a.item.youth}
    event_ids = ({e.item.id for e in entries["events"]} if loaded.complete(data_prefix + "events/") else None)
    renames = {old: e.item.id for e in entries["events"] for old in e.item.old_ids}
    for e in entries["honorees"]:
        _honoree_checks(loaded, e, award_ids, event_ids, youth, today, report, renames)
    for e in entries["events"]:
        ev = e.item
        if ev.start is None and ev.status is None:
            entry = loaded.where(e.file, e.path)                   # `status:` or `start:` written empty: there
            field = next((f for f in ("status", "start") if loaded.where(e.file, e.path + (f,)) != entry), "start")
            report.add(e.file, *loaded.where(e.file, e.path + (field,)), dotted(e.path + (field,)),
                       "活动没有开始日期时，必须用 status 写明状态（upcoming 即将举办 / ongoing 进行中 / past 已结束）。"
                       + ("示例：status: upcoming" if field == "status" else "示例：start: 2023-07-01"))
        if ev.start and ev.end and ev.end < ev.start:
            path = e.path + ("end",)
            report.add(e.file, *loaded.where(e.file, path), dotted(path),
                       f"结束日期 {ev.end} 早于开始日期 {ev.start}。示例：start: 2023-07-01 和 end: 2023-07-03")


def honoree_notes(loaded: Loaded, entries: list, shown: set[str], minors: set[str], today: dt.date) -> list[str]:
    """提示 lines for published honorees: a 公示 window that has passed, a minor's photo left out."""
    out = []
    for e in entries:
        h = e.item
        if h.id not in shown:
            continue
        for i, hon in enumerate(h.honours):
            if hon.status == "公示中" and hon.notice_end and hon.notice_end < today:
                path = e.path + ("honours", i, "status")
                line, col = loaded.where(e.file, path)
                out.append(f"{e.file}:{line}:{col}: 提示: {dotted(path)}: “{h.id}”的公示期已于 {hon.notice_end} 结束，"
                           f"网页上显示“公示期已结束”。请按评选结果把 status 改为 入选 或 授予（未通过的改为 撤销）。")
        if h.photo and h.id in minors and not h.photo_consent:
            path = e.path + ("photo",)
            line, col = loaded.where(e.file, path)
            out.append(f"{e.file}:{line}:{col}: 提示: {dotted(path)}: “{h.id}”是未成年人，照片没有发布。监护人同意公开照片后，"
                       f"请写上 photo_consent: true；不公开照片时可以删除 photo。")
    return out
