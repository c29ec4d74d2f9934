"""Excel in: the template made from the models, and real .xlsx files (written here with openpyxl)
imported into a copy of the fixture county: good rows become entries that pass the data check,
bad rows are all reported by sheet row and column, and existing files are never rewritten."""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from kit.editing import sheets

IMPORT = ROOT / "scripts" / "import.py"
ROWS = {"编号（网址）": "2030-excel-wang", "姓名": "王表格", "类别": "助人为乐", "所在村（社区）或单位": "青禾县柳塘镇柳塘村",
        "简介": "从乡镇报来的表格导入。", "详细事迹": "第一段。\n\n- **加粗**的一条"}


@pytest.fixture
def template(tmp_path) -> Path:
    return sheets.template("honorees", tmp_path / "好人名单.xlsx")


def fill(template: Path, rows: dict[int, dict], out: Path, merge: str = "") -> Path:
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    heads = [c.value for c in ws[1]]
    for r, values in rows.items():
        for label, value in values.items():
            ws.cell(r, heads.index(label) + 1, value)
    if merge:
        ws.merge_cells(merge)
    wb.save(out)
    return out


@functools.cache
def _door():
    """scripts/import.py, loaded once: `make import` calls its main()."""
    spec = importlib.util.spec_from_file_location("import_door", IMPORT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_import(project: Path, path: Path, *args: str, fresh: bool = False) -> subprocess.CompletedProcess:
    """`make import FILE=…`: the script's main() in this process (a new Python costs about a second an
    import), or with fresh=True in a new Python, exactly as an editor's command runs it."""
    argv = [str(IMPORT), str(path), "--root", str(project), *args]
    if fresh:
        return subprocess.run([sys.executable, *argv], capture_output=True, text=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _door().main(argv)
        except SystemExit as exc:      # argparse
            code = exc.code
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "data").rglob("*.yml")}


def test_the_template_has_the_models_columns_dropdowns_dates_and_a_guide(template):
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    heads = [c.value for c in ws[1]]
    assert heads == [c.label for c in sheets.columns("honorees")] + ["所在文件"]
    assert {"编号（网址）", "姓名", "类别", "荣誉编号", "状态", "公示开始日期", "未成年人"} <= set(heads)
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    category = f"{chr(64 + heads.index('类别') + 1)}2"
    assert "见义勇为" in lists[category] and "助人为乐" in lists[category]
    assert ws.cell(2, heads.index("公示开始日期") + 1).number_format == "yyyy-mm-dd"
    guide = [[c for c in row] for row in wb["说明"].iter_rows(values_only=True)]
    assert any(row[0] == "类别" and "助人为乐" in row[2] for row in guide if row and row[0])
    sample = wb["示例"]
    assert [c.value for c in sample[1]] == heads
    example = dict(zip(heads, [c.value for c in sample[2]]))
    assert example["类别"] in sheets.columns("honorees")[2].field.options and example["姓名"] and example["编号（网址）"]


