"""Speed is one door (hooks/kit/speed/door.py): with WENMING_SPEED=0 the build uses the plain door,
which makes everything in its own process and keeps nothing, and the site is byte for byte the
site the fast door builds, cold and warm."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def plain_fast_warm(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("speed-off") / "project", warm=False)
    env = {"WENMING_PARALLEL": "1"}      # the worker runs even on a small site
    plain = run_build(root, root / "site-plain", {**env, "WENMING_SPEED": "0"})
    assert plain.returncode == 0, plain.log
    assert not (root / ".cache").exists(), "the plain door keeps nothing"
    fast = run_build(root, root / "site-fast", env)
    assert fast.returncode == 0, fast.log
    warm = run_build(root, root / "site-warm", env)
    assert warm.returncode == 0, warm.log
    return plain, fast, warm


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
