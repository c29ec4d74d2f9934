"""sitemap.xml (published pages only, dates from data or git, reproducible gzip),
最近更新 per page, and the 网站地图 page."""
from __future__ import annotations

import gzip
import subprocess
from urllib.parse import unquote

from lxml import etree

from conftest import FIXTURE, run_build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://wenming.qinghe.example.cn/"


def entries(site) -> dict[str, str | None]:
    tree = etree.fromstring((site / "sitemap.xml").read_bytes())
    out = {}
    for url in tree.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc.startswith(SITE_URL)
        out[unquote(loc[len(SITE_URL):])] = url.findtext("s:lastmod", namespaces=NS)
    return out


def html_pages(site) -> set[str]:
    """Every public page; /admin/ (the editors' forms, noindex) is not one."""
    return {unquote(p.parent.relative_to(site).as_posix() + "/").removeprefix("./")
            for p in site.rglob("index.html")} - {"admin/"}


def git_date(*paths: str) -> str | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *paths], cwd=FIXTURE,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def test_sitemap_lists_exactly_the_built_pages(built):
    assert set(entries(built.site)) == html_pages(built.site)


def test_lastmod_comes_from_git_history_not_the_build_date(built):
    got = entries(built.site)
    folder = git_date("data/events")
    assert got["events/ink-kids/"] and (folder is None or got["events/ink-kids/"] <= folder)   # its own lines' date
    assert got["about/"] == git_date("docs/about.md")
    assert got["campaign/"] == git_date("data/campaign.yml")
    shown = built.html("about/").select_one(".wm-updated time")
    assert shown["datetime"] == git_date("docs/about.md")


def test_gzipped_sitemap_is_the_same_document_without_a_timestamp(built):
    raw = (built.site / "sitemap.xml.gz").read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip header MTIME
    assert gzip.decompress(raw) == (built.site / "sitemap.xml").read_bytes()


def test_sitemap_page_links_every_public_page(built):
    soup = built.html("sitemap/")
    assert soup.find("h1").get_text(strip=True) == "网站地图"
    links = set()
    for a in soup.select(".wm-sitemap a"):
        target = (built.site / "sitemap" / a["href"]).resolve()
        assert target.exists(), a["href"]
        if target.is_dir():
            links.add((target.relative_to(built.site.resolve()).as_posix() + "/").removeprefix("./"))
    views = ("blog/archive/", "blog/category/", "blog/page/")
    expected = {u for u in entries(built.site) if not u.startswith(views)}
    assert expected <= links | {"sitemap/"}, expected - links
    headings = [h.get_text(strip=True) for h in soup.select(".wm-sitemap h2")]
    assert headings[:3] == ["首页", "创建进展", "节庆活动"] and "工作动态" in headings


def test_updated_field_wins_and_drafts_stay_out_without_git(project, tmp_path):
    events = project / "data/events/2023.yml"
    text = events.read_text("utf-8")
    text = text.replace("  - id: ink-kids\n", "  - id: ink-kids\n    updated: 2023-06-01\n")
    text = text.replace("  - id: heart-talk\n", "  - id: heart-talk\n    draft: true\n")
    events.write_text(text, "utf-8")
    result = run_build(project, tmp_path / "site")  # a copy outside git: no history at all
    assert result.returncode == 0, result.log
    got = entries(result.site)
    assert got["events/ink-kids/"] == "2023-06-01"
    assert "events/heart-talk/" not in got
    assert got["about/"] is None  # unknown without git: no date rather than the build date
    assert result.html("about/").select_one(".wm-updated") is None
    page = result.html("events/ink-kids/").select_one(".wm-updated").get_text(strip=True)
    assert page == "最近更新：2023年6月1日"


def _commit(repo, day: str, message: str) -> None:
    env = {"GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00",
           "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.cn",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.cn", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def test_an_entry_is_dated_by_its_own_lines_not_by_the_newest_entry_of_its_file(project, tmp_path):
    """One new honoree, or one edited event, must not mark every page of its folder as updated."""
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    _commit(project, "2023-01-05", "开始")
    events = project / "data/events/2023.yml"
    text = events.read_text("utf-8")
    assert text.count("    date_text: 常态化开展\n") == 1 and text.index("常态化开展\n") > text.index("id: heart-talk")
    events.write_text(text.replace("    status: ongoing\n    date_text: 常态化开展\n",
                                   "    status: ongoing\n    date_text: 每周常态化开展\n", 1), "utf-8")
    _commit(project, "2024-03-09", "改一项活动")
    (project / "data/events/2025.yml").write_text(
        "events:\n  - id: new-lantern-2025\n    title: 新增灯会\n    kind: 节庆活动\n    summary: 新增的活动。\n"
        "    start: 2025-02-12\n    place: 广场\n    organiser: 县委宣传部\n", "utf-8")
    _commit(project, "2024-05-01", "新增一项活动")
    (project / "data/events/2026.yml").write_text(     # saved, not committed yet (a preview): today
        "events:\n  - id: not-committed-2026\n    title: 还没提交的活动\n    kind: 节庆活动\n    summary: 刚写的。\n"
        "    start: 2026-02-12\n    place: 广场\n    organiser: 县委宣传部\n", "utf-8")
    (project / "docs/blog/posts/not-committed.md").write_text(
        "---\ndate: 2024-12-30\nslug: not-committed\ntitle: 刚写好的文章\nauthors: [wenmingban]\ncategories:\n"
        "  - 创建动态\n---\n\n# 刚写好的文章\n\n正文。\n", "utf-8")
    result = run_build(project, tmp_path / "site", {"SOURCE_DATE_EPOCH": "1735776000"})   # 2025-01-02 in Beijing
    assert result.returncode == 0, result.log
    got = entries(result.site)
    assert got["events/heart-talk/"] == "2024-03-09"          # its own edit
    assert got["events/ink-kids/"] == "2023-01-05"            # same file, untouched
    assert got["events/new-lantern-2025/"] == "2024-05-01"    # the new one
    assert got["events/not-committed-2026/"] == "2025-01-02"  # its lines are newer than any commit
    assert got["blog/not-committed/"] == "2025-01-02"         # so is a post git does not know yet
    shown = result.html("events/ink-kids/").select_one(".wm-updated time")["datetime"]
    assert shown == "2023-01-05"