def test_good_rows_become_entries_that_pass_the_check_and_nothing_else_changes(project, template, tmp_path):
    before = snapshot(project)
    xlsx = fill(template, {
        2: {**ROWS, "荣誉编号": "qinghe-good-people-2023", "状态": "入选"},
        3: {**ROWS, "荣誉编号": "honest-people-2023", "状态": "公示中", "公示开始日期": 47119,   # an Excel serial
            "公示结束日期": "２０２９年１月９日"},                                                 # full-width digits
        5: {"编号（网址）": "2030-excel-zhao", "姓名": "赵表格", "类别": "见义勇为", "所在村（社区）或单位": "青禾县柳塘镇",
            "简介": "第二位。", "荣誉编号": "qinghe-good-people-2023", "状态": "授予", "出生年份": "１９８０"},
    }, tmp_path / "乡镇报送.xlsx")
    result = run_import(project, xlsx, "--into", "2030.yml", fresh=True)     # the editor's own command
    assert result.returncode == 0, result.stdout
    assert "新增 2 个、更新 0 个、没有变化 0 个好人" in result.stdout
    assert snapshot(project) == {**before, "data/honorees/2030.yml": snapshot(project)["data/honorees/2030.yml"]}
    text = (project / "data/honorees/2030.yml").read_text("utf-8")
    assert "notice_start: 2029-01-01" in text and "notice_end: 2029-01-09" in text and "birth_year: 1980" in text
    assert "story: |\n      第一段。\n\n      - **加粗**的一条\n" in text
    check = subprocess.run([sys.executable, str(project / "hooks/check.py"), str(project)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    written = snapshot(project)
    again = run_import(project, xlsx, "--into", "2031.yml")      # the same sheet twice: nothing doubled, nothing changed
    assert again.returncode == 0 and "新增 0 个、更新 0 个、没有变化 2 个好人" in again.stdout, again.stdout
    assert "数据文件没有任何改动" in again.stdout
    assert snapshot(project) == written and not (project / "data/honorees/2031.yml").exists()


def test_an_existing_file_gets_the_new_entries_at_its_end_with_its_comments_kept(project, template, tmp_path):
    path = project / "data/honorees/2024.yml"
    before = path.read_text("utf-8")
    xlsx = fill(template, {2: {**ROWS, "荣誉编号": "qinghe-good-people-2023", "状态": "入选"}}, tmp_path / "a.xlsx")
    assert run_import(project, xlsx, "--into", "2024.yml").returncode == 0
    after = path.read_text("utf-8")
    assert after.startswith(before) and "  - id: 2030-excel-wang\n" in after[len(before):]


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(project, template, tmp_path):
    before = snapshot(project)
    xlsx = fill(template, {
        2: {**ROWS, "类别": "好人好事", "荣誉编号": "qinghe-good-people-2023", "状态": "入选"},
        3: {**ROWS, "编号（网址）": "2030-excel-li", "简介": "电话 13812345678", "荣誉编号": "qinghe-good-people-2023",
            "状态": "入选", "所在村（社区）或单位": "身份证 11010519491231002X"},
        4: {**ROWS, "编号（网址）": "yunwu-tea-fair", "荣誉编号": "qinghe-good-people-2023", "状态": "入选"},
        6: {**ROWS, "编号（网址）": "2030-excel-sun", "荣誉编号": "qinghe-good-people-2023", "状态": "入选",
            "公示开始日期": "2029/1/1"},
    }, tmp_path / "好人名单.xlsx")
    result = run_import(project, xlsx)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "好人名单.xlsx 第2行 C列（类别）：“好人好事”不是可选的值。" in "\n".join(lines)
    assert any(l.startswith("好人名单.xlsx 第3行 E列（简介）：含有手机号码“138****5678”") for l in lines)
    assert any(l.startswith("好人名单.xlsx 第3行 D列（所在村（社区）或单位）：含有身份证号码") for l in lines)
    assert any(l.startswith("好人名单.xlsx 第4行（编号（网址））：编号“yunwu-tea-fair”已在 data/events/2023.yml 里使用（那不是好人）")
               for l in lines), lines
    assert any(l.startswith("好人名单.xlsx 第6行 I列（公示开始日期）：“2029/1/1”不是可识别的日期") for l in lines)
    assert lines[-1].startswith("共发现 5 个问题，没有导入任何内容")
    assert snapshot(project) == before


def test_merged_cells_and_an_old_format_file_renamed_xlsx_are_refused(project, template, tmp_path):
    merged = fill(template, {2: {**ROWS, "荣誉编号": "qinghe-good-people-2023", "状态": "入选"},
                             3: {**ROWS, "编号（网址）": "2030-excel-zhou"}}, tmp_path / "m.xlsx", merge="B2:B3")
    out = run_import(project, merged).stdout
    assert "m.xlsx 第2行 B列（姓名）：这里有合并单元格（B2:B3）。请取消合并" in out
    old = tmp_path / "旧表格.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    out = run_import(project, old).stdout
    assert "旧表格.xlsx：这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件" in out
