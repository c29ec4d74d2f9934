"""The data check's walks of a parsed file (photo sources, print files, images in Markdown fields;
kit/data/files/yamlnodes.Doc.walk) are kept with the file in .cache/: a rebuild whose YAML is
unchanged still checks every photo the files name, and reports exactly what a fresh parse does."""
from __future__ import annotations

from conftest import copy_project, run_build

STORY = "乡亲们说：“有困难，找老孙。”"


def _errors(log: str) -> list[str]:
    return sorted(line for line in log.splitlines() if ": 错误: " in line)


def test_a_photo_gone_since_the_last_build_is_reported_from_the_kept_walks(tmp_path):
    root = copy_project(tmp_path / "project")
    path = root / "data" / "honorees" / "2023.yml"
    text = path.read_text("utf-8")
    assert STORY in text
    path.write_text(text.replace(STORY, STORY + "![孙某某在茶园](photos/yunwu-tea-fair.jpg)", 1), "utf-8")
    first = run_build(root, root / "site")
    assert first.returncode == 0, first.log
    for gone in ("yunwu-tea-fair.jpg", "ads/civility-poster.pdf"):
        (root / "data" / "photos" / gone).unlink()
    rebuilt = run_build(root, root / "site")
    assert rebuilt.returncode != 0
    plain = run_build(root, tmp_path / "plain", {"WENMING_SPEED": "0"})
    errors = _errors(plain.log)
    assert any("story" in line and "yunwu-tea-fair.jpg" in line for line in errors), errors
    assert any("print_file" in line for line in errors), errors
    assert any(".src" in line and "yunwu-tea-fair.jpg" in line for line in errors), errors
    assert _errors(rebuilt.log) == errors
