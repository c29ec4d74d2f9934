"""One sheet per kind of list entry (events, honorees, villages): which columns it has, made from
the models (kit/data/model/forms.py), and the template workbook with its 说明 sheet, dropdowns for
choices and date-formatted date columns."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kit.data.model import forms, schema
from kit.data.model.forms import FormField
from kit.data.model.labels import KINDS, SINGULAR

SCALAR = {"text", "longtext", "slug", "date", "bool", "int", "number", "choice", "textlist"}
SEPARATOR = "；"
SUB = {"honours": "award status notice_start notice_end", "photo": "src alt caption"}
LEFT_OUT_HINT = "这些内容请在网页编辑（/admin/）里添加："
NOT_FOR_NEW = {"old_ids"}   # a renamed entry's old ids are edited in place; an import keeps them
FILE_LABEL = "所在文件"       # the last column: the entry's file under data/<kind>/, e.g. 2024.yml
ROWS = 2000                 # rows of the template that get dropdowns and cell formats


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]      # ("name",) or ("honours", "status") or ("photo", "src")
    label: str
    field: FormField


def kind_fields(kind: str) -> tuple[FormField, ...]:
    (top,) = forms.form(schema.FOLDERS[kind])
    return top.children


def columns(kind: str) -> list[Column]:
    out: list[Column] = []
    for ff in forms.entry_order(kind_fields(kind)):
        if ff.name in NOT_FOR_NEW:
            continue
        if ff.kind in SCALAR:
            out.append(Column((ff.name,), ff.label, ff))
        elif ff.name in SUB:
            inner = {c.name: c for c in ff.children}
            for name in SUB[ff.name].split():
                c = inner[name]
                label = c.label if ff.name == "honours" else f"{ff.label}：{c.label}"
                out.append(Column((ff.name, name), label, c))
    return out


def left_out(kind: str) -> list[str]:
    kept = {c.path[0] for c in columns(kind)}
    return [ff.label for ff in kind_fields(kind) if ff.name not in kept]


def _describe(c: Column) -> str:
    ff = c.field
    parts = [ff.hint] if ff.hint else []
    if ff.kind == "choice":
        parts.append("从下拉列表选：" + "、".join(ff.options))
    if ff.kind == "date":
        parts.append("日期，如 2024-07-01")
    if ff.kind == "bool":
        parts.append("填 是 或 否，不填为否")
    if ff.kind == "textlist":
        parts.append(f"多项用“{SEPARATOR}”隔开")
    return "；".join(parts)


def template(kind: str, path: Path) -> Path:
    wb = workbook(kind, ROWS)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def workbook(kind: str, rows: int) -> Workbook:
    """The sheet of a kind with its header, dropdowns and cell formats down to row `rows`, and the 说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{SINGULAR[kind]}名单"
    cols = columns(kind)
    ws.append([c.label for c in cols] + [FILE_LABEL])
    for i, c in enumerate(cols, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(1, i)
        cell.font = Font(bold=True)
        if c.field.required:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        ws.column_dimensions[letter].width = max(12, len(c.label) * 2 + 2)
        if c.field.kind in ("choice", "bool"):
            options = c.field.options if c.field.kind == "choice" else ("是", "否")
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="请从列表里选", error="请从下拉列表里选择一项")
            dv.add(f"{letter}2:{letter}{rows}")
            ws.add_data_validation(dv)
        if c.field.kind == "date":
            for row in range(2, rows + 1):
                ws.cell(row, i).number_format = "yyyy-mm-dd"
        if c.field.kind in ("slug", "text", "longtext", "textlist"):
            for row in range(2, rows + 1):
                ws.cell(row, i).number_format = "@"
    ws.column_dimensions[get_column_letter(len(cols) + 1)].width = 14
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("说明")
    notes.append([f"{KINDS[kind]}导入模板：每行一个{SINGULAR[kind]}，第一行是列名，请不要修改列名。黄色的列必须填写。"])
    for ff in kind_fields(kind):     # a list of objects in columns (an honoree's honours): one row per item
        if ff.name in SUB and ff.kind == "objectlist":
            own = "、".join(c.label for c in cols if c.path[0] == ff.name and c.field.required)
            notes.append([f"一个{SINGULAR[kind]}有多项{ff.label}时，每项一行，编号和其他列写成一样，{own}写各自的。"])
    notes.append([f"编号已经存在的行会更新那个{SINGULAR[kind]}：只改表格里改动过的格子，其他内容（包括表格里没有的列）保持原样；"
                  "编号不存在的行作为新条目添加。清空一个格子会删除这一项。"])
    if left_out(kind):
        notes.append([LEFT_OUT_HINT + "、".join(left_out(kind)) + "。导入时这些内容保持原样，不会丢失。"])
    notes.append([f"表格放不下原样的内容（如某项标签里本身有“{SEPARATOR}”），只要不改那个格子，导入时保持原样。"])
    notes.append([])
    notes.append(["列名", "必填", "说明", "示例"])
    for c in cols:
        notes.append([c.label, "必填" if c.field.required else "", _describe(c), _example(c)])
    notes.append([FILE_LABEL, "", f"这一行在 data/{kind}/ 下的哪个文件里。导出时已填好，请不要改；"
                  "新条目可以填要放进的文件（如 2024.yml），不填时放进导入时指定的文件或今年的文件。", "2024.yml"])
    for col, width in zip("ABCD", (22, 6, 70, 30)):
        notes.column_dimensions[col].width = width
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sample = wb.create_sheet("示例")      # one filled row to copy from; never imported (the first sheet is)
    sample.append([c.label for c in cols] + [FILE_LABEL])
    sample.append([_example(c) for c in cols] + ["2024.yml"])
    for i, c in enumerate(cols, start=1):
        sample.column_dimensions[get_column_letter(i)].width = max(10, min(40, 2 * len(c.label) + 4))
    return wb


def _example(c: Column) -> str:
    from kit.data.model.schema import EXAMPLES
    line = EXAMPLES.get(c.path[-1], "")
    return line.split(": ", 1)[1] if ": " in line else (c.field.options[0] if c.field.options else "")
