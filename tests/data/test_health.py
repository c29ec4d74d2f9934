"""The inspection rules of the site-health report (kit/data/rules/health.py) with a fake clock: the
official limits per column, the 单项否决 items, the footer's 网站标识码 / ICP / 公安备案 numbers,
and the pipeline setting that stops on veto items (scripts/county_check.py)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

from conftest import ROOT
from kit.data.rules import health
from kit.data.dataset import build

DAY = dt.date(2024, 3, 12)


def _edit(project, rel, old, new):
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_news_column_15_days_old_is_flagged_and_14_days_is_not(project):
    d = build(project / "data", project, DAY, False)
    stale = health.warnings(d, [("创建动态", DAY - dt.timedelta(days=15))], DAY)
    assert ("网站健康: 栏目“工作动态”最近一次更新是 2024-02-26，已经 15 天没有新内容（动态类栏目要求 14 天内更新）。"
            "请及时发布。") in stale
    fresh = health.warnings(d, [("创建动态", DAY - dt.timedelta(days=14))], DAY)
    assert not any("栏目“工作动态”最近一次更新" in line for line in fresh)


def test_notices_have_six_months_and_five_stale_columns_are_a_veto(project):
    d = build(project / "data", project, DAY, False)
    lines = health.warnings(d, [("创建动态", DAY)], DAY)      # the last 公示 started 2023-11-20: 113 days
    assert not any("栏目“公示公告”最近一次更新" in line for line in lines)
    assert not any(line.startswith(health.VETO) for line in lines), lines
    later = dt.date(2024, 6, 1)
    lines = health.warnings(d, [("创建动态", dt.date(2024, 5, 1))], later)
    assert ("网站健康: 栏目“公示公告”最近一次更新是 2023-11-20，已经 194 天没有新内容（通知公告类栏目要求 183 天内更新）。"
            "请及时发布。") in lines
    vetoes = [line for line in lines if line.startswith(health.VETO)]
    assert vetoes[0] == "网站健康: 单项否决：首页已经 31 天没有更新（要求 14 天内）。检查时首页 2 周未更新即判为不合格。"
    assert vetoes[1].startswith("网站健康: 单项否决：7 个栏目长期未更新（节庆活动、身边好人、") and "工作动态、公示公告" in vetoes[1]


def test_footer_numbers_must_be_present_and_well_formed(project):
    d = build(project / "data", project, DAY, False)
    lines = health.warnings(d, [("创建动态", DAY)], DAY)
    assert any(line.startswith("网站健康: 页脚没有网站标识码（data/site.yml 的 footer.site_id_code）") for line in lines)
    assert not any("ICP" in line or "公安" in line for line in lines)
    _edit(project, "data/site.yml", 'site_id_code: ""', "site_id_code: 53999900001")
    _edit(project, "data/site.yml", "icp: 滇ICP备12345678号-2", "icp: ICP备案12345678")
    _edit(project, "data/site.yml", 'police_record_code: "53999900000001"', 'police_record_code: "53999900000002"')
    d = build(project / "data", project, DAY, False)
    lines = [line for line in health.warnings(d, [("创建动态", DAY)], DAY) if "页脚" in line or "footer" in line]
    assert lines == [
        "网站健康: 网站标识码“53999900001”格式不对（data/site.yml 的 footer.site_id_code），应为 10 位，例如 5300000001。",
        "网站健康: ICP 备案号“ICP备案12345678”格式不对（data/site.yml 的 footer.icp），应写成 滇ICP备12345678号-1 的形式。",
        "网站健康: 公安备案号的数字（data/site.yml 的 footer.police_record_code：53999900000002）与备案号“滇公网安备 "
        "53999900000001号”不一致。"]


def test_the_pipeline_stops_on_veto_items_when_the_county_asks(project):
    sys.path.insert(0, str(ROOT / "scripts"))
    import county_check
    # the fixture's newest item is from 2024: on the real clock its home page is long stale
    assert not county_check.health_fails(project, False)
    _edit(project, "data/site.yml", "health: {days: 14, fail: false}", "health: {days: 14, fail: false, veto: true}")
    assert county_check.health_fails(project, False)
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(project)], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "其中单项否决 2 条（按 data/site.yml 的 health 设置，发布流水线会因此停止）" in proc.stdout
