"""Loading and validating data: the basic rules the build enforces."""
from __future__ import annotations

from conftest import run_build


def test_missing_required_field_stops_the_build_naming_file_line_and_field(project, tmp_path):
    path = project / "data/events/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    place: 青禾县云雾山\n", "", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/events/2023.yml:3:5: 错误: events[0].place: 缺少必填字段“place”" in result.log
    assert not (tmp_path / "site" / "index.html").exists()


def test_unknown_key_is_an_error_with_a_suggestion(project, tmp_path):
    path = project / "data/honorees/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    category: 助人为乐", "    catgory: 助人为乐", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/honorees/2023.yml:6:5: 错误: honorees[0].catgory: 未知字段“catgory”。您是否想写 category？" in result.log


# ---- data is text: HTML typed into any field never runs ---------------------

XSS_STORY = ("<script>alert('story')</script>\n\n"
             "[点我](javascript:alert('link')) [再点](JaVaScRiPt:alert('x')) [图](data:text/html,hi) "
             "<img src=x onerror=alert('inline')> **加粗**\n")


def _xss_project(project):
    events = project / "data/events/2023.yml"
    text = events.read_text("utf-8")
    text = text.replace("    date_text: 2023年\n", "    date_text: <img src=x onerror=alert('date')>2023年\n", 1)
    text = text.replace("        caption: 云雾茶会（示意图）",
                        "        caption: \"<script>alert('caption')</script>云雾茶会\"", 1)
    events.write_text(text, "utf-8")
    honorees = project / "data/honorees/2023.yml"
    story = "".join(f"      {line}\n" if line else "\n" for line in XSS_STORY.splitlines())
    text = honorees.read_text("utf-8")
    marker = "    story: |\n      孙某某是村里的热心人。"
    assert marker in text
    honorees.write_text(text.replace(marker, "    story: |\n" + story + "\n      孙某某是村里的热心人。", 1), "utf-8")


def _scripts_and_handlers(soup):
    bad = [s for s in soup.find_all("script") if "alert(" in (s.string or "")]
    bad += [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    bad += [a for a in soup.find_all(href=True) if a["href"].strip().lower().startswith(("javascript:", "data:"))]
    return bad


def test_html_in_fields_shows_as_text_and_never_runs(project, tmp_path):
    _xss_project(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    event = result.html("events/yunwu-tea-fair/")
    honoree = result.html("honorees/2023-sample-sun/")
    assert "<img src=x onerror=alert('date')>2023年" in event.get_text()
    assert "<script>alert('caption')</script>云雾茶会" in event.get_text()
    story = honoree.select_one(".wm-body")
    assert "<img src=x onerror=alert('inline')>" in story.get_text()
    assert story.find("strong").get_text() == "加粗"
    assert [a.get_text() for a in story.find_all("a")] == ["点我", "再点", "图"]
    assert {a["href"] for a in story.find_all("a")} == {"#"}
    for page in result.all_files():
        if page.suffix == ".html":
            from bs4 import BeautifulSoup
            soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
            assert not _scripts_and_handlers(soup), page


def test_html_in_a_title_stops_the_build_naming_the_field(project, tmp_path):
    path = project / "data/events/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    title: 云雾茶会\n",
                                                    "    title: <script>alert(1)</script>云雾茶会\n", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("data/events/2023.yml:4:12: 错误: events[0].title: “<script>alert(1)</script>云雾茶会”里有半角尖括号"
            "“<”或“>”。") in result.log
    assert not (tmp_path / "site" / "index.html").exists()


def test_withdrawn_and_recommended_honours_reach_no_honoree_page(built):
    """2023-sample-sun is 入选 for one award and only 推荐 for the prefecture list."""
    page = built.html("honorees/2023-sample-sun/")
    honours = [li.select_one(".wm-honour__name").get_text() for li in page.select(".wm-honour")]
    assert honours == ["2023年“青禾好人”"]
    assert "推荐上报" not in page.select_one(".wm-honours").get_text()


def test_urls_do_not_change_when_entries_are_reordered_or_their_text_fixed(tmp_path):
    """URLs come from `id` only: a QR code printed on a poster keeps working."""
    import datetime as dt
    import shutil

    import yaml

    from kit.data import dataset
    from kit.pages import plan
    from conftest import FIXTURE

    def urls(data_dir):
        d = dataset.build(data_dir, data_dir.parent, dt.date(2024, 1, 1), False)
        return sorted(spec.src_uri for spec in plan.specs(d))

    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    before = urls(tmp_path / "data")
    for rel, key in (("events/2023.yml", "events"), ("honorees/2023.yml", "honorees")):
        path = tmp_path / "data" / rel
        content = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
        content[key].reverse()
        for item in content[key]:
            item["title" if key == "events" else "name"] += "（改）"
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
    assert urls(tmp_path / "data") == before
    assert "honorees/2023-sample-sun.md" in before and "events/yunwu-tea-fair.md" in before


def test_check_command_reports_every_problem_and_exits_non_zero(project):
    import subprocess
    import sys

    from conftest import ROOT
    from test_golden import GOLDEN, expected, overlay

    overlay(GOLDEN / "many-problems-one-run", project)
    proc = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "hooks/check.py"), str(project)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    lines = expected(GOLDEN / "many-problems-one-run")
    assert proc.stdout.splitlines() == lines + [f"共发现 {len(lines)} 个错误。请按每一行的提示修改后重试。"]
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert not {"mkdocs", "jieba", "material", "markdown", "PIL"} & imported, "check must stay fast"


def test_check_command_passes_on_the_fixture_county():
    import subprocess
    import sys

    from conftest import FIXTURE, ROOT

    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(FIXTURE)], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 0, proc.stdout
    *notes, last = proc.stdout.splitlines()
    assert last.startswith("数据检查通过")
    # notes (e.g. a weekly event without an end) and site-health reminders do not fail
    assert all(": 提示: " in n or n.startswith("网站健康: ") for n in notes), notes
