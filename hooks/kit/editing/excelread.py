"""A township's Excel sheet into entries: every problem at once, as
`好人名单.xlsx 第5行 C列（类别）：…`. Dates typed as dates, as text or as Excel serial numbers,
full-width digits, blank rows are taken; merged cells, unknown columns, a .xls or WPS .et file
renamed to .xlsx, and ID-card or phone numbers are refused. The model check runs on the entry as
it will be written (`check`): a new one, or an existing one with the row laid over it."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from pydantic import ValidationError

from kit.data.rules import privacy
from kit.data.model import schema
from kit.data.model.fields import HAS_DATE_TEXT, MONTH_ONLY_DAY, parse_bool, parse_date
from kit.data.model.messages import describe
from kit.editing import sheetheads
from kit.editing.sheets import FILE_LABEL, SEPARATOR, Column, columns

FILE_NAME = re.compile(r"(?!/)(?!.*\.\.)[^\\:*?\"<>|\s]+\.yml")   # 2024.yml, or 柳塘镇/2024.yml
OLE2 = b"\xd0\xcf\x11\xe0"      # the old binary format of .xls and WPS .et files
WIDE = str.maketrans("０１２３４５６７８９－．", "0123456789-.")


class Sheet:
    def __init__(self, path: Path, kind: str, allowed: frozenset[str] = frozenset()) -> None:
        self.path, self.kind, self.problems, self.allowed = path, kind, [], allowed
        self.entries: list[dict[str, Any]] = []
        self.rows: dict[str, int] = {}      # entry id -> its first row
        self.honour_rows: dict[str, list[int]] = {}
        self.files: dict[str, str] = {}     # entry id -> its 所在文件 ("2024.yml")
        self.cols: dict[int, Column] = {}   # the model's columns the sheet has, by number
        self.file_col = 0
        self.notices: list[str] = []        # what was tidied on the way in (“李　四” → 李四)

    def add(self, row: int | None, col: int | None, label: str, message: str) -> None:
        where = (f" 第{row}行" if row else "") + (f" {get_column_letter(col)}列" if col else "")
        where += f"（{label}）" if label and (col or row) else ""
        self.problems.append(f"{self.path.name}{where}：{message}")


def read(path: Path, kind: str, allowed: frozenset[str] = frozenset(), awards: list[str] = ()) -> Sheet:
    """The sheet's rows as entries, checked cell by cell (`allowed`: the site's own phone numbers;
    `awards`: the county's award ids, for advice)."""
    sheet = Sheet(path, kind, allowed)
    head = path.read_bytes()[:4]
    if head == OLE2:
        sheet.add(None, None, "", "这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件，只是扩展名改成了 .xlsx。"
                  "请在 Excel 或 WPS 里打开，选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”后再导入。")
        return sheet
    if head[:2] != b"PK":
        sheet.add(None, None, "", "这不是 Excel 工作簿（.xlsx）文件。请用导入模板填写后保存为 .xlsx。")
        return sheet
    ws, h = _find_sheet(load_workbook(path, data_only=True), kind, sheet)
    if ws is None:
        return sheet
    header = [str(v).strip() if v is not None else "" for v in next(ws.iter_rows(min_row=h, max_row=h, values_only=True))]
    sheet.cols, sheet.file_col, refused = sheetheads.resolve(kind, header)
    cols = sheet.cols
    for i, text, message in refused:
        sheet.add(h, i, text, message + "。")
    for c in columns(kind):
        if sheetheads.required(c) and c not in cols.values():
            sheet.add(h, None, "", f"缺少必填的列“{c.label}”。请使用导入模板，不要删除列。")
    if sheet.problems:
        sheet.add(None, None, "", sheetheads.belongs(kind, header, list(awards)))
    for rng in ws.merged_cells.ranges:
        if rng.max_row > h:
            sheet.add(rng.min_row, rng.min_col, header[rng.min_col - 1] if rng.min_col <= len(header) else "",
                      f"这里有合并单元格（{rng.coord}）。请取消合并，每一行都填上完整内容。")
    if sheet.problems:
        return sheet
    for r, values in enumerate(ws.iter_rows(min_row=h + 1, values_only=True), start=h + 1):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        _row(sheet, r, values, cols)
    return sheet


def check(sheet: Sheet, entry: dict[str, Any]) -> bool:
    """The model's check of the entry as it will be written; problems at the row and column they
    come from (a honour's at its own row)."""
    model = _model(sheet.kind)
    try:
        model.model_validate(entry)
    except ValidationError as exc:
        at = {c.path: i for i, c in sheet.cols.items()}
        for error in exc.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if isinstance(p, str))
            nth = next((p for p in error["loc"] if isinstance(p, int)), 0)
            rows = sheet.honour_rows.get(entry.get("id"), []) if loc[:1] == ("honours",) else []
            row = rows[nth] if nth < len(rows) else sheet.rows.get(entry.get("id"))
            label = next((c.label for c in columns(sheet.kind) if c.path == loc), loc[-1] if loc else "")
            sheet.add(row, at.get(loc) or at.get(loc[:1]), label, describe(error, model))
        return False
    return True


def _model(kind: str):
    return schema.FOLDERS[kind].model_fields[kind].annotation.__args__[0]


