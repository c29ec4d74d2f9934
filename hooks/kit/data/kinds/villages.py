"""村规民约: every village's and community's pledge, one folder of files, a page each; listed on
the 公约承诺 section."""
from __future__ import annotations

from kit.data.kinds import Kind, Table
from kit.data.model.models import Village

COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "name|村（社区）|string|村或社区名称",
           "township|乡镇|string|所属乡镇", "kind|类型|string|村规民约或居民公约", "adopted|通过日期|date|YYYY-MM-DD",
           "articles|条文|array|逐条内容", "url|网址|string|本条目在网站上的页面地址",
           "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


def row(v, d, h) -> dict:
    return {"id": v.id, "name": v.name, "township": v.township, "kind": v.kind,
            "adopted": v.adopted.isoformat() if v.adopted else None, "articles": list(v.articles),
            "url": h.url(v), "example": v.example}


KIND = Kind(
    name="villages", label="村规民约", singular="村（社区）", model=Village, folder="villages", order=113,
    tally="{n} 个村（社区）公约",
    url="villages", page="village", var="village", layout="pledge.html", parent="pledges", home="pledges/index.md",
    title=lambda v: f"{v.name}{v.kind}", description=lambda v: f"{v.township}{v.name}{v.kind}",
    search=("name", "kind", "township", "articles"),
    sort=lambda v: (v.township, v.name, v.id),
    tables=(Table("villages", "村规民约", "各村（社区）的村规民约和居民公约", COLUMNS, row, order=6),),
)
