"""The kit and the county's content are apart.

Every test here works on a county made of the kit (hooks, templates, scripts, Makefile) and the
fictional county's content (tests/fixture: conftest.copy_project), never on the repository's own
data/, docs/ or mkdocs.yml: a county that has edited or replaced its content still passes `make test`.

- The county's checks (scripts/county_check.py: data and news posts, strict build, smoke test)
  pass on valid editor changes and stop on a bad one.
- `make new-county` gives an empty, valid site with no sample county text in any output file.
- The separation: a copy of the project with an editor's valid changes to data/ (a new event in a
  new year file, a changed figure, a new award with a new honoree, another county's settings,
  every sample entry replaced by one entry of each kind) passes both the kit's tests (a sample
  that builds the fixture county) and the county's checks. That no kit test at all reads the
  county's data/, docs/ or mkdocs.yml is watched in every test (conftest.county_untouched).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, WARM, copy_project

COMMANDS = ("scripts", "Makefile")      # the kit's commands, beside conftest.copy_project's parts
# the fictional county's own words (tests/fixture): none may be left after `make new-county`
SAMPLE_TEXT = ("青禾", "柳塘", "qinghe-", "yunwu-tea-fair", "ink-kids", "2023-sample-")
# a pytest started here is not one of this run's xdist workers
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}, "NO_MKDOCS_2_WARNING": "1",
       "PYTHONIOENCODING": "utf-8"}


def copy_county(dest: Path, parts=COMMANDS) -> Path:
    """A county of the kit: the fixture county's content, the kit's code and `parts` of the kit beside it."""
    copy_project(dest)
    skip = shutil.ignore_patterns("__pycache__", ".cache", "artifacts", ".pytest_cache")

    def ignore(folder: str, names: list[str]) -> set[str]:   # a built site/ beside a mkdocs.yml, not tests/site/
        return set(skip(folder, names)) | ({"site"} if "mkdocs.yml" in names else set())
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(src, dest / part)
    return dest


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env={**ENV, **env}, capture_output=True,
                          text=True, encoding="utf-8")


def county_check(root: Path, site: Path) -> subprocess.CompletedProcess:
    return run([str(root / "scripts/county_check.py"), "--site", str(site), str(root)], root, WENMING_PRODUCTION="1")


def test_county_checks_stop_on_a_bad_post_and_on_bad_data(tmp_path):
    root = copy_county(tmp_path / "county")
    posts = sorted((root / "docs/blog/posts").glob("*.md"))
    if posts:
        posts[0].write_text(posts[0].read_text("utf-8").replace("slug:", "slug: 不能用中文 #", 1), "utf-8")
        proc = run([str(root / "scripts/county_check.py"), "--posts", str(root)], root)
        assert proc.returncode == 1 and "错误: slug:" in proc.stdout
    (root / "data/events/zz.yml").write_text("events:\n  - id: Bad Id\n", "utf-8")
    proc = county_check(root, tmp_path / "site")
    assert proc.returncode == 1 and "data/events/zz.yml:2:" in proc.stdout
    assert "线上网站保持不变" in proc.stdout and not (tmp_path / "site").exists()


def test_smoke_test_finds_a_withheld_entry_that_leaks(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import county_check as cc

    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "events/index.html").write_text('<h1>活动</h1><a href="../draft-one/">x</a>'
                                            '<img src="https://cdn.example.com/a.png">', "utf-8")
    assert cc.leak_problems(site, ["draft-one"]) == ["events/index.html: 出现了未发布的条目“draft-one”"]
    assert cc.leak_problems(site, ["draft"]) == []          # a whole id, not part of another
    assert len(cc.outside_load_problems(site)) == 1
    assert cc.page_problems(site, ["events/", "honorees/"]) == ["页面缺失：honorees/（应有 honorees/index.html）"]


NEW_COUNTY = ["--county", "青山县", "--short", "青山", "--url", "https://www.qingshan.example.gov.cn/wenming/",
              "--department", "中共青山县委宣传部", "--organiser", "青山县文明办", "--phone", "0871-6000000",
              "--email", "wm@qingshan.example.gov.cn", "--address", "青山县行政中心",
              "--icp", "滇ICP备99999999号-1", "--police-record", "滇公网安备 53011102000001号", "--primary", "#0d47a1"]


def test_new_county_gives_an_empty_valid_site_without_sample_text(tmp_path):
    root = copy_county(tmp_path / "county")
    old_og = (root / "docs/assets/og.png").read_bytes()
    made = run([str(root / "scripts/new_county.py"), "--root", str(root), *NEW_COUNTY], root)
    assert made.returncode == 0, made.stdout + made.stderr
    assert not list((root / "data/photos").glob("*.jpg"))
    assert [p.name for p in (root / "docs/blog/posts").glob("*.md")] == ["example.md"]
    assert (root / "docs/assets/og.png").read_bytes() != old_og
    assert "    书香青山: reading" in (root / "mkdocs.yml").read_text("utf-8")
    check = run([str(root / "hooks/check.py"), str(root)], root)
    assert check.returncode == 0 and "0 个活动，0 位好人，0 个村（社区）公约" in check.stdout, check.stdout
    decap = ROOT / "node_modules/decap-cms/dist/decap-cms.js"
    for production in ("1", "0"):
        site = tmp_path / f"site-{production}"
        # the production run with the kit's Decap CMS (when installed), the preview without: /admin/ or a note
        forms = {"WENMING_NODE_MODULES": str(ROOT / "node_modules")} if production == "1" and decap.is_file() else {}
        proc = run([str(root / "scripts/county_check.py"), "--site", str(site), str(root)], root,
                   WENMING_PRODUCTION=production, **forms)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        if forms:
            assert (site / "admin/config.yml").is_file() and (site / "admin/decap-cms.js").is_file()
            assert "没有安装网页表单程序" not in proc.stdout
        else:
            assert "提示：没有安装网页表单程序 Decap CMS" in proc.stdout and not (site / "admin/config.yml").exists()
        for path in site.rglob("*"):
            if (path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".js", ".txt")
                    and not path.name.endswith("decap-cms.js")):       # Decap's own bundle: not the county's words
                text = path.read_text("utf-8", errors="replace")
                assert not [s for s in SAMPLE_TEXT if s in text], path
        home = (site / "index.html").read_text("utf-8")
        assert "青山县文明县城创建" in home and "滇ICP备99999999号-1" in home
    # every data file keeps one commented example of its kind, marked example: true
    for rel in ("events/events.yml", "honorees/honorees.yml", "villages/villages.yml", "reading.yml",
                "pledges.yml", "heritage.yml", "awards.yml"):
        text = (root / "data" / rel).read_text("utf-8")
        assert "#  - id: " in text, rel
        assert rel == "awards.yml" or "#    example: true" in text or "#    example: true" in text.replace("  #", "#"), rel


EDITOR_FILES = {
    "data/events/2025.yml": """events:
  - id: dragon-boat-2025
    title: 端午龙舟赛
    kind: 节庆活动
    summary: 青山河上举办端午龙舟赛。
    start: 2025-05-31
    place: 青山县青山河
    organiser: 青山县文明办
