"""历史文脉: the heritage section (data/heritage.yml: `heritage`) and its sites (`heritage.sites`, a page each)."""
from __future__ import annotations

from kit.data.kinds import Kind, Section, Table
from kit.data.model.models import Heritage, Site

COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "name|名称|string|名称", "kind|类型|string|历史街区、文物古迹等",
           "summary|简介|string|一句话简介", "url|网址|string|本条目在网站上的页面地址",
           "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")

KINDS = (
    Kind(name="heritage", label="历史文脉", model=Heritage, file="heritage.yml", single=True, order=60,
         sections=(Section("heritage/index.md", "section-heritage.html", "历史文脉", order=7),)),
    Kind(name="sites", within="heritage", label="历史文脉点位", singular="点位", model=Site, order=114,
         url="heritage", page="site", var="site", title=lambda s: s.name,
         search=("name", "kind", "body"),
         tables=(Table("heritage", "历史文脉", "历史街区、文物古迹、特色民居、千年古树和红色文化地标", COLUMNS,
                       lambda s, d, h: {"id": s.id, "name": s.name, "kind": s.kind, "summary": s.summary,
                                        "url": h.url(s), "example": s.example}, order=7),)),
)
