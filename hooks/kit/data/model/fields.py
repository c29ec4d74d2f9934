"""Field types shared by the models: dates, slugs, figures, text."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from kit.data.model import patterns
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

DATE_ISO = re.compile(patterns.DATE_ISO)
DATE_CN = re.compile(patterns.DATE_CN)
DATE_HINT = "日期请写成 2023-07-01 或 2023年7月1日 的形式"


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = DATE_ISO.match(text) or DATE_CN.match(text)
    if not m:
        if re.match(r"^\d{4}\s*年\s*\d{1,2}\s*月$", text) or re.match(r"^\d{4}-\d{1,2}$", text):
            raise ValueError(f"“{text}”缺少日。{DATE_HINT}；只知道月份时，请把月份写进 date_text 字段")
        raise ValueError(f"“{text}”不是可识别的日期。{DATE_HINT}")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"“{text}”不是真实存在的日期。{DATE_HINT}") from None


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "是", "1"):
        return True
    if text in ("false", "no", "否", "0"):
        return False
    raise ValueError(f"“{value}”不是是非值。请写 true（是）或 false（否）")


Date = Annotated[dt.date, BeforeValidator(parse_date)]
Bool = Annotated[bool, BeforeValidator(parse_bool)]

RESERVED = set(patterns.RESERVED)
SLUG = re.compile(patterns.SLUG)


def check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"“{value}”不能用作网址编号。编号只能用小写英文字母、数字和连字符“-”，"
                         f"例如 2023-zhang-san")
    if value in RESERVED:
        raise ValueError(f"“{value}”是网站保留的名字（栏目首页用它），不能用作编号。请换一个，例如 {value}-1")
    if len(value) > patterns.SLUG_MAX:
        raise ValueError(f"编号“{value}”太长（{len(value)} 个字符），请不超过 40 个字符，便于印在海报上")
    return value


Slug = Annotated[str, AfterValidator(check_slug)]
def no_markup(value: str) -> str:
    """One-line text also goes into page titles, meta descriptions and the search
    index, which MkDocs and Material write without escaping: keep < and > out."""
    if "<" in value or ">" in value:
        short = value if len(value) <= 30 else value[:30] + "…"
        raise ValueError(f"“{short}”里有半角尖括号“<”或“>”。这一项会出现在网页标题、摘要和搜索结果里，"
                         f"网站不接受 HTML 代码。书名请用《》，比较请写“大于”“小于”")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(no_markup)]


SITE_URL = re.compile(patterns.SITE_URL)


def check_site_url(value: str) -> str:
    """The full public address, sub-path included: the 404 page, feeds, calendars and QR
    codes are built from it, and a 404 page served from any depth loads its styles only
    when the sub-path is known."""
    if not SITE_URL.match(value):
        raise ValueError(f"“{value}”不是完整的网站地址。请写成以 https:// 或 http:// 开头的完整地址，"
                         f"网站放在县门户网站的某个目录下时要带上这个目录，"
                         f"例如 https://www.example.gov.cn/wenming/")
    return value


SiteUrl = Annotated[str, AfterValidator(check_site_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


Scale = Literal["", "万", "亿"]


class Figure(Strict):
    """A key figure: label 直播观看人数, value 1009.19, scale 万, unit 人次 → 1009.19万人次."""

    label: Text
    value: Decimal
    scale: Scale = ""
    unit: str = ""
    approx: Bool = False
    note: str = ""
    featured: Bool = False      # shown at the top of the home page (chosen by the editor, not by position)

    @property
    def number(self) -> str:
        return format(self.value.normalize(), "f")

    @property
    def display(self) -> str:
        return f"{self.number}{self.scale}{'余' if self.approx else ''}{self.unit}"

    @property
    def magnitude(self) -> float:
        return float(self.value) * {"": 1, "万": 10_000, "亿": 100_000_000}[self.scale]


def forward_slashes(value: str) -> str:
    """`photos\\he.jpg` as Windows' Explorer copies it: the same file, written the web's way."""
    return value.replace("\\", "/")


class Photo(Strict):
    src: Annotated[str, Field(min_length=1), AfterValidator(no_markup), AfterValidator(forward_slashes)]
    alt: Text
    caption: str = ""
