"""Golden cases of the remote-load rule on hand-written pages: each case in
tests/data/golden_posts/<case>/ is a docs/ overlay onto a copy of the fixture county (a news post,
a page or a style sheet) next to the exact lines `make check` must print (expected.txt; empty when
the case must pass). Cases run in-process through postloads.scan (what check.py and the build
call); a few go through the real `hooks/check.py` and the real `mkdocs build`, which must stop
before writing a page. GOLDEN_UPDATE=1 rewrites expected.txt (review the diff before committing).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, copy_project, run_build
from kit.data.rules import postloads

GOLDEN = Path(__file__).resolve().parent / "golden_posts"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def overlay(case: Path, root: Path) -> None:
    for src in sorted((case / "docs").rglob("*")):
        if src.is_file():
            dest = root / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


def expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    return path.read_text("utf-8").splitlines() if path.exists() else []


def test_the_fixture_county_passes():
    assert postloads.scan(FIXTURE / "docs", FIXTURE).lines() == []


def test_every_element_kind_has_a_case():
    kinds = {"img-srcset", "picture-source", "remote-script", "iframe-video", "link-stylesheet", "video-remote",
             "audio-remote", "object-remote", "embed-remote", "style-attribute-url", "style-block-import",
             "meta-refresh", "markdown-image-remote", "wechat-article-pasted", "inline-script-and-handlers"}
    assert kinds <= set(CASES)
    for name in kinds:
        assert any(": 错误: 正文: " in line for line in expected(GOLDEN / name)), name


@pytest.mark.parametrize("name", CASES)
def test_golden_post(name: str, tmp_path: Path) -> None:
    case = GOLDEN / name
    shutil.copytree(FIXTURE / "docs", tmp_path / "docs")
    overlay(case, tmp_path)
    got = postloads.scan(tmp_path / "docs", tmp_path).lines()
    if os.environ.get("GOLDEN_UPDATE"):
        (case / "expected.txt").write_text("".join(f"{line}\n" for line in got), "utf-8")
    assert got == expected(case)


@pytest.mark.parametrize("name", ["wechat-article-pasted", "remote-script"])
def test_make_check_prints_the_lines_and_fails(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    overlay(GOLDEN / name, project)
    proc = subprocess.run([sys.executable, str(ROOT / "hooks" / "check.py"), str(project)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    lines = expected(GOLDEN / name)
    assert proc.stdout.splitlines()[: len(lines)] == lines
    assert f"工作动态文章和页面有 {len(lines)} 个错误" in proc.stdout


def test_the_build_stops_before_writing_a_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    overlay(GOLDEN / "remote-script", project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    logged = [line.split("-  ", 1)[1] for line in result.log.splitlines() if line.startswith("ERROR")]
    assert logged[0] == expected(GOLDEN / "remote-script")[0]
    assert "工作动态文章和页面有 1 个错误，网站未生成" in result.log
    assert not (tmp_path / "site" / "index.html").exists()
