"""Site health as government-site inspections see it: a home page not updated for two weeks,
sections with nothing new, empty sections, entries without any date, notices whose outcome
was never recorded, the footer's 网站标识码 / ICP / 公安备案 numbers. Warnings for `make check`;
`site.health.fail: true` makes the publishing pipeline stop on them, `site.health.veto: true`
only on the 单项否决 items of 国办秘函〔2019〕19号 (scripts/county_check.py).

The official limits per column: home page and news (动态类) 2 weeks (`health.days`), 通知公告
(our 公示公告) 6 months; the site's other sections use `health.days` too. Veto: home page not
updated within 2 weeks, 5 or more stale columns, 5 or more empty columns (serious wording errors
are stopped by the 错敏 check itself, kit/data/rules/wording.py)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Optional

import yaml

from kit.data import kinds
from kit.data.dataset import Dataset
from kit.data.files.history import line_dates
from kit.data.rules.notices import notices

FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
NOTICE_DAYS = 183          # 通知公告类栏目: 6 months
VETO = "网站健康: 单项否决："   # the prefix of a veto line (county_check.py fails on it with health.veto)
VETO_COLUMNS = 5
SITE_ID = re.compile(r"^(?:\d{10}|bm\d{8})$")                        # 网站标识码: 10 characters
ICP = re.compile(r"^[\u4e00-\u9fff]ICP备\d{8,10}号(?:-\d{1,3})?$")       # 滇ICP备12345678号-2
POLICE = re.compile(r"^[\u4e00-\u9fff]公网安备\s?(\d{14})号$")            # 滇公网安备 53999900000001号


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
    out = {}
    for entry_id, key in d.pages().items():
        file, first, last = d.lines.get(key, ("", 0, -1))
        found = [days[file][n] for n in range(first, last + 1) if n in days.get(file, {})]
        if found:
            out[entry_id] = max(found)
    return out


def sections(d: Dataset) -> dict[str, list[tuple[str, object]]]:
    """Section name -> (id, entry) of everything it publishes: every kind with pages (and
    `health` on, kit/data/kinds/) under the title of the section that lists it."""
    titles = {s.src: s.title or s.title_of(d) for _, s in kinds.sections()}
    out: dict[str, list[tuple[str, object]]] = {}
    for k in kinds.page_kinds():
        if k.health:
            out.setdefault(titles.get(k.home, k.label), []).extend((x.id, x) for x in d.entries(k))
    return out


# sections kept in a folder of their own: one the county's data/ lacks was added by a later kit
# (an upgrade adds nothing to data/), so it is announced as new rather than blamed as empty
def folder_sections(d: Dataset) -> dict[str, str]:
    """Section name -> the data folder of the kind it lists (kinds kept in folders may be missing)."""
    titles = {s.src: s.title or s.title_of(d) for _, s in kinds.sections()}
    return {titles.get(k.home, k.label): k.folder for k in kinds.page_kinds() if k.folder and k.health}


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
    folders = folder_sections(d)
    out: list[str] = []
    stale: list[str] = []
    empty: list[str] = []
    newest: list[tuple[dt.date, str]] = [(day, f"工作动态“{title}”") for title, day in news if day <= today]
    changed: dict[str, dt.date] | None = None      # entry id -> its own lines' last change (git)
    for name, items in sections(d).items():
        folder = folders.get(name)
        if not items and folder and not (d.data_dir / folder).exists():
            out.append(f"网站健康: 新栏目：{name}，尚无内容。这是套件新版本增加的栏目（见 CHANGELOG.md），"
                       f"内容放在 data/{folder}/ 里，写法见编辑指南（网站的 /guide/ 页面）和手册的“字段参考”；没有内容时栏目页是空的。")
            continue
        if not items:
            empty.append(name)
            out.append(f"网站健康: 栏目“{name}”没有任何已发布的内容。检查时空白栏目会扣分：请添加内容。")
            continue
        dated = [(entry_date(x, today), i) for i, x in items]
        undated = [i for i, x in items if not has_date(x)]
        known = [(day, f"{name}“{i}”") for day, i in dated if day is not None]
        if not known or (today - max(known)[0]).days > days:    # git is asked only when a section looks stale
            changed = edited(d) if changed is None else changed
            known = [(_newest(day, changed.get(i)), f"{name}“{i}”") for day, i in dated if day or changed.get(i)]
        newest += known
        if known and (today - max(known)[0]).days > days:
            day = max(known)[0]
            stale.append(name)
            out.append(f"网站健康: 栏目“{name}”最近一次更新是 {day.isoformat()}，已经 {(today - day).days} 天没有新内容"
                       f"（超过 {days} 天）。请添加或更新内容，并写上 updated 日期。")
        if undated:
            shown = "、".join(undated[:5]) + ("等" if len(undated) > 5 else "")
            out.append(f"网站健康: 栏目“{name}”有 {len(undated)} 个条目没有日期（{shown}），检查时看不出何时更新。"
                       f"请给它们写上 updated（最近更新日期），例如 updated: {today.isoformat()}")
    if not news:
        empty.append("工作动态")
        out.append("网站健康: 栏目“工作动态”没有任何文章。检查时空白栏目会扣分：请发布一篇工作动态。")
    out += _column("工作动态", [day for _, day in news if day <= today], today, days, "动态类栏目", stale)
    out += _column("公示公告", [n.start for n in notices(d.honorees, d.awards, today) if n.start <= today],
                   today, NOTICE_DAYS, "通知公告类栏目", stale, empty)
    if not d.knowledge.questions:
        out.append("网站健康: “知识问答”没有题目。请在 data/knowledge.yml 的 questions 里添加。")
    home = None
    if not newest:
        out.append("网站健康: 首页没有任何带日期的内容。请发布一篇工作动态。")
        home = "首页没有任何带日期的内容"
    else:
        day, what = max(newest)
        if (today - day).days > days:
            home = f"首页已经 {(today - day).days} 天没有更新（要求 {days} 天内）"
            out.append(f"网站健康: 首页最新的内容是 {day.isoformat()} 的{what}，已经 {(today - day).days} 天没有更新"
                       f"（政府网站检查要求首页 {days} 天内有更新）。请发布一篇工作动态或更新一项内容。")
    for n in notices(d.honorees, d.awards, today):
        if n.outcome == "结果待公布":
            out.append(f"网站健康: 好人“{n.honoree.id}”的“{n.award.name}”公示期（{n.start.isoformat()}至"
                       f"{n.end.isoformat()}）已结束，状态仍是“公示中”。请改为 入选、授予 或 撤销。")
    out += footer_warnings(d.settings.footer)
    return out + vetoes(home, stale, empty)


def _column(name: str, days_seen: list[dt.date], today: dt.date, limit: int, kind: str, stale: list[str],
            empty: list[str] | None = None) -> list[str]:
    """One column with its own official limit; its name into stale (or empty) when it fails."""
    if not days_seen:
        if empty is None:
            return []
        empty.append(name)
        return [f"网站健康: 栏目“{name}”没有任何内容。检查时空白栏目会扣分。"]
    day = max(days_seen)
    if (today - day).days <= limit:
        return []
    stale.append(name)
    return [f"网站健康: 栏目“{name}”最近一次更新是 {day.isoformat()}，已经 {(today - day).days} 天没有新内容"
            f"（{kind}要求 {limit} 天内更新）。请及时发布。"]


def vetoes(home: str | None, stale: list[str], empty: list[str]) -> list[str]:
    """The 单项否决 items of 国办秘函〔2019〕19号 (one line each, prefixed VETO)."""
    out = [f"{VETO}{home}。检查时首页 2 周未更新即判为不合格。"] if home else []
    if len(stale) >= VETO_COLUMNS:
        out.append(f"{VETO}{len(stale)} 个栏目长期未更新（{'、'.join(stale)}），达到 {VETO_COLUMNS} 个即判为不合格。")
    if len(empty) >= VETO_COLUMNS:
        out.append(f"{VETO}{len(empty)} 个栏目空白（{'、'.join(empty)}），达到 {VETO_COLUMNS} 个即判为不合格。")
    return out


def footer_warnings(footer) -> list[str]:
    """网站标识码, ICP 备案号 and 公安备案号 in data/site.yml's footer: present and well formed."""
    out = []
    where = "data/site.yml 的 footer."
    if not footer.site_id_code:
        out.append(f"网站健康: 页脚没有网站标识码（{where}site_id_code）。政府网站须在页脚标注 10 位网站标识码，例如 5300000001。")
    elif not SITE_ID.match(footer.site_id_code):
        out.append(f"网站健康: 网站标识码“{footer.site_id_code}”格式不对（{where}site_id_code），应为 10 位，例如 5300000001。")
    if not footer.icp:
        out.append(f"网站健康: 页脚没有 ICP 备案号（{where}icp），例如 滇ICP备12345678号-1。")
    elif not ICP.match(footer.icp):
        out.append(f"网站健康: ICP 备案号“{footer.icp}”格式不对（{where}icp），应写成 滇ICP备12345678号-1 的形式。")
    m = POLICE.match(footer.police_record) if footer.police_record else None
    if not footer.police_record:
        out.append(f"网站健康: 页脚没有公安机关备案号（{where}police_record），例如 滇公网安备 53000002000001号。")
    elif not m:
        out.append(f"网站健康: 公安备案号“{footer.police_record}”格式不对（{where}police_record），"
                   f"应写成 滇公网安备 53000002000001号（14 位数字）的形式。")
    elif footer.police_record_code and footer.police_record_code != m.group(1):
        out.append(f"网站健康: 公安备案号的数字（{where}police_record_code：{footer.police_record_code}）"
                   f"与备案号“{footer.police_record}”不一致。")
    return out
