"""Excel at its door (issue 23, finding 5): identical rows are refused naming both rows; a
full-width space in a name is tidied with a notice; a clerk's own sheet (title row, 姓名/性别/
年龄/单位/事迹简介/荣誉/评选时间) is read by its headers where it can be, else refused with the
template's columns and where each of its own belongs; date advice fits the kind."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from test_excel import ROWS, fill, run_import, snapshot
from kit.editing import sheets


@pytest.fixture
def template(tmp_path) -> Path:
    return sheets.template("honorees", tmp_path / "好人名单.xlsx")


def test_identical_rows_are_refused_naming_both_rows(project, template, tmp_path):
    before = snapshot(project)
    row = {**ROWS, "荣誉编号": "qinghe-good-people-2023", "状态": "入选"}
    xlsx = fill(template, {2: row, 3: {**ROWS, "编号（网址）": "2030-excel-li", "姓名": "李表格",
                                      "荣誉编号": "qinghe-good-people-2023", "状态": "入选"}, 4: row},
                tmp_path / "重复.xlsx")
    result = run_import(project, xlsx, "--into", "2030.yml")
    assert result.returncode == 1, result.stdout
    assert "重复.xlsx 第4行" in result.stdout and "第2行" in result.stdout and "写了两次" in result.stdout, result.stdout
    assert snapshot(project) == before


def test_a_full_width_space_in_a_name_is_tidied_with_a_notice(project, template, tmp_path):
    xlsx = fill(template, {2: {**ROWS, "姓名": "王\u3000表格", "荣誉编号": "qinghe-good-people-2023", "状态": "入选"}},
                tmp_path / "空格.xlsx")
    result = run_import(project, xlsx, "--into", "2030.yml")
    assert result.returncode == 0, result.stdout
    assert "空格.xlsx 第2行 B列（姓名）：“王\u3000表格”里的空格已去掉，写作“王表格”。" in result.stdout
    assert "    name: 王表格\n" in (project / "data/honorees/2030.yml").read_text("utf-8")


def clerk_sheet(path: Path, heads: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年度某县好人推荐人选汇总表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.append(heads)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_clerks_own_sheet_is_refused_with_where_each_column_belongs(project, tmp_path):
    before = snapshot(project)
    xlsx = clerk_sheet(tmp_path / "乡镇上报.xlsx", ["姓名", "性别", "年龄", "单位", "事迹简介", "荣誉", "评选时间"],
                       [["李　四", "男", 56, "青禾县柳塘镇柳塘村", "照顾孤寡老人二十年。", "2023年度青禾好人", "2023年12月"]])
    result = run_import(project, xlsx)
    out = result.stdout
    assert result.returncode == 1 and snapshot(project) == before
    assert "没有找到" not in out and "活动" not in out.split("\n")[0]          # read as a list of honorees
    assert "乡镇上报.xlsx 第2行 B列（性别）：性别不在网站上发布，请删除这一列。" in out, out
    assert "C列（年龄）：年龄不在网站上发布" in out and "“出生年份”列" in out
    assert "G列（评选时间）：评选年份属于评选项目本身" in out
    assert "缺少必填的列“编号（网址）”" in out and "缺少必填的列“类别”" in out
    assert "导入模板的列是：编号（网址）（必填）、姓名（必填）、类别（必填）" in out
    assert "“单位”→“所在村（社区）或单位”" in out and "“事迹简介”→“简介”" in out
    assert "“荣誉”→“荣誉编号”，填 data/awards.yml 里评选项目的编号，如 " in out     # the county's own ids
    assert "qinghe-good-people-2023" in out.split("“荣誉”→")[1]
    assert "照片：图片文件" not in out.split("导入模板的列是")[0]      # an optional photo's columns are not demanded


def test_a_clerks_sheet_with_what_is_needed_is_read_by_its_headers(project, tmp_path):
    xlsx = clerk_sheet(tmp_path / "乡镇上报.xlsx", ["序号", "编号", "姓名", "类别", "单位", "事迹简介", "荣誉", "状态"],
                       [[1, "2030-clerk-li", "李　四", "助人为乐", "青禾县柳塘镇柳塘村", "照顾孤寡老人二十年。",
                         "qinghe-good-people-2023", "入选"]])
    result = run_import(project, xlsx, "--into", "2030.yml")
    assert result.returncode == 0, result.stdout
    text = (project / "data/honorees/2030.yml").read_text("utf-8")
    assert "id: 2030-clerk-li" in text and "name: 李四" in text and "place: 青禾县柳塘镇柳塘村" in text
    assert "第3行 C列（姓名）：“李　四”里的空格已去掉" in result.stdout


def test_a_month_only_notice_date_gets_advice_that_fits_honorees(project, template, tmp_path):
    xlsx = fill(template, {2: {**ROWS, "荣誉编号": "qinghe-good-people-2023", "状态": "公示中",
                               "公示开始日期": "2024年3月", "公示结束日期": "2024-03-07"}}, tmp_path / "月份.xlsx")
    result = run_import(project, xlsx, "--into", "2030.yml")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "公示开始日期" in l)
    assert "“2024年3月”缺少日" in line and "具体哪一天" in line, line
    assert "date_text" not in result.stdout and "时间说明" not in result.stdout
