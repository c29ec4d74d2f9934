"""A sheet's header row as people make it: the template's column names, or a clerk's own sheet
(a merged title row above, 姓名/性别/年龄/单位/事迹简介/荣誉/评选时间). Known synonyms are read as
the template's columns; private columns (性别、年龄、电话…) and columns that belong elsewhere are
refused with where each belongs; a refused sheet also gets the template's list of columns."""
from __future__ import annotations

import functools
import re
from typing import Any

from kit.editing.sheets import FILE_LABEL, Column, columns

# another name for a template column -> the field it holds (only where the kind has that field)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "姓名": ("name",), "名字": ("name",), "好人姓名": ("name",),
    "单位": ("place",), "村": ("place",), "所在村": ("place",), "所在单位": ("place",), "工作单位": ("place",),
    "村（社区）": ("place",), "单位/村": ("place",), "单位或村": ("place",), "所在村（社区）": ("place",),
    "事迹简介": ("summary",), "简要事迹": ("summary",), "一句话简介": ("summary",),
    "主要事迹": ("story",), "事迹": ("story",), "事迹材料": ("story",),
    "荣誉": ("honours", "award"), "荣誉称号": ("honours", "award"), "获得荣誉": ("honours", "award"),
    "类型": ("category",), "编号": ("id",), "网址": ("id",), "出生年": ("birth_year",),
    "活动名称": ("title",), "名称": ("title",), "活动地点": ("place",), "主办": ("organiser",),
    "活动时间": ("start",), "日期": ("start",), "活动简介": ("summary",),
}
# columns that must not be published, and what to do instead
PRIVATE = {
    "性别": "性别不在网站上发布，请删除这一列",
    "年龄": "年龄不在网站上发布，请删除这一列；要判断是否未成年，请改成“出生年份”列（如 2010）",
    "出生日期": "出生日期不在网站上发布，请删除这一列；要判断是否未成年，请改成“出生年份”列（只写年份，如 2010）",
    "身份证号": "身份证号码不能出现在网站上，请删除这一列", "身份证号码": "身份证号码不能出现在网站上，请删除这一列",
    "电话": "个人电话不在网站上发布，请删除这一列", "联系电话": "个人电话不在网站上发布，请删除这一列",
    "手机": "个人手机号码不在网站上发布，请删除这一列", "手机号": "个人手机号码不在网站上发布，请删除这一列",
    "民族": "民族不在网站上发布，请删除这一列", "政治面貌": "政治面貌不在网站上发布，请删除这一列",
    "住址": "住址不发布，请删除这一列；地点只写到村（社区）或单位，放在“所在村（社区）或单位”列",
    "家庭住址": "住址不发布，请删除这一列；地点只写到村（社区）或单位，放在“所在村（社区）或单位”列",
}
ELSEWHERE = {
    "评选时间": "评选年份属于评选项目本身（data/awards.yml 里的 year），这一列请删除；"
               "公示中的荣誉请写“公示开始日期”“公示结束日期”两列（如 2024-03-01）",
    "评选年份": "评选年份属于评选项目本身（data/awards.yml 里的 year），这一列请删除",
}
IGNORED = {"序号", "备注"}
PEEK = 6      # the header row is looked for among the first rows (a title row may sit above it)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u3000", ""))


@functools.lru_cache(maxsize=None)
def _by_label(kind: str) -> dict[str, Column]:
    """A kind's template columns by label and by synonym (derived from the models once a process:
    a sheet's header cells ask it hundreds of times)."""
    cols = columns(kind)
    out = {text: c for text, path in SYNONYMS.items() for c in cols if c.path == path}
    out.update({_norm(c.label): c for c in cols})       # a column's own label wins over a synonym
    return out


def known(kind: str, text: str) -> Column | None:
    """The template column a header names: its own label, or a synonym the kind has."""
    return _by_label(kind).get(_norm(text))


def recognised(kind: str, text: str) -> bool:
    t = _norm(text)
    return bool(known(kind, t)) or t in PRIVATE or t in ELSEWHERE or t == FILE_LABEL


def header_row(rows: list[tuple], kind: str) -> int:
    """1-based number of the row that names the most columns (the first row when none does)."""
    score = [sum(recognised(kind, str(v)) for v in row if v is not None) for row in rows[:PEEK]]
    return score.index(max(score)) + 1 if score and max(score) else 1


def guess(rows_by_sheet: list[list[tuple]], kinds: list[str]) -> str:
    """The kind whose columns a workbook's header rows name most."""
    def score(kind: str) -> int:
        return max((sum(known(kind, str(v)) is not None for v in row if v is not None)
                    for rows in rows_by_sheet for row in rows[:PEEK]), default=0)
    return max(kinds, key=score)


def resolve(kind: str, header: list[str], awards: list[str] = ()) -> tuple[dict[int, Column], int, list[tuple[int, str, str]]]:
    """({column number: template column}, 所在文件 column, [(column number, header, problem)])."""
    cols: dict[int, Column] = {}
    file_col, problems = 0, []
    for i, text in enumerate(header, start=1):
        t = _norm(text)
        col = known(kind, t)
        if col is not None and col not in cols.values():
            cols[i] = col
        elif t == FILE_LABEL:
            file_col = i
        elif t in PRIVATE:
            problems.append((i, text, PRIVATE[t]))
        elif t in ELSEWHERE:
            problems.append((i, text, ELSEWHERE[t]))
        elif col is not None:
            problems.append((i, text, f"“{text}”和前面的列都是“{col.label}”，只能留一列"))
        elif t and t not in IGNORED:
            problems.append((i, text, f"未知的列名“{text}”。请使用导入模板里的列名"))
    return cols, file_col, problems


def belongs(kind: str, header: list[str], awards: list[str] = ()) -> str:
    """For a refused sheet: the template's columns, and where each of the sheet's own columns goes."""
    cols = columns(kind)
    want = "、".join(c.label + ("（必填）" if required(c) else "") for c in cols)
    mapping = []
    for text in (h for h in header if h):
        t, col = _norm(text), known(kind, text)
        if col is not None and _norm(col.label) != t:
            extra = ""
            if col.path == ("honours", "award"):
                extra = "，填 data/awards.yml 里评选项目的编号" + (f"，如 {'、'.join(awards[:3])}" if awards else "")
            mapping.append(f"“{text}”→“{col.label}”{extra}")
        elif t in PRIVATE or t in ELSEWHERE:
            birth = "，或改成“出生年份”" if "出生年份" in PRIVATE.get(t, "") else ""
            mapping.append(f"“{text}”→删除（不发布）{birth}" if t in PRIVATE else f"“{text}”→删除（见上）")
    head = f"导入模板的列是：{want}。可以先 make excel-template 生成模板，把内容复制过去。"
    return head + (f"您表格里的列对应如下：{'；'.join(mapping)}。" if mapping else "")


def required(c: Column) -> bool:
    """Required in the sheet: required fields of the entry and of its honour, not of an optional photo."""
    return c.field.required and (len(c.path) == 1 or c.path[0] == "honours")


def tidy_name(value: Any) -> str:
    """A person's name without the spaces people pad it with: “李　四”, “李 四” → 李四."""
    text = str(value).replace("\u3000", " ").strip()
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)
