"""One model per kind of entry. Unknown keys are forbidden everywhere."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from kit.data.model.fields import Bool, Date, Figure, Photo, Slug, Strict, Text, Time
from kit.data.model.settings import Colours, Footer, Settings  # noqa: F401  (data/site.yml is one of the files)


class Publishable(Strict):
    """Fields every entry with its own page shares."""

    id: Slug
    draft: Bool = False
    example: Bool = False
    publish: Optional[Date] = None
    updated: Optional[Date] = None
    old_ids: list[Slug] = []      # earlier ids: their URLs (printed QR codes) redirect here


# ---- campaign ------------------------------------------------------------

IndicatorStatus = Literal["已完成", "推进中", "待加强", "未启动"]


class Indicator(Strict):
    name: Text
    status: IndicatorStatus
    note: str = ""


class Category(Strict):
    id: Slug
    name: Text
    summary: str = ""
    items: list[Indicator] = Field(min_length=1)


class Project(Strict):
    name: Text
    summary: str = ""
    status: Literal["已开工", "建设中", "已完工", "未开工"]
    investment_pct: int = Field(ge=0, le=100)
    investment_at_least: Bool = False
    funds_pct: int = Field(ge=0, le=100)


class National(Strict):
    items: int
    points: int
    online: int
    note: str = ""


class Step(Strict):
    title: Text
    text: Text


class Campaign(Strict):
    title: Text
    lead: Text
    summary: Text
    categories: list[Category] = Field(min_length=1)
    projects: list[Project]
    national: National
    problems: list[Text]
    next_steps: list[Step]
    items_note: str = ""


# ---- events --------------------------------------------------------------

EventKind = Literal["节庆活动", "文明实践", "志愿服务", "培训讲座", "宣传活动"]
EventStatus = Literal["upcoming", "ongoing", "past"]
Weekday = Literal["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


class Weekly(Strict):
    weekday: Weekday
    start_time: Time = ""
    end_time: Time = ""
    since: Optional[Date] = None
    until: Optional[Date] = None

    @field_validator("end_time")
    @classmethod
    def _end_after_start(cls, end: str, info: ValidationInfo) -> str:
        start = info.data.get("start_time", "")
        if end and "start_time" in info.data and not start:
            raise ValueError(f"写了结束时间 {end}，但没有开始时间。请补上 start_time，例如 start_time: \"09:00\"")
        if end and start and end <= start:
            raise ValueError(f"结束时间 {end} 不晚于开始时间 {start}。请检查，时间用 24 小时制，如下午五点写 17:00")
        return end


class Event(Publishable):
    title: Text
    kind: EventKind
    summary: Text
    start: Optional[Date] = None
    end: Optional[Date] = None
    date_text: str = ""
    weekly: Optional[Weekly] = None
    status: Optional[EventStatus] = None
    place: Text
    organiser: Text
    figures: list[Figure] = []
    body: str = ""
    photos: list[Photo] = []
    tags: list[Text] = []


# ---- honours and honorees -----------------------------------------------

Level = Literal["国家级", "省级", "州级", "市级", "县级", "乡镇级"]
HonourStatus = Literal["推荐", "公示中", "入选", "授予", "撤销"]
HonoreeCategory = Literal["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲",
                          "自立自强", "勤学上进", "热心公益", "崇德向善"]


class Award(Strict):
    id: Slug
    name: Text
    level: Level
    year: int
    summary: str = ""
    figures: list[Figure] = []
    youth: Bool = False


class Honour(Strict):
    award: Slug
    status: HonourStatus
    notice_start: Optional[Date] = None
    notice_end: Optional[Date] = None


class Honoree(Publishable):
    name: Text
    category: HonoreeCategory
    place: Text
    summary: Text
    story: str = ""
    honours: list[Honour] = Field(min_length=1)
    photo: Optional[Photo] = None
    birth_year: Optional[int] = None
    minor: Bool = False
    guardian_consent: Bool = False
    photo_consent: Bool = False
    event: Optional[Slug] = None


# ---- reading, practice, pledges, heritage -------------------------------

class Brand(Publishable):
    name: Text
    kind: Text
    summary: Text
    body: str = ""
    figures: list[Figure] = []
    photos: list[Photo] = []


class Reading(Strict):
    title: Text
    intro: Text
    figures: list[Figure]


class Programme(Strict):
    title: Text
    summary: Text
    figures: list[Figure] = []


class Practice(Strict):
    title: Text
    intro: Text
    programmes: list[Programme]
    stations_intro: str = ""
    stations: list[Text] = []


class Pledge(Publishable):
    title: Text
    kind: Literal["市民公约", "学生守则", "行业规范"]
    summary: Text
    articles: list[Text] = Field(min_length=1)


class Village(Publishable):
    name: Text
    township: Text
    kind: Literal["村规民约", "居民公约"]
    adopted: Optional[Date] = None
    articles: list[Text] = Field(min_length=1)


class Integrity(Strict):
    title: Text
    intro: Text
    settings: list[Text]
    figures: list[Figure] = []
    slogan: str = ""


class PledgeSection(Strict):
    intro: Text
    village_total: int
    pledges: list[Pledge]
    integrity: Integrity


class Site(Publishable):
    name: Text
    kind: Literal["历史街区", "文物古迹", "特色民居", "千年古树", "红色文化"]
    summary: Text
    body: str = ""
    photos: list[Photo] = []


class Heritage(Strict):
    intro: Text
    sites: list[Site]


def today() -> dt.date:
    return dt.date.today()
