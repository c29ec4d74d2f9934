"""书香: the reading section (data/reading.yml: `reading`) and its reading brands (`brands`, a page each)."""
from __future__ import annotations

from kit.data.kinds import Kind, Section, Table
from kit.data.model.models import Brand, Reading

COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "name|名称|string|品牌名称", "kind|类型|string|品牌类型",
           "summary|简介|string|一句话简介", "url|网址|string|本条目在网站上的页面地址",
           "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")

READING = Kind(
    name="reading", label="书香阅读", model=Reading, file="reading.yml", single=True, order=30,
    sections=(Section("reading/index.md", "section-reading.html", title_of=lambda d: d.reading.title,
                      context="brands_page", order=3),))
BRANDS = Kind(
    name="brands", label="阅读品牌", singular="阅读品牌", model=Brand, file="reading.yml", order=111,
    url="reading", page="brand", var="brand", layout="brand.html", title=lambda b: b.name,
    search=("name", "kind", "body"),
    tables=(Table("reading", "阅读品牌", lambda d: f"{d.reading.title}全民阅读品牌", COLUMNS,
                  lambda b, d, h: {"id": b.id, "name": b.name, "kind": b.kind, "summary": b.summary,
                                   "url": h.url(b), "example": b.example}, order=4),))
KINDS = (READING, BRANDS)
