"""文明实践阵地: the practice centre, stations, points and bases (data/stations/*.yml), a page
each; the stations page groups them by town with a schematic. A station's landline and address
are a public place's, so they may be published."""
from __future__ import annotations

from kit.data.model.civic import Station
from kit.data.kinds import Kind, Section, Table

ORDER = ("实践中心", "实践所", "实践站", "实践点", "实践基地")
COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "name|名称|string|阵地名称",
           "kind|类型|string|实践中心、实践所、实践站、实践点或实践基地", "town|乡镇（街道）|string|所在乡镇（街道）",
           "summary|简介|string|一句话简介", "hours|开放时间|string|开放时间", "services|服务项目|array|服务项目",
           "phone|电话|string|场所的公开电话", "address|地址|string|场所地址", "url|网址|string|本条目在网站上的页面地址",
           "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


def row(s, d, h) -> dict:
    return {"id": s.id, "name": s.name, "kind": s.kind, "town": s.town, "summary": s.summary, "hours": s.hours or None,
            "services": list(s.services), "phone": s.phone or None, "address": s.address or None,
            "url": h.url(s), "example": s.example}


KIND = Kind(
    name="stations", label="文明实践阵地", singular="阵地", model=Station, folder="stations", order=115,
    tally="{n} 个文明实践阵地",
    url="stations", page="station", var="station", layout="station.html", parent="practice",
    title=lambda s: s.name,
    sections=(Section("stations/index.md", "section-stations.html", "文明实践阵地", in_nav=False, parent="practice",
                      context="towns", order=10),),
    search=("name", "kind", "town", "services", "hours", "address"),
    sort=lambda s: (ORDER.index(s.kind), s.id),
    public_fields={"phone": "固定电话号码", "address": "门牌地址"},
    tables=(Table("stations", "文明实践阵地", "新时代文明实践中心、所、站、点和基地（场所的公开电话和地址）", COLUMNS, row,
                  order=8),),
    examples={"kind": "kind: 实践站", "summary": "summary: 设在村党群服务中心，开展移风易俗和农技培训"},
)