""",
    "data/honorees/2025.yml": """honorees:
  - id: 2025-luo-ping
    name: 罗平
    category: 见义勇为
    place: 青山县河口镇
    summary: 勇救落水群众。
    honours:
      - {award: qingshan-good-people-2025, status: 入选}
""",
    "docs/blog/posts/2025-dragon-boat.md": """---
date: 2025-06-01
slug: dragon-boat-2025
title: 端午龙舟赛圆满举行
authors: [wenmingban]
categories:
  - 节庆活动
---

# 端午龙舟赛圆满举行

详见[端午龙舟赛](../../events/dragon-boat-2025.md)。
""",
    "data/villages/hekou.yml": """villages:
  - id: hekou-village
    name: 河口村
    township: 河口镇
    kind: 村规民约
    articles: [爱护河道，不乱倒垃圾。]
""",
}


def editor_changes(root: Path) -> None:
    """An editor's valid commits: every sample entry gone, one entry of each kind, other settings."""
    for folder in ("events", "honorees", "villages"):
        for path in (root / "data" / folder).glob("*.yml"):
            path.unlink()
    for path in (root / "docs/blog/posts").glob("*.md"):
        path.unlink()
    for rel, text in EDITOR_FILES.items():
        (root / rel).write_text(text, "utf-8")
    awards = root / "data/awards.yml"
    awards.write_text("awards:\n  - {id: qingshan-good-people-2025, name: 2025年“青山好人”, level: 县级, year: 2025}\n",
                      "utf-8")
    practice = root / "data/practice.yml"
    practice.write_text(practice.read_text("utf-8").replace("value: 3260,", "value: 5000,"), "utf-8")
    import yaml
    reading = yaml.safe_load((root / "data/reading.yml").read_text("utf-8"))
    reading["brands"] = [{"id": "river-reading", "name": "河畔读书会", "kind": "城市阅读", "summary": "河边的读书会。"}]
    (root / "data/reading.yml").write_text(yaml.safe_dump(reading, allow_unicode=True, sort_keys=False), "utf-8")
    pledges = yaml.safe_load((root / "data/pledges.yml").read_text("utf-8"))
    pledges["pledges"]["pledges"] = [{"id": "qingshan-pledge", "title": "青山县市民公约", "kind": "市民公约",
                                      "summary": "全县市民的约定。", "articles": ["爱护青山绿水。"]}]
    (root / "data/pledges.yml").write_text(yaml.safe_dump(pledges, allow_unicode=True, sort_keys=False), "utf-8")
    heritage = yaml.safe_load((root / "data/heritage.yml").read_text("utf-8"))
    heritage["heritage"]["sites"] = [{"id": "old-bridge", "name": "古石桥", "kind": "文物古迹", "summary": "清代石拱桥。"}]
    (root / "data/heritage.yml").write_text(yaml.safe_dump(heritage, allow_unicode=True, sort_keys=False), "utf-8")
    site = root / "data/site.yml"
    text = site.read_text("utf-8").replace("青禾县", "青山县").replace("county_short: 青禾", "county_short: 青山")
    site.write_text(text.replace("https://wenming.qinghe.example.cn/", "https://www.qingshan.example.gov.cn/wenming/")
                    .replace('primary: "#1b5e20"', 'primary: "#0d47a1"'), "utf-8")