def _find_sheet(wb, kind: str, sheet: Sheet):
    """The worksheet whose header row (the first, or below a title row) names most columns, and that row."""
    best, best_score, best_row = None, 0, 1
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(max_row=sheetheads.PEEK, values_only=True))
        h = sheetheads.header_row(rows, kind)
        score = sum(sheetheads.recognised(kind, str(v)) for v in rows[h - 1] if v is not None) if rows else 0
        if score > best_score:
            best, best_score, best_row = ws, score, h
    if best is None:
        sheet.add(None, None, "", "没有找到列名可以识别的工作表。" + sheetheads.belongs(kind, []))
    return best, best_row


def _row(sheet: Sheet, r: int, values: tuple, cols: dict[int, Column]) -> None:
    entry: dict[str, Any] = {}
    where: dict[tuple, int] = {}
    for i, col in cols.items():
        raw = values[i - 1] if i - 1 < len(values) else None
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = _value(col, raw)
        except ValueError as exc:
            sheet.add(r, i, col.label, f"{exc}。")
            continue
        if col.path == ("name",) and sheetheads.tidy_name(value) != value:
            tidy = sheetheads.tidy_name(value)
            sheet.notices.append(f"{sheet.path.name} 第{r}行 {get_column_letter(i)}列（{col.label}）："
                                 f"“{value}”里的空格已去掉，写作“{tidy}”。")
            value = tidy
        public = privacy.public_kinds((sheet.kind, 0) + col.path)
        for _, what, found in privacy.findings(" ".join(value) if isinstance(value, list) else str(value), sheet.allowed):
            if what in public:
                continue
            message = dict(privacy.KINDS)[what]
            sheet.add(r, i, col.label, f"含有{what}“{privacy.mask(what, found)}”。{message}。")
        if len(col.path) == 2:
            entry.setdefault(col.path[0], {})[col.path[1]] = value
        else:
            entry[col.path[0]] = value
        where[col.path] = i
    if "honours" in entry:
        entry["honours"] = [entry["honours"]]
    raw = values[sheet.file_col - 1] if 0 < sheet.file_col <= len(values) else None
    name = str(raw).strip() if raw is not None else ""
    if name and not FILE_NAME.fullmatch(name):
        sheet.add(r, sheet.file_col, FILE_LABEL, f"“{name}”不是数据文件名。只写文件名，如 2024.yml；新条目不填时放进今年的文件。")
        return
    _merge(sheet, r, entry, where, name)


def _value(col: Column, raw: Any) -> Any:
    kind = col.field.kind
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, (int, float)):     # a date Excel keeps as a serial number
            return from_excel(raw).date()
        text = str(raw).strip().translate(WIDE)
        if col.path[-1] in HAS_DATE_TEXT:
            return parse_date(text, "只知道月份时，这一格空着，把月份写进“时间说明”列")
        return parse_date(text, MONTH_ONLY_DAY + "，例如 2024-03-01")
    if kind == "bool":
        return parse_bool(raw)
    if kind in ("int", "number"):
        text = str(raw).strip().translate(WIDE)
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise ValueError(f"应是数字，实际是“{text}”。只写阿拉伯数字，不加单位")
        return int(float(text)) if kind == "int" else float(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if kind == "slug":
        return text.translate(WIDE)
    if kind == "textlist":
        return [p.strip() for p in re.split(rf"[{SEPARATOR};\n]", text) if p.strip()]
    return text


def _merge(sheet: Sheet, r: int, entry: dict[str, Any], where: dict[tuple, int], file: str) -> None:
    """One entry per row; for honorees, rows with the same id add honours to the first row's entry."""
    same = next((e for e in sheet.entries if e.get("id") and e.get("id") == entry.get("id")), None)
    if same is not None and "honours" in entry:
        rest = {k: v for k, v in entry.items() if k != "honours"}
        if any(same.get(k) != v for k, v in rest.items()) or file not in ("", sheet.files.get(entry["id"], "")):
            sheet.add(r, where.get(("id",)), "编号（网址）", f"编号“{entry['id']}”在第{sheet.rows[entry['id']]}行已经出现，"
                      "但两行的其他内容不一样。同一位好人的多项荣誉，除荣誉编号、状态和公示日期外，各列要写得一样。")
            return
        award = entry["honours"][0].get("award")
        twice = next((n for n, h in enumerate(same["honours"]) if award and h.get("award") == award), None)
        if twice is not None:
            first = sheet.honour_rows[entry["id"]][twice]
            sheet.add(r, where.get(("honours", "award")), "荣誉编号", f"这一行和第{first}行是同一位好人（{entry['id']}）的同一项荣誉"
                      f"“{award}”，写了两次。请删除其中一行（第{first}行或第{r}行）。")
            return
        same["honours"] += entry["honours"]
        sheet.honour_rows[entry["id"]].append(r)
        return
    if same is not None:
        sheet.add(r, where.get(("id",)), "编号（网址）", f"编号“{entry['id']}”在第{sheet.rows[entry['id']]}行已经用过。每行的编号必须不同。")
        return
    if not entry.get("id"):
        sheet.add(r, where.get(("id",)) or None, "编号（网址）", "没有填写编号（网址）。每一行都要有编号。")
        return
    sheet.entries.append(entry)
    sheet.rows[entry["id"]] = r
    sheet.honour_rows[entry["id"]] = [r] if "honours" in entry else []
    if file:
        sheet.files[entry["id"]] = file
