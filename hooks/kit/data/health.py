"""Site health as government-site inspections see it: a home page not updated for two weeks,
sections with nothing new, empty sections, entries without any date, notices whose outcome
was never recorded. Warnings for `make check`; `site.health.fail: true` makes the publishing
pipeline stop on them (scripts/county_check.py)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable, Optional

import yaml

from kit.data.dataset import Dataset
from kit.data.history import line_dates
from kit.data.notices import notices

FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _newest(*days: Optional[dt.date]) -> Optional[dt.date]:
    found = [x for x in days if x is not None]
    return max(found) if found else None


def entry_date(item, today: dt.date) -> Optional[dt.date]:
    """The newest date an entry carries that is not in the future: publish, updated, an
    event's start, an honour's notice, a village rule's adoption."""
    days = [getattr(item, "publish", None), getattr(item, "updated", None), getattr(item, "start", None),
            getattr(item, "adopted", None)]
    days += [h.notice_start for h in getattr(item, "honours", [])]
    return _newest(*(x for x in days if x is not None and x <= today))


def has_date(item) -> bool:
    """Whether an entry carries any date at all (a festival still to come has one)."""
    days = [getattr(item, name, None) for name in ("publish", "updated", "start", "end", "adopted")]
    days += [h.notice_start for h in getattr(item, "honours", [])]
    return any(x is not None for x in days)


def edited(d: Dataset) -> dict[str, dt.date]:
    """Entry id -> when its own lines last changed (git; a line not committed yet is today)."""
    if d.data_dir is None:
        return {}
    days = line_dates(d.data_dir.parent, {file for file, _, _ in d.lines.values()}, d.today)
    pages, out = d.pages(), {}
    for entry_id, key in pages.items():
        file, first, last = d.lines.get(key, ("", 0, -1))
        found = [days[file][n] for n in range(first, last + 1) if n in days.get(file, {})]
        if found:
            out[entry_id] = max(found)
    return out


def sections(d: Dataset) -> dict[str, list[tuple[str, object]]]:
    """Section name -> (id, entry) of everything it publishes."""
    def ids(items: Iterable) -> list[tuple[str, object]]:
        return [(x.id, x) for x in items]
    return {
        "节庆活动": ids(d.events),
        "身边好人": ids(d.honorees),
        d.reading.title: ids(d.brands),
        "公约承诺": ids(d.pledges.pledges) + ids(d.villages),
        "历史文脉": ids(d.sites),
        "文明实践阵地": ids(d.stations),
        "公益广告": ids(d.ads),
    }


def news_dates(posts: Path) -> list[tuple[str, dt.date]]:
    """(title, date) of every news post, read from its front matter without MkDocs."""
    out = []
    for path in sorted(posts.rglob("*.md")) if posts.is_dir() else []:
        m = FRONT.match(path.read_text("utf-8-sig"))
        meta = yaml.safe_load(m.group(1)) if m else None
        day = meta.get("date") if isinstance(meta, dict) else None
        day = day.get("created") if isinstance(day, dict) else day
        if isinstance(day, dt.datetime):
            day = day.date()
        if isinstance(day, dt.date) and not (isinstance(meta, dict) and meta.get("draft")):
            out.append((str(meta.get("title") or path.stem), day))
    return out


def warnings(d: Dataset, news: list[tuple[str, dt.date]], today: dt.date) -> list[str]:
    days = d.settings.health.days
    out: list[str] = []
    newest: list[tuple[dt.date, str]] = [(day, f"工作动态“{title}”") for title, day in news if day <= today]
    changed: dict[str, dt.date] | None = None      # asked of git only when a section looks stale
    for name, items in sections(d).items():
        if not items:
            out.append(f"网站健康: 栏目“{name}”没有任何已发布的内容。检查时空白栏目会扣分：请添加内容。")
            continue
        dated = [(entry_date(x, today), i) for i, x in items]
        undated = [i for i, x in items if not has_date(x)]
        known = [(day, f"{name}“{i}”") for day, i in dated if day is not None]
        if not known or (today - max(known)[0]).days > days:
            changed = edited(d) if changed is None else changed
            known = [(_newest(day, changed.get(i)), f"{name}“{i}”") for day, i in dated if day or changed.get(i)]
        newest += known
        if known and (today - max(known)[0]).days > days:
            day = max(known)[0]
            out.append(f"网站健康: 栏目“{name}”最近一次更新是 {day.isoformat()}，已经 {(today - day).days} 天没有新内容"
                       f"（超过 {days} 天）。请添加或更新内容，并写上 updated 日期。")
        if undated:
            shown = "、".join(undated[:5]) + ("等" if len(undated) > 5 else "")
            out.append(f"网站健康: 栏目“{name}”有 {len(undated)} 个条目没有日期（{shown}），检查时看不出何时更新。"
                       f"请给它们写上 updated（最近更新日期），例如 updated: {today.isoformat()}")
    if not news:
        out.append("网站健康: 栏目“工作动态”没有任何文章。检查时空白栏目会扣分：请发布一篇工作动态。")
    if not d.knowledge.questions:
        out.append("网站健康: “知识问答”没有题目。请在 data/knowledge.yml 的 questions 里添加。")
    if not newest:
        out.append("网站健康: 首页没有任何带日期的内容。请发布一篇工作动态。")
    else:
        day, what = max(newest)
        if (today - day).days > days:
            out.append(f"网站健康: 首页最新的内容是 {day.isoformat()} 的{what}，已经 {(today - day).days} 天没有更新"
                       f"（政府网站检查要求首页 {days} 天内有更新）。请发布一篇工作动态或更新一项内容。")
    for n in notices(d.honorees, d.awards, today):
        if n.outcome == "结果待公布":
            out.append(f"网站健康: 好人“{n.honoree.id}”的“{n.award.name}”公示期（{n.start.isoformat()}至"
                       f"{n.end.isoformat()}）已结束，状态仍是“公示中”。请改为 入选、授予 或 撤销。")
    return out
