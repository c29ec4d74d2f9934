"""Two builds of the same commit are byte-identical: no build timestamps, stable order
everywhere (pages, search index, sitemap.xml(.gz), feeds, calendars, open data)."""
from __future__ import annotations

import time

from conftest import copy_project, run_build


def test_two_builds_are_byte_identical(tmp_path):
    # the same day for both (event status depends on "today"), but a different time of
    # day: any timestamp that leaks into the output (build time, SOURCE_DATE_EPOCH,
    # file mtimes), a temp path or hash order would make a file differ
    midnight = (int(time.time()) + 8 * 3600) // 86400 * 86400 - 8 * 3600   # Beijing midnight: "today" is China's
    root = copy_project(tmp_path / "project", warm=False)     # cold, its own .cache: other test workers build the fixture too
    first = run_build(root, tmp_path / "one", {"SOURCE_DATE_EPOCH": str(midnight + 60)}, fresh=True)
    assert first.returncode == 0, first.log
    second = run_build(root, tmp_path / "two", {"SOURCE_DATE_EPOCH": str(midnight + 86340)}, fresh=True)
    assert second.returncode == 0, second.log
    one = {p.relative_to(first.site).as_posix(): p for p in first.all_files()}
    two = {p.relative_to(second.site).as_posix(): p for p in second.all_files()}
    assert sorted(one) == sorted(two)
    differ = [rel for rel in sorted(one) if one[rel].read_bytes() != two[rel].read_bytes()]
    assert not differ, differ[:20]
    for rel in ("sitemap.xml.gz", "search/search_index.json", "feed/news.xml", "calendar/all.ics",
                "opendata/events.csv", "opendata/honorees.json"):
        assert rel in one, rel
