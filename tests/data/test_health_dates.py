"""The health report's dates (issue 23, finding 9): an entry with dates still to come has a date,
and a section whose entry was edited minutes ago is not called months old (git dates its lines)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess

from kit.data.rules import health
from kit.data.dataset import build

LATER = dt.date(2024, 5, 30)      # months after the fixture's newest dates


def _warnings(project, today=LATER) -> list[str]:
    d = build(project / "data", project, today, False)
    return health.warnings(d, [("某文章", today)], today)


def test_a_festival_with_start_and_end_still_to_come_is_not_undated(project):
    events = project / "data/events/2024.yml"
    events.write_text(events.read_text("utf-8") + """
  - id: autumn-festival
    title: 秋季文化节
    kind: 节庆活动
    summary: 秋季文化节。
    start: 2024-09-20
    end: 2024-09-22
    place: 青禾县人民广场
    organiser: 青禾县文明办
""", "utf-8")
    undated = [l for l in _warnings(project) if l.startswith("网站健康: 栏目“节庆活动”有")]
    assert undated and "autumn-festival" not in undated[0], undated
    assert "chestnut-food-festival" in undated[0]      # 日期待定: truly without a date


def _git(project, *args, when="2024-01-02T10:00:00+08:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.cn", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.cn"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_a_section_edited_minutes_ago_is_not_months_old(project):
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "old")
    stale = [l for l in _warnings(project) if l.startswith("网站健康: 栏目“身边好人”最近一次更新是")]
    assert stale, "the fixture's honorees should look stale months later"
    honorees = project / "data/honorees/2024.yml"
    text = honorees.read_text("utf-8")
    summary = next(l for l in text.splitlines() if l.startswith("    summary: "))
    honorees.write_text(text.replace(summary, summary + "（今天补充）", 1), "utf-8")   # not committed yet: today
    lines = _warnings(project)
    assert not [l for l in lines if l.startswith("网站健康: 栏目“身边好人”最近一次更新是")], lines
    assert [l for l in lines if l.startswith("网站健康: 栏目“历史文脉”")], lines    # other sections still dated by data
