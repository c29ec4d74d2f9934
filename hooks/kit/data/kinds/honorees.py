"""身边好人: honorees, one folder of yearly files, a page per published honoree; their honours'
公示 make the 公示公告 board. Only public honours (公示中, 入选, 授予) leave the data wing."""
from __future__ import annotations

from kit.data.rules.checks import SCHOOL_WORDS, is_minor
from kit.data.kinds import Checking, Kind, Section, Table
from kit.data.kinds.awards import KIND as AWARDS
from kit.data.kinds.events import KIND as EVENTS
from kit.data.rules.mdphotos import photos_of
from kit.data.model.models import Honoree

PUBLIC_HONOURS = ("公示中", "入选", "授予")
COLUMNS = (
    "id|编号|string|条目编号，决定网址，发布后不变", "name|姓名|string|姓名",
    "category|类别|string|助人为乐、见义勇为、诚实守信等",
    "place|村（社区）、单位或学校|string|所在村（社区）、单位；未成年人为学校",
    "summary|事迹简介|string|一句话事迹", "story|事迹|string|详细事迹（Markdown 格式；未成年人不公开）",
    "honours|荣誉|array|所获荣誉及状态（公示中、入选、授予）", "photo|照片|string|照片地址（未成年人须监护人同意）",
    "url|网址|string|本条目在网站上的页面地址", "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


def row(h, d, helpers) -> dict:
    minor = d.is_minor(h)
    photo = h.photo and (not minor or h.photo_consent)
    return {"id": h.id, "name": h.name, "category": h.category, "place": h.place, "summary": h.summary,
            "story": None if minor else (h.story or None),
            "honours": [f"{d.awards[x.award].name}（{x.status}）" for x in d.public_honours(h)],
            "photo": helpers.base + h.photo.src if photo else None, "url": helpers.url(h), "example": h.example}


def _withhold(h) -> str:
    if not any(x.status in PUBLIC_HONOURS for x in h.honours):
        return "荣誉尚在推荐阶段或已撤销，未公开"
    return ""


def _public(h):
    """The honoree as published: only public honours reach a template, feed or download."""
    return h.model_copy(update={"honours": [x for x in h.honours if x.status in PUBLIC_HONOURS]})


def _youth(c: Checking) -> set[str]:
    return {a.item.id for a in c.of(AWARDS.name) if a.item.youth}


def _honoree(c: Checking, e, award_ids, event_ids, youth: set[str], renames: dict[str, str]) -> None:
    h = e.item

    def add(path: tuple, message: str, at: tuple | None = None) -> None:
        c.add(e.file, path, message, at)

    for i, honour in enumerate(h.honours):
        path = e.path + ("honours", i)
        if award_ids is not None and honour.award not in award_ids:
            known = (f"请使用 data/awards.yml 里已有的编号：{'、'.join(sorted(award_ids))}。" if award_ids else
                     "data/awards.yml 里还没有任何评选项目：请先在那里写上这项评选（编号、名称、级别、年份），再引用它的编号。")
            add(path + ("award",), f"找不到荣誉“{honour.award}”。{known}")
        if honour.status == "公示中" and not (honour.notice_start and honour.notice_end):
            field = "notice_start" if not honour.notice_start else "notice_end"
            add(path + (field,), "“公示中”的荣誉必须写明公示期的开始和结束日期，公示期和异议联系方式会显示在网页上。"
                                 "示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07", at=path)   # written empty: there
        if honour.notice_start and honour.notice_end and honour.notice_end < honour.notice_start:
            add(path + ("notice_end",), f"公示结束日期 {honour.notice_end} 早于开始日期 {honour.notice_start}。"
                                        f"示例：notice_start: 2023-07-01 和 notice_end: 2023-07-07")
    if event_ids is not None and h.event and h.event not in event_ids:
        new = renames.get(h.event)
        add(e.path + ("event",), f"活动“{h.event}”已改编号为“{new}”，请改成 event: {new}。" if new else
            f"找不到活动“{h.event}”。请填写 data/events/ 里已有的活动编号，例如：{'、'.join(sorted(event_ids)[:3])}。")
    minor = is_minor(h, youth, c.today)
    if minor and not any(w in h.place for w in SCHOOL_WORDS):
        add(e.path + ("place",), f"未成年人的 place 只写学校名称（网页上显示为“学校”），不写家庭所在的村（社区），"
                                 f"实际是“{h.place}”。示例：place: 某县第一中学")
    if minor and not h.guardian_consent:
        add(e.path + ("guardian_consent",), "这是未成年人（minor: true、新时代好少年或未满 18 岁），发布前必须取得监护人书面同意，"
                                            "并写上 guardian_consent: true。没有同意书请先设为 draft: true。", at=e.path)
    if minor and not h.photo_consent and photos_of(h.story):
        add(e.path + ("story",), "未成年人的事迹里有照片，但没有写 photo_consent: true（监护人同意发布照片）。"
                                 "请取得同意后写上 photo_consent: true，或从 story 里删除照片。")


def check(c: Checking) -> None:
    """References to awards and events, 公示 windows, minors' consent."""
    awards, events = AWARDS, EVENTS
    award_ids = {a.item.id for a in c.of(awards.name)} if c.complete(awards) else None
    event_ids = {e.item.id for e in c.of(events.name)} if c.complete(events) else None
    renames = {old: e.item.id for e in c.of(events.name) for old in e.item.old_ids}
    youth = _youth(c)
    for e in c.of("honorees"):
        _honoree(c, e, award_ids, event_ids, youth, renames)


def derive(c: Checking) -> dict:
    """Minors are decided on every honour (推荐 included), before publication leaves some out."""
    youth = _youth(c)
    return {"minors": {e.item.id for e in c.of("honorees") if is_minor(e.item, youth, c.today)}}


def notes(c: Checking) -> list[str]:
    """A 公示 window that has passed; a minor's photo left out."""
    out = []
    shown = {h.id for h in c.parts["honorees"]}
    minors = derive(c)["minors"]
    for e in c.of("honorees"):
        h = e.item
        if h.id not in shown:
            continue
        for i, hon in enumerate(h.honours):
            if hon.status == "公示中" and hon.notice_end and hon.notice_end < c.today:
                out.append(c.note(e.file, e.path + ("honours", i, "status"),
                                  f"“{h.id}”的公示期已于 {hon.notice_end} 结束，网页上显示“公示期已结束”。"
                                  f"请按评选结果把 status 改为 入选 或 授予（未通过的改为 撤销）。"))
        if h.photo and h.id in minors and not h.photo_consent:
            out.append(c.note(e.file, e.path + ("photo",), f"“{h.id}”是未成年人，照片没有发布。监护人同意公开照片后，"
                              f"请写上 photo_consent: true；不公开照片时可以删除 photo。"))
    return out


def _award_choices(d) -> tuple[list[tuple[str, str]], str]:
    return ([(a.id, a.name) for a in d.awards.values()],
            "找不到这个荣誉。请从列表里选择荣誉称号（data/awards.yml）里已有的一项；新的荣誉请先在“荣誉称号”里添加")


def _event_choices(d) -> tuple[list[tuple[str, str]], str]:
    held = [key.split("/", 1)[1] for key in sorted(d.held) if key.startswith(f"{EVENTS.url}/")]
    return ([(e.id, e.title) for e in d.events] + [(i, "未发布") for i in held],
            "找不到这个活动。请从列表里选择已有的活动，或者不填")


KIND = Kind(
    name="honorees", label="身边好人", singular="好人", model=Honoree, folder="honorees", order=110,
    tally="{n} 位好人",
    url="honorees", page="honoree", var="h", layout="honoree.html",
    title=lambda h: h.name,
    context=lambda h, d: {"minor": d.is_minor(h), "honours": d.public_honours(h)},
    sections=(Section("honorees/index.md", "section-honorees.html", "身边好人", context="award_groups",
                      sources=("data/awards.yml",), order=5),
              Section("notices/index.md", "section-notices.html", "公示公告", layout="notices.html", in_nav=False,
                      parent="honorees", context="notice_board", sources=("data/awards.yml",), order=12)),
    search=("name", "category", "place", "story"),
    sort=lambda h: h.id, withhold=_withhold, publish=_public, check=check, notes=notes, derive=derive,
    choices={"honours.award": _award_choices, "event": _event_choices},
    tables=(Table("honorees", "身边好人", "已公开的道德模范、“好人”和新时代好少年。未成年人只公开姓名、学校、类别、"
                  "事迹简介和荣誉", COLUMNS, row, order=2),),
)
