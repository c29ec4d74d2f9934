"""A kind of entry a later kit adds starts empty in a county: an upgrade adds nothing to data/, the
check announces the section as new (“新栏目：…，尚无内容”), and the site builds with it empty."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, copy_project, run_build


def test_a_section_whose_folder_the_county_lacks_is_new_and_empty(tmp_path):
    root = copy_project(tmp_path / "county")
    shutil.rmtree(root / "data/stations")            # as a county from before the kind existed
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(root)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "网站健康: 新栏目：文明实践阵地，尚无内容。" in proc.stdout
    assert "栏目“文明实践阵地”没有任何已发布的内容" not in proc.stdout
    assert "新栏目：节庆活动" not in proc.stdout
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.log[-3000:]
    assert (result.site / "stations/index.html").is_file()
    assert not (root / "data/stations").exists()


def test_an_emptied_folder_is_an_empty_section_not_a_new_one(tmp_path):
    root = copy_project(tmp_path / "county")
    for path in (root / "data/stations").glob("*.yml"):
        path.unlink()
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(root)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "栏目“文明实践阵地”没有任何已发布的内容" in proc.stdout and "新栏目" not in proc.stdout
