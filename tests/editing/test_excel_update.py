"""`make export` and an import that updates by id, on real .xlsx files: an unchanged export
changes no byte of any data file (nor the built site); one changed cell changes one line; a
comment in or above the entry stays; new rows go to their 所在文件; a doubled id is reported with
both rows; an update the data check refuses puts every touched file back."""
from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from conftest import ROOT
from kit.editing import export
from test_excel import run_import

EXPORT = ROOT / "scripts" / "export.py"


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "data").rglob("*.yml")}


def whole(project: Path) -> dict[str, bytes]:
    """Every file of the project but the build cache."""
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*")
            if p.is_file() and ".cache" not in p.parts and "__pycache__" not in p.parts}


def exported(project: Path, kind: str, tmp_path: Path) -> Path:
    return export.export(project / "data", kind, tmp_path / export.file_name(kind)) and tmp_path / export.file_name(kind)


def edit(path: Path, changes: dict[tuple[str, int], object] | None = None, rows: list[dict[str, object]] = ()) -> Path:
    """Set cells by (id, nth row of that id) and column label; append whole rows."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    heads = [c.value for c in ws[1]]
    ids = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    for (id_, nth, label), value in (changes or {}).items():
        r = [i for i, v in enumerate(ids, start=1) if v == id_][nth]
        ws.cell(r, heads.index(label) + 1, value)
    last = max(i for i, v in enumerate(ids, start=1) if v)
    for n, row in enumerate(rows, start=last + 1):
        for label, value in row.items():
            ws.cell(n, heads.index(label) + 1, value)
    wb.save(path)
    return path


def diff(before: bytes, after: bytes) -> list[str]:
    return [l for l in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), n=0, lineterm="")
            if not l.startswith(("---", "+++", "@@"))]


def test_export_then_import_of_every_sheet_changes_no_byte_and_no_page(project, tmp_path):
    out = subprocess.run([sys.executable, str(EXPORT), str(tmp_path / "导出"), str(project)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    sheets = sorted((tmp_path / "导出").glob("*.xlsx"))
    assert {p.name for p in sheets} == {"活动名单.xlsx", "好人名单.xlsx", "村名单.xlsx", "阵地名单.xlsx"}
    ws = load_workbook(tmp_path / "导出" / "好人名单.xlsx").worksheets[0]
    heads = [c.value for c in ws[1]]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value]
    assert ids.count("2023-sample-sun") == 2 and "2024-draft-wei" in ids          # one row per honour; drafts too
    row = ids.index("2024-future-feng") + 2
    assert ws.cell(row, heads.index("所在文件") + 1).value == "2024.yml"
    assert ws.cell(row, heads.index("定时发布日期") + 1).number_format == "yyyy-mm-dd"
    assert ws.cell(row, heads.index("定时发布日期") + 1).value.date().isoformat() == "2099-01-01"
    # no byte of the project changes, so no page can (two builds of the same project are the
    # same, byte for byte: tests/site/test_reproducible.py)
    before = whole(project)
    for sheet in sheets:
        result = run_import(project, sheet)
        assert result.returncode == 0, result.stdout
        assert "新增 0 个、更新 0 个" in result.stdout and "数据文件没有任何改动" in result.stdout, result.stdout
    assert whole(project) == before


def test_one_changed_cell_changes_one_line_and_nothing_else(project, tmp_path):
    before = snapshot(project)
    xlsx = edit(exported(project, "honorees", tmp_path), {("2024-qian-lan", 0, "简介"): "照顾瘫痪婆婆十三年。",
                                                          ("2024-qian-lan", 0, "状态"): "入选"})
    result = run_import(project, xlsx)
    assert result.returncode == 0, result.stdout
    assert "新增 0 个、更新 1 个、没有变化 8 个好人" in result.stdout
    after = snapshot(project)
    assert {k for k in after if after[k] != before[k]} == {"data/honorees/2024.yml"}
    assert diff(before["data/honorees/2024.yml"], after["data/honorees/2024.yml"]) == [
        "-    summary: 照顾瘫痪婆婆十二年，带动全村敬老。",
        "+    summary: 照顾瘫痪婆婆十三年。",
        "-      - {award: qinghe-good-people-2023, status: 授予}",
        "+      - {award: qinghe-good-people-2023, status: 入选}",
    ]
    events = edit(exported(project, "events", tmp_path), {("ink-kids", 0, "标题"): "墨香少年班"})
    assert run_import(project, events).returncode == 0                  # weekly times and tags not in cells: kept
    assert diff(before["data/events/2023.yml"], snapshot(project)["data/events/2023.yml"]) == [
        "-    title: 墨香少年", "+    title: 墨香少年班"]


def test_a_comment_in_and_above_an_updated_entry_stays(project, tmp_path):
    path = project / "data/honorees/2024.yml"
    text = path.read_text("utf-8").replace("  - id: 2024-qian-lan\n", "  # 上方注释：钱兰的材料由柳塘镇报送\n  - id: 2024-qian-lan\n")
    text = text.replace("    place: 青禾县柳塘镇柳塘村\n", "    place: 青禾县柳塘镇柳塘村  # 行尾备注\n    # 内部注释：事迹已核实\n")
    path.write_text(text, "utf-8")
    xlsx = edit(exported(project, "honorees", tmp_path), {("2024-qian-lan", 0, "所在村（社区）或单位"): "青禾县柳塘镇",
                                                          ("2024-qian-lan", 0, "详细事迹"): "新的事迹。\n\n第二段。",
                                                          ("2024-qian-lan", 0, "出生年份"): 1975})
    result = run_import(project, xlsx)
    assert result.returncode == 0, result.stdout
    assert diff(text.encode(), path.read_bytes()) == [
        "-    place: 青禾县柳塘镇柳塘村  # 行尾备注",
        "+    place: 青禾县柳塘镇  # 行尾备注",
        "-      钱兰照顾瘫痪在床的婆婆十二年，端水喂饭、翻身擦洗从不间断，带动全村形成敬老爱老的风气。",
        "+      新的事迹。",
        "+",
        "+      第二段。",
        "+    birth_year: 1975",
    ]


def test_new_rows_go_to_their_file_and_a_doubled_id_is_reported_with_both_rows(project, tmp_path):
    before = snapshot(project)
    new = {"编号（网址）": "2030-excel-wang", "姓名": "王表格", "类别": "助人为乐", "所在村（社区）或单位": "青禾县柳塘镇柳塘村",
           "简介": "从导出的表格里新增。", "荣誉编号": "qinghe-good-people-2023", "状态": "入选", "所在文件": "2023.yml"}
    result = run_import(project, edit(exported(project, "honorees", tmp_path), rows=[new]), "--into", "2031.yml")
    assert result.returncode == 0, result.stdout
    assert "新增 1 个、更新 0 个、没有变化 9 个好人" in result.stdout
    after = snapshot(project)
    assert {k for k in after if after.get(k) != before.get(k)} == {"data/honorees/2023.yml"}
    assert after["data/honorees/2023.yml"].startswith(before["data/honorees/2023.yml"])
    assert after["data/honorees/2023.yml"][len(before["data/honorees/2023.yml"]):].decode().startswith(
        "\n  - id: 2030-excel-wang\n    name: 王表格\n")
    events = exported(project, "events", tmp_path)
    twice = edit(events, rows=[{"编号（网址）": "ink-kids", "标题": "墨香少年（重复）", "类别": "培训讲座", "简介": "重复的一行。",
                                "所在文件": "2023.yml"}])
    sheet = load_workbook(twice).worksheets[0]
    first = [r for r in range(2, 20) if sheet.cell(r, 1).value == "ink-kids"]
    result = run_import(project, twice)
    assert result.returncode == 1
    assert f"活动名单.xlsx 第{first[1]}行 A列（编号（网址））：编号“ink-kids”在第{first[0]}行已经用过。" in result.stdout
    assert snapshot(project) == after


def test_an_update_the_data_check_refuses_puts_every_touched_file_back(project, tmp_path):
    before = snapshot(project)
    xlsx = edit(exported(project, "honorees", tmp_path), {("2024-qian-lan", 0, "相关活动编号"): "no-such-event",
                                                          ("2023-sample-wu", 0, "简介"): "改过的简介。"},
                rows=[{"编号（网址）": "2030-excel-zhao", "姓名": "赵表格", "类别": "见义勇为", "所在村（社区）或单位": "青禾县柳塘镇",
                       "简介": "新文件里的新条目。", "荣誉编号": "qinghe-good-people-2023", "状态": "入选", "所在文件": "2030.yml"}])
    result = run_import(project, xlsx)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    assert any(l.startswith("data/honorees/2024.yml:") and "no-such-event" in l for l in lines), result.stdout
    assert "data/honorees/2023.yml、data/honorees/2024.yml、data/honorees/2030.yml 已恢复原样" in lines[-1]
    assert snapshot(project) == before and not (project / "data/honorees/2030.yml").exists()
