"""Speed is one door (hooks/kit/speed/door.py): with WENMING_SPEED=0 the build uses the plain door,
which makes everything in its own process and keeps nothing, and the site is byte for byte the
site the fast door builds, cold and warm."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def plain_fast_warm(tmp_path_factory, cold_build):
    """The plain door's cold build, the fast door's (the run's cold build: conftest.cold_build,
    WENMING_PARALLEL=1, so the worker runs even on a small site) and a warm one after it."""
    folder = tmp_path_factory.mktemp("speed-off")
    root = copy_project(folder / "project", warm=False)
    env = {"WENMING_PARALLEL": "1"}
    plain = run_build(root, root / "site-plain", {**env, "WENMING_SPEED": "0"})
    assert plain.returncode == 0, plain.log
    assert not (root / ".cache").exists(), "the plain door keeps nothing"
    again = shutil.copytree(cold_build.root, folder / "warm", symlinks=True)
    warm = run_build(again, again / "site-warm", env)
    assert warm.returncode == 0, warm.log
    # warm indeed: the copied cache serves every body (a cache that missed would compare cold with cold)
    assert re.search(r"正文：\d+ 篇沿用上次构建，0 篇重新渲染", warm.log), warm.log
    return plain, cold_build, warm


def test_the_plain_door_forks_nothing(plain_fast_warm):
    plain, fast, _ = plain_fast_warm
    assert "并行渲染" not in plain.log
    assert "并行渲染" in fast.log


@pytest.mark.parametrize("other", ["fast", "warm"])
def test_speed_changes_no_byte_of_the_site(plain_fast_warm, other):
    plain, fast, warm = plain_fast_warm
    before, after = _files(plain.site), _files({"fast": fast, "warm": warm}[other].site)
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert not changed, changed[:5]
