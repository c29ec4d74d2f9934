"""Editor mistakes that pass YAML but used to fail later (issue 13): each stopped early, or made to work."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURE
from kit.data import dataset
from kit.data.errors import Report
from kit.data.yamlread import load_file, wanted_indent


def test_backslash_photo_path_from_windows_is_the_same_photo(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    honorees = tmp_path / "data/honorees/2024.yml"
    honorees.write_text(honorees.read_text("utf-8").replace("src: photos/yunwu-tea-fair.jpg", r"src: photos\yunwu-tea-fair.jpg"),
                        "utf-8")
    data = dataset.build(tmp_path / "data", tmp_path, dt.date(2024, 1, 1), False)
    qian = next(h for h in data.honorees if h.id == "2024-qian-lan")
    assert qian.photo.src == "photos/yunwu-tea-fair.jpg"
    assert "photos/yunwu-tea-fair.jpg" in data.public_photos()


def test_tab_advice_counts_the_spaces_the_line_needs() -> None:
    lines = ["honorees:", "  - id: a", "\tname: x", "    honours:", "\t- award: y", "      - award: z",
             "\t  status: 入选"]
    assert [wanted_indent(lines, n) for n in (2, 4, 6)] == [4, 6, 8]


def test_a_multiline_quoted_value_is_not_blamed_for_a_later_error() -> None:
    report = Report()
    load_file('a: "x\n  y"\nb: [\n'.encode(), "data/x.yml", report)
    assert [p.line for p in report.problems] == [4] and "引号" not in report.problems[0].message
