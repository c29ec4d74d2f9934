#!/usr/bin/env python3
"""`make import FILE=好人名单.xlsx [INTO=2025.yml]` or `make import FILE=稿件.docx [DATE=… CATEGORY=… SLUG=…]`.

Excel: a row whose id is already in data/<kind>/ updates that entry where it lives (only the
values that changed); a new id is added at the end of the file in its 所在文件 column, else
data/<kind>/<INTO>, else this year's file. Word: the
article becomes a news post in docs/blog/posts/, its images files beside it. Either way the
data check runs, and nothing is kept if it fails."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kit.data.rules import privacy  # noqa: E402
from kit.data.clock import build_date  # noqa: E402
from kit.data.model.labels import KINDS, SINGULAR  # noqa: E402
from kit.data.model.schema import FOLDERS  # noqa: E402
from kit.editing import append, excelread, sheetheads, update  # noqa: E402


def guess_kind(path: Path) -> str:
    """The kind whose columns the sheets' header rows name most (a title row may sit above them)."""
    from openpyxl import load_workbook
    try:
        wb = load_workbook(path, read_only=True)
        rows = [list(ws.iter_rows(max_row=sheetheads.PEEK, values_only=True)) for ws in wb.worksheets]
    except Exception:
        return "honorees"
    return sheetheads.guess(rows, list(FOLDERS))


def award_ids(root: Path) -> list[str]:
    """The county's own award ids, for the advice on a sheet's 荣誉 column."""
    from kit.data.errors import Report
    from kit.data.files.yamlread import load_file
    path = root / "data" / "awards.yml"
    doc = load_file(path.read_bytes(), "data/awards.yml", Report()) if path.is_file() else None
    awards = doc.data.get("awards") if doc is not None and isinstance(doc.data, dict) else None
    return [str(a["id"]) for a in awards or [] if isinstance(a, dict) and a.get("id")]


def import_excel(root: Path, path: Path, kind: str | None, into: str | None) -> int:
    kind = kind or guess_kind(path)
    sheet = excelread.read(path, kind, privacy.numbers_of(root / "data"), award_ids(root))
    plan = update.plan(root, sheet, into or f"{build_date().year}.yml") if sheet.entries else update.Plan()
    if sheet.problems:
        print("\n".join(sheet.problems))
        print(f"共发现 {len(sheet.problems)} 个问题，没有导入任何内容。请改好表格后重新导入。")
        return 1
    if not sheet.entries:
        print(f"{path.name} 里没有要导入的行。")
        return 1
    where = "、".join(f"data/{rel}" for rel in sorted(plan.files))
    problems = append.write_checked(root, plan.texts)
    if problems:
        print("\n".join(problems))
        print(f"导入后数据检查没有通过（上面每一行），{where} 已恢复原样，没有导入任何内容。")
        return 1
    for notice in sheet.notices:
        print(notice)
    counts = f"新增 {plan.added} 个、更新 {plan.updated} 个、没有变化 {plan.unchanged} 个{SINGULAR[kind]}（{KINDS[kind]}）"
    print(f"已导入：{counts}" + (f"，写入 {where}；数据检查通过。" if plan.files else "；数据文件没有任何改动。"))
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description="导入 Excel 名单或 Word 稿件")
    p.add_argument("file", type=Path)
    p.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    p.add_argument("--kind", choices=list(FOLDERS), help="Excel：名单的种类（默认按列名判断）")
    p.add_argument("--into", help="Excel：新条目写入 data/<种类>/ 下的哪个文件（表格的“所在文件”列没填时），默认今年，如 2025.yml")
    p.add_argument("--date", help="Word：发布日期，如 2024-07-01（默认从文件名或今天）")
    p.add_argument("--category", help="Word：文章分类（mkdocs.yml 里 news_categories 的中文名）")
    p.add_argument("--slug", help="Word：文章网址名（小写字母、数字、连字符）")
    args = p.parse_args(argv[1:])
    if not args.file.is_file():
        print(f"找不到文件 {args.file}")
        return 1
    suffix = args.file.suffix.lower()
    if suffix in (".xlsx", ".xls", ".et"):
        return import_excel(args.root.resolve(), args.file, args.kind, args.into)
    if suffix in (".docx", ".doc", ".wps"):     # word.main refuses the old binary formats in Chinese
        from kit.editing import word
        return word.main(args.root.resolve(), args.file, args.date, args.category, args.slug)
    print(f"{args.file.name}：只能导入 Excel 表格（.xlsx）或 Word 文档（.docx）。WPS 文件请先“另存为”这两种格式。")
    return 1


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv))
