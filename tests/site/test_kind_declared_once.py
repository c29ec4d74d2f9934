"""A kind declared in one module (plus its two templates) gets everything the others have: its
section page and entry pages, search entries, the sitemap, open data, a form in /admin/, an
Excel sheet, `make check` messages for its fields and a health rule. Nothing else is edited:
the test adds only the module, the templates and a data file to a copy of the kit."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import ROOT, copy_project, run_build
from kit.data.model.patterns import MESSAGES, PATTERNS

MODULE = '''\
"""志愿服务队: a kind declared by a test, in this one module."""
from __future__ import annotations

from kit.data.model.fields import Text, Time, Url
from kit.data.kinds import Kind, Section, Table
from kit.data.model.models import Publishable


class Team(Publishable):
    name: Text
    town: Text
    summary: Text
    members: int
    meets: Time = ""
    signup: Url = ""


KIND = Kind(
    name="teams", label="志愿服务队", singular="服务队", model=Team, folder="teams", order=200,
    url="teams", page="team", var="team", title=lambda t: t.name, tally="{n} 支服务队",
    sections=(Section("teams/index.md", "section-teams.html", "志愿服务队", layout=None),),
    search=("name", "town"),
    tables=(Table("teams", "志愿服务队", "各乡镇的志愿服务队",
                  ("id|编号|string|条目编号", "name|名称|string|队名", "members|队员人数|integer|人数",
                   "url|网址|string|页面地址"),
                  lambda t, d, h: {"id": t.id, "name": t.name, "members": t.members, "url": h.url(t)}),),
    labels={"members": ("队员人数", "只写数字，如 30"), "meets": ("集合时间", "如 9:00 或 下午3点"),
            "signup": ("报名网址", "以 https:// 开头的完整网址")},
    examples={"members": "members: 30"},
)
'''
ENTRY = '<div class="wm-entry"><p class="wm-lead">{{ team.summary }}</p><p>队员 {{ team.members }} 人，{{ team.town }}</p></div>\n'
SECTION = ('<ul>{% for t in d.teams %}<li><a href="{{ url("teams/" ~ t.id ~ "/") }}">{{ t.name }}</a></li>'
           '{% endfor %}</ul>\n')
DATA = """\
teams:
  - id: qingshui-youth-team
    name: 清水镇青年志愿服务队
    town: 清水镇
    summary: 组织青年志愿者开展助老、环保活动
    members: 36
    meets: 下午3点
    updated: 2020-01-01
  - id: hehua-river-team
    name: 荷花村护河队
    town: 荷花镇
    summary: 每周巡河，清理河道垃圾
    members: 12
    updated: 2020-01-01
"""


def _python(root, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "hooks")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=root, env=env, capture_output=True,
                          text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("newkind") / "project")
    (root / "hooks/kit/data/kinds/teams.py").write_text(MODULE, "utf-8")
    (root / "overrides/content/team.html").write_text(ENTRY, "utf-8")
    (root / "overrides/content/section-teams.html").write_text(SECTION, "utf-8")
    (root / "data/teams").mkdir()
    (root / "data/teams/2024.yml").write_text(DATA, "utf-8")
    env = {"WENMING_NODE_MODULES": str(ROOT / "node_modules")}
    result = run_build(root, root / "site", env)
    assert result.returncode == 0, result.log
    return result


def test_section_and_entry_pages(county):
    section = county.html("teams/")
    assert "清水镇青年志愿服务队" in section.get_text() and section.select_one('a[href="qingshui-youth-team/"]')
    page = county.html("teams/hehua-river-team/")
    assert page.find("h1").get_text(strip=True) == "荷花村护河队"
    assert "队员 12 人，荷花镇" in page.get_text()


def test_search_sitemap_and_open_data(county):
    docs = json.loads(county.text("search/search_index.json"))["docs"]
    assert {d["location"] for d in docs} >= {"teams/qingshui-youth-team/", "teams/hehua-river-team/"}
    assert "teams/hehua-river-team/" in county.text("sitemap.xml")
    assert "荷花村护河队" in county.html("sitemap/").get_text()
    rows = list(csv.DictReader(io.StringIO(county.text("opendata/teams.csv").lstrip("\ufeff"))))
    assert [r["队员人数"] for r in rows] == ["36", "12"]
    assert json.loads(county.text("opendata/teams.json"))
    assert "志愿服务队" in county.html("opendata/").get_text()


def test_a_form_in_admin(county):
    config = yaml.safe_load(county.text("admin/config.yml"))
    teams = next(c for c in config["collections"] if c["name"] == "teams")
    assert teams["folder"] == "data/teams" and teams["label"] == "志愿服务队"
    fields = {f["name"]: f for f in teams["fields"][0]["fields"]}
    assert fields["members"]["label"] == "队员人数（必填）" and fields["members"]["widget"] == "number"
    # its time and address fields have the check's rules because of their types, with nothing else edited
    assert fields["meets"]["pattern"] == [PATTERNS["time"], MESSAGES["time"]]
    assert fields["signup"]["pattern"] == [PATTERNS["url"], MESSAGES["url"]]
    assert fields["meets"]["label"] == "集合时间"


def test_an_excel_sheet(county):
    out = _python(county.root, """
        from kit.editing import sheets
        print("|".join(c.label for c in sheets.columns("teams")))
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("|")[:5] == ["编号（网址）", "名称", "所在乡镇（街道）", "简介", "队员人数"]


def test_check_messages_name_file_line_and_field_and_a_health_rule(county):
    path = county.root / "data/teams/2024.yml"
    good = path.read_text("utf-8")
    try:
        path.write_text(good.replace("members: 12", "members: 十二").replace("town: 清水镇", "twon: 清水镇")
                        .replace("meets: 下午3点", "meets: 下午3.30"), "utf-8")
        bad = subprocess.run([sys.executable, "hooks/check.py", str(county.root)], cwd=county.root, capture_output=True,
                             text=True, encoding="utf-8")
        assert bad.returncode == 1
        assert "data/teams/2024.yml:13:14: 错误: teams[1].members:" in bad.stdout, bad.stdout
        assert "members: 30" in bad.stdout and "twon" in bad.stdout and "town" in bad.stdout
        assert "data/teams/2024.yml:7:12: 错误: teams[0].meets: “下午3.30”不是可识别的时间" in bad.stdout, bad.stdout
    finally:
        path.write_text(good, "utf-8")
    ok = subprocess.run([sys.executable, "hooks/check.py", str(county.root)], cwd=county.root, capture_output=True,
                        text=True, encoding="utf-8")
    assert ok.returncode == 0, ok.stdout
    assert "栏目“志愿服务队”最近一次更新是 2020-01-01" in ok.stdout and "2 支服务队" in ok.stdout
