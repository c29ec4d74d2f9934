"""A rebuild of a sharded search index takes the last build's unchanged units and patches only
the term shards of the units that changed (hooks/kit/speed/shardcache.py); the index ends byte for
byte as a cold build's (for one change the plain door's, WENMING_SPEED=0). Sharding is forced on
the fixture county (WENMING_SEARCH_SHARD_KB=0)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, forget_builds, run_build

FORCED = {"WENMING_SEARCH_SHARD_KB": "0", "WENMING_PARALLEL": "1"}
PATCHED = "个变了，只改它们的词分片"

# (file in data/, old text, new text, whether the units stay in place: the shards are patched)
CHANGES = {
    # words gained and lost in an entry's text, nothing else
    "honoree-story": ("honorees/2023.yml", "送米送油", "送米送面、修缮房屋", True),
    # the title's words move: title marks in the postings change, lists and the award's page too
    "honoree-name": ("honorees/2023.yml", "name: 孙某某", "name: 孙某甲", True),
    # every honoree's words change (award names are in their text)
    "award-name": ("awards.yml", "name: 2023年“青禾好人”", "name: 2023年度“青禾好人”", True),
    # a unit more: the postings are made anew
    "honoree-added": ("honorees/2023.yml", "honorees:\n", "honorees:\n  - id: 2023-sample-new\n    name: 新某某\n"
                      "    category: 助人为乐\n    place: 青禾县某镇\n    summary: 新加的好人。\n"
                      "    honours:\n      - {award: qinghe-good-people-2023, status: 入选}\n", False),
}


# the change whose index is compared with the plain door's (WENMING_SPEED=0, which keeps and reads
# no cache); the others with the fast door's cold build (every store but the content-keyed ones
# forgotten: conftest.forget_builds), which is the plain door's byte for byte (test_speed_off.py)
PLAIN = "honoree-name"


def _search(site: Path) -> dict[str, bytes]:
    folder = site / "search"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("shards-first") / "project")
    built = run_build(root, root / "site", FORCED)
    assert built.returncode == 0, built.log
    return root


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_rebuild_patches_the_shards_to_the_cold_index(tmp_path, first_build, change):
    name, old, new, in_place = CHANGES[change]
    root = shutil.copytree(first_build, tmp_path / "project", symlinks=True, ignore=shutil.ignore_patterns("trash"))
    path = root / "data" / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    rebuilt = run_build(root, root / "site", FORCED)
    assert rebuilt.returncode == 0, rebuilt.log
    assert (PATCHED in rebuilt.log) == in_place, rebuilt.log[-3000:]
    indexes = [_search(rebuilt.site)]     # read now: the next build writes the same folder
    if change == "honoree-story":    # once is enough: nothing changed since, every unit from the last build
        again = run_build(root, root / "site", FORCED)
        assert again.returncode == 0 and PATCHED not in again.log, again.log[-3000:]
        indexes.append(_search(again.site))
    if change == PLAIN:
        oracle = run_build(root, tmp_path / "cold", {**FORCED, "WENMING_SPEED": "0"})
    else:
        forget_builds(root)
        oracle = run_build(root, tmp_path / "cold", FORCED)
    assert oracle.returncode == 0, oracle.log
    assert PATCHED not in oracle.log
    cold = _search(oracle.site)
    assert len(cold) > 3
    for files in indexes:
        assert sorted(files) == sorted(cold)
        assert [rel for rel in files if files[rel] != cold[rel]] == []
