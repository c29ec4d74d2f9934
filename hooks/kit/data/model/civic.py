"""Models of what a campaign is inspected on beyond the report: 应知应会 and its quiz,
文明实践阵地 (practice centre, stations, points) and 公益广告. External services are settings
(kit/data/model/settings.py)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from kit.data.model.fields import Bool, Photo, Slug, Strict, Text
from kit.data.model.models import Publishable

LETTERS = "ABCDEF"


# ---- 应知应会 and the quiz ---------------------------------------------------

class Hotline(Strict):
    name: Text            # 政务服务便民热线
    number: Text          # 12345


class Topic(Strict):
    id: Slug              # the anchor on the page: knowledge/#core-values
    title: Text
    points: list[Text] = Field(min_length=1)
    note: str = ""


class Question(Strict):
    question: Text
    options: list[Text] = Field(min_length=2, max_length=len(LETTERS))
    answer: Literal["A", "B", "C", "D", "E", "F"]
    explain: str = ""
    topic: Optional[Slug] = None   # the 应知应会 topic it asks about


class Knowledge(Strict):
    title: Text = "应知应会"
    intro: Text
    slogans: list[Text] = []       # 创建口号
    topics: list[Topic] = Field(min_length=1)
    hotlines: list[Hotline] = []
    quiz_title: Text = "知识问答"
    quiz_intro: str = ""
    questions: list[Question] = []


# ---- 文明实践阵地 -----------------------------------------------------------

StationKind = Literal["实践中心", "实践所", "实践站", "实践点", "实践基地"]


class Station(Publishable):
    name: Text
    kind: StationKind
    town: Text                     # 乡镇（街道）; the centre names the town it stands in
    summary: Text
    hours: str = ""                # 开放时间
    services: list[Text] = []      # 服务项目
    phone: str = ""                # the station's public (landline) phone
    address: str = ""              # a public place's address may be published
    photo: Optional[Photo] = None


# ---- 公益广告 -----------------------------------------------------------------

AdKind = Literal["海报", "标语", "展板"]


class Ad(Publishable):
    title: Text
    kind: AdKind
    summary: Text
    slogan: str = ""               # the words of a 标语
    image: Optional[Photo] = None  # shown in the gallery
    print_file: Optional[Text] = None   # the print-size file under data/photos/ (PDF, JPEG, PNG)
    print_size: str = ""           # e.g. 60×90厘米
    source: str = ""               # 来源: 中国文明网“讲文明树新风”公益广告 / 县委宣传部制作
    own: Bool = False              # the county's own work (else a national series)

