"""Golden corpus: each case in tests/data/golden/<case>/ is a small overlay onto a copy
of the fixture county (tests/fixture: data/, docs/, mkdocs.yml; the case's data/ and docs/ folders
add or replace files) next to the exact lines it must produce in expected.txt
(file:line:col: 错误: field: message). News-post cases put their post in docs/blog/posts/.

Cases run in-process through project.check (the same function `check.py` and
the MkDocs build call), so the whole corpus takes about a second; two cases go
through the real `mkdocs build` to prove the build prints the same lines and
stops. A case with a file named `production` is checked as a production build.
For a case without errors, expected.txt holds the 提示 lines (entries not
published) about the case's own files. GOLDEN_UPDATE=1 rewrites expected.txt
(review the diff before committing).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from kit.data import project
from conftest import FIXTURE, copy_project, run_build
from kit.data.errors import DataInvalid

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2024, 1, 1)
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def overlay(case: Path, root: Path) -> list[str]:
    """Copy the case's data and docs files over root; return their names (data/..., docs/...)."""
    names = []
    for src in sorted(p for part in ("data", "docs") for p in (case / part).rglob("*")):
        if src.is_file():
            rel = src.relative_to(case)
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, root / rel)
            names.append(rel.as_posix())
    return names


def outcome(case: Path, root: Path) -> list[str]:
    names = overlay(case, root)
    try:
        data, news = project.check(root, TODAY, (case / "production").exists())
    except DataInvalid as exc:
        return exc.report.lines()
    return [line for line in data.withheld + list(news.withheld.values()) if line.split(":", 1)[0] in names]


def expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    return path.read_text("utf-8").splitlines() if path.exists() else []


def test_the_corpus_is_big_enough():
    bad = [c for c in CASES if any(": 错误: " in line for line in expected(GOLDEN / c))]
    assert len(bad) >= 30, bad


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path) -> None:
    case = GOLDEN / name
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "docs" / "blog", tmp_path / "docs" / "blog")
    shutil.copyfile(FIXTURE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    got = outcome(case, tmp_path)
    if os.environ.get("GOLDEN_UPDATE"):
        (case / "expected.txt").write_text("".join(f"{line}\n" for line in got), "utf-8")
    assert got == expected(case)


@pytest.mark.parametrize("name", ["fullwidth-colon", "many-problems-one-run"])
def test_the_real_build_prints_the_same_lines_and_stops(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    overlay(GOLDEN / name, project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    logged = [line.split("-  ", 1)[1] for line in result.log.splitlines() if line.startswith("ERROR")]
    lines = expected(GOLDEN / name)
    assert logged[: len(lines)] == lines
    assert f"共有 {len(lines)} 个错误，网站未生成" in result.log
    assert not (tmp_path / "site" / "index.html").exists()