@pytest.mark.skipif(not (ROOT / "tests/fixture/hooks").exists(), reason="the fixture's links to hooks/ are missing")
def test_editor_changes_pass_the_kits_tests_and_the_countys_checks(tmp_path):
    root = copy_county(tmp_path / "project", COMMANDS + ("tests", "pytest.ini"))
    editor_changes(root)
    checks = county_check(root, tmp_path / "site")
    assert checks.returncode == 0, checks.stdout + checks.stderr
    for url in ("events/dragon-boat-2025/", "honorees/2025-luo-ping/", "villages/hekou-village/",
                "reading/river-reading/", "pledges/qingshan-pledge/", "heritage/old-bridge/"):
        assert (tmp_path / "site" / url / "index.html").is_file(), url
    practice = re.sub(r"<[^>]+>|\s", "", (tmp_path / "site/practice/index.html").read_text("utf-8"))
    assert "5000场次" in practice and "3260" not in practice
    # a sample that builds the fixture county and reads its posts; every kit test is watched anyway
    kit = run(["-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               "tests/pages/test_news.py", "tests/test_separation.py"], root,
              WENMING_TEST_WARM_CACHE=str(WARM[0]) if WARM else "")
    assert kit.returncode == 0, kit.stdout[-3000:] + kit.stderr[-2000:]
    assert " passed" in kit.stdout and " failed" not in kit.stdout
