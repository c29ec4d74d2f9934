"""Loading and validating data: the basic rules the build enforces."""
from __future__ import annotations

from conftest import run_build


def test_missing_required_field_stops_the_build_naming_file_line_and_field(project, tmp_path):
    path = project / "data/events/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    place: X县兔街\n", "", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/events/2023.yml:3:5: 错误: events[0].place: 缺少必填字段“place”" in result.log
    assert not (tmp_path / "site" / "index.html").exists()


def test_unknown_key_is_an_error_with_a_suggestion(project, tmp_path):
    path = project / "data/honorees/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    category: 助人为乐", "    catgory: 助人为乐", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/honorees/2023.yml:6:5: 错误: honorees[0].catgory: 未知字段“catgory”。您是否想写 category？" in result.log
