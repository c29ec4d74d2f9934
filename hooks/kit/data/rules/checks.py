"""Checks across entries and files: unique ids (= unique URLs) and old ids for every kind, then
each kind's own rules (kit/data/kinds/: references, dates in order, 公示, minors' consent).

They run on every file that is valid on its own, so an editor sees these
problems in the same run as the per-file ones. A reference into a file that
has problems of its own is not checked (it would only add noise).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.data import kinds
from kit.data.files import history
from kit.data.errors import Report
from kit.data.files.yamlread import dotted

if TYPE_CHECKING:
    from kit.data.files.loader import Loaded

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
    def placed(e) -> tuple[str, int, object, tuple, int]:
        line, col = loaded.where(e.file, e.path + ("id",))     # asked of a duplicate only: marks stay packed
        return e.file, line, e.item, e.path, col

    first: dict[str, Any] = {}      # id -> its first entry
    kept: dict[str, tuple] = {}     # id -> the copy that keeps it, once it has a duplicate
    for items in entries.values():
        for e in items:
            key = e.item.id
            if key not in first:
                first[key] = e
                continue
            held, here = kept.get(key) or placed(first[key]), placed(e)
            live, new = (held, here) if _newer(root, held, here, today, production) else (here, held)
            kept[key] = live
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


def cross_checks(c) -> None:
    """The rules every kind shares (unique ids, old ids), then each kind's own (kit/data/kinds/):
    `c` is a kinds.Checking."""
    unique_ids(c.loaded, c.entries, c.report, c.today, c.production, c.root)
    old_ids(c.loaded, c.entries, c.report)
    for kind in kinds.all_kinds():
        if kind.check:
            kind.check(c)
