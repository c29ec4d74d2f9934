"""荣誉称号: the awards honorees receive (data/awards.yml); no page of their own, each award's
honorees are listed at honorees/<award-id>/."""
from __future__ import annotations

from kit.data.kinds import Kind, Table
from kit.data.model.models import Award

COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "name|名称|string|评选名称", "level|级别|string|国家级至乡镇级",
           "year|年度|integer|评选年度", "summary|简介|string|一句话简介", "honorees|公开人数|integer|本站公开的获评人数")


def row(a, d, h) -> dict:
    return {"id": a.id, "name": a.name, "level": a.level, "year": a.year, "summary": a.summary or None,
            "honorees": h.honoured(a.id)}


KIND = Kind(
    name="awards", label="荣誉称号", singular="荣誉", model=Award, file="awards.yml", order=70, by_id=True,
    tables=(Table("awards", "荣誉评选", "道德模范、“好人”等评选项目", COLUMNS, row,
                  rows=lambda d: list(d.awards.values()), order=3),),
)
