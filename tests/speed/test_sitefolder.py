"""The site folder between builds (hooks/kit/speed/sitefolder.py): emptied at once as MkDocs would (hidden
files stay; --dirty keeps all), unchanged pages moved back instead of written, the rest deleted
in the background; a rebuild in the same folder ends byte for byte as a cold build, search index
included (segmented there without loading jieba's whole dictionary, hooks/kit/speed/jiebacut.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kit.outputs import searchshards
from kit.speed import sitefolder
from conftest import copy_project, forget_builds, run_build

CHANGED = "honorees/2023-sample-sun/index.html"
TAMPERED = "honorees/2023-sample-zhou/index.html"
OTHER = "villages/liutang-village/index.html"
ALONE = "honorees/2023-sample-he/index.html"           # unchanged pages, each alone in its folder;
NOT_ALONE = "honorees/2023-sample-wu/index.html"       # the test puts a stray file beside this one


def _fill(site: Path) -> None:
    for i in range(30):
        page = site / "honorees" / f"h-{i}"
        page.mkdir(parents=True)
        (page / "index.html").write_text("旧页面", "utf-8")
    (site / "index.html").write_text("首页", "utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "keep.txt").write_text("留着", "utf-8")


def _gone(root: Path, pattern: str) -> bool:
    for _ in range(100):
        if not list(root.glob(pattern)):
            return True
        time.sleep(0.1)
    return False


def test_the_preview_folder_is_emptied_at_once_and_the_old_pages_deleted():
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        _fill(site)
        sitefolder.prepare(Path(tempfile.mkdtemp()))   # a project on another disk would do the same
        sitefolder.clean(str(site))
        assert [p.name for p in site.iterdir()] == [".well-known"]     # MkDocs keeps hidden files too
        assert sitefolder.previous(str(site / "index.html")) is not None
        sitefolder.finish().wait(30)
        assert _gone(site.parent, f"{site.name}-old-*")               # and nothing is left behind
    finally:
        shutil.rmtree(site, ignore_errors=True)


def test_a_project_site_folder_goes_to_the_cache_trash(tmp_path):
    site = tmp_path / "site"
    _fill(site)
    sitefolder.prepare(tmp_path)
    sitefolder.clean(str(site))
    assert [p.name for p in site.iterdir()] == [".well-known"]
    assert (site / ".well-known" / "keep.txt").read_text("utf-8") == "留着"
    moved = Path(sitefolder.previous(str(site / "honorees" / "h-3" / "index.html")))
    assert moved.read_text("utf-8") == "旧页面" and moved.is_relative_to(tmp_path / sitefolder.TRASH)
    sitefolder.finish().wait(30)
    assert _gone(tmp_path / sitefolder.TRASH, "site-old-*")


def test_trash_a_killed_build_left_is_deleted_next_time(tmp_path):
    leftover = tmp_path / sitefolder.TRASH / "site-old-abc"
    (leftover / "honorees").mkdir(parents=True)
    site = tmp_path / "site"
    _fill(site)
    sitefolder.prepare(tmp_path)
    sitefolder.clean(str(site)).wait(30)
    assert not leftover.exists()
    sitefolder.finish().wait(30)
    assert _gone(tmp_path / sitefolder.TRASH, "site-old-*")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


COLD: dict[str, dict[str, bytes]] = {}    # the cold build of the changed project, by shard size


@pytest.mark.parametrize("parallel,shard_kb", [("1", "400"), ("0", "400"), ("1", "0")])   # 0: index in shards
def test_a_rebuild_in_the_same_folder_equals_a_cold_build(tmp_path, parallel, shard_kb):
    """The cold build to compare with is made once per shard size: with one process or two it is
    the same site, byte for byte (tests/speed/test_parallel.py)."""
    root = copy_project(tmp_path / "project")
    site = root / "site"
    env = {"WENMING_PARALLEL": parallel, "WENMING_SEARCH_SHARD_KB": shard_kb}
    assert run_build(root, site, env).returncode == 0
    kept_inode = (site / OTHER).stat().st_ino
    kept_folder = (site / ALONE).parent.stat().st_ino
    (site / NOT_ALONE).parent.joinpath("stray.txt").write_text("页面文件夹里多出的文件", "utf-8")
    (site / TAMPERED).write_text("被人改过的页面", "utf-8")             # a page changed by hand: written again
    (site / "stray.txt").write_text("不是生成的文件", "utf-8")       # gone, as after MkDocs' clean
    honorees = root / "data" / "honorees" / "2023.yml"
    text = honorees.read_text("utf-8")
    honorees.write_text(text.replace("义务为乡亲修理农具。", "义务为乡亲修理农具，风雨无阻。", 1), "utf-8")
    warm = run_build(root, site, env)
    assert warm.returncode == 0, warm.log
    assert "Building prefix dict" not in warm.log     # jieba's whole dictionary was not loaded
    assert (site / OTHER).stat().st_ino == kept_inode                # moved back, not written again
    assert (site / ALONE).parent.stat().st_ino == kept_folder        # alone in its folder: back with it
    assert (site / NOT_ALONE).is_file() and not (site / NOT_ALONE).parent.joinpath("stray.txt").exists()
    if shard_kb not in COLD:
        forget_builds(root)
        cold = run_build(root, tmp_path / "cold", env)
        assert cold.returncode == 0, cold.log
        COLD[shard_kb] = _files(cold.site)
    warm_files, cold_files = _files(site), COLD[shard_kb]
    assert sorted(warm_files) == sorted(cold_files)
    assert [rel for rel in warm_files if warm_files[rel] != cold_files[rel]] == []
    assert "风雨无阻" in warm_files[CHANGED].decode("utf-8")
    assert "风雨无阻" in searchshards.load_docs(site)[1].__repr__()
    assert "被人改过" not in warm_files[TAMPERED].decode("utf-8")


def test_dirty_builds_keep_the_folder(project):
    site = project / "site"
    assert run_build(project, site).returncode == 0
    stale = site / "honorees" / "removed-long-ago" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("旧页面", "utf-8")
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-q", "-f", str(project / "mkdocs.yml"),
                            "-d", str(site)], cwd=project, capture_output=True, text=True)
    assert dirty.returncode == 0, dirty.stderr
    assert stale.exists()       # --dirty: MkDocs does not clean, and neither do we
