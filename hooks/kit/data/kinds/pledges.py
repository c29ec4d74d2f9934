"""公约承诺: the pledges section (data/pledges.yml: `pledges`, with the 诚信 campaign) and its
市民公约、学生守则、行业规范 (`pledges.pledges`, a page each)."""
from __future__ import annotations

from kit.data.kinds import Kind, Section, Table
from kit.data.model.models import Pledge, PledgeSection

COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "title|名称|string|公约名称",
           "kind|类型|string|市民公约、学生守则或行业规范", "summary|简介|string|一句话简介",
           "articles|条文|array|逐条内容", "url|网址|string|本条目在网站上的页面地址",
           "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


def row(p, d, h) -> dict:
    return {"id": p.id, "title": p.title, "kind": p.kind, "summary": p.summary, "articles": list(p.articles),
            "url": h.url(p), "example": p.example}


KINDS = (
    Kind(name="pledges", label="公约承诺", model=PledgeSection, file="pledges.yml", single=True, order=50,
         sections=(Section("pledges/index.md", "section-pledges.html", "公约承诺", context="villages_preview",
                           sources=("data/villages",), order=6),)),
    Kind(name="pledge_list", key="pledges", within="pledges", label="公约守则", singular="公约", model=Pledge,
         order=112, url="pledges", page="pledge", var="pledge", layout="pledge.html",
         search=("title", "kind", "articles"),
         tables=(Table("pledges", "公约守则", "市民公约、学生守则和行业规范", COLUMNS, row, order=5),)),
)
