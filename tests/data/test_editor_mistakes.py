"""Editor mistakes that pass YAML but used to fail later (issue 13): each stopped early, or made to work."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURE
from kit.data import dataset
from kit.data.errors import Report
from kit.data.files.yamlread import load_file, wanted_indent


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


def test_duplicate_id_blames_the_copy_newer_in_git(tmp_path: Path) -> None:
    import subprocess

    from kit.data.errors import DataInvalid

    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(git + ["init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(git + ["add", "."], cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "live"], cwd=tmp_path, check=True)
    # a new file that sorts before 2023.yml reuses the live honoree's id
    live = (tmp_path / "data/honorees/2023.yml").read_text("utf-8")
    (tmp_path / "data/honorees/2022.yml").write_text(live.replace("qinghe", "qinghe"), "utf-8")
    try:
        dataset.build(tmp_path / "data", tmp_path, dt.date(2024, 1, 1), False)
    except DataInvalid as exc:
        lines = [line for line in exc.report.lines() if "2023-sample-sun" in line]
    assert lines and all(line.startswith("data/honorees/2022.yml:") for line in lines)
    assert "已被 data/honorees/2023.yml 第 3 行的条目使用。那个条目已经发布" in lines[0]
